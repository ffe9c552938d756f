package pipeline

import (
	"testing"

	"github.com/contoso/c360/pipeline/bulk"
)

func TestDeclaredColumns(t *testing.T) {
	cols, err := declaredColumns("match_pair", "email", "phone")
	if err != nil {
		t.Fatal(err)
	}
	want := []bulk.Column{{Name: "source_l", Type: bulk.String}, {Name: "id_l", Type: bulk.String},
		{Name: "source_r", Type: bulk.String}, {Name: "id_r", Type: bulk.String},
		{Name: "match_weight", Type: bulk.Float64}, {Name: "match_probability", Type: bulk.Float64},
		{Name: "matched", Type: bulk.Bool}, {Name: "blocking_rule", Type: bulk.String},
		{Name: "email_level", Type: bulk.Int8}, {Name: "email_weight", Type: bulk.Float64},
		{Name: "phone_level", Type: bulk.Int8}, {Name: "phone_weight", Type: bulk.Float64}}
	if len(cols) != len(want) {
		t.Fatalf("columns %v, want %v", cols, want)
	}
	for i := range want {
		if cols[i] != want[i] {
			t.Errorf("column %d = %v, want %v", i, cols[i], want[i])
		}
	}
	run, err := declaredColumns("run")
	if err != nil {
		t.Fatal(err)
	}
	if run[3] != (bulk.Column{Name: "as_of", Type: bulk.Date}) || run[17] != (bulk.Column{Name: "warnings", Type: bulk.StringList}) {
		t.Errorf("run columns %v", run)
	}
	if _, err := declaredColumns("no_such_table"); err == nil {
		t.Error("no error for an undeclared table")
	}
}
