package report

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/contoso/c360/pipeline/sales"
)

// fixtureDB returns an in-memory database holding the CRM reports of the
// hand-written fixture in testdata/crm, as of 2026-11-27, and two small
// measure tables written here.
func fixtureDB(t *testing.T) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	dir := filepath.Join("..", "..", "testdata", "crm")
	files := make(map[string]sales.File)
	for _, name := range []string{"accounts", "deals", "tech_checks", "leads", "activities"} {
		files[name] = sales.File{Path: filepath.Join(dir, name+".csv"), Name: name + ".csv"}
	}
	if _, err := sales.LoadCRM(ctx, conn, files, sales.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := sales.Reports(ctx, conn, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		`CREATE TABLE business_measure (avg_store_purchase DECIMAL(18,2), avg_web_purchase DECIMAL(18,2),
			store_purchases BIGINT, online_purchases BIGINT, unlinked_purchases BIGINT)`,
		`INSERT INTO business_measure VALUES (30.00, 110.00, 5, 6, 3)`,
		`CREATE TABLE customer_measure (customer_id VARCHAR, lifetime_spend DECIMAL(18,2),
			avg_web_purchase DECIMAL(18,2), club_points BIGINT, first_purchase_on DATE)`,
		`INSERT INTO customer_measure VALUES ('C2', 99.99, NULL, 0, DATE '2026-03-01'),
			('C1', 380.02, 116.67, 30, DATE '2026-01-05'), ('C4', 0.00, NULL, 0, NULL)`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return db
}
