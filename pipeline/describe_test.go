package pipeline

import (
	"slices"
	"strings"
	"testing"

	"github.com/contoso/c360/sql/tables"
)

// TestPublishedTablesSayWhatTheyHold checks that every published table and
// column carries its declared meaning as a comment, and that the
// declarations name exactly the columns the database has, in order.
func TestPublishedTablesSayWhatTheyHold(t *testing.T) {
	cfg := writeConfig(t, copySample(t), "")
	mustRun(t, cfg, Options{Version: "test"})
	db := openRead(t, cfg.Database)
	declared, err := tables.All()
	if err != nil {
		t.Fatal(err)
	}

	rows, err := db.Query(`SELECT t.table_name, coalesce(t.comment, ''), c.column_name, coalesce(c.comment, '')
		FROM duckdb_tables() AS t
		JOIN duckdb_columns() AS c USING (database_name, schema_name, table_name)
		WHERE t.database_name = current_database() AND t.schema_name = 'main' AND NOT t.internal
		ORDER BY t.table_name, c.column_index`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	published := map[string][]string{}
	n := 0
	for rows.Next() {
		var table, tableDoc, column, doc string
		if err := rows.Scan(&table, &tableDoc, &column, &doc); err != nil {
			t.Fatal(err)
		}
		n++
		published[table] = append(published[table], column)
		d, ok := tables.Find(declared, table)
		if !ok {
			t.Errorf("table %s is published but not declared", table)
			continue
		}
		if tableDoc == "" || tableDoc != d.Doc {
			t.Errorf("table %s comment %q, want %q", table, tableDoc, d.Doc)
		}
		want, ok := d.ColumnDoc(column)
		if !ok && d.Loaded {
			want = tables.ExtraDoc
		}
		if doc == "" || doc != want {
			t.Errorf("%s.%s comment %q, want %q", table, column, doc, want)
		}
		for _, s := range []string{tableDoc, doc} {
			if strings.Contains(strings.ToLower(s), "opportunit") || strings.Contains(s, "{") {
				t.Errorf("%s.%s: comment %q says opportunity or keeps a placeholder", table, column, s)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 300 {
		t.Errorf("only %d published columns seen", n)
	}

	for _, d := range declared {
		got, ok := published[d.Name]
		switch {
		case d.Working:
			if ok {
				t.Errorf("working table %s is published", d.Name)
			}
			continue
		case !ok:
			t.Errorf("table %s is declared in %s but not published", d.Name, d.File)
			continue
		}
		var want []string
		for _, c := range d.Columns {
			if !c.Template {
				want = append(want, c.Name)
			}
		}
		if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
			t.Errorf("%s columns %v, declared %v", d.Name, got, want)
		}
		if !d.Loaded && len(got) > len(want) && !slices.ContainsFunc(d.Columns, func(c tables.Column) bool { return c.Template }) {
			t.Errorf("%s has columns %v that %s does not declare", d.Name, got[len(want):], d.File)
		}
	}
	if got := published["match_pair"]; !slices.Contains(got, "email_level") || !slices.Contains(got, "email_weight") {
		t.Errorf("match_pair columns %v lack a comparison's level and weight", got)
	}
}

// TestExtraInputColumnIsDescribed checks that a column an input file has
// beyond those c360 reads is published with the meaning every such column
// gets.
func TestExtraInputColumnIsDescribed(t *testing.T) {
	dir := copySample(t)
	editInput(t, dir, "loyalty", func(i int, line string) (string, bool) {
		if i == 0 {
			return line + ",Store Notes", true
		}
		return line + ",note", true
	})
	cfg := writeConfig(t, dir, "")
	mustRun(t, cfg, Options{Version: "test"})
	db := openRead(t, cfg.Database)
	var doc string
	err := db.QueryRow(`SELECT comment FROM duckdb_columns()
		WHERE table_name = 'source_loyalty' AND column_name = 'store_notes'`).Scan(&doc)
	if err != nil {
		t.Fatal(err)
	}
	if doc != tables.ExtraDoc {
		t.Errorf("source_loyalty.store_notes comment %q, want %q", doc, tables.ExtraDoc)
	}
}
