package bulk

import (
	"context"
	"database/sql"
)

// Batch is a run of result rows, read column by column. Strings it returns
// are copies the caller may keep.
type Batch interface {
	Len() int
	IsNull(col, row int) bool
	String(col, row int) string
	Int64(col, row int) int64
}

// Read runs query on conn and calls fn for each batch of its result, in
// order. Built with the duckdb_arrow tag (as make does), batches are Arrow
// record batches straight from DuckDB; without it they are gathered by
// scanning rows, which is slower but needs nothing else.
func Read(ctx context.Context, conn *sql.Conn, query string, fn func(b Batch) error) error {
	return read(ctx, conn, query, fn)
}
