package pipeline

import (
	"context"
	"database/sql"

	"github.com/contoso/c360/pipeline/bulk"
)

// writeRows writes n rows into table: row(w, i) sets every column of row i.
func writeRows(ctx context.Context, db *sql.DB, table string, cols []bulk.Column, n int, row func(w *bulk.Writer, i int)) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return writeRowsOn(ctx, conn, table, cols, n, row)
}

// writeRowsOn is writeRows on one connection, for a TEMP table that only
// that connection sees.
func writeRowsOn(ctx context.Context, conn *sql.Conn, table string, cols []bulk.Column, n int, row func(w *bulk.Writer, i int)) error {
	return bulk.Write(ctx, conn, table, cols, func(w *bulk.Writer) error {
		for i := 0; i < n; i++ {
			row(w, i)
			if err := w.EndRow(); err != nil {
				return err
			}
		}
		return nil
	})
}
