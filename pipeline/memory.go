package pipeline

import (
	"context"
	"database/sql"
	"fmt"
)

// MemoryBudget splits a run's memory limit between DuckDB's buffer pool
// (a quarter, at most 1 GiB: the pipeline streams through DuckDB, so a
// larger pool only delays writing to disk) and Go's heap (the rest, as a
// soft limit for runtime/debug.SetMemoryLimit).
func MemoryBudget(limit int64) (duckdb, goHeap int64) {
	duckdb = min(limit/4, 1<<30)
	return duckdb, limit - duckdb
}

// limitDuckDB caps the buffer pool of the database being built, and lets
// DuckDB insert rows in any order: every table is a set (each query that
// needs an order says ORDER BY), and an insert that need not keep the
// order of its read_csv input spends less memory and time (the 1M run's
// merge, five tables of 0.4M to 1.4M rows, took 10.9 s instead of 13.6 s).
func limitDuckDB(ctx context.Context, db *sql.DB, bytes int64) error {
	_, err := db.ExecContext(ctx, fmt.Sprintf("SET memory_limit = '%dMiB'", max(bytes>>20, 64)))
	if err != nil {
		return fmt.Errorf("set DuckDB memory_limit: %w", err)
	}
	if _, err := db.ExecContext(ctx, "SET preserve_insertion_order = false"); err != nil {
		return fmt.Errorf("set DuckDB preserve_insertion_order: %w", err)
	}
	return nil
}
