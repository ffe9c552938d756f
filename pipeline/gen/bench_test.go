package gen

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"
)

// BenchmarkWrite generates persons into a temporary directory, files and
// all. The 1M case is the figure to report:
//
//	go test ./pipeline/gen -run '^$' -bench 'Write/persons=1000000' -benchtime 1x
func BenchmarkWrite(b *testing.B) {
	for _, persons := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("persons=%d", persons), func(b *testing.B) {
			var bytes int64
			for b.Loop() {
				dir := b.TempDir()
				if _, err := Write(context.Background(), dir, Options{Persons: persons, Seed: 1, CRM: true}); err != nil {
					b.Fatal(err)
				}
				bytes = dirSize(b, dir)
			}
			b.ReportMetric(float64(persons)*float64(b.N)/b.Elapsed().Seconds(), "persons/s")
			b.ReportMetric(float64(bytes)/1e6, "MB/op")
		})
	}
}

// BenchmarkChunk measures generation alone: one chunk of 1,024 persons
// rendered into memory, no I/O.
func BenchmarkChunk(b *testing.B) {
	opts, err := Options{Persons: 1 << 20, Seed: 1}.withDefaults()
	if err != nil {
		b.Fatal(err)
	}
	g := newGenerator(opts)
	if err := g.number(context.Background()); err != nil {
		b.Fatal(err)
	}
	cb := new(chunkBuf)
	i := 0
	for b.Loop() {
		g.chunk(i%g.numChunks(), cb)
		i++
	}
	b.ReportMetric(float64(chunkSize)*float64(b.N)/b.Elapsed().Seconds(), "persons/s")
}

func dirSize(tb testing.TB, dir string) int64 {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		n += info.Size()
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}
