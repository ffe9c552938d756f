package load

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/contoso/c360/pipeline/gen"
	"github.com/contoso/c360/transform/sources"
)

// BenchmarkFile loads the online purchases of 20,000 generated persons
// (about 53,000 rows, 4.8 MB), the largest file of a run.
func BenchmarkFile(b *testing.B) {
	dir := b.TempDir()
	if _, err := gen.Write(context.Background(), dir, gen.Options{Persons: 20000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, gen.OnlineFile)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	conn := openDB(b)
	src := sources.Online()
	keys := map[string]map[string]struct{}{}
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		res, err := File(context.Background(), conn, Input{Source: src, Path: path, Name: gen.OnlineFile}, Options{Keys: keys})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Rejects) != 0 {
			b.Fatalf("%d rejects, first %v", len(res.Rejects), res.Rejects[0])
		}
	}
}
