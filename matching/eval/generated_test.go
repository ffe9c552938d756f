package eval

import (
	"context"
	"testing"
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
	o, err := evaluateGenerated(context.Background(), GeneratedPersons, GeneratedSeed, Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d records, %d true pairs, %d predicted: precision %.4f recall %.4f F1 %.4f, %d customers",
		o.Records, o.TruePairs, o.PredictedPairs, o.Precision, o.Recall, o.F1, o.Customers)
	if o.Precision < 0.999 || o.Recall < 0.999 {
		t.Errorf("precision %.4f recall %.4f, want at least 0.999 and 0.999", o.Precision, o.Recall)
	}
}
