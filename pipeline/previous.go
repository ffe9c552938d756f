package pipeline

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/pipeline/publish"
)

// Previous is what the last published run left that this run builds on:
// row counts for the safety gate and the customer ids to keep stable.
type Previous struct {
	RunID string         // "" before the first publish
	Rows  map[string]int // rows loaded per source
	IDs   stableid.Previous
}

// readPrevious reads the published database, if there is one.
func readPrevious(ctx context.Context, database string) (*Previous, error) {
	prev := &Previous{Rows: map[string]int{}}
	db, err := publish.OpenPublished(ctx, database)
	if err != nil || db == nil {
		return prev, err
	}
	defer db.Close()
	err = db.QueryRowContext(ctx, `SELECT run_id FROM run ORDER BY started_at DESC, run_id DESC LIMIT 1`).Scan(&prev.RunID)
	if err != nil {
		return nil, fmt.Errorf("read the last published run from %s: %w", database, err)
	}
	if err := readRows(ctx, db, prev); err != nil {
		return nil, err
	}
	if err := readIDs(ctx, db, prev); err != nil {
		return nil, err
	}
	return prev, nil
}

func readRows(ctx context.Context, db *sql.DB, prev *Previous) error {
	rows, err := db.QueryContext(ctx, `SELECT source, rows_loaded FROM source_file WHERE run_id = ?`, prev.RunID)
	if err != nil {
		return fmt.Errorf("read previous row counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var src string
		var n int
		if err := rows.Scan(&src, &n); err != nil {
			return err
		}
		prev.Rows[src] = n
	}
	return rows.Err()
}

// readIDs reads which customer each source record belonged to, when each
// customer id was born, and every id ever issued.
func readIDs(ctx context.Context, db *sql.DB, prev *Previous) error {
	ids := stableid.Previous{
		Assignment: make(map[stableid.Ref]string),
		Born:       make(map[string]int64),
		Issued:     make(map[string]bool),
	}
	err := scanRows(ctx, db, `SELECT source, source_id, customer_id FROM customer_source`, func(rows *sql.Rows) error {
		var r stableid.Ref
		var id string
		if err := rows.Scan(&r.Source, &r.ID, &id); err != nil {
			return err
		}
		ids.Assignment[r] = id
		return nil
	})
	if err != nil {
		return fmt.Errorf("read previous customer ids: %w", err)
	}
	err = scanRows(ctx, db, `SELECT customer_id, epoch(first_seen_at)::BIGINT FROM customer`, func(rows *sql.Rows) error {
		var id string
		var born int64
		if err := rows.Scan(&id, &born); err != nil {
			return err
		}
		ids.Born[id] = born
		return nil
	})
	if err != nil {
		return fmt.Errorf("read previous customer births: %w", err)
	}
	err = scanRows(ctx, db, `SELECT customer_id FROM customer_id_history WHERE customer_id IS NOT NULL
		UNION SELECT previous_customer_id FROM customer_id_history WHERE previous_customer_id IS NOT NULL`,
		func(rows *sql.Rows) error {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids.Issued[id] = true
			return nil
		})
	if err != nil {
		return fmt.Errorf("read issued customer ids: %w", err)
	}
	prev.IDs = ids
	return nil
}

// scanRows runs query and calls scan for each row.
func scanRows(ctx context.Context, db *sql.DB, query string, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query)
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
