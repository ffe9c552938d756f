package tables

import (
	"strings"
	"testing"
)

const sample = `-- Notes that are not the declaration.
--
-- pair: scored pair
-- of two records
CREATE TABLE pair (
    id      VARCHAR PRIMARY KEY,  -- the pair's id
    weight  DECIMAL(18,2) NOT NULL,  -- its weight,
                                     -- in bits
    --+ {comparison}_level TINYINT  -- the level reached on {comparison}
);

-- total: the sums (one row)
--   pairs   pairs seen
--   weight  sum of their weights,
--           rounded
CREATE OR REPLACE TABLE total AS
SELECT count(*) AS pairs, sum(weight) AS weight FROM pair;
`

func TestParse(t *testing.T) {
	got, err := Parse("x.sql", sample)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d tables, want 2", len(got))
	}
	pair, total := got[0], got[1]
	if pair.Name != "pair" || pair.Doc != "scored pair of two records" || pair.File != "x.sql" {
		t.Errorf("pair = %q %q %q", pair.Name, pair.Doc, pair.File)
	}
	want := []Column{
		{Name: "id", Type: "VARCHAR", Doc: "the pair's id"},
		{Name: "weight", Type: "DECIMAL(18,2)", Doc: "its weight, in bits"},
		{Name: "{comparison}_level", Type: "TINYINT", Doc: "the level reached on {comparison}", Template: true},
	}
	if len(pair.Columns) != len(want) {
		t.Fatalf("pair columns %+v", pair.Columns)
	}
	for i, c := range want {
		if pair.Columns[i] != c {
			t.Errorf("pair column %d = %+v, want %+v", i, pair.Columns[i], c)
		}
	}
	if total.Doc != "the sums (one row)" || len(total.Columns) != 2 ||
		total.Columns[1] != (Column{Name: "weight", Doc: "sum of their weights, rounded"}) {
		t.Errorf("total = %+v", total)
	}
}

func TestColumnDoc(t *testing.T) {
	ts, err := Parse("x.sql", sample)
	if err != nil {
		t.Fatal(err)
	}
	pair := ts[0]
	for _, c := range []struct{ name, doc string }{
		{"id", "the pair's id"},
		{"email_level", "the level reached on email"},
		{"given_name_level", "the level reached on given_name"},
		{"_level", ""},
		{"email_weight", ""},
	} {
		doc, ok := pair.ColumnDoc(c.name)
		if doc != c.doc || ok != (c.doc != "") {
			t.Errorf("ColumnDoc(%q) = %q %v, want %q", c.name, doc, ok, c.doc)
		}
	}
	if e := pair.Columns[2].Expand("email"); e != (Column{Name: "email_level", Type: "TINYINT", Doc: "the level reached on email"}) {
		t.Errorf("Expand = %+v", e)
	}
}

func TestParseRefuses(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"undeclared", "-- notes\nCREATE TABLE a (\n  x VARCHAR -- x\n);\n", "no declaration"},
		{"undeclared temp", "-- notes\nCREATE TEMP TABLE a (\n  x VARCHAR -- x\n);\n", "no declaration"},
		{"other table's line", "-- b: a b\nCREATE TABLE a (\n  x VARCHAR -- x\n);\n", "no declaration"},
		{"blank line between", "-- a: an a\n\nCREATE TABLE a (\n  x VARCHAR -- x\n);\n", "no declaration"},
		{"column without meaning", "-- a: an a\nCREATE TABLE a (\n  x VARCHAR,\n  y VARCHAR -- y\n);\n", "a.x does not say"},
		{"query without columns", "-- a: an a\nCREATE TABLE a AS SELECT 1 AS x;\n", "declares no columns"},
		{"list and columns", "-- a: an a\n--   x  an x\nCREATE TABLE a (\n  x VARCHAR -- x\n);\n", "has a column list"},
		{"stray line", "-- a: an a\n--   x  an x\n-- then prose\nCREATE TABLE a AS SELECT 1 AS x;\n", "neither a column"},
		{"meaning ends the statement", "-- a: an a\nCREATE TABLE a (\n  x VARCHAR, -- an x;\n  y VARCHAR -- y\n);\n", "ends in ;"},
		{"unterminated", "-- a: an a\nCREATE TABLE a (\n  x VARCHAR -- x\n", "does not end"},
		{"template without placeholder", "-- a: an a\nCREATE TABLE a (\n  x VARCHAR -- x\n  --+ y VARCHAR -- y\n);\n", "template"},
	} {
		_, err := Parse("x.sql", c.text)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want one saying %q", c.name, err, c.want)
		}
	}
}

// TestAll reads the real declarations: every table once, every column with
// a meaning, and the tables the README and the database rely on present.
func TestAll(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"customer", "customer_source", "match_pair", "purchase", "customer_measure",
		"deal", "tech_check", "lead", "crm_account", "crm_activity", "pipeline_by_stage", "tech_check_compliance",
		"lead_sequence_task", "run", "source_file", "load_reject", "source_contacts"} {
		if _, ok := Find(all, name); !ok {
			t.Errorf("%s is not declared", name)
		}
	}
	for _, tb := range all {
		if tb.Doc == "" || strings.Contains(strings.ToLower(tb.Doc), "opportunit") {
			t.Errorf("%s: meaning %q", tb.Name, tb.Doc)
		}
		for _, c := range tb.Columns {
			if c.Doc == "" || strings.Contains(strings.ToLower(c.Doc), "opportunit") {
				t.Errorf("%s.%s: meaning %q", tb.Name, c.Name, c.Doc)
			}
		}
	}
	if cs, _ := Find(all, "customer_stage"); !cs.Working {
		t.Error("customer_stage is not marked a working table")
	}
}
