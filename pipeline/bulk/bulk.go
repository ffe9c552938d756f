// Package bulk moves many rows between Go and DuckDB in batches: Write
// fills a table by writing its rows as CSV into temporary files of about
// 128 MiB and having DuckDB insert each with read_csv while the next is
// written (csv.go), and Read (read.go) scans a query's result as Arrow
// record batches. c360 never moves rows with row-by-row INSERTs or SELECT
// scans.
//
// We measured the alternatives at one million rows of 26 strings, a date
// and a number, into a database file: the Appender wrote them in 12.4–15.5 s
// (6.5 s into a TEMP table), CSV files and read_csv in 10.8 s (3.4 s into a
// TEMP table), of which writing the CSV took 1.5–2.1 s; Arrow record
// batches inserted per batch took 14–21 s plus a 4–8 s checkpoint, and one
// Arrow insert of the whole table matched the Appender but held the table
// twice in memory. Rows with a StringList column still go through the
// Appender (CSV has no lists); those tables are small.
//
// The temporary files go beside the database file (os.TempDir for a
// database in memory); at most two per Write exist at a time.
//
// Read needs the duckdb_arrow build tag, which the Makefile sets.
package bulk

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// Type is the type of a column as written.
type Type uint8

// The column types. The target table's columns must accept them.
const (
	String     Type = iota // VARCHAR
	Int64                  // BIGINT (or INTEGER, TINYINT: set with Int64)
	Int32                  // INTEGER
	Int8                   // TINYINT
	Float64                // DOUBLE
	Bool                   // BOOLEAN
	Date                   // DATE: set with Time, or Int64 days since 1970-01-01
	Timestamp              // TIMESTAMP: set with Time, or Int64 microseconds since 1970-01-01 UTC
	Money                  // DECIMAL(18,2): set with Int64 cents
	StringList             // VARCHAR[]
)

// Column is one column of the rows a Writer writes, in table order.
type Column struct {
	Name string
	Type Type
}

// Writer gathers one row at a time for an Appender. Set every column (or
// Null it), then call EndRow. A Writer lives only inside Write's fill.
type Writer struct {
	ctx   context.Context
	csv   *csvSink // nil: the Appender
	app   *duckdb.Appender
	types []Type
	row   []driver.Value
	rows  int
}

// Write appends the rows fill produces to table, whose columns are cols in
// order. It returns fill's error, or DuckDB's.
func Write(ctx context.Context, conn *sql.Conn, table string, cols []Column, fill func(w *Writer) error) error {
	types := make([]Type, len(cols))
	lists := false
	for i, c := range cols {
		types[i] = c.Type
		lists = lists || c.Type == StringList
	}
	if !lists {
		return writeCSV(ctx, conn, table, cols, types, segmentBytes, fill)
	}
	err := conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		if err != nil {
			return err
		}
		w := &Writer{ctx: ctx, app: app, types: types, row: make([]driver.Value, len(cols))}
		if err := fill(w); err != nil {
			app.Close()
			return err
		}
		return app.Close()
	})
	if err != nil {
		return fmt.Errorf("bulk: write %s: %w", table, err)
	}
	return nil
}

// writeCSV is Write through csvSink.
func writeCSV(ctx context.Context, conn *sql.Conn, table string, cols []Column, types []Type, segment int, fill func(w *Writer) error) error {
	sink := newCSVSink(ctx, conn, table, cols, segment)
	w := &Writer{ctx: ctx, csv: sink, types: types}
	err := fill(w)
	if err != nil {
		sink.abort()
		return fmt.Errorf("bulk: write %s: %w", table, err)
	}
	if err := sink.close(); err != nil {
		return fmt.Errorf("bulk: write %s: %w", table, err)
	}
	return nil
}

// String sets column i of the current row. A string that is not valid
// UTF-8 is stored as NULL.
func (w *Writer) String(i int, v string) {
	if w.csv != nil {
		w.csv.str(i, v)
		return
	}
	w.row[i] = v
}

// ValidString is String for a v the caller knows to be valid UTF-8,
// which it does not check again: load checks every field as it reads it,
// and checking again cost a million-person load 0.7 s of CPU. Should v
// not be valid after all, DuckDB refuses the insert and Write fails.
func (w *Writer) ValidString(i int, v string) {
	if w.csv != nil {
		w.csv.quoted(i, v)
		return
	}
	w.row[i] = v
}

// Ref sets column i to source + ":" + id (a record's reference,
// "contacts:CNTID_1002") without making that string.
func (w *Writer) Ref(i int, source, id string) {
	if w.csv != nil {
		w.csv.ref(i, source, id)
		return
	}
	w.row[i] = source + ":" + id
}

// OptString sets column i to v, or NULL when v is empty.
func (w *Writer) OptString(i int, v string) {
	if v == "" {
		w.Null(i)
		return
	}
	w.String(i, v)
}

// Int64 sets column i of the current row: a number, or for Date columns
// days since 1970-01-01, for Timestamp columns microseconds since
// 1970-01-01 UTC, and for Money columns cents.
func (w *Writer) Int64(i int, v int64) {
	if w.csv != nil {
		w.csv.int(i, w.types[i], v)
		return
	}
	switch w.types[i] {
	case Date:
		w.row[i] = time.Unix(v*86400, 0).UTC()
	case Timestamp:
		w.row[i] = time.UnixMicro(v).UTC()
	case Int32:
		w.row[i] = int32(v)
	case Int8:
		w.row[i] = int8(v)
	default: // Int64, and Money: the driver stores an integer into DECIMAL(18,2) as its unscaled value
		w.row[i] = v
	}
}

// Float64 sets column i of the current row.
func (w *Writer) Float64(i int, v float64) {
	if w.csv != nil {
		w.csv.float(i, v)
		return
	}
	w.row[i] = v
}

// Bool sets column i of the current row.
func (w *Writer) Bool(i int, v bool) {
	if w.csv != nil {
		w.csv.bool(i, v)
		return
	}
	w.row[i] = v
}

// Time sets a Date or Timestamp column i of the current row.
func (w *Writer) Time(i int, t time.Time) {
	if w.csv != nil {
		w.csv.time(i, w.types[i], t)
		return
	}
	if w.types[i] == Date {
		y, m, d := t.Date()
		t = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	w.row[i] = t.UTC()
}

// Strings sets StringList column i of the current row.
func (w *Writer) Strings(i int, v []string) {
	if v == nil {
		v = []string{}
	}
	w.row[i] = v
}

// Null sets column i of the current row to NULL.
func (w *Writer) Null(i int) {
	if w.csv != nil {
		w.csv.null(i)
		return
	}
	w.row[i] = nil
}

// EndRow appends the current row.
func (w *Writer) EndRow() error {
	w.rows++
	if w.rows%4096 == 0 && w.ctx.Err() != nil {
		return w.ctx.Err()
	}
	if w.csv != nil {
		return w.csv.endRow()
	}
	return w.app.AppendRow(w.row...)
}

// Rows returns the number of rows appended so far.
func (w *Writer) Rows() int { return w.rows }

// DaysSinceEpoch returns the day number of t's calendar date, for Date columns.
func DaysSinceEpoch(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}
