package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/contoso/c360/pipeline/bulk"
	c360sql "github.com/contoso/c360/sql"
	"github.com/contoso/c360/sql/tables"
)

// A binding gives the writer of a declared table the position of each
// column, looked up by name once, before any row is written: bulk.Writer
// sets values by position, and a writer that counted positions itself
// would put every value in the wrong column once the declaration was
// reordered. Call Index (or Template) for every column the writer sets,
// then Columns, which says what went wrong if the writer named a column
// the table does not declare, named one twice, or left a declared column
// unset (it would stay NULL, or the rows would not fit the table).
type binding struct {
	table  tables.Table
	values []string // the values template columns are repeated for
	cols   []bulk.Column
	at     map[string]int // column name to position in cols
	set    []bool         // cols[i] was bound
	errs   []error
}

// bindDeclared returns a binding to the table as sql/tables declares it,
// its template columns repeated for values (see bind).
func bindDeclared(table string, values ...string) (*binding, error) {
	t, err := tables.Lookup(table)
	if err != nil {
		return nil, err
	}
	return bind(t, values...)
}

// bind returns a binding to the columns of t in their declared order. A
// template column (match_pair's "{comparison}_level") is repeated for each
// of values, the templates of one value together, after the plain
// columns: the order addTemplateColumns adds them in.
func bind(t tables.Table, values ...string) (*binding, error) {
	b := &binding{table: t, values: values, at: make(map[string]int)}
	var templates []bulk.Column
	for _, c := range t.Columns {
		typ, ok := bulkType(c.Type)
		if !ok {
			return nil, fmt.Errorf("pipeline: %s: %s.%s: no bulk type for %q", t.File, t.Name, c.Name, c.Type)
		}
		if c.Template {
			templates = append(templates, bulk.Column{Name: c.Name, Type: typ})
			continue
		}
		b.cols = append(b.cols, bulk.Column{Name: c.Name, Type: typ})
	}
	for _, v := range values {
		for _, tc := range templates {
			b.cols = append(b.cols, bulk.Column{Name: tables.Column{Name: tc.Name}.Expand(v).Name, Type: tc.Type})
		}
	}
	for i, c := range b.cols {
		if _, dup := b.at[c.Name]; dup {
			return nil, fmt.Errorf("pipeline: %s declares %s.%s twice", t.File, t.Name, c.Name)
		}
		b.at[c.Name] = i
	}
	b.set = make([]bool, len(b.cols))
	return b, nil
}

// Index returns the position of the named column, for the bulk.Writer's
// setters, and marks it set by the writer. For a column the table does
// not declare it returns -1, and Columns fails.
func (b *binding) Index(column string) int {
	i, ok := b.at[column]
	if !ok {
		b.errs = append(b.errs, fmt.Errorf("pipeline: the writer sets %s.%s, which %s does not declare", b.table.Name, column, b.table.File))
		return -1
	}
	if b.set[i] {
		b.errs = append(b.errs, fmt.Errorf("pipeline: the writer sets %s.%s twice", b.table.Name, column))
	}
	b.set[i] = true
	return i
}

// Template returns the position of the template column's copy for each
// of the binding's values, in their order, as Index does for one column;
// template is the name as declared, such as "{comparison}_level".
func (b *binding) Template(template string) []int {
	i := slices.IndexFunc(b.table.Columns, func(c tables.Column) bool { return c.Template && c.Name == template })
	if i < 0 {
		b.errs = append(b.errs, fmt.Errorf("pipeline: the writer sets %s.%s, which %s does not declare as a template", b.table.Name, template, b.table.File))
		return nil
	}
	at := make([]int, len(b.values))
	for k, v := range b.values {
		at[k] = b.Index(b.table.Columns[i].Expand(v).Name)
	}
	return at
}

// Columns returns the table's columns, in order, for bulk.Write, or the
// errors of the columns looked up by name: each names the table and the
// column.
func (b *binding) Columns() ([]bulk.Column, error) {
	errs := slices.Clone(b.errs)
	for i, set := range b.set {
		if !set {
			errs = append(errs, fmt.Errorf("pipeline: %s declares %s.%s, which the writer never sets", b.table.File, b.table.Name, b.cols[i].Name))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return b.cols, nil
}

// addTemplateColumns adds to table the columns its templates make for
// values, in declaration order (see bind).
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
