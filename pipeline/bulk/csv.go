package bulk

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	c360sql "github.com/contoso/c360/sql"
)

// segmentBytes is how much CSV a Writer gathers in one file before DuckDB
// inserts it: large enough that each insert fills whole row groups (DuckDB
// then writes them straight to the database file, not through its WAL),
// small enough that the temporary files stay small.
const segmentBytes = 128 << 20

// csvTypes are the DuckDB types read_csv parses each column Type as; the
// INSERT casts them to the table's own column types.
var csvTypes = [...]string{
	String: "VARCHAR", Int64: "BIGINT", Int32: "INTEGER", Int8: "TINYINT", Float64: "DOUBLE",
	Bool: "BOOLEAN", Date: "DATE", Timestamp: "TIMESTAMP", Money: "DECIMAL(18,2)",
}

// csvSink writes rows as CSV into temporary files of about segmentBytes and
// has DuckDB insert each full file while the next is being written. Strings
// are always quoted, so an empty unquoted field is NULL.
type csvSink struct {
	ctx     context.Context
	conn    *sql.Conn
	insert  string // INSERT ... read_csv(%s ...): the file's literal, then its line and buffer sizes
	segment int    // bytes per file
	dir     string // where the files go
	fields  [][]byte
	file    *os.File
	buf     *bufio.Writer
	size    int
	long    int // the longest line in the current file
	line    []byte
	done    chan error // the insert of the previous segment
	busy    bool
}

func newCSVSink(ctx context.Context, conn *sql.Conn, table string, cols []Column, segment int) *csvSink {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s SELECT * FROM read_csv(%%s, header = false, auto_detect = false, "+
		"delim = ',', quote = '\"', escape = '\"', new_line = '\\n', allow_quoted_nulls = false, "+
		"max_line_size = %%d, buffer_size = %%d, columns = {", c360sql.QuoteIdent(table))
	for i, c := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "'c%d': '%s'", i, csvTypes[c.Type])
	}
	b.WriteString("})")
	return &csvSink{dir: fileDir(ctx, conn), ctx: ctx, conn: conn, insert: b.String(), segment: segment, fields: make([][]byte, len(cols)), done: make(chan error, 1)}
}

// fileDir is where a write's files go: beside the database file, whose
// folder c360 keeps private and a later run clears if this one is killed
// (publish.RemoveStale); for a database in memory, os.TempDir.
func fileDir(ctx context.Context, conn *sql.Conn) string {
	var path sql.NullString
	err := conn.QueryRowContext(ctx, "SELECT path FROM duckdb_databases() WHERE database_name = current_database()").Scan(&path)
	if err != nil || path.String == "" {
		return ""
	}
	return filepath.Dir(path.String)
}

// endRow writes the current fields as one CSV line. Fields keep their value
// until set again, as the Appender's row did.
func (s *csvSink) endRow() error {
	if s.file == nil {
		f, err := os.CreateTemp(s.dir, "c360-bulk-*.csv")
		if err != nil {
			return err
		}
		s.file, s.buf, s.size, s.long = f, bufio.NewWriterSize(f, 1<<20), 0, 0
	}
	s.line = s.line[:0]
	for i, f := range s.fields {
		if i > 0 {
			s.line = append(s.line, ',')
		}
		s.line = append(s.line, f...)
	}
	s.line = append(s.line, '\n')
	n, err := s.buf.Write(s.line)
	s.size += n
	s.long = max(s.long, n)
	if err != nil {
		return err
	}
	if s.size >= s.segment {
		return s.flush()
	}
	return nil
}

// flush closes the current file and starts its insert, once the previous
// insert has finished.
func (s *csvSink) flush() error {
	if s.file == nil {
		return nil
	}
	f := s.file
	s.file = nil
	err := s.buf.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if werr := s.wait(); err == nil {
		err = werr
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	s.busy = true
	// DuckDB's reader holds buffers of buffer_size per thread; size them for
	// this file's longest line instead of always for the largest allowed.
	maxLine := max(1<<20, s.long+1)
	insert := fmt.Sprintf(s.insert, c360sql.QuoteLiteral(f.Name()), maxLine, max(4<<20, 2*maxLine))
	go func() {
		_, err := s.conn.ExecContext(s.ctx, insert)
		os.Remove(f.Name())
		s.done <- err
	}()
	return nil
}

// wait returns the error of the insert in flight, if any.
func (s *csvSink) wait() error {
	if !s.busy {
		return nil
	}
	s.busy = false
	return <-s.done
}

// close inserts what is left and waits for it.
func (s *csvSink) close() error {
	err := s.flush()
	if werr := s.wait(); err == nil {
		err = werr
	}
	return err
}

// abort drops the current file and waits for the insert in flight.
func (s *csvSink) abort() {
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
		s.file = nil
	}
	s.wait()
}

func (s *csvSink) null(i int) { s.fields[i] = s.fields[i][:0] }

// str sets a quoted string. Invalid UTF-8 becomes NULL, as the Appender
// stores it (DuckDB's CSV reader would refuse the file).
func (s *csvSink) str(i int, v string) {
	if !utf8.ValidString(v) {
		s.null(i)
		return
	}
	s.quoted(i, v)
}

// quoted sets the quoted string v, valid UTF-8.
func (s *csvSink) quoted(i int, v string) {
	f := appendEscaped(append(s.fields[i][:0], '"'), v)
	s.fields[i] = append(f, '"')
}

// ref sets the quoted string source:id, as str(source + ":" + id) would.
func (s *csvSink) ref(i int, source, id string) {
	if !utf8.ValidString(source) || !utf8.ValidString(id) {
		s.null(i)
		return
	}
	f := appendEscaped(append(s.fields[i][:0], '"'), source)
	f = appendEscaped(append(f, ':'), id)
	s.fields[i] = append(f, '"')
}

// appendEscaped appends v with each quote doubled.
func appendEscaped(f []byte, v string) []byte {
	for {
		j := strings.IndexByte(v, '"')
		if j < 0 {
			break
		}
		f = append(f, v[:j+1]...)
		f = append(f, '"')
		v = v[j+1:]
	}
	return append(f, v...)
}

func (s *csvSink) int(i int, typ Type, v int64) {
	f := s.fields[i][:0]
	switch typ {
	case Date:
		f = time.Unix(v*86400, 0).UTC().AppendFormat(f, time.DateOnly)
	case Timestamp:
		f = time.UnixMicro(v).UTC().AppendFormat(f, "2006-01-02 15:04:05.999999")
	case Money:
		if v < 0 {
			f = append(f, '-')
			v = -v
		}
		f = strconv.AppendInt(f, v/100, 10)
		f = append(f, '.', byte('0'+v%100/10), byte('0'+v%10))
	default:
		f = strconv.AppendInt(f, v, 10)
	}
	s.fields[i] = f
}

func (s *csvSink) float(i int, v float64) {
	f := s.fields[i][:0]
	switch {
	case math.IsNaN(v):
		f = append(f, "nan"...)
	case math.IsInf(v, 1):
		f = append(f, "inf"...)
	case math.IsInf(v, -1):
		f = append(f, "-inf"...)
	default:
		f = strconv.AppendFloat(f, v, 'g', -1, 64)
	}
	s.fields[i] = f
}

func (s *csvSink) bool(i int, v bool) {
	s.fields[i] = strconv.AppendBool(s.fields[i][:0], v)
}

func (s *csvSink) time(i int, typ Type, t time.Time) {
	if typ == Date {
		s.fields[i] = t.AppendFormat(s.fields[i][:0], time.DateOnly)
		return
	}
	s.fields[i] = t.UTC().AppendFormat(s.fields[i][:0], "2006-01-02 15:04:05.999999")
}
