//go:build !duckdb_arrow

package bulk

import (
	"context"
	"database/sql"
	"fmt"
)

// rowBatchSize is how many scanned rows make one Batch.
const rowBatchSize = 4096

func read(ctx context.Context, conn *sql.Conn, query string, fn func(b Batch) error) error {
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("bulk: read: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("bulk: read: %w", err)
	}
	b := rowBatch{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("bulk: read: %w", err)
		}
		b = append(b, vals)
		if len(b) == rowBatchSize {
			if err := fn(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("bulk: read: %w", err)
	}
	if len(b) > 0 {
		return fn(b)
	}
	return nil
}

// rowBatch holds scanned rows.
type rowBatch [][]any

func (b rowBatch) Len() int                   { return len(b) }
func (b rowBatch) IsNull(col, row int) bool   { return b[row][col] == nil }
func (b rowBatch) String(col, row int) string { s, _ := b[row][col].(string); return s }
func (b rowBatch) Int64(col, row int) int64 {
	switch v := b[row][col].(type) {
	case int64:
		return v
	case int32:
		return int64(v)
	case int16:
		return int64(v)
	case int8:
		return int64(v)
	}
	return 0
}
