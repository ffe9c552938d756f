package sales

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/pipeline/pipelinetest"
	"github.com/contoso/c360/transform/sources"
)

// contosoDir returns the folder of the real Contoso CI-ILT files, or skips
// the test (fails it when CI=true) when the labelled datasets are absent.
func contosoDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(pipelinetest.Datasets(t, "contoso-ci"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestRealPurchases links the real purchase files to their own source
// records (every contact and loyalty record its own customer): the README
// of the data set counts 9 online purchases whose ContactId is absent from
// Contact.txt and no POS purchase without its loyalty record. Spend is
// conserved: the customers' lifetime spend plus the unlinked purchases is
// every purchase.
func TestRealPurchases(t *testing.T) {
	dir := contosoDir(t)
	ctx := context.Background()
	conn := openConn(t)
	files := map[string]string{"contacts": "Contact.txt", "loyalty": "Customer-Loyalty.txt", "pos": "POSPurchases.txt", "online": "OnlinePurchases.txt"}
	for _, src := range sources.Customer() {
		if _, err := load.File(ctx, conn, load.Input{Source: src, Path: filepath.Join(dir, files[src.Name]), Name: files[src.Name]}, load.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	exec(t, conn,
		`CREATE TABLE customer_source AS
			SELECT 'contacts:' || contact_id AS customer_id, 'contacts' AS source, contact_id AS source_id FROM source_contacts
			UNION ALL
			SELECT 'loyalty:' || loyalty_id, 'loyalty', loyalty_id FROM source_loyalty`,
		`CREATE TABLE customer AS SELECT DISTINCT customer_id FROM customer_source`)
	n, err := Purchases(ctx, conn)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PurchaseCount{Store: 20024, Online: 12369, Unlinked: 9}); n != want {
		t.Errorf("Purchases = %+v, want %+v", n, want)
	}
	if err := Measures(ctx, conn); err != nil {
		t.Fatal(err)
	}
	got := queryCSV(t, conn, `SELECT
		(SELECT sum(lifetime_spend) FROM customer_measure)
			+ (SELECT sum(total_price) FROM purchase WHERE customer_id IS NULL) =
		(SELECT sum(total_price) FROM source_pos) + (SELECT sum(total_price) FROM source_online) AS conserved,
		(SELECT count(*) FROM purchase WHERE customer_id IS NULL AND channel = 'online') AS unlinked_online`)
	if got[1][0] != "true" || got[1][1] != "9" {
		t.Errorf("conserved, unlinked_online = %v, want true, 9", got[1])
	}
}
