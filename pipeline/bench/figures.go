package bench

import (
	"context"
	"database/sql"
	"fmt"

	c360sql "github.com/contoso/c360/sql"
)

func readFigures(ctx context.Context, conn *sql.Conn, r *Result) error {
	err := conn.QueryRowContext(ctx, c360sql.Query("read_bench.sql", "run_counts")).Scan(&r.Records, &r.Customers, &r.Candidates, &r.Matched, &r.Kept)
	if err != nil {
		return fmt.Errorf("read run: %w", err)
	}
	params := map[string]float64{}
	if err := eachRow(ctx, conn, c360sql.Query("read_bench.sql", "match_params"), func(rows *sql.Rows) error {
		var name string
		var v float64
		err := rows.Scan(&name, &v)
		params[name] = v
		return err
	}); err != nil {
		return err
	}
	r.PerRecord = params["pairs_per_record"]
	for i, k := range []string{"p50", "p90", "p99", "max"} {
		r.Spread[i] = int(params["pairs_of_a_record_"+k])
	}
	r.Rows = map[string]int{}
	if err := eachRow(ctx, conn, c360sql.Query("read_bench.sql", "rows_loaded"), func(rows *sql.Rows) error {
		var src string
		var n int
		err := rows.Scan(&src, &n)
		r.Rows[src] = n
		return err
	}); err != nil {
		return err
	}
	return eachRow(ctx, conn, c360sql.Query("read_bench.sql", "rules"), func(rows *sql.Rows) error {
		var x Rule
		err := rows.Scan(&x.Name, &x.Candidates, &x.Kept, &x.Matched)
		r.Rules = append(r.Rules, x)
		return err
	})
}

// score compares the published customers with the truth file: a pair of
// profile records is predicted when they share a customer and true when
// they share a person.
func score(ctx context.Context, conn *sql.Conn, truth string, r *Result) error {
	stmts := []string{
		fmt.Sprintf(`CREATE TEMP TABLE truth AS SELECT source, source_id, person
			FROM read_csv(%s, all_varchar = true) WHERE source IN ('contacts', 'loyalty')`, c360sql.QuoteLiteral(truth)),
		`CREATE TEMP TABLE m AS SELECT t.person, cs.customer_id, t.source, t.source_id
			FROM truth t JOIN run.customer_source cs USING (source, source_id)`,
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("score: %w", err)
		}
	}
	var truePairs, predicted, correct float64
	err := conn.QueryRowContext(ctx, c360sql.Query("read_bench.sql", "pair_counts")).Scan(&truePairs, &predicted, &correct)
	if err != nil {
		return fmt.Errorf("score: %w", err)
	}
	if predicted > 0 {
		r.Precision = correct / predicted
	}
	if truePairs > 0 {
		r.Recall = correct / truePairs
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return nil
}

func eachRow(ctx context.Context, conn *sql.Conn, query string, scan func(*sql.Rows) error) error {
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
