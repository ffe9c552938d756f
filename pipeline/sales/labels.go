package sales

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/contoso/c360/pipeline/i18n"
	c360sql "github.com/contoso/c360/sql"
)

// Querier is what Catalog reads from: a *sql.DB, *sql.Conn or *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Catalog returns cat with the words of the sales process the database's
// reports were built under (the tables ReportsFor writes): every stage's
// and lead sequence step's name in cat's language, as "stage.<name>" and
// "task.<name>" (the Spanish labels for Spanish, the names otherwise), and
// the heading of deals_over_20000 with the Tech Check amount. The CLI and
// HTML reports translate through it, so a renamed stage or a moved amount
// shows as configured. A database without the CRM reports gets cat back.
func Catalog(ctx context.Context, db Querier, cat *i18n.Catalog) (*i18n.Catalog, error) {
	var n int
	err := db.QueryRowContext(ctx, c360sql.Query("read_sales.sql", "process_tables")).Scan(&n)
	if err != nil {
		return nil, fmt.Errorf("sales: reading the process labels: %w", err)
	}
	if n < 3 {
		return cat, nil
	}
	spanish := cat.Lang() == "es"
	msgs := make(map[string]string)
	for _, q := range []struct{ kind, query string }{
		{"stage", c360sql.Query("read_sales.sql", "stage_labels")},
		{"task", c360sql.Query("read_sales.sql", "task_labels")},
	} {
		if err := readLabels(ctx, db, q.kind, q.query, spanish, msgs); err != nil {
			return nil, err
		}
	}
	var amount float64
	if err := db.QueryRowContext(ctx, c360sql.Query("read_sales.sql", "tech_check_amount")).Scan(&amount); err != nil {
		return nil, fmt.Errorf("sales: reading the Tech Check amount: %w", err)
	}
	money := cat.Money(amount)
	if amount == float64(int64(amount)) {
		money = cat.Tf("number.money", cat.Number(amount, 0)) // "$20,000", as a heading says it
	}
	msgs["col.deals_over_20000"] = cat.Tf("col.deals_over_amount", money)
	return cat.With(msgs), nil
}

func readLabels(ctx context.Context, db Querier, kind, query string, spanish bool, msgs map[string]string) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("sales: reading the process labels: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, es string
		if err := rows.Scan(&name, &es); err != nil {
			return fmt.Errorf("sales: reading the process labels: %w", err)
		}
		msgs[kind+"."+name] = name
		if spanish {
			msgs[kind+"."+name] = es
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sales: reading the process labels: %w", err)
	}
	return nil
}
