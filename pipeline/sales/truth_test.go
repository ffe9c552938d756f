package sales

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/gen"
	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/transform/sources"
)

// TestSpendMatchesGeneratedTruth generates a sample, assigns every profile
// record to its true person, and checks that each person's lifetime spend
// is the sum of the prices of that person's purchase rows, as read from the
// files by this test.
func TestSpendMatchesGeneratedTruth(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.Write(context.Background(), dir, gen.Options{Persons: 1500, Seed: 7, OrphanRate: 0.01}); err != nil {
		t.Fatal(err)
	}
	if unlinked := checkSpendAgainstTruth(t, dir); unlinked == 0 {
		t.Error("no unlinked purchase at OrphanRate 0.01: the check did not run on any")
	}
}

// TestSpendMatchesSampleTruth runs the same check on the bundled sample,
// when it has been generated into testdata/sample.
func TestSpendMatchesSampleTruth(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "sample")
	if _, err := os.Stat(filepath.Join(dir, gen.TruthFile)); err != nil {
		t.Skipf("no generated sample with truth.csv in %s (%v)", dir, err)
	}
	checkSpendAgainstTruth(t, dir)
}

// checkSpendAgainstTruth runs the check on the sample in dir and returns
// the number of unlinked purchases.
func checkSpendAgainstTruth(t *testing.T, dir string) int64 {
	t.Helper()
	ctx := context.Background()
	conn := openConn(t)
	files := map[string]string{"contacts": gen.ContactsFile, "loyalty": gen.LoyaltyFile, "pos": gen.POSFile, "online": gen.OnlineFile}
	for _, src := range sources.Customer() {
		res, err := load.File(ctx, conn, load.Input{Source: src, Path: filepath.Join(dir, files[src.Name]), Name: files[src.Name]}, load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rejects) > 0 {
			t.Fatalf("%s: %d rejects, first %v", src.Name, len(res.Rejects), res.Rejects[0])
		}
	}
	truth := readTruth(t, filepath.Join(dir, gen.TruthFile))
	writeTruthCustomers(t, conn, truth)

	// The expected spend per person, from the files themselves.
	want := make(map[string]int64) // person -> cents
	var unlinked int64
	for _, f := range []struct{ source, file string }{{"pos", gen.POSFile}, {"online", gen.OnlineFile}} {
		for id, cents := range pricesByPurchase(t, filepath.Join(dir, f.file)) {
			person, ok := truth[f.source+","+id]
			if !ok {
				t.Fatalf("truth.csv has no row for %s %s", f.source, id)
			}
			if person == "" {
				unlinked++
				continue
			}
			want[person] += cents
		}
	}
	n, err := Purchases(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	if n.Unlinked != unlinked {
		t.Errorf("unlinked purchases = %d, truth says %d", n.Unlinked, unlinked)
	}
	if err := Measures(ctx, conn); err != nil {
		t.Fatal(err)
	}
	got := queryCSV(t, conn, `SELECT customer_id, lifetime_spend FROM customer_measure`)[1:]
	persons := make(map[string]bool)
	for _, person := range truth {
		if person != "" {
			persons[person] = true
		}
	}
	if len(got) != len(persons) {
		t.Errorf("customer_measure has %d rows, truth has %d persons", len(got), len(persons))
	}
	bad := 0
	for _, row := range got {
		if w := centsText(want[row[0]]); row[1] != w {
			if bad++; bad <= 5 {
				t.Errorf("person %s: lifetime_spend %s, want %s", row[0], row[1], w)
			}
		}
	}
	return unlinked
}

// readTruth maps "source,source_id" to the person number ("" for a
// purchase whose key matches no record).
func readTruth(t *testing.T, path string) map[string]string {
	t.Helper()
	recs := readCSV(t, path)
	if strings.Join(recs[0], ",") != gen.TruthHeader {
		t.Fatalf("%s: header %v", path, recs[0])
	}
	truth := make(map[string]string, len(recs))
	for _, r := range recs[1:] {
		truth[r[0]+","+r[1]] = r[2]
	}
	return truth
}

// writeTruthCustomers creates customer and customer_source with one
// customer per true person, holding all of that person's records.
func writeTruthCustomers(t *testing.T, conn *sql.Conn, truth map[string]string) {
	t.Helper()
	ctx := context.Background()
	exec(t, conn,
		`CREATE TABLE customer (customer_id VARCHAR PRIMARY KEY)`,
		`CREATE TABLE customer_source (customer_id VARCHAR NOT NULL, source VARCHAR NOT NULL, source_id VARCHAR NOT NULL)`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	persons := make(map[string]bool)
	for key, person := range truth {
		source, id, _ := strings.Cut(key, ",")
		if person == "" || source != "contacts" && source != "loyalty" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO customer_source VALUES (?, ?, ?)`, person, source, id); err != nil {
			t.Fatal(err)
		}
		if !persons[person] {
			persons[person] = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO customer VALUES (?)`, person); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// pricesByPurchase reads PurchaseId and TotalPrice (in cents) from a
// purchase file.
func pricesByPurchase(t *testing.T, path string) map[string]int64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	idCol, priceCol := -1, -1
	for i, h := range header {
		switch h {
		case "PurchaseId":
			idCol = i
		case "TotalPrice":
			priceCol = i
		}
	}
	out := make(map[string]int64)
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		cents, err := parseCents(rec[priceCol])
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out[rec[idCol]] = cents
	}
}

// parseCents reads "123", "123.4" or "123.45".
func parseCents(s string) (int64, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return 0, fmt.Errorf("price %q has more than two decimals", s)
	}
	frac += strings.Repeat("0", 2-len(frac))
	v, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("price %q: %w", s, err)
	}
	return v, nil
}

func centsText(c int64) string {
	return fmt.Sprintf("%d.%02d", c/100, c%100)
}
