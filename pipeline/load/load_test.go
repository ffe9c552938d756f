package load

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/contoso/c360/transform/sources"
)

// people is a small schema exercising every kind.
var people = sources.Source{
	Name:  "people",
	Table: "people",
	Key:   "id",
	Columns: []sources.Column{
		{Name: "Id", Field: "id", Required: true},
		{Name: "Name", Field: "name"},
		{Name: "Born", Field: "born", Kind: sources.Date},
		{Name: "Spend", Field: "spend", Kind: sources.Money, Min: sources.Bound(0)},
		{Name: "Visits", Field: "visits", Kind: sources.Int},
		{Name: "Stage", Field: "stage", Labels: map[string]string{"Qualify": "Qualify", "Calificar": "Qualify", "Close": "Close"}},
	},
}

func openDB(t testing.TB) *sql.Conn {
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

func writeFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func loadString(t *testing.T, conn *sql.Conn, content string, opts Options) *Result {
	t.Helper()
	res, err := File(context.Background(), conn, Input{Source: people, Path: writeFile(t, content), Name: "people.csv"}, opts)
	if err != nil {
		t.Fatalf("File: %v", err)
	}
	return res
}

func queryStrings(t *testing.T, conn *sql.Conn, query string) []string {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFileFormats(t *testing.T) {
	tests := []struct {
		name    string
		content string
	}{
		{"LF", "Id,Name,Born,Spend,Visits,Stage\n1,Ann,3/7/1980,12.5,3,Qualify\n2,Bob,1975-12-31,\"1,234.00\",,close\n"},
		{"CRLF without final newline", "Id,Name,Born,Spend,Visits,Stage\r\n1,Ann,3/7/1980,12.5,3,Qualify\r\n2,Bob,1975-12-31,\"1,234.00\",,close"},
		{"BOM", "\xef\xbb\xbfId,Name,Born,Spend,Visits,Stage\n1,Ann,3/7/1980,12.50,3,QUALIFY\n2,Bob,1975-12-31,$1234,,Close\n"},
		{"reordered header, other case", "stage,SPEND,born,visits,name,id\nQualify,12.5,3/7/1980,3,Ann,1\nClose,1234,1975-12-31,,Bob,2\n"},
	}
	want := []string{"1|Ann|1980-03-07|12.50|3|Qualify", "2|Bob|1975-12-31|1234.00|NULL|Close"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conn := openDB(t)
			res := loadString(t, conn, tt.content, Options{})
			if res.Read != 2 || res.Loaded != 2 || len(res.Rejects) != 0 {
				t.Fatalf("read %d loaded %d rejected %v", res.Read, res.Loaded, res.Rejects)
			}
			got := queryStrings(t, conn, `SELECT concat_ws('|', id, name, born, spend, coalesce(visits::VARCHAR, 'NULL'), stage) FROM people ORDER BY id`)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("rows = %q, want %q", got, want)
			}
		})
	}
}

func TestFileTypes(t *testing.T) {
	conn := openDB(t)
	loadString(t, conn, "Id,Name,Born,Spend,Visits,Stage\n1,Ann,3/7/1980,12.5,3,Qualify\n", Options{})
	got := queryStrings(t, conn, `SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = 'people' ORDER BY ordinal_position`)
	want := []string{"source_line BIGINT", "id VARCHAR", "name VARCHAR", "born DATE", "spend DECIMAL(18,2)", "visits BIGINT", "stage VARCHAR"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("columns = %q, want %q", got, want)
	}
}

func TestFileQuotedNewlinesKeepLineNumbers(t *testing.T) {
	conn := openDB(t)
	content := "Id,Name,Born,Spend,Visits,Stage\n" +
		"1,\"Ann, the\nsecond\",3/7/1980,1,1,Close\n" + // lines 2-3
		"2,Bob,1975-02-30,1,1,Close\n" + // line 4: impossible date
		"3,Cy,1975-02-03,1,1,Close\n" // line 5
	res := loadString(t, conn, content, Options{Keep: []string{"name"}})
	if res.Loaded != 2 || len(res.Rejects) != 1 {
		t.Fatalf("loaded %d, rejects %v", res.Loaded, res.Rejects)
	}
	rej := res.Rejects[0]
	if rej.Line != 4 || rej.Column != "Born" || rej.Position != 3 || !errors.Is(rej, ErrDate) {
		t.Errorf("reject = %+v", rej)
	}
	if rej.Raw != "2,Bob,1975-02-30,1,1,Close" {
		t.Errorf("raw = %q", rej.Raw)
	}
	if !reflect.DeepEqual(res.Lines, []int{2, 5}) {
		t.Errorf("lines = %v, want [2 5]", res.Lines)
	}
	if got := res.Kept["name"]; !reflect.DeepEqual(got, []string{"Ann, the\nsecond", "Cy"}) {
		t.Errorf("kept names = %q", got)
	}
	lines := queryStrings(t, conn, `SELECT source_line::VARCHAR FROM people ORDER BY id`)
	if !reflect.DeepEqual(lines, []string{"2", "5"}) {
		t.Errorf("source_line = %v", lines)
	}
}

// Options.Row hears every loaded row, and only those, with trimmed fields;
// its error stops the load with the line.
func TestFileRow(t *testing.T) {
	conn := openDB(t)
	content := "Id,Name,Born,Spend,Visits,Stage\n" +
		"1,\"  Ann, the\nsecond \",3/7/1980,1,1,Close\n" + // lines 2-3
		"2,Bob,1975-02-30,1,1,Close\n" + // line 4: impossible date, rejected
		"3,Cy,1975-02-03,1,1,Close\n" // line 5
	var got []string
	res := loadString(t, conn, content, Options{Row: func(line int, field func(string) string) error {
		got = append(got, fmt.Sprintf("%d %s %q %q", line, field("id"), field("name"), field("no such field")))
		return nil
	}})
	want := []string{`2 1 "Ann, the\nsecond" ""`, `5 3 "Cy" ""`}
	if !reflect.DeepEqual(got, want) || res.Loaded != 2 {
		t.Errorf("Row heard %q (loaded %d), want %q", got, res.Loaded, want)
	}

	stop := errors.New("disk full")
	_, err := File(context.Background(), conn, Input{Source: people, Path: writeFile(t, content)},
		Options{Row: func(line int, _ func(string) string) error {
			if line == 5 {
				return stop
			}
			return nil
		}})
	if !errors.Is(err, stop) || !strings.Contains(err.Error(), "line 5") {
		t.Errorf("err %v, want the Row error at line 5", err)
	}
}

func TestFileRejects(t *testing.T) {
	content := "Id,Name,Born,Spend,Visits,Stage\n" +
		"1,Ann,3/7/1980,12.5,3,Qualify\n" +
		",NoId,3/7/1980,1,1,Close\n" +
		"3,BadMoney,3/7/1980,12.345,1,Close\n" +
		"4,Negative,3/7/1980,-5,1,Close\n" +
		"5,BadInt,3/7/1980,5,1.5,Close\n" +
		"6,BadStage,3/7/1980,5,1,Ganar\n" +
		"7,Short,3/7/1980\n" +
		"1,Again,3/7/1980,1,1,Close\n" +
		"9,Month13,13/7/1980,1,1,Close\n" +
		"10,Latin1,3/7/1980,1,1,Clo\xe9se\n" +
		"11,Ok,2001-01-01,0.5,,Calificar\n"
	conn := openDB(t)
	res := loadString(t, conn, content, Options{})
	type want struct {
		line   int
		column string
		err    error
	}
	wants := []want{
		{3, "Id", ErrRequired},
		{4, "Spend", ErrMoney},
		{5, "Spend", ErrRange},
		{6, "Visits", ErrInt},
		{7, "Stage", ErrLabel},
		{8, "", ErrFields},
		{9, "Id", ErrDuplicate},
		{10, "Born", ErrDate},
		{11, "Stage", ErrText},
	}
	if res.Read != 11 || res.Loaded != 2 || len(res.Rejects) != len(wants) {
		t.Fatalf("read %d loaded %d rejects %d: %v", res.Read, res.Loaded, len(res.Rejects), res.Rejects)
	}
	lines := strings.Split(content, "\n")
	for i, w := range wants {
		got := res.Rejects[i]
		if got.Line != w.line || got.Column != w.column || !errors.Is(got, w.err) {
			t.Errorf("reject %d = line %d column %q err %v; want line %d column %q err %v", i, got.Line, got.Column, got.Err, w.line, w.column, w.err)
		}
		if got.Raw != lines[w.line-1] {
			t.Errorf("reject %d raw = %q, want %q", i, got.Raw, lines[w.line-1])
		}
		if got.Source != "people" || got.File != "people.csv" {
			t.Errorf("reject %d names %s %s", i, got.Source, got.File)
		}
	}
	if msg := res.Rejects[1].Error(); msg != `people people.csv line 4, column Spend: "12.345": `+ErrMoney.Error() {
		t.Errorf("message = %s", msg)
	}
	stages := queryStrings(t, conn, `SELECT stage FROM people ORDER BY id`)
	if !reflect.DeepEqual(stages, []string{"Qualify", "Qualify"}) {
		t.Errorf("stages = %v (Calificar is Qualify)", stages)
	}
}

func TestFileMissingColumns(t *testing.T) {
	conn := openDB(t)
	_, err := File(context.Background(), conn, Input{Source: people, Path: writeFile(t, "id,NAME,Spend,Extra\n1,a,1,x\n"), Name: "people.csv"}, Options{})
	var he *HeaderError
	if !errors.As(err, &he) {
		t.Fatalf("err = %v, want *HeaderError", err)
	}
	if !reflect.DeepEqual(he.Missing, []string{"Born", "Visits", "Stage"}) {
		t.Errorf("missing = %v", he.Missing)
	}
	for _, s := range []string{"people.csv", "Born, Visits, Stage", "id, NAME, Spend, Extra"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q lacks %q", err, s)
		}
	}
}

func TestFileExtraColumnsKept(t *testing.T) {
	conn := openDB(t)
	loadString(t, conn, "Id,Name,Born,Spend,Visits,Stage,Loyalty Tier,2nd phone\n1,Ann,3/7/1980,1,1,Close,gold,555\n", Options{})
	got := queryStrings(t, conn, `SELECT loyalty_tier || '/' || col_2nd_phone FROM people`)
	if !reflect.DeepEqual(got, []string{"gold/555"}) {
		t.Errorf("extra columns = %q", got)
	}
}

func TestFileDuplicateHeader(t *testing.T) {
	conn := openDB(t)
	_, err := File(context.Background(), conn, Input{Source: people, Path: writeFile(t, "Id,Name,Born,Spend,Visits,Stage,name \n"), Name: "people.csv"}, Options{})
	if err == nil || !strings.Contains(err.Error(), `column "name " twice`) {
		t.Errorf("err = %v, want a duplicate-column error", err)
	}
}

func TestFileReferences(t *testing.T) {
	deals := sources.Source{Name: "deals", Table: "deals", Key: "id", Columns: []sources.Column{
		{Name: "id", Field: "id", Required: true},
		{Name: "account", Field: "account", Ref: "accounts.id"},
	}}
	conn := openDB(t)
	path := writeFile(t, "id,account\nd1,a1\nd2,a9\nd3,\n")
	keys := map[string]map[string]struct{}{"accounts": {"a1": {}}}
	res, err := File(context.Background(), conn, Input{Source: deals, Path: path, Name: "deals.csv"}, Options{Keys: keys, CollectKeys: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rejects) != 1 || res.Rejects[0].Line != 3 || !errors.Is(res.Rejects[0], ErrDangling) {
		t.Fatalf("rejects = %v", res.Rejects)
	}
	if _, ok := res.Keys["d1"]; !ok || len(res.Keys) != 2 {
		t.Errorf("keys = %v, want d1 and d3", res.Keys)
	}
	if _, err := File(context.Background(), conn, Input{Source: deals, Path: path, Name: "deals.csv"}, Options{}); err == nil {
		t.Error("a reference to a source not loaded yet must fail")
	}
}
