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

// Float returns the number a value scanned from DuckDB into an any holds:
// a float or integer of any width, or a DECIMAL; 0 for anything else
// (NULL included).
func Float(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case float32:
		return float64(x)
	case int8:
		return float64(x)
	case int16:
		return float64(x)
	case int32:
		return float64(x)
	case int64:
		return float64(x)
	case int:
		return float64(x)
	case interface{ Float64() float64 }: // duckdb.Decimal
		return x.Float64()
	}
	return 0
}
