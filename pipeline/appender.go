package pipeline

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/duckdb/duckdb-go/v2"
)

// appendRows opens an Appender on table and hands it to fill; rows reach
// DuckDB in chunks, never as row-by-row INSERTs.
func appendRows(ctx context.Context, db *sql.DB, table string, fill func(app *duckdb.Appender) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", table)
		if err != nil {
			return err
		}
		if err := fill(app); err != nil {
			app.Close()
			return err
		}
		return app.Close()
	})
	if err != nil {
		return fmt.Errorf("append to %s: %w", table, err)
	}
	return nil
}

// nullString is s, or NULL when s is empty.
func nullString(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}
