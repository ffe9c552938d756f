package pipeline

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/pipeline/bulk"
	"github.com/contoso/c360/pipeline/publish"
	c360sql "github.com/contoso/c360/sql"
)

// readPrevious reads the published database's last run and row counts, if
// there is one. The customer ids, as large as the sources, are read when
// merge needs them (readPreviousIDs), not held through the whole run.
func readPrevious(ctx context.Context, database string) (*Previous, error) {
	prev := &Previous{Rows: map[string]int{}}
	db, err := publish.OpenPublished(ctx, database)
	if err != nil || db == nil {
		return prev, err
	}
	defer db.Close()
	err = db.QueryRowContext(ctx, c360sql.Query("read_previous.sql", "latest_run")).Scan(&prev.RunID)
	if err != nil {
		return nil, fmt.Errorf("read the last published run from %s: %w", database, err)
	}
	if err := readRows(ctx, db, prev); err != nil {
		return nil, err
	}
	return prev, nil
}

// readPreviousIDs reads the published database's customer ids; there are
// none before the first publish.
func readPreviousIDs(ctx context.Context, database string) (stableid.Previous, error) {
	db, err := publish.OpenPublished(ctx, database)
	if err != nil || db == nil {
		return stableid.Previous{}, err
	}
	defer db.Close()
	return readIDs(ctx, db)
}

func readRows(ctx context.Context, db *sql.DB, prev *Previous) error {
	err := scanRows(ctx, db, c360sql.Query("read_previous.sql", "rows_loaded"), func(rows *sql.Rows) error {
		var src string
		var n int
		if err := rows.Scan(&src, &n); err != nil {
			return err
		}
		prev.Rows[src] = n
		return nil
	}, prev.RunID)
	if err != nil {
		return fmt.Errorf("read previous row counts: %w", err)
	}
	return nil
}

// readIDs reads which customer each source record belonged to, when each
// customer id was born, and every id ever issued. The first two are as
// large as the sources, so they arrive in columnar batches.
func readIDs(ctx context.Context, db *sql.DB) (stableid.Previous, error) {
	ids := stableid.Previous{
		Assignment: make(map[stableid.Ref]string),
		Born:       make(map[string]int64),
		Issued:     make(map[string]bool),
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return ids, err
	}
	defer conn.Close()
	err = bulk.Read(ctx, conn, c360sql.Query("read_previous.sql", "record_customers"), func(b bulk.Batch) error {
		for r := 0; r < b.Len(); r++ {
			ids.Assignment[stableid.Ref{Source: b.String(0, r), ID: b.String(1, r)}] = b.String(2, r)
		}
		return nil
	})
	if err != nil {
		return ids, fmt.Errorf("read previous customer ids: %w", err)
	}
	err = bulk.Read(ctx, conn, c360sql.Query("read_previous.sql", "customers_born"), func(b bulk.Batch) error {
		for r := 0; r < b.Len(); r++ {
			ids.Born[b.String(0, r)] = b.Int64(1, r)
		}
		return nil
	})
	if err != nil {
		return ids, fmt.Errorf("read previous customer births: %w", err)
	}
	err = scanRows(ctx, db, c360sql.Query("read_previous.sql", "ids_ever_issued"),
		func(rows *sql.Rows) error {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids.Issued[id] = true
			return nil
		})
	if err != nil {
		return ids, fmt.Errorf("read issued customer ids: %w", err)
	}
	return ids, nil
}

// scanRows runs query with args and calls scan for each row.
func scanRows(ctx context.Context, db *sql.DB, query string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := db.QueryContext(ctx, query, args...)
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
