// Package sources describes each input file c360 reads: its columns, their
// types and checks, and how its person columns map onto attribute types.
package sources

import "github.com/contoso/c360/transform"

// Kind is the type a column is loaded as.
type Kind uint8

const (
	Text      Kind = iota // VARCHAR, trimmed of surrounding spaces
	Date                  // DATE; accepts M/D/YYYY and YYYY-MM-DD (a time part is dropped)
	Timestamp             // TIMESTAMP; accepts dates and ISO 8601 date-times
	Money                 // DECIMAL(18,2); "1,234.50" and "$12" accepted
	Int                   // BIGINT
	Float                 // DOUBLE
)

// Column is one column of an input file.
type Column struct {
	Name  string // header name, matched case-insensitively
	Field string // column name in DuckDB (snake_case)
	// Doc says what the column holds, when the meaning package sql/tables
	// makes from the header name and kind will not do.
	Doc      string
	Kind     Kind
	Required bool // an empty value rejects the row
	// Labels, when set, lists the accepted values: each key (matched
	// case-insensitively) maps to the canonical value stored.
	Labels map[string]string
	// Open, with Labels, makes the choice open: a value Labels lacks is
	// stored as written instead of rejecting the row. A whole number it
	// lacks is still rejected, since an option value without its label
	// means nothing to a reader or a rule.
	Open bool
	// Choice names the sales-process choice set (package
	// pipeline/salesprocess) that supplies Labels for a CRM column whose
	// values rules depend on: stage, deal_state, tech_check_result,
	// lead_state, activity_state or customer_type. Empty for other columns.
	Choice string
	// Min and Max bound numeric values when non-nil.
	Min, Max *float64
	// Ref names "source.column" that a non-empty value must exist in; a
	// dangling reference rejects the row.
	Ref string
}

// Source describes one input file.
type Source struct {
	Name    string // config name: contacts, loyalty, pos, online, accounts, ...
	Table   string // DuckDB table the rows are loaded into
	Doc     string // what one row of Table is, in one line (COMMENT ON TABLE)
	Key     string // Field of the key column; keys must be unique
	Columns []Column
	// People maps attribute types to the Fields that feed them, for sources
	// whose rows are people. Several fields feeding one attribute are joined
	// with a space.
	People map[transform.Attr][]string
}

// Bound returns a pointer to v, for Column.Min and Column.Max.
func Bound(v float64) *float64 { return &v }

// All returns every source: the customer sources, then the CRM exports,
// each in load order.
func All() []Source { return append(Customer(), CRM()...) }

// Names returns the names of srcs, in order: the one list of source names
// that the config, the reports and the benchmarks show.
func Names(srcs []Source) []string {
	out := make([]string, len(srcs))
	for i, s := range srcs {
		out[i] = s.Name
	}
	return out
}
