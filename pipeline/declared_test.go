package pipeline

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/bulk"
	"github.com/contoso/c360/sql/tables"
)

func TestBindDeclared(t *testing.T) {
	b, err := bindDeclared("match_pair", "email", "phone")
	if err != nil {
		t.Fatal(err)
	}
	want := []bulk.Column{{Name: "source_l", Type: bulk.String}, {Name: "id_l", Type: bulk.String},
		{Name: "source_r", Type: bulk.String}, {Name: "id_r", Type: bulk.String},
		{Name: "match_weight", Type: bulk.Float64}, {Name: "match_probability", Type: bulk.Float64},
		{Name: "matched", Type: bulk.Bool}, {Name: "blocking_rule", Type: bulk.String},
		{Name: "email_level", Type: bulk.Int8}, {Name: "email_weight", Type: bulk.Float64},
		{Name: "phone_level", Type: bulk.Int8}, {Name: "phone_weight", Type: bulk.Float64}}
	for i, c := range want[:8] {
		if got := b.Index(c.Name); got != i {
			t.Errorf("Index(%s) = %d, want %d", c.Name, got, i)
		}
	}
	if got := b.Template("{comparison}_level"); !slices.Equal(got, []int{8, 10}) {
		t.Errorf("Template({comparison}_level) = %v, want [8 10]", got)
	}
	if got := b.Template("{comparison}_weight"); !slices.Equal(got, []int{9, 11}) {
		t.Errorf("Template({comparison}_weight) = %v, want [9 11]", got)
	}
	cols, err := b.Columns()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cols, want) {
		t.Errorf("columns %v, want %v", cols, want)
	}
	run, err := bindDeclared("run")
	if err != nil {
		t.Fatal(err)
	}
	if i := run.Index("as_of"); i != 3 || run.cols[i] != (bulk.Column{Name: "as_of", Type: bulk.Date}) {
		t.Errorf("run.as_of at %d: %v", i, run.cols)
	}
	if i := run.Index("warnings"); i != 17 || run.cols[i] != (bulk.Column{Name: "warnings", Type: bulk.StringList}) {
		t.Errorf("run.warnings at %d: %v", i, run.cols)
	}
	if _, err := bindDeclared("no_such_table"); err == nil {
		t.Error("no error for an undeclared table")
	}
}

// scoreTable declares a small table with template columns, its columns in
// the order given.
func scoreTable(order ...string) tables.Table {
	all := map[string]tables.Column{
		"name":          {Name: "name", Type: "VARCHAR"},
		"score":         {Name: "score", Type: "BIGINT"},
		"tags":          {Name: "tags", Type: "VARCHAR[]"},
		"{part}_level":  {Name: "{part}_level", Type: "TINYINT", Template: true},
		"{part}_weight": {Name: "{part}_weight", Type: "DOUBLE", Template: true},
	}
	t := tables.Table{Name: "score", File: "score.sql"}
	for _, name := range order {
		t.Columns = append(t.Columns, all[name])
	}
	return t
}

// TestBindByName writes the same row into two declarations of one table
// whose columns come in different orders, and reads every value back from
// the column it was named for.
func TestBindByName(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		table tables.Table
		ddl   string // the table as the declaration creates it, templates expanded for first, last
	}{
		{scoreTable("name", "score", "tags", "{part}_level", "{part}_weight"),
			"name VARCHAR, score BIGINT, tags VARCHAR[], first_level TINYINT, first_weight DOUBLE, last_level TINYINT, last_weight DOUBLE"},
		{scoreTable("tags", "{part}_weight", "score", "{part}_level", "name"),
			"tags VARCHAR[], score BIGINT, name VARCHAR, first_weight DOUBLE, first_level TINYINT, last_weight DOUBLE, last_level TINYINT"},
	} {
		db, err := sql.Open("duckdb", "")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.ExecContext(ctx, "CREATE TABLE score ("+tc.ddl+")"); err != nil {
			t.Fatal(err)
		}
		b, err := bind(tc.table, "first", "last")
		if err != nil {
			t.Fatal(err)
		}
		name, score, tags := b.Index("name"), b.Index("score"), b.Index("tags")
		level, weight := b.Template("{part}_level"), b.Template("{part}_weight")
		cols, err := b.Columns()
		if err != nil {
			t.Fatal(err)
		}
		err = writeRows(ctx, db, "score", cols, 1, func(w *bulk.Writer, _ int) {
			w.String(name, "Ada")
			w.Int64(score, 42)
			w.Strings(tags, []string{"x", "y"})
			w.Int64(level[0], 3)
			w.Float64(weight[0], 1.5)
			w.Int64(level[1], 7)
			w.Float64(weight[1], -2.25)
		})
		if err != nil {
			t.Fatalf("%s: %v", tc.ddl, err)
		}
		var got string
		q := "SELECT concat_ws('|', name, score, tags::VARCHAR, first_level, first_weight, last_level, last_weight) FROM score"
		if err := db.QueryRowContext(ctx, q).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := "Ada|42|[x, y]|3|1.5|7|-2.25"; got != want {
			t.Errorf("declared as (%s): read back %s, want %s", tc.ddl, got, want)
		}
	}
}

func TestBindErrors(t *testing.T) {
	table := scoreTable("name", "score", "tags", "{part}_level", "{part}_weight")
	for _, tc := range []struct {
		what string
		set  func(b *binding)
		want []string // each in the error
	}{
		{"a column not declared", func(b *binding) {
			b.Index("name")
			b.Index("nickname")
			b.Index("score")
			b.Index("tags")
			b.Template("{part}_level")
			b.Template("{part}_weight")
		}, []string{"score.nickname", "score.sql"}},
		{"a declared column never set", func(b *binding) {
			b.Index("name")
			b.Index("tags")
			b.Template("{part}_level")
			b.Template("{part}_weight")
		}, []string{"score.score", "never sets"}},
		{"a template never set", func(b *binding) {
			b.Index("name")
			b.Index("score")
			b.Index("tags")
			b.Template("{part}_level")
		}, []string{"score.first_weight", "score.last_weight", "never sets"}},
		{"a template not declared", func(b *binding) {
			b.Index("name")
			b.Index("score")
			b.Index("tags")
			b.Template("{part}_level")
			b.Template("{part}_weight")
			b.Template("{part}_rank")
		}, []string{"score.{part}_rank", "score.sql"}},
		{"a column set twice", func(b *binding) {
			b.Index("name")
			b.Index("score")
			b.Index("tags")
			b.Index("name")
			b.Template("{part}_level")
			b.Template("{part}_weight")
		}, []string{"score.name", "twice"}},
	} {
		b, err := bind(table, "first", "last")
		if err != nil {
			t.Fatal(err)
		}
		tc.set(b)
		cols, err := b.Columns()
		if err == nil {
			t.Errorf("%s: no error, columns %v", tc.what, cols)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not say %q", tc.what, err, w)
			}
		}
	}
	if _, err := bind(tables.Table{Name: "odd", File: "odd.sql", Columns: []tables.Column{{Name: "at", Type: "TIMESTAMPTZ"}}}); err == nil ||
		!strings.Contains(err.Error(), "odd.at") {
		t.Errorf("a type bulk cannot write: error %v, want one naming odd.at", err)
	}
}
