package sales

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/contoso/c360/pipeline/gen"
	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/transform/sources"
)

// BenchmarkReports times Reports on the generator's CRM sample at its
// largest (Persons >= 100,000: 2,000 accounts, 4,000+ deals, 3,000 leads).
func BenchmarkReports(b *testing.B) {
	dir := b.TempDir()
	if _, err := gen.Write(context.Background(), dir, gen.Options{Persons: 100_000, Seed: 1, CRM: true}); err != nil {
		b.Fatal(err)
	}
	files := make(map[string]File)
	for name, file := range map[string]string{
		"accounts": gen.AccountsFile, "deals": gen.DealsFile, "tech_checks": gen.TechChecksFile,
		"leads": gen.LeadsFile, "activities": gen.ActivitiesFile,
	} {
		files[name] = File{Path: filepath.Join(dir, gen.CRMDir, file), Name: file}
	}
	conn := openConn(b)
	ctx := context.Background()
	if _, err := LoadCRM(ctx, conn, files, Options{}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := Reports(ctx, conn, fixtureAsOf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPurchasesAndMeasures times Purchases and Measures on generated
// samples, every profile record its own customer.
func BenchmarkPurchasesAndMeasures(b *testing.B) {
	for _, persons := range []int{10_000, 100_000} {
		b.Run(strconv.Itoa(persons), func(b *testing.B) {
			dir := b.TempDir()
			if _, err := gen.Write(context.Background(), dir, gen.Options{Persons: persons, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			conn := openConn(b)
			names := map[string]string{"contacts": gen.ContactsFile, "loyalty": gen.LoyaltyFile, "pos": gen.POSFile, "online": gen.OnlineFile}
			for _, src := range sources.Customer() {
				in := load.Input{Source: src, Path: filepath.Join(dir, names[src.Name]), Name: names[src.Name]}
				if _, err := load.File(ctx, conn, in, load.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			exec(b, conn,
				`CREATE TABLE customer_source AS
					SELECT 'c:' || contact_id AS customer_id, 'contacts' AS source, contact_id AS source_id FROM source_contacts
					UNION ALL
					SELECT 'l:' || loyalty_id, 'loyalty', loyalty_id FROM source_loyalty`,
				`CREATE TABLE customer AS SELECT customer_id FROM customer_source`)
			var n PurchaseCount
			for b.Loop() {
				var err error
				if n, err = Purchases(ctx, conn); err != nil {
					b.Fatal(err)
				}
				if err := Measures(ctx, conn); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n.Store+n.Online), "purchases")
		})
	}
}
