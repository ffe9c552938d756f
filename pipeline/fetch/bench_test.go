package fetch

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFetchHTTP measures the download path (watchdog, hashing, temp
// file, fsync) on loopback HTTP.
func BenchmarkFetchHTTP(b *testing.B) {
	body := csvBody(32 << 20)
	srv := newServer(b, func(w http.ResponseWriter, r *http.Request) { serveBody(w, body) })
	c := NewClient(Options{})
	dest := b.TempDir()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		res, err := c.Fetch(context.Background(), Request{Name: "bench", URL: srv.URL, DestDir: dest})
		if err != nil {
			b.Fatal(err)
		}
		os.Remove(res.Path)
	}
}

// BenchmarkFetchFile measures copying a local source into DestDir.
func BenchmarkFetchFile(b *testing.B) {
	body := csvBody(32 << 20)
	src := filepath.Join(b.TempDir(), "src.csv")
	if err := os.WriteFile(src, body, 0o644); err != nil {
		b.Fatal(err)
	}
	c := NewClient(Options{})
	dest := b.TempDir()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		res, err := c.Fetch(context.Background(), Request{Name: "bench", URL: src, DestDir: dest})
		if err != nil {
			b.Fatal(err)
		}
		os.Remove(res.Path)
	}
}
