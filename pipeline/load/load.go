// Package load reads one input CSV file into a typed DuckDB table.
//
// Headers are matched by name (case-insensitively, in any order); columns
// the schema does not know are kept as VARCHAR. Each value is checked and
// converted in Go; a row with a bad value becomes a RejectError and the load
// goes on. Rows reach DuckDB in columnar batches (package bulk), never
// through row-by-row INSERTs.
//
// The file is split into records by the package's own scanner, which knows
// the bytes and physical lines of each, so nothing is lost unseen: for every
// file, rows read = rows loaded + rows rejected, and the bytes and lines of
// the skipped (header, blank), loaded and rejected records add up to the
// file's (Accounting), or the load fails.
package load

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/contoso/c360/pipeline/bulk"
	"github.com/contoso/c360/pipeline/progress"
	"github.com/contoso/c360/transform/sources"
)

// LineField is the column every loaded table gets: the line in the input
// file where the row starts (the header is line 1).
const LineField = "source_line"

// Input names one file to load.
type Input struct {
	Source sources.Source
	Path   string // the local file to read
	Name   string // the file name shown in messages, e.g. "Contact.txt"
	// Encoding is the file's text encoding, one of Encodings(); "" means
	// UTF-8. A byte order mark overrides it.
	Encoding string
}

// Options tune a load. The zero value loads the file and keeps nothing in memory.
type Options struct {
	// Keep lists fields whose trimmed text is also returned in Result.Kept,
	// one value per loaded row (the normalize stage reads person fields
	// from there instead of querying DuckDB).
	Keep []string
	// Keys holds the key sets of sources loaded earlier, by source name;
	// a column whose Ref names one of them is checked against it.
	Keys map[string]map[string]struct{}
	// CollectKeys makes Result.Keys hold the loaded keys, for later Ref checks.
	CollectKeys bool
	// Row, when set, is called for every loaded row, in file order, with
	// its line and a func returning the trimmed text of one of its fields
	// ("" for a field the source does not have). It may not keep the func
	// or the texts it returns past the call, and an error stops the load.
	// It lets the normalize work stream instead of holding rows (Keep).
	Row func(line int, field func(name string) string) error
	// Progress receives bytes read; nil means progress.Discard.
	Progress progress.Reporter
	// MaxQuotedBytes and MaxQuotedLines bound a quoted field that runs over
	// line ends: past either its quote is judged stray (see scanner);
	// 0 means DefaultMaxQuotedBytes and DefaultMaxQuotedLines.
	MaxQuotedBytes, MaxQuotedLines int
	// Dates bounds every date and timestamp value; the zero Window is
	// DefaultDates.
	Dates Window
	// BirthDates bounds the source's birth dates (its People fields for
	// transform.BirthDate); the zero Window is DefaultBirthDates.
	BirthDates Window
}

// Result describes one loaded file.
type Result struct {
	Source  string
	File    string
	Table   string
	Header  []string // the header as read
	Read    int      // data rows read
	Loaded  int      // rows appended to the table
	Rejects []*RejectError
	Kept    map[string][]string // field -> value per loaded row (see Options.Keep)
	Lines   []int               // line of each loaded row, when Keep is set
	Keys    map[string]struct{} // loaded keys, when Options.CollectKeys is set
	// Accounting splits the file's bytes and lines into skipped, loaded and
	// rejected; File always checks against the file's size.
	Accounting Accounting
}

// File loads in into a new table named in.Source.Table on conn, replacing
// any table of that name. Bad rows are collected in Result.Rejects; an error
// is returned only when the file cannot be read, its header lacks required
// columns, or DuckDB fails.
func File(ctx context.Context, conn *sql.Conn, in Input, opts Options) (*Result, error) {
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", in.Source.Name, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", in.Source.Name, err)
	}
	rep := opts.Progress
	if rep == nil {
		rep = progress.Discard
	}
	task := rep.Start("load "+in.Source.Name, st.Size(), "bytes")
	res, err := loadFile(ctx, conn, in, opts, f, task)
	task.Done(err)
	return res, err
}

func loadFile(ctx context.Context, conn *sql.Conn, in Input, opts Options, f *os.File, task progress.Task) (*Result, error) {
	size := sizeOf(f)
	counted := &countingReader{r: f, task: task}
	lr, err := newLineReader(counted, in.Encoding)
	if err != nil {
		return nil, fmt.Errorf("load %s %s: %w", in.Source.Name, in.Name, err)
	}
	sc := newScanner(lr, opts.MaxQuotedBytes, opts.MaxQuotedLines)
	var acct Accounting
	acct.Skipped.add(lr.bom, 0)
	header, err := readHeader(sc, &acct)
	if err != nil {
		return nil, fmt.Errorf("load %s %s: header: %w", in.Source.Name, in.Name, err)
	}
	layout, err := planColumns(in, header)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, layout.createSQL(in.Source.Table)); err != nil {
		return nil, fmt.Errorf("load %s: create table %s: %w", in.Source.Name, in.Source.Table, err)
	}
	rd := &reader{in: in, opts: opts, layout: layout, scan: sc, size: size, acct: acct}
	rd.res = &Result{Source: in.Source.Name, File: in.Name, Table: in.Source.Table, Header: header}
	if err := rd.prepare(); err != nil {
		return nil, err
	}
	err = bulk.Write(ctx, conn, in.Source.Table, layout.bulkColumns(), func(w *bulk.Writer) error {
		return rd.rows(ctx, w)
	})
	if err != nil {
		return nil, fmt.Errorf("load %s %s: %w", in.Source.Name, in.Name, err)
	}
	res := rd.res
	for k, field := range opts.Keep {
		res.Kept[field] = rd.kept[k]
	}
	rd.acct.File = Span{Bytes: counted.total, Lines: lr.lines}
	if !lr.wide {
		rd.acct.File.Lines = counted.lines()
	}
	res.Accounting = rd.acct
	if err := res.Accounting.Check(size); err != nil {
		return nil, fmt.Errorf("load %s %s: %w", in.Source.Name, in.Name, err)
	}
	if res.Read != res.Loaded+len(res.Rejects) {
		return nil, fmt.Errorf("load %s %s: %w: rows read %d != loaded %d + rejected %d",
			in.Source.Name, in.Name, ErrAccounting, res.Read, res.Loaded, len(res.Rejects))
	}
	return res, nil
}

// readHeader reads the header record, skipping blank lines before it.
func readHeader(sc *scanner, acct *Accounting) ([]string, error) {
	for {
		rec, err := sc.next()
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the file is empty (no header)")
		}
		if err != nil {
			return nil, err
		}
		acct.Skipped.add(rec.bytes, rec.lines)
		if rec.blank {
			continue
		}
		if rec.err != nil {
			return nil, rec.err
		}
		return slices.Clone(rec.fields), nil
	}
}

// sizeOf returns f's size, or 0 when it cannot be read.
func sizeOf(f *os.File) int64 {
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	return st.Size()
}

// countingReader counts the bytes and newlines read, and reports bytes to a
// progress task every megabyte.
type countingReader struct {
	r        io.Reader
	task     progress.Task
	pending  int64
	total    int64
	newlines int64
	last     byte
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.total += int64(n)
		c.newlines += int64(bytes.Count(p[:n], []byte{'\n'}))
		c.last = p[n-1]
	}
	c.pending += int64(n)
	if c.pending >= 1<<20 || err != nil {
		c.task.Add(c.pending)
		c.pending = 0
	}
	return n, err
}

// lines is the number of physical lines read: newlines, plus a last line
// that lacks one.
func (c *countingReader) lines() int64 {
	if c.total > 0 && c.last != '\n' {
		return c.newlines + 1
	}
	return c.newlines
}

// reader walks the records of one file.
type reader struct {
	in      Input
	opts    Options
	layout  *layout
	scan    *scanner
	acct    Accounting
	res     *Result
	keep    []int          // layout column index per Options.Keep field
	kept    [][]string     // the values of each Options.Keep field, for Result.Kept
	byField map[string]int // layout column index by field, for Options.Row
	size    int64          // the file's size in bytes, to foresee its rows
	seen    *keySet        // the keys loaded so far, to reject duplicates
	labels  []map[string]string
	windows []Window // per layout column: the dates it accepts
}

func (rd *reader) prepare() error {
	rd.seen = newKeySet()
	if len(rd.opts.Keep) > 0 {
		rd.res.Kept = make(map[string][]string, len(rd.opts.Keep))
	}
	for _, field := range rd.opts.Keep {
		i := rd.layout.fieldIndex(field)
		if i < 0 {
			return fmt.Errorf("load %s: keep: no field %q", rd.in.Source.Name, field)
		}
		rd.keep = append(rd.keep, i)
	}
	rd.kept = make([][]string, len(rd.keep))
	if rd.opts.Row != nil {
		rd.byField = make(map[string]int, len(rd.layout.cols))
		for i, c := range rd.layout.cols {
			rd.byField[c.spec.Field] = i
		}
	}
	if rd.opts.CollectKeys {
		rd.res.Keys = make(map[string]struct{})
	}
	rd.windows = rd.dateWindows()
	rd.labels = make([]map[string]string, len(rd.layout.cols))
	for i, c := range rd.layout.cols {
		if c.spec.Choice != "" && c.spec.Labels == nil {
			return fmt.Errorf("load %s: column %s takes its labels from the sales process, and none were given", rd.in.Source.Name, c.spec.Name)
		}
		if c.spec.Labels != nil {
			m := make(map[string]string, len(c.spec.Labels))
			for k, v := range c.spec.Labels {
				m[strings.ToLower(k)] = v
			}
			rd.labels[i] = m
		}
	}
	for _, c := range rd.layout.cols {
		if c.spec.Ref == "" {
			continue
		}
		for _, ref := range strings.Split(c.spec.Ref, "|") {
			src, _, _ := strings.Cut(ref, ".")
			if _, ok := rd.opts.Keys[src]; !ok {
				return fmt.Errorf("load %s: column %s refers to %s, which is not loaded yet", rd.in.Source.Name, c.spec.Name, ref)
			}
		}
	}
	return nil
}

// rows reads every data record and writes the good ones.
func (rd *reader) rows(ctx context.Context, w *bulk.Writer) error {
	cells := make([]cell, len(rd.layout.cols))
	want := len(rd.layout.header)
	var fields []string // the row Options.Row is called for
	field := func(name string) string {
		if i, ok := rd.byField[name]; ok {
			return strings.TrimSpace(fields[rd.layout.cols[i].index])
		}
		return ""
	}
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		rec, err := rd.scan.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read: %w", err)
		}
		if rec.blank {
			rd.acct.Skipped.add(rec.bytes, rec.lines)
			continue
		}
		rd.res.Read++
		if rd.res.Read == sizingRows {
			rd.reserve(rd.expectedRows())
		}
		if rec.err != nil {
			rd.rejectSyntax(rec)
			continue
		}
		if len(rec.fields) != want {
			rd.reject(&RejectError{Line: rec.line, Err: fmt.Errorf("%w: want %d, found %d", ErrFields, want, len(rec.fields))}, rec)
			continue
		}
		if rej := rd.convert(rec.fields, rec.line, cells); rej != nil {
			rd.reject(rej, rec)
			continue
		}
		rd.write(w, rec.line, cells)
		if err := w.EndRow(); err != nil {
			return fmt.Errorf("line %d: %w", rec.line, err)
		}
		rd.keepRow(rec.fields, rec.line)
		rd.acct.Loaded.add(rec.bytes, rec.lines)
		if rd.opts.Row != nil {
			fields = rec.fields
			if err := rd.opts.Row(rec.line, field); err != nil {
				return fmt.Errorf("line %d: %w", rec.line, err)
			}
		}
	}
}

// sizingRows is how many rows are read before the rows to come are
// foreseen from their bytes.
const sizingRows = 4096

// reserve makes room for n rows in the key set and the kept values, which
// would otherwise double (and copy) themselves a score of times.
func (rd *reader) reserve(n int) {
	rd.seen.reserve(n)
	if rd.keep == nil {
		return
	}
	more := n - len(rd.res.Lines)
	for k := range rd.kept {
		rd.kept[k] = slices.Grow(rd.kept[k], more)
	}
	rd.res.Lines = slices.Grow(rd.res.Lines, more)
}

// expectedRows foresees the file's data rows from the bytes of those read
// so far, with a tenth more for rows shorter than these.
func (rd *reader) expectedRows() int {
	a := rd.acct
	read := a.Skipped.Bytes + a.Loaded.Bytes + a.Rejected.Bytes
	if read <= 0 || rd.size <= read {
		return rd.res.Read
	}
	return int(float64(rd.size) / float64(read) * float64(rd.res.Read) * 1.1)
}

func (rd *reader) keepRow(rec []string, line int) {
	rd.res.Loaded++
	if rd.keep == nil {
		return
	}
	for k, i := range rd.keep {
		rd.kept[k] = append(rd.kept[k], strings.TrimSpace(rec[rd.layout.cols[i].index]))
	}
	rd.res.Lines = append(rd.res.Lines, line)
}

// maxRawBytes caps the text of a rejected record kept in RejectError.Raw.
const maxRawBytes = 1 << 16

func (rd *reader) reject(e *RejectError, rec *record) {
	e.Source, e.File = rd.in.Source.Name, rd.in.Name
	if e.Line == 0 {
		e.Line = rec.line
	}
	raw := rec.text
	if len(raw) > maxRawBytes {
		raw = raw[:maxRawBytes] // a runaway record; keep its start
	}
	e.Raw = string(bytes.TrimRight(raw, "\r\n"))
	rd.res.Rejects = append(rd.res.Rejects, e)
	rd.acct.Rejected.add(rec.bytes, rec.lines)
}

func (rd *reader) rejectSyntax(rec *record) {
	e := &RejectError{Line: rec.line, Err: fmt.Errorf("%w: %v", ErrCSV, rec.err)}
	var se *syntaxError
	if errors.As(rec.err, &se) {
		e.Position = se.column
		e.Err = fmt.Errorf("%w: %w", ErrCSV, se)
	}
	rd.reject(e, rec)
}

// write puts a converted row into w: its line, then its cells.
func (rd *reader) write(w *bulk.Writer, line int, cells []cell) {
	w.Int64(0, int64(line))
	for i, c := range cells {
		switch {
		case c.null:
			w.Null(i + 1)
		case rd.layout.cols[i].spec.Kind == sources.Text:
			w.ValidString(i+1, c.s) // value checked it
		case rd.layout.cols[i].spec.Kind == sources.Float:
			w.Float64(i+1, c.f)
		default:
			w.Int64(i+1, c.n)
		}
	}
}
