package bulk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestCSVValues writes awkward values through the CSV path, in segments of
// a few rows, and reads back exactly what was set.
func TestCSVValues(t *testing.T) {
	ctx := context.Background()
	conn := openConn(t)
	_, err := conn.ExecContext(ctx, `CREATE TABLE t (s VARCHAR, i BIGINT, n INTEGER, k TINYINT, f DOUBLE,
		b BOOLEAN, d DATE, ts TIMESTAMP, m DECIMAL(18,2))`)
	if err != nil {
		t.Fatal(err)
	}
	cols := []Column{{Name: "s", Type: String}, {Name: "i", Type: Int64}, {Name: "n", Type: Int32}, {Name: "k", Type: Int8},
		{Name: "f", Type: Float64}, {Name: "b", Type: Bool}, {Name: "d", Type: Date}, {Name: "ts", Type: Timestamp}, {Name: "m", Type: Money}}
	types := make([]Type, len(cols))
	for i, c := range cols {
		types[i] = c.Type
	}
	strs := []string{"Zoë", "", `say "hi", then go`, "line\r\nbreak", `\N`, " lead and trail ", "a\x00b", "bad\xffbyte", strings.Repeat("long ", 1<<20)}
	floats := []float64{0.1, -1e-300, math.MaxFloat64, math.Inf(1), math.Inf(-1), 1.0 / 3, 0, 5e-324, 123456789.125}
	ts := time.Date(2026, 11, 27, 21, 9, 43, 123456000, time.UTC)
	err = writeCSV(ctx, conn, "t", cols, types, 100, func(w *Writer) error {
		for r, s := range strs {
			w.String(0, s)
			w.Int64(1, int64(r)-4)
			w.Int64(2, -7)
			w.Int64(3, int64(r))
			w.Float64(4, floats[r])
			w.Bool(5, r%2 == 0)
			w.Int64(6, int64(r)*1000-20000) // days
			w.Time(7, ts.Add(time.Duration(r)*time.Hour))
			w.Int64(8, int64(r*r*1001)-5) // cents
			if err := w.EndRow(); err != nil {
				return err
			}
		}
		w.Null(0)
		w.OptString(0, "") // NULL too
		for i := 1; i < len(cols); i++ {
			w.Null(i)
		}
		return w.EndRow()
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT s, i, n, k, f, b, d::VARCHAR, ts, m::VARCHAR FROM t ORDER BY i NULLS LAST`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	r := 0
	for ; rows.Next(); r++ {
		var s, d, m *string
		var i, n, k *int64
		var f *float64
		var b *bool
		var tm *time.Time
		if err := rows.Scan(&s, &i, &n, &k, &f, &b, &d, &tm, &m); err != nil {
			t.Fatal(err)
		}
		if r == len(strs) {
			if s != nil || i != nil || f != nil || b != nil || d != nil || tm != nil || m != nil {
				t.Errorf("last row is not all NULL")
			}
			continue
		}
		want := strs[r]
		if r == 7 {
			if s != nil {
				t.Errorf("row %d: invalid UTF-8 stored as %q, want NULL (as the Appender stores it)", r, *s)
			}
		} else if s == nil || *s != want {
			t.Errorf("row %d: string %v, want %q", r, s, want)
		}
		wantDay := time.Unix((int64(r)*1000-20000)*86400, 0).UTC().Format(time.DateOnly)
		wantCents := int64(r*r*1001) - 5
		got := []any{*i, *n, *k, *f, *b, *d, tm.UTC(), *m}
		exp := []any{int64(r) - 4, int64(-7), int64(r), floats[r], r%2 == 0, wantDay, ts.Add(time.Duration(r) * time.Hour), money(wantCents)}
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("row %d = %v\nwant     %v", r, got, exp)
		}
	}
	if r != len(strs)+1 {
		t.Errorf("read %d rows, want %d", r, len(strs)+1)
	}
}

// Ref stores what String(source + ":" + id) would, quotes and all.
func TestCSVRef(t *testing.T) {
	ctx := context.Background()
	conn := openConn(t)
	if _, err := conn.ExecContext(ctx, `CREATE TABLE t (n INTEGER, r VARCHAR)`); err != nil {
		t.Fatal(err)
	}
	refs := [][2]string{{"contacts", "CNTID_1002"}, {"loyalty", `say "hi", then`}, {"", ""}, {"a\nb", "x"}, {"ok", "bad\xffbyte"}}
	cols := []Column{{Name: "n", Type: Int32}, {Name: "r", Type: String}}
	err := writeCSV(ctx, conn, "t", cols, []Type{Int32, String}, 1<<20, func(w *Writer) error {
		for n, r := range refs {
			w.Int64(0, int64(n))
			w.Ref(1, r[0], r[1])
			if err := w.EndRow(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(ctx, `SELECT r FROM t ORDER BY n`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for n := 0; rows.Next(); n++ {
		var got *string
		if err := rows.Scan(&got); err != nil {
			t.Fatal(err)
		}
		want := refs[n][0] + ":" + refs[n][1]
		if n == len(refs)-1 {
			if got != nil {
				t.Errorf("invalid UTF-8 stored as %q, want NULL", *got)
			}
		} else if got == nil || *got != want {
			t.Errorf("ref %d = %v, want %q", n, got, want)
		}
	}
}

func money(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

// TestCSVFillError leaves no rows and no temporary files behind when fill fails.
func TestCSVFillError(t *testing.T) {
	ctx := context.Background()
	conn := openConn(t)
	if _, err := conn.ExecContext(ctx, `CREATE TABLE t (s VARCHAR)`); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", t.TempDir())
	boom := errors.New("boom")
	err := Write(ctx, conn, "t", []Column{{Name: "s", Type: String}}, func(w *Writer) error {
		w.String(0, "x")
		if err := w.EndRow(); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	var n int
	conn.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&n)
	left, _ := filepath.Glob(filepath.Join(os.TempDir(), "c360-bulk-*"))
	if n != 0 || len(left) != 0 {
		t.Errorf("rows %d, files left %v; want none", n, left)
	}
}

// TestCSVFilesBesideDatabase writes its files in the database file's folder
// and leaves none there.
func TestCSVFilesBesideDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sql.Open("duckdb", filepath.Join(dir, "x.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if got := fileDir(ctx, conn); got != dir {
		t.Errorf("fileDir = %q, want %q", got, dir)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE t (s VARCHAR)`); err != nil {
		t.Fatal(err)
	}
	err = writeCSV(ctx, conn, "t", []Column{{Name: "s", Type: String}}, []Type{String}, 10, func(w *Writer) error {
		for range 20 {
			w.String(0, "row")
			if err := w.EndRow(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	conn.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&n)
	left, _ := filepath.Glob(filepath.Join(dir, "c360-bulk-*"))
	if n != 20 || len(left) != 0 {
		t.Errorf("rows %d (want 20), files left %v", n, left)
	}
}

// ValidString stores what String does for valid text, and text that is
// not valid after all fails the write rather than being stored.
func TestCSVValidString(t *testing.T) {
	ctx := context.Background()
	conn := openConn(t)
	if _, err := conn.ExecContext(ctx, `CREATE TABLE t (a VARCHAR, b VARCHAR)`); err != nil {
		t.Fatal(err)
	}
	cols := []Column{{Name: "a", Type: String}, {Name: "b", Type: String}}
	strs := []string{"Zoë", `say "hi", then go`, "line\r\nbreak", "", `\N`}
	write := func(vals []string) error {
		return writeCSV(ctx, conn, "t", cols, []Type{String, String}, 1<<20, func(w *Writer) error {
			for _, v := range vals {
				w.String(0, v)
				w.ValidString(1, v)
				if err := w.EndRow(); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := write(strs); err != nil {
		t.Fatal(err)
	}
	var n, same int
	if err := conn.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE a = b) FROM t`).Scan(&n, &same); err != nil {
		t.Fatal(err)
	}
	if n != len(strs) || same != len(strs) {
		t.Errorf("%d rows, %d with ValidString's text equal to String's; want %d", n, same, len(strs))
	}
	if err := write([]string{"bad\xffbyte"}); err == nil {
		t.Error("invalid UTF-8 through ValidString: the write succeeded, want an error")
	}
}
