package sales

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// openConn opens an in-memory DuckDB database and one connection to it.
func openConn(t testing.TB) *sql.Conn {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// exec runs statements that set up a test, failing the test on error.
func exec(t testing.TB, conn *sql.Conn, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := conn.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// queryCSV runs query and returns its header and rows as text, in the form
// the hand-written expected files use: NULL as "", dates as YYYY-MM-DD,
// timestamps as YYYY-MM-DD HH:MM:SS, decimals with their scale, doubles in
// their shortest form.
func queryCSV(t *testing.T, conn *sql.Conn, query string) [][]string {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	header := make([]string, len(types))
	for i, ct := range types {
		header[i] = ct.Name()
	}
	out := [][]string{header}
	vals := make([]any, len(types))
	ptrs := make([]any, len(types))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		rec := make([]string, len(vals))
		for i, v := range vals {
			rec[i] = cellText(t, types[i].DatabaseTypeName(), v)
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func cellText(t *testing.T, dbType string, v any) string {
	t.Helper()
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case int32, int64, uint64:
		return fmt.Sprint(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case *big.Int:
		return v.String()
	case duckdb.Decimal:
		return decimalText(v)
	case time.Time:
		if dbType == "DATE" {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.DateTime)
	}
	t.Fatalf("cellText: unexpected %T %v (%s)", v, v, dbType)
	return ""
}

// decimalText writes d with exactly d.Scale decimals.
func decimalText(d duckdb.Decimal) string {
	s := new(big.Int).Abs(d.Value).String()
	scale := int(d.Scale)
	if len(s) <= scale {
		s = strings.Repeat("0", scale-len(s)+1) + s
	}
	if scale > 0 {
		s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	}
	if d.Value.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// readCSV reads a whole CSV file.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// compareRows reports every difference between got and want, both with a
// header row first.
func compareRows(t *testing.T, name string, got, want [][]string) {
	t.Helper()
	if strings.Join(got[0], ",") != strings.Join(want[0], ",") {
		t.Errorf("%s: columns\n got %s\nwant %s", name, strings.Join(got[0], ","), strings.Join(want[0], ","))
		return
	}
	for i := 1; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			t.Errorf("%s: row %d missing: want %s", name, i, strings.Join(want[i], ","))
		case i >= len(want):
			t.Errorf("%s: row %d unexpected: %s", name, i, strings.Join(got[i], ","))
		default:
			for j := range want[i] {
				if got[i][j] != want[i][j] {
					t.Errorf("%s: row %d (%s) column %s = %q, want %q", name, i, want[i][0], want[0][j], got[i][j], want[i][j])
				}
			}
		}
	}
}

// fixtureFiles names the hand-written CRM fixture.
func fixtureFiles() map[string]File {
	dir := filepath.Join("..", "..", "testdata", "crm")
	files := make(map[string]File)
	for _, name := range []string{"accounts", "deals", "tech_checks", "leads", "activities"} {
		files[name] = File{Path: filepath.Join(dir, name+".csv"), Name: name + ".csv"}
	}
	return files
}
