package gen

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/sample with a fresh generation")

// sampleDir is the committed sample that `make run` uses.
var sampleDir = filepath.Join("..", "..", "testdata", "sample")

// sampleOptions are the options the committed sample is generated with.
func sampleOptions() Options {
	return Options{Persons: 2000, Seed: 1, AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), CRM: true}
}

// TestSampleIsCurrent checks that testdata/sample holds exactly what the
// generator writes for the sample options. After a deliberate change to the
// generator, regenerate it with:
//
//	go test ./pipeline/gen -run TestSampleIsCurrent -update
func TestSampleIsCurrent(t *testing.T) {
	if *update {
		if _, err := Write(context.Background(), sampleDir, sampleOptions()); err != nil {
			t.Fatalf("updating the sample: %v", err)
		}
	}
	fresh, _ := generate(t, sampleOptions())
	total := 0
	for _, name := range allFiles() {
		want, err := os.ReadFile(filepath.Join(fresh, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(sampleDir, name))
		if err != nil {
			t.Errorf("sample file %s: %v (regenerate with -update)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/sample/%s differs from a fresh generation (regenerate with -update)", name)
		}
		total += len(got)
	}
	if total > 1600_000 {
		t.Errorf("sample is %d bytes, want at most about 1.5 MB", total)
	}
}
