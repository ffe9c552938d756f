package eval

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"github.com/contoso/c360/pipeline/gen"
)

// TestGeneratedCustomers matches the project's own generated Contoso files
// (pipeline/gen: households sharing an address, phone or family e-mail,
// people sharing a full name, duplicates with nicknames and typos) in the
// pipeline's link-and-dedupe mode and checks pairwise precision and recall
// against the generator's truth. Households are the hard part.
func TestGeneratedCustomers(t *testing.T) {
	if testing.Short() {
		t.Skip("generated-data evaluation skipped in -short mode")
	}
	dir := t.TempDir()
	if _, err := gen.Write(context.Background(), dir, gen.Options{Persons: 20000, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	writeTruthPairs(t, filepath.Join(dir, gen.TruthFile), filepath.Join(dir, "pairs.csv"))
	ds := &Dataset{Name: "generated", Task: "link_and_dedupe", Truth: Truth{Pairs: "pairs.csv"}, Files: []File{
		{Path: gen.ContactsFile, Source: "contacts", Key: "ContactId", Schema: "contacts"},
		{Path: gen.LoyaltyFile, Source: "loyalty", Key: "LoyaltyId", Schema: "loyalty"},
	}}
	if err := ds.validate(); err != nil {
		t.Fatal(err)
	}
	o, err := evaluate(context.Background(), ds, dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d records, %d true pairs, %d predicted: precision %.4f recall %.4f F1 %.4f, %d customers",
		o.Records, o.TruePairs, o.PredictedPairs, o.Precision, o.Recall, o.F1, o.Customers)
	if o.Precision < 0.95 || o.Recall < 0.99 {
		t.Errorf("precision %.4f recall %.4f, want at least 0.95 and 0.99", o.Precision, o.Recall)
	}
}

// writeTruthPairs turns the generator's truth (source, source_id, person)
// into a file of matching key pairs.
func writeTruthPairs(t *testing.T, truth, pairs string) {
	t.Helper()
	in, err := os.Open(truth)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	rows, err := csv.NewReader(in).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	byPerson := map[string][]string{}
	for _, r := range rows[1:] {
		byPerson[r[2]] = append(byPerson[r[2]], r[1])
	}
	out, err := os.Create(pairs)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	_ = w.Write([]string{"key_a", "key_b"})
	for _, keys := range byPerson {
		for i := range keys {
			for j := i + 1; j < len(keys); j++ {
				_ = w.Write([]string{keys[i], keys[j]})
			}
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
