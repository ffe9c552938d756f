package htmlreport

import (
	"context"
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	crm "github.com/contoso/c360/pipeline/sales"
	c360sql "github.com/contoso/c360/sql"
)

// fixtureDB returns an in-memory database with the published schema and a
// small hand-made run:
//
//	customers  C1 = contacts:A + loyalty:X, C2 = contacts:B,
//	           C3 = contacts:C + contacts:D + loyalty:Y
//	match_pair 25 pairs with weights -5, -4, ..., 19 (threshold 0.9, whose
//	           weight is log2 9 = 3.17); name_weight 0.001 (too small to
//	           list), email_weight -2 (listed)
//	measures   four customers, one without purchases
//
// and, when withCRM is true, the CRM reports of testdata/crm as of 2026-11-27.
func fixtureDB(t *testing.T, withCRM bool) *sql.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1) // one in-memory database
	for _, f := range []string{"schema.sql", "customer_stage.sql"} {
		if err := c360sql.Exec(ctx, db, f); err != nil {
			t.Fatal(err)
		}
	}
	stmts := []string{
		`INSERT INTO run VALUES ('R1', TIMESTAMP '2026-11-26 02:30:00', TIMESTAMP '2026-11-26 02:31:00', DATE '2026-11-26',
			'published', false, 'v0', 'h', 10, 0, 6, 3, 30, 4, 0, 0, 60, [], 0, 0)`,
		`INSERT INTO run VALUES ('R2', TIMESTAMP '2026-11-27 02:30:00', TIMESTAMP '2026-11-27 02:31:00', DATE '2026-11-27',
			'published', true, 'v1', 'h', 12, 1, 6, 3, 30, 4, 0, 0, 61.5, ['loyalty rows fell by 60%', '<b>not bold</b>'], 0, 0)`,
		`INSERT INTO run_stage VALUES ('R2', 'fetch', 1, 1.5), ('R2', 'match.block', 2, 0.5),
			('R2', 'match.score', 3, 2.0), ('R2', 'match', 4, 2.5), ('R1', 'fetch', 1, 9)`,
		`INSERT INTO source_file (run_id, source, url, file, sha256, bytes, rows_read, rows_loaded, rows_rejected, reused, http_status, fetched_at) VALUES
			('R2', 'loyalty', 'https://example.invalid/loyalty', 'runs/R2/l.txt', 'x', 100, 5, 4, 1, false, 200, TIMESTAMP '2026-11-27 02:30:00'),
			('R2', 'contacts', 'file:///in/contacts.txt', 'runs/R2/c.txt', 'y', 200, 7, 7, 0, true, NULL, TIMESTAMP '2026-11-27 02:30:00')`,
		`INSERT INTO load_reject VALUES ('R2', 'loyalty', 'l.txt', 3, 'Email', 5, 'x@', 'invalid address', 'raw')`,
		`INSERT INTO customer_stage (customer_id, full_name, city, record_count, sources, first_seen_at)
			SELECT id, name, 'Seattle', n, src, TIMESTAMP '2026-11-27 00:00:00'
			FROM (VALUES ('C1', 'Ana Lima', 2, 'contacts,loyalty'), ('C2', '<script>alert(1)</script>', 1, 'contacts'),
				('C3', 'Bo Chen', 3, 'contacts,loyalty')) AS v(id, name, n, src)`,
		`INSERT INTO customer_source VALUES ('C1', 'contacts', 'A', 2), ('C1', 'loyalty', 'X', 2), ('C2', 'contacts', 'B', 3),
			('C3', 'contacts', 'C', 4), ('C3', 'contacts', 'D', 5), ('C3', 'loyalty', 'Y', 3)`,
		`INSERT INTO match_param VALUES ('threshold', 0.9), ('prior_weight', -10), ('candidate_pairs', 21233411)`,
		`INSERT INTO match_model VALUES ('name', 'given_name', 1, 'given names equal', 'exact', 0.9, 0.1, 3.17, 120),
			('email', 'email', 3, 'e-mails different', 'else', 0.1, 0.9, -3.17, 14)`,
		`ALTER TABLE match_pair ADD COLUMN name_level TINYINT`, `ALTER TABLE match_pair ADD COLUMN name_weight DOUBLE`,
		`ALTER TABLE match_pair ADD COLUMN email_level TINYINT`, `ALTER TABLE match_pair ADD COLUMN email_weight DOUBLE`,
		`INSERT INTO match_pair SELECT 'contacts', 'L' || w, 'loyalty', 'R' || w, w, 1 / (1 + pow(2, -w)), w >= log2(9),
			'email', 1, 0.001, 3, -2 FROM range(-5, 20) AS r(w)`,
		`CREATE TABLE business_measure (avg_store_purchase DECIMAL(18,2), avg_web_purchase DECIMAL(18,2),
			store_purchases BIGINT, online_purchases BIGINT, store_spend DECIMAL(18,2), online_spend DECIMAL(18,2),
			unlinked_purchases BIGINT, customers BIGINT)`,
		`INSERT INTO business_measure VALUES (25.00, 100.00, 4, 3, 100.00, 300.00, 2, 4)`,
		`CREATE TABLE customer_measure (customer_id VARCHAR, lifetime_spend DECIMAL(18,2), in_store_spend DECIMAL(18,2),
			online_spend DECIMAL(18,2), club_points BIGINT, avg_store_purchase DECIMAL(18,2), avg_web_purchase DECIMAL(18,2),
			store_purchases BIGINT, online_purchases BIGINT, first_purchase_on DATE, last_purchase_on DATE)`,
		`INSERT INTO customer_measure VALUES
			('C1', 230.00, 30.00, 200.00, 3, 30.00, 200.00, 1, 1, DATE '2026-01-01', DATE '2026-02-01'),
			('C2', 70.00, 70.00, 0.00, 7, 23.33, NULL, 3, 0, DATE '2026-01-01', DATE '2026-03-01'),
			('C3', 100.00, 0.00, 100.00, 0, NULL, 50.00, 0, 2, DATE '2026-01-01', DATE '2026-04-01'),
			('C4', 0.00, 0.00, 0.00, 0, NULL, NULL, 0, 0, NULL, NULL)`,
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if err := c360sql.Exec(ctx, db, "customer.sql"); err != nil {
		t.Fatal(err)
	}
	if withCRM {
		loadCRM(t, db)
	}
	return db
}

func loadCRM(t *testing.T, db *sql.DB) {
	t.Helper()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	dir := filepath.Join("..", "..", "testdata", "crm")
	files := make(map[string]crm.File)
	for _, name := range []string{"accounts", "deals", "tech_checks", "leads", "activities"} {
		files[name] = crm.File{Path: filepath.Join(dir, name+".csv"), Name: name + ".csv"}
	}
	if _, err := crm.LoadCRM(ctx, conn, files, crm.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := crm.Reports(ctx, conn, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
}

// expected reads a hand-written file of testdata/crm/expected as rows of
// column -> text.
func expected(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "crm", "expected", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		row := make(map[string]string)
		for i, col := range recs[0] {
			row[col] = rec[i]
		}
		out = append(out, row)
	}
	return out
}
