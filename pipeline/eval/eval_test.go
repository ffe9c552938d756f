package eval

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"
)

// datasetsOrSkip returns the datasets folder, skipping the test when it is
// absent (and failing when CI=true).
func datasetsOrSkip(t *testing.T) string {
	t.Helper()
	dir, err := FindDatasets()
	if errors.Is(err, ErrNoDatasets) {
		if os.Getenv("CI") == "true" {
			t.Fatalf("labelled datasets are required in CI: %v", err)
		}
		t.Skipf("labelled datasets not found (%v); set %s", err, EnvDatasets)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("accuracy evaluation skipped in -short mode")
	}
	dir := datasetsOrSkip(t)
	var table bytes.Buffer
	results, err := Run(context.Background(), Config{Dir: dir}, &table)
	t.Logf("\n%s", table.String())
	if err != nil {
		t.Fatal(err)
	}
	sets, err := Datasets()
	if err != nil {
		t.Fatal(err)
	}
	if want := len(sets) + len(GeneratedRows()); len(results) != want {
		t.Errorf("evaluated %d datasets, want %d", len(results), want)
	}
	if err := Check(results); err != nil {
		t.Error(err)
	}
}
