package bulk

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestWriterTypesAndBatches(t *testing.T) {
	ctx := context.Background()
	conn := openConn(t)
	_, err := conn.ExecContext(ctx, `CREATE TABLE t (s VARCHAR, i BIGINT, n INTEGER, k TINYINT, f DOUBLE,
		b BOOLEAN, d DATE, ts TIMESTAMP, m DECIMAL(18,2), l VARCHAR[])`)
	if err != nil {
		t.Fatal(err)
	}
	cols := []Column{{Name: "s", Type: String}, {Name: "i", Type: Int64}, {Name: "n", Type: Int32}, {Name: "k", Type: Int8}, {Name: "f", Type: Float64},
		{Name: "b", Type: Bool}, {Name: "d", Type: Date}, {Name: "ts", Type: Timestamp}, {Name: "m", Type: Money}, {Name: "l", Type: StringList}}
	day := time.Date(2026, 11, 27, 21, 9, 43, 0, time.UTC)
	rows := 5000 // more than one DuckDB chunk
	err = Write(ctx, conn, "t", cols, func(w *Writer) error {
		for r := 0; r < rows; r++ {
			if r == 1 {
				for i := 0; i < 10; i++ {
					w.Null(i)
				}
			} else {
				w.String(0, "Zoë")
				w.Int64(1, int64(r))
				w.Int64(2, -7)
				w.Int64(3, 3)
				w.Float64(4, 0.5)
				w.Bool(5, true)
				w.Time(6, day)
				w.Time(7, day)
				w.Int64(8, -123456) // cents
				w.Strings(9, []string{"contacts", "loyalty"})
			}
			if err := w.EndRow(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var n, nulls int
	conn.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE s IS NULL AND m IS NULL AND l IS NULL) FROM t`).Scan(&n, &nulls)
	if n != rows || nulls != 1 {
		t.Fatalf("rows %d (want %d), all-null rows %d (want 1)", n, rows, nulls)
	}
	var got []string
	row := conn.QueryRowContext(ctx, `SELECT [s, i::VARCHAR, n::VARCHAR, k::VARCHAR, f::VARCHAR, b::VARCHAR, d::VARCHAR,
		ts::VARCHAR, m::VARCHAR, l::VARCHAR] FROM t WHERE i = 2`)
	var list any
	if err := row.Scan(&list); err != nil {
		t.Fatal(err)
	}
	for _, v := range list.([]any) {
		got = append(got, v.(string))
	}
	want := []string{"Zoë", "2", "-7", "3", "0.5", "true", "2026-11-27", "2026-11-27 21:09:43", "-1234.56", "[contacts, loyalty]"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("row = %q\nwant  %q", got, want)
	}
}
