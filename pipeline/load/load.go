// Package load reads one input CSV file into a typed DuckDB table.
//
// Headers are matched by name (case-insensitively, in any order); columns
// the schema does not know are kept as VARCHAR. Each value is checked and
// converted in Go; a row with a bad value becomes a RejectError and the load
// goes on. Rows reach DuckDB in columnar batches (package bulk), never
// through row-by-row INSERTs. For every file, rows read = rows loaded + rows
// rejected.
package load

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

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
	// Progress receives bytes read; nil means progress.Discard.
	Progress progress.Reporter
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
	br := bufio.NewReaderSize(&countingReader{r: f, task: task}, 1<<20)
	base := int64(0)
	if bom, _ := br.Peek(3); string(bom) == "\xef\xbb\xbf" {
		br.Discard(3)
		base = 3
	}
	r := csv.NewReader(br)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("the file is empty (no header)")
		}
		return nil, fmt.Errorf("load %s %s: header: %w", in.Source.Name, in.Name, err)
	}
	header = append([]string(nil), header...)
	layout, err := planColumns(in, header)
	if err != nil {
		return nil, err
	}
	r.FieldsPerRecord = len(header)
	if _, err := conn.ExecContext(ctx, layout.createSQL(in.Source.Table)); err != nil {
		return nil, fmt.Errorf("load %s: create table %s: %w", in.Source.Name, in.Source.Table, err)
	}
	rd := &reader{in: in, opts: opts, layout: layout, csv: r, base: base, size: sizeOf(f)}
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
	if err := rd.fillRaw(f); err != nil {
		return nil, fmt.Errorf("load %s %s: %w", in.Source.Name, in.Name, err)
	}
	res := rd.res
	if res.Read != res.Loaded+len(res.Rejects) {
		return nil, fmt.Errorf("load %s %s: rows read %d != loaded %d + rejected %d",
			in.Source.Name, in.Name, res.Read, res.Loaded, len(res.Rejects))
	}
	return res, nil
}

// sizeOf returns f's size, or 0 when it cannot be read.
func sizeOf(f *os.File) int64 {
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	return st.Size()
}

// countingReader reports bytes read to a progress task every megabyte.
type countingReader struct {
	r       io.Reader
	task    progress.Task
	pending int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.pending += int64(n)
	if c.pending >= 1<<20 || err != nil {
		c.task.Add(c.pending)
		c.pending = 0
	}
	return n, err
}

// reader walks the records of one file.
type reader struct {
	in     Input
	opts   Options
	layout *layout
	csv    *csv.Reader
	base   int64 // bytes skipped before the CSV reader's input (a BOM)
	res    *Result
	keep   []int            // layout column index per Options.Keep field
	size   int64            // the file's size in bytes, to size the key map
	seen   map[string]int   // key -> line, to reject duplicates
	spans  map[int][2]int64 // reject index -> byte span, for fillRaw
	labels []map[string]string
}

func (rd *reader) prepare() error {
	// A key map that grows row by row rehashes a million-row file many
	// times over; size it for the file, guessing 48 bytes a row at least.
	rd.seen = make(map[string]int, min(rd.size/48, 1<<24))
	rd.spans = make(map[int][2]int64)
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
	if rd.opts.CollectKeys {
		rd.res.Keys = make(map[string]struct{})
	}
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

// cell is one converted value: text in s, a number in n (days for a date,
// microseconds for a timestamp, cents for money) or f.
type cell struct {
	null bool
	s    string
	n    int64
	f    float64
}

// rows reads every data record and writes the good ones.
func (rd *reader) rows(ctx context.Context, w *bulk.Writer) error {
	cells := make([]cell, len(rd.layout.cols))
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		start := rd.csv.InputOffset()
		rec, err := rd.csv.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		rd.res.Read++
		end := rd.csv.InputOffset()
		if err != nil {
			rd.rejectCSV(err, start, end)
			continue
		}
		line, _ := rd.csv.FieldPos(0)
		if rej := rd.convert(rec, line, cells); rej != nil {
			rd.reject(rej, start, end)
			continue
		}
		rd.write(w, line, cells)
		if err := w.EndRow(); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		rd.keepRow(rec, line)
	}
}

func (rd *reader) keepRow(rec []string, line int) {
	rd.res.Loaded++
	if rd.keep == nil {
		return
	}
	for k, i := range rd.keep {
		field := rd.opts.Keep[k]
		rd.res.Kept[field] = append(rd.res.Kept[field], strings.TrimSpace(rec[rd.layout.cols[i].index]))
	}
	rd.res.Lines = append(rd.res.Lines, line)
}

func (rd *reader) reject(e *RejectError, start, end int64) {
	e.Source, e.File = rd.in.Source.Name, rd.in.Name
	rd.spans[len(rd.res.Rejects)] = [2]int64{rd.base + start, rd.base + end}
	rd.res.Rejects = append(rd.res.Rejects, e)
}

func (rd *reader) rejectCSV(err error, start, end int64) {
	e := &RejectError{Err: fmt.Errorf("%w: %v", ErrCSV, err)}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		e.Line, e.Position = pe.StartLine, pe.Column
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			n := len(rd.layout.header)
			e.Err = fmt.Errorf("%w: want %d", ErrFields, n)
			e.Position = 0
		} else {
			e.Err = fmt.Errorf("%w: line %d, column %d: %v", ErrCSV, pe.Line, pe.Column, pe.Err)
		}
	}
	rd.reject(e, start, end)
}

// write puts a converted row into w: its line, then its cells.
func (rd *reader) write(w *bulk.Writer, line int, cells []cell) {
	w.Int64(0, int64(line))
	for i, c := range cells {
		switch {
		case c.null:
			w.Null(i + 1)
		case rd.layout.cols[i].spec.Kind == sources.Text:
			w.String(i+1, c.s)
		case rd.layout.cols[i].spec.Kind == sources.Float:
			w.Float64(i+1, c.f)
		default:
			w.Int64(i+1, c.n)
		}
	}
}

// convert checks and converts one record into cells; a nil result means
// the row is good. Nothing is written until every value has converted, so a
// rejected row leaves no trace in the table.
func (rd *reader) convert(rec []string, line int, cells []cell) *RejectError {
	for i, c := range rd.layout.cols {
		raw := strings.TrimSpace(rec[c.index])
		v, err := rd.value(i, raw)
		if err != nil {
			return &RejectError{Line: line, Column: c.name, Position: c.index + 1, Value: raw, Err: err}
		}
		cells[i] = v
	}
	if k := rd.layout.key; k >= 0 {
		c := rd.layout.cols[k]
		key := strings.TrimSpace(rec[c.index])
		if first, dup := rd.seen[key]; dup {
			return &RejectError{Line: line, Column: c.name, Position: c.index + 1, Value: key,
				Err: fmt.Errorf("%w: first seen on line %d", ErrDuplicate, first)}
		}
		rd.seen[strings.Clone(key)] = line // a copy: the key alone, not its whole record, stays alive
		if rd.res.Keys != nil {
			rd.res.Keys[key] = struct{}{}
		}
	}
	return nil
}

// value converts the raw text of layout column i.
func (rd *reader) value(i int, raw string) (cell, error) {
	c := rd.layout.cols[i]
	if raw == "" {
		if c.spec.Required {
			return cell{}, ErrRequired
		}
		return cell{null: true}, nil
	}
	if !utf8.ValidString(raw) {
		return cell{}, fmt.Errorf("%w: not valid UTF-8", ErrCSV)
	}
	if m := rd.labels[i]; m != nil {
		canon, ok := m[strings.ToLower(raw)]
		switch {
		case ok:
			raw = canon
		case c.spec.Open && !isWholeNumber(raw):
			// An open choice keeps a label it does not know, as written.
		case c.spec.Open:
			return cell{}, fmt.Errorf("%w: option value %s has no label (give it one in sales_process.option_labels)", ErrLabel, raw)
		default:
			return cell{}, fmt.Errorf("%w (want one of %s)", ErrLabel, labelList(c.spec.Labels))
		}
	}
	if c.spec.Ref != "" && !rd.refExists(c.spec.Ref, raw) {
		return cell{}, fmt.Errorf("%w: no %s %q", ErrDangling, c.spec.Ref, raw)
	}
	return convertKind(c.spec, raw)
}

func (rd *reader) refExists(ref, key string) bool {
	for _, r := range strings.Split(ref, "|") {
		src, _, _ := strings.Cut(r, ".")
		if _, ok := rd.opts.Keys[src][key]; ok {
			return true
		}
	}
	return false
}

// convertKind turns non-empty text into a cell for the column's type.
func convertKind(c sources.Column, raw string) (cell, error) {
	switch c.Kind {
	case sources.Text:
		return cell{s: raw}, nil
	case sources.Date:
		t, err := parseDate(raw)
		return cell{n: bulk.DaysSinceEpoch(t)}, err
	case sources.Timestamp:
		t, err := parseTimestamp(raw)
		return cell{n: t.UnixMicro()}, err
	case sources.Money:
		cents, err := parseMoney(raw)
		if err != nil {
			return cell{}, err
		}
		return cell{n: cents}, checkRange(float64(cents)/100, c.Min, c.Max)
	case sources.Int:
		v, err := parseInt(raw)
		if err != nil {
			return cell{}, err
		}
		return cell{n: v}, checkRange(float64(v), c.Min, c.Max)
	case sources.Float:
		v, err := parseFloat(raw)
		if err != nil {
			return cell{}, err
		}
		return cell{f: v}, checkRange(v, c.Min, c.Max)
	}
	return cell{}, fmt.Errorf("unknown column kind %d", c.Kind)
}

// fillRaw reads the text of each rejected record back from the file.
func (rd *reader) fillRaw(f *os.File) error {
	for i, e := range rd.res.Rejects {
		span := rd.spans[i]
		n := span[1] - span[0]
		if n > 1<<16 {
			n = 1 << 16 // a runaway quoted field; keep the start
		}
		buf := make([]byte, n)
		if _, err := f.ReadAt(buf, span[0]); err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read rejected line %d: %w", e.Line, err)
		}
		e.Raw = strings.TrimRight(string(buf), "\r\n")
		if e.Line == 0 {
			e.Line = rd.lineAt(f, span[0])
		}
	}
	return nil
}

// lineAt counts the lines before byte offset off; used only for rows whose
// CSV error carried no position.
func (rd *reader) lineAt(f *os.File, off int64) int {
	r := bufio.NewReader(io.NewSectionReader(f, 0, off))
	line := 1
	for {
		b, err := r.ReadByte()
		if err != nil {
			return line
		}
		if b == '\n' {
			line++
		}
	}
}
