package pipeline

import (
	"context"
	"database/sql"
	"fmt"

	c360sql "github.com/contoso/c360/sql"
	"github.com/contoso/c360/sql/tables"
)

// describeTables writes what each published table's row and each of its
// columns is, as package sql/tables declares them, into the database as
// COMMENT ON TABLE and COMMENT ON COLUMN, so that an analyst's DuckDB client
// (or duckdb_columns()) shows them. It runs last, since CREATE OR REPLACE
// drops a table's comments. A published table or column that nothing
// declares is an error: the declarations must say what every column holds.
func describeTables(ctx context.Context, db *sql.DB) error {
	declared, err := tables.All()
	if err != nil {
		return err
	}
	rows, err := db.QueryContext(ctx, c360sql.Query("read_publish.sql", "published_columns"))
	if err != nil {
		return fmt.Errorf("describe tables: %w", err)
	}
	var stmts []string
	last := ""
	var t tables.Table
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			rows.Close()
			return fmt.Errorf("describe tables: %w", err)
		}
		if table != last {
			var ok bool
			if t, ok = tables.Find(declared, table); !ok {
				rows.Close()
				return fmt.Errorf("describe tables: table %s is published but not declared (see package sql/tables)", table)
			}
			last = table
			stmts = append(stmts, "COMMENT ON TABLE "+c360sql.QuoteIdent(table)+" IS "+c360sql.QuoteLiteral(t.Doc))
		}
		doc, ok := t.ColumnDoc(column)
		switch {
		case !ok && t.Loaded:
			doc = tables.ExtraDoc
		case !ok:
			rows.Close()
			return fmt.Errorf("describe tables: column %s.%s is published but not declared in %s", table, column, t.File)
		}
		stmts = append(stmts, "COMMENT ON COLUMN "+c360sql.QuoteIdent(table)+"."+c360sql.QuoteIdent(column)+" IS "+c360sql.QuoteLiteral(doc))
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("describe tables: %w", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("describe tables: %w", err)
	}
	defer tx.Rollback()
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("describe tables: %s: %w", s, err)
		}
	}
	return tx.Commit()
}
