package tables

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEListsTheDeclaredTables fails when the README's table list and
// the declarations disagree; go generate ./sql/tables rewrites the list.
func TestREADMEListsTheDeclaredTables(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	want, err := ReplaceREADME(string(readme), READMESection(all))
	if err != nil {
		t.Fatal(err)
	}
	if want != string(readme) {
		t.Error("README's table list differs from the declarations in sql/*.sql and transform/sources: run go generate ./sql/tables")
	}
}

func TestReplaceREADME(t *testing.T) {
	ts := []Table{{Name: "a", Doc: "an a | or b"}, {Name: "w", Doc: "gone", Working: true}}
	in := "# x\n" + readmeBegin + "\nold\n" + readmeEnd + "\nrest\n"
	got, err := ReplaceREADME(in, READMESection(ts))
	if err != nil {
		t.Fatal(err)
	}
	want := "# x\n" + readmeBegin + "\n| table | one row per |\n|---|---|\n| `a` | an a \\| or b |\n" + readmeEnd + "\nrest\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := ReplaceREADME("no list", ""); err == nil || !strings.Contains(err.Error(), "no line") {
		t.Errorf("err %v", err)
	}
}
