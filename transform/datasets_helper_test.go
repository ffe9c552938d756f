package transform

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// datasetsDir returns the labelled data sets folder: $C360_DATASETS, or
// ../shared/datasets beside the repository. It skips the test when the
// folder is absent, and fails it when CI=true.
func datasetsDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("C360_DATASETS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "datasets")
	}
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("labelled data sets not found at %s (set C360_DATASETS): %v", dir, err)
		}
		t.Skipf("labelled data sets not found at %s (set C360_DATASETS to run this test)", dir)
	}
	return dir
}

// table is a CSV file read whole: its header and its data rows.
type table struct {
	header []string
	rows   [][]string
}

// readTable reads the data set file at rel (a path inside datasetsDir).
// FEBRL files put a space after each comma, so leading spaces are trimmed.
func readTable(t testing.TB, rel string) table {
	t.Helper()
	f, err := os.Open(filepath.Join(datasetsDir(t), rel))
	if err != nil {
		t.Fatalf("open %s: %v", rel, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.TrimLeadingSpace = true
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", rel, err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s: %d records, want a header and data", rel, len(recs))
	}
	return table{header: recs[0], rows: recs[1:]}
}

// col returns the index of the column named name (case-insensitive).
func (tb table) col(t testing.TB, name string) int {
	t.Helper()
	for i, h := range tb.header {
		if strings.EqualFold(strings.TrimSpace(h), name) {
			return i
		}
	}
	t.Fatalf("no column %q in %v", name, tb.header)
	return -1
}

// getter returns a get func for Normalizer.Person over one row, where
// fields are column names.
func (tb table) getter(row []string) func(string) string {
	return func(field string) string {
		for i, h := range tb.header {
			if strings.EqualFold(strings.TrimSpace(h), field) {
				return row[i]
			}
		}
		return ""
	}
}
