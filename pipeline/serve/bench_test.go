package serve_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/gen"
	"github.com/contoso/c360/pipeline/review"
	"github.com/contoso/c360/pipeline/serve"
)

// BenchmarkSearch measures searches on a generated database of
// $C360_SERVE_BENCH_PERSONS persons (default 100,000). The database is
// generated and published once into .bench/serve-<persons> at the
// repository's top (ignored by git) and reused by later runs:
//
//	go test -tags=duckdb_arrow -run '^$' -bench Search -benchtime 200x ./pipeline/serve/
//	C360_SERVE_BENCH_PERSONS=1000000 go test -tags=duckdb_arrow -run '^$' -bench Search -benchtime 200x -timeout 30m ./pipeline/serve/
//
// (1M persons take about a minute to publish, 5 GB of memory and 750 MB on
// disk.) Each sub-benchmark is one kind of query over the index; "http/"
// ones are the whole POST /search round trip, page rendering included.
// The index is built on the first search of a published database; its
// build time is reported as index-seconds.
func BenchmarkSearch(b *testing.B) {
	persons := 100_000
	if s := os.Getenv("C360_SERVE_BENCH_PERSONS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 100 {
			b.Fatalf("C360_SERVE_BENCH_PERSONS=%q: want a number of persons, at least 100", s)
		}
		persons = n
	}
	cfg := benchDatabase(b, persons)
	db := openReadOnly(b, cfg.Database)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	ix, err := serve.BuildIndex(context.Background(), db)
	if err != nil {
		b.Fatal(err)
	}
	indexSeconds := time.Since(start).Seconds()
	runtime.GC()
	runtime.ReadMemStats(&after)
	indexMiB := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	people := twoRecordPeople(b, db)
	db.Close()

	// Queries as people type them: names in capitals with a typo,
	// nicknames, e-mails, phones with dots, source ids.
	queries := map[string][]string{}
	for i, p := range people[:min(len(people), 500)] {
		national := strings.TrimPrefix(p.Phone, "+1")
		queries["name"] = append(queries["name"], strings.ToUpper(p.First+" "+p.Last))
		queries["name-typo"] = append(queries["name-typo"], p.First+" "+typo(p.Last))
		queries["surname"] = append(queries["surname"], p.Last)
		queries["email"] = append(queries["email"], strings.ToUpper(p.Email))
		queries["phone"] = append(queries["phone"], national[:3]+"."+national[3:6]+"."+national[6:])
		queries["source-id"] = append(queries["source-id"], p.Records[i%2])
		queries["customer-id"] = append(queries["customer-id"], p.ID)
	}
	for _, kind := range []string{"name", "name-typo", "surname", "email", "phone", "source-id", "customer-id"} {
		qs := queries[kind]
		b.Run(kind, func(b *testing.B) {
			found := 0
			for i := 0; b.Loop(); i++ {
				found += len(ix.Search(qs[i%len(qs)], 25))
			}
			b.ReportMetric(float64(found)/float64(b.N), "results/op")
			b.ReportMetric(indexSeconds, "index-seconds")
			b.ReportMetric(indexMiB, "index-MiB")
		})
	}

	benchHTTP(b, cfg, queries, people)
}

// benchHTTP measures whole requests: searches, cards and the review page.
func benchHTTP(b *testing.B, cfg *config.Config, queries map[string][]string, people []person) {
	srv, err := serve.New(serve.Options{Database: cfg.Database, ReviewFile: review.FileFor(cfg)})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	h := srv.Handler()
	post := func(q string) int {
		req := httptest.NewRequest("POST", "http://localhost/search", strings.NewReader(url.Values{"q": {q}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	get := func(path string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "http://localhost"+path, nil))
		return rec.Code
	}
	post("warm up: builds the index") // not timed
	for _, kind := range []string{"name-typo", "email", "phone"} {
		qs := queries[kind]
		b.Run("http/"+kind, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				if code := post(qs[i%len(qs)]); code != http.StatusOK {
					b.Fatalf("POST /search: %d", code)
				}
			}
		})
	}
	b.Run("http/card", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if code := get("/customer/" + people[i%len(people)].ID); code != http.StatusOK {
				b.Fatalf("GET /customer: %d", code)
			}
		}
	})
	b.Run("http/review", func(b *testing.B) {
		for b.Loop() {
			if code := get("/review"); code != http.StatusOK {
				b.Fatalf("GET /review: %d", code)
			}
		}
	})
}

// benchDatabase returns the config of a published database of persons
// generated persons, generating and publishing it on first use.
func benchDatabase(b *testing.B, persons int) *config.Config {
	b.Helper()
	top, err := filepath.Abs(filepath.Join("..", "..", ".bench"))
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(top, fmt.Sprintf("serve-%d", persons))
	path := filepath.Join(dir, "c360.yaml")
	if _, err := os.Stat(path); err != nil {
		if _, err := gen.Write(context.Background(), filepath.Join(dir, "in"), gen.Options{Persons: persons, Seed: 1, CRM: true}); err != nil {
			b.Fatal(err)
		}
		yaml := "database: out/c360.duckdb\nwork_dir: work\nas_of: 2026-11-27\nkeep_runs: 1\n" + gen.SourcesYAML("in", true)
		if err := os.WriteFile(path+".tmp", []byte(yaml), 0o644); err != nil {
			b.Fatal(err)
		}
		cfg, err := config.Load(path + ".tmp")
		if err != nil {
			b.Fatal(err)
		}
		runPipeline(b, cfg)
		if err := os.Rename(path+".tmp", path); err != nil { // the database is complete
			b.Fatal(err)
		}
	}
	cfg, err := config.Load(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(cfg.Database); err != nil {
		b.Fatalf("%s: the cached benchmark database is gone; remove %s and run again", cfg.Database, dir)
	}
	return cfg
}
