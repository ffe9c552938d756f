package sql

import (
	"io/fs"
	"strings"
	"testing"
)

func TestNamed(t *testing.T) {
	got := named("-- The file's notes.\n-- name: one\n-- what it reads\nSELECT 1\nFROM t;\n\n-- name: two\nSELECT 2 -- trailing\n")
	want := map[string]string{"one": "SELECT 1\nFROM t", "two": "SELECT 2 -- trailing"}
	if len(got) != len(want) {
		t.Fatalf("named = %q", got)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

// TestNamedFiles checks every file of named statements: names unique, each
// with a statement, and no statement outside a name.
func TestNamedFiles(t *testing.T) {
	files, err := fs.Glob(Files(), "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range files {
		names, err := Names(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(names) == 0 {
			continue
		}
		seen++
		text, _ := Text(f)
		if before, _, _ := strings.Cut(text, namePrefix); strings.TrimSpace(stripComments(before)) != "" {
			t.Errorf("%s: a statement before the first name", f)
		}
		set := map[string]bool{}
		for _, n := range names {
			if set[n] {
				t.Errorf("%s: %q named twice", f, n)
			}
			set[n] = true
			if q := Query(f, n); q == "" {
				t.Errorf("%s: %q is empty", f, n)
			}
		}
	}
	if seen == 0 {
		t.Error("no file of named statements")
	}
}

func stripComments(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			b.WriteString(l)
		}
	}
	return b.String()
}

func TestQueryPanicsOnAMissingName(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	Query("schema.sql", "no such statement")
}
