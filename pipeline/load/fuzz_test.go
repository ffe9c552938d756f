package load

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	c360sql "github.com/contoso/c360/sql"
	"github.com/contoso/c360/transform/sources"
)

// FuzzFile loads random bytes and mutated real files (seeds: the head of
// each sample file, testdata/fuzz/FuzzFile) with the contacts schema, and
// checks the accounting invariant: a load either fails for a reason the
// package names (a bad header) or accounts for every byte and line, with
// rows read = loaded + rejected and the table holding exactly the rows
// loaded. It also checks that a failed load leaves another database, the
// stand-in for the published one, byte for byte as it was.
func FuzzFile(f *testing.F) {
	for _, name := range []string{"contacts.csv", "loyalty.csv"} {
		lines := sampleLines(f, name)
		f.Add([]byte(strings.Join(lines[:min(len(lines), 12)], "")))
	}
	header := strings.TrimRight(sampleLines(f, "contacts.csv")[0], "\n")
	f.Add([]byte(header + "\n\"unclosed,quote\n"))
	f.Add([]byte("\xff\xfe" + header))

	published := filepath.Join(f.TempDir(), "published.duckdb")
	pub, err := sql.Open("duckdb", published)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := pub.Exec("CREATE TABLE customer AS SELECT 1 AS id"); err != nil {
		f.Fatal(err)
	}
	pub.Close()
	before := fileSum(f, published)

	src := sources.Contacts()
	db, err := sql.Open("duckdb", "") // one build database for every input: each load replaces the table
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		f.Fatal(err)
	}
	defer conn.Close()
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "contacts.csv")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		res, err := File(context.Background(), conn, Input{Source: src, Path: path, Name: "contacts.csv"}, Options{MaxQuotedLines: 3})
		if err != nil {
			if errors.Is(err, ErrAccounting) {
				t.Fatalf("accounting failed: %v", err)
			}
			if got := fileSum(t, published); got != before {
				t.Fatal("a failed load changed the published database")
			}
			return
		}
		if err := res.Accounting.Check(int64(len(data))); err != nil {
			t.Fatal(err)
		}
		if res.Read != res.Loaded+len(res.Rejects) {
			t.Fatalf("read %d != loaded %d + rejected %d", res.Read, res.Loaded, len(res.Rejects))
		}
		var n int
		if err := conn.QueryRowContext(context.Background(), "SELECT count(*) FROM "+c360sql.QuoteIdent(src.Table)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != res.Loaded {
			t.Fatalf("table holds %d rows, loaded %d", n, res.Loaded)
		}
		for _, r := range res.Rejects {
			if r.Line < 1 || int64(r.Line) > res.Accounting.File.Lines {
				t.Fatalf("reject line %d outside the file's %d lines", r.Line, res.Accounting.File.Lines)
			}
		}
	})
}

func fileSum(t testing.TB, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}
