//go:build duckdb_arrow

package bulk

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
)

func read(ctx context.Context, conn *sql.Conn, query string, fn func(b Batch) error) error {
	err := conn.Raw(func(dc any) error {
		a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		rr, err := a.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rr.Release()
		for rr.Next() {
			if err := fn(arrowBatch{rr.RecordBatch()}); err != nil {
				return err
			}
		}
		return rr.Err()
	})
	if err != nil {
		return fmt.Errorf("bulk: read: %w", err)
	}
	return nil
}

// arrowBatch reads an Arrow record batch; it is valid only inside fn.
type arrowBatch struct{ rec arrow.RecordBatch }

func (b arrowBatch) Len() int                 { return int(b.rec.NumRows()) }
func (b arrowBatch) IsNull(col, row int) bool { return b.rec.Column(col).IsNull(row) }

// String copies the value: Arrow's strings point into buffers that are
// freed when the batch is released.
func (b arrowBatch) String(col, row int) string {
	switch a := b.rec.Column(col).(type) {
	case *array.String:
		return strings.Clone(a.Value(row))
	case *array.LargeString:
		return strings.Clone(a.Value(row))
	case *array.StringView:
		return strings.Clone(a.Value(row))
	}
	panic(fmt.Sprintf("bulk: column %d is %s, not a string", col, b.rec.Column(col).DataType()))
}

func (b arrowBatch) Int64(col, row int) int64 {
	switch a := b.rec.Column(col).(type) {
	case *array.Int64:
		return a.Value(row)
	case *array.Int32:
		return int64(a.Value(row))
	case *array.Int16:
		return int64(a.Value(row))
	case *array.Int8:
		return int64(a.Value(row))
	}
	panic(fmt.Sprintf("bulk: column %d is %s, not an integer", col, b.rec.Column(col).DataType()))
}
