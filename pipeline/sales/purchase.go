package sales

import (
	"context"
	"database/sql"
	"fmt"

	c360sql "github.com/contoso/c360/sql"
)

// PurchaseCount counts the rows of table purchase.
type PurchaseCount struct {
	Store    int64 // purchases from the POS file
	Online   int64 // purchases from the online-purchase file
	Unlinked int64 // purchases whose key matches no loaded source record
}

// Purchases builds table purchase from source_pos and source_online (as
// loaded) and customer_source, and counts it. Each purchase file row
// becomes exactly one purchase; if customer_source maps one loyalty or
// contact record to several customers, Purchases fails rather than count a
// purchase twice. It runs in one transaction.
func Purchases(ctx context.Context, conn *sql.Conn) (PurchaseCount, error) {
	var n PurchaseCount
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return n, fmt.Errorf("sales: purchases: %w", err)
	}
	defer tx.Rollback()
	if err := c360sql.Exec(ctx, tx, "purchase.sql"); err != nil {
		return n, fmt.Errorf("sales: purchases: %w", err)
	}
	var rows int64
	err = tx.QueryRowContext(ctx, `
		SELECT
			count(*) FILTER (WHERE channel = 'store'),
			count(*) FILTER (WHERE channel = 'online'),
			count(*) FILTER (WHERE customer_id IS NULL),
			(SELECT count(*) FROM source_pos) + (SELECT count(*) FROM source_online)
		FROM purchase`).Scan(&n.Store, &n.Online, &n.Unlinked, &rows)
	if err != nil {
		return PurchaseCount{}, fmt.Errorf("sales: purchases: count: %w", err)
	}
	if n.Store+n.Online != rows {
		return PurchaseCount{}, fmt.Errorf("sales: purchases: %d purchase rows from %d file rows: "+
			"customer_source maps a loyalty or contact record to more than one customer", n.Store+n.Online, rows)
	}
	if err := tx.Commit(); err != nil {
		return PurchaseCount{}, fmt.Errorf("sales: purchases: commit: %w", err)
	}
	return n, nil
}

// Measures builds customer_measure (one row per row of table customer) and
// business_measure (one row) from purchase; run Purchases first. It runs in
// one transaction.
func Measures(ctx context.Context, conn *sql.Conn) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sales: measures: %w", err)
	}
	defer tx.Rollback()
	if err := c360sql.Exec(ctx, tx, "measures.sql"); err != nil {
		return fmt.Errorf("sales: measures: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sales: measures: commit: %w", err)
	}
	return nil
}
