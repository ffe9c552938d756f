package sales

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/contoso/c360/pipeline/i18n"
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
	err := db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables()
		WHERE schema_name = 'main' AND table_name IN ('deal_stage', 'lead_sequence_step', 'report_parameter')`).Scan(&n)
	if err != nil {
		return nil, fmt.Errorf("sales: reading the process labels: %w", err)
	}
	if n < 3 {
		return cat, nil
	}
	spanish := cat.Lang() == "es"
	msgs := make(map[string]string)
	for _, q := range []struct{ kind, query string }{
		{"stage", `SELECT stage, stage_es FROM deal_stage ORDER BY stage_order`},
		{"task", `SELECT task, task_es FROM lead_sequence_step ORDER BY step`},
	} {
		if err := readLabels(ctx, db, q.kind, q.query, spanish, msgs); err != nil {
			return nil, err
		}
	}
	var amount float64
	if err := db.QueryRowContext(ctx, `SELECT CAST(tech_check_threshold AS DOUBLE) FROM report_parameter`).Scan(&amount); err != nil {
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
