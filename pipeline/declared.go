package pipeline

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/contoso/c360/pipeline/bulk"
	c360sql "github.com/contoso/c360/sql"
	"github.com/contoso/c360/sql/tables"
)

// declaredColumns returns the columns of table as sql/tables declares them,
// in order, for a bulk.Writer. A template column (match_pair's
// "{comparison}_level") is repeated for each of values, the templates of
// one value together, after the plain columns.
func declaredColumns(table string, values ...string) ([]bulk.Column, error) {
	t, err := tables.Lookup(table)
	if err != nil {
		return nil, err
	}
	var cols, templates []bulk.Column
	for _, c := range t.Columns {
		typ, ok := bulkType(c.Type)
		if !ok {
			return nil, fmt.Errorf("%s.%s: no bulk type for %q", table, c.Name, c.Type)
		}
		if c.Template {
			templates = append(templates, bulk.Column{Name: c.Name, Type: typ})
			continue
		}
		cols = append(cols, bulk.Column{Name: c.Name, Type: typ})
	}
	for _, v := range values {
		for _, tc := range templates {
			cols = append(cols, bulk.Column{Name: tables.Column{Name: tc.Name}.Expand(v).Name, Type: tc.Type})
		}
	}
	return cols, nil
}

// addTemplateColumns adds to table the columns its templates make for
// values, in declaration order (see declaredColumns).
func addTemplateColumns(ctx context.Context, db *sql.DB, table string, values []string) error {
	t, err := tables.Lookup(table)
	if err != nil {
		return err
	}
	for _, v := range values {
		for _, c := range t.Columns {
			if !c.Template {
				continue
			}
			e := c.Expand(v)
			q := fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", c360sql.QuoteIdent(table), c360sql.QuoteIdent(e.Name), e.Type)
			if _, err := db.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("add %s.%s: %w", table, e.Name, err)
			}
		}
	}
	return nil
}

// bulkType is the bulk.Writer's type for a declared DuckDB type.
func bulkType(sqlType string) (bulk.Type, bool) {
	types := []struct {
		sql  string
		bulk bulk.Type
	}{
		{"VARCHAR", bulk.String}, {"BIGINT", bulk.Int64}, {"INTEGER", bulk.Int32}, {"TINYINT", bulk.Int8},
		{"DOUBLE", bulk.Float64}, {"BOOLEAN", bulk.Bool}, {"DATE", bulk.Date}, {"TIMESTAMP", bulk.Timestamp},
		{"DECIMAL(18,2)", bulk.Money}, {"VARCHAR[]", bulk.StringList},
	}
	for _, t := range types {
		if t.sql == sqlType {
			return t.bulk, true
		}
	}
	return 0, false
}
