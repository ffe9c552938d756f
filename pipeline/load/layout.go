package load

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/contoso/c360/pipeline/bulk"
	c360sql "github.com/contoso/c360/sql"
	"github.com/contoso/c360/transform/sources"
)

// layout ties the schema's columns to positions in the file's header.
type layout struct {
	header []string
	cols   []column // schema columns first, in schema order, then extra columns
	key    int      // index in cols of the key column, or -1
}

type column struct {
	spec  sources.Column
	name  string // header name as written in the file
	index int    // position in the record
}

// planColumns matches the header against the schema. Every schema column
// must be present; the order does not matter and extra columns are kept.
func planColumns(in Input, header []string) (*layout, error) {
	at := make(map[string]int, len(header))
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if _, dup := at[name]; dup {
			return nil, fmt.Errorf("load %s %s: header names column %q twice", in.Source.Name, in.Name, h)
		}
		at[name] = i
	}
	l := &layout{header: header, key: -1}
	used := make(map[int]bool)
	var missing []string
	for _, c := range in.Source.Columns {
		i, ok := at[strings.ToLower(c.Name)]
		if !ok {
			missing = append(missing, c.Name)
			continue
		}
		used[i] = true
		if c.Field == in.Source.Key {
			l.key = len(l.cols)
		}
		l.cols = append(l.cols, column{spec: c, name: strings.TrimSpace(header[i]), index: i})
	}
	if len(missing) > 0 {
		return nil, &HeaderError{Source: in.Source.Name, File: in.Name, Missing: missing, Found: header}
	}
	fields := map[string]bool{LineField: true}
	for _, c := range l.cols {
		fields[c.spec.Field] = true
	}
	for i, h := range header {
		if used[i] {
			continue
		}
		field := uniqueField(snakeCase(h), fields)
		fields[field] = true
		l.cols = append(l.cols, column{spec: sources.Column{Name: h, Field: field}, name: strings.TrimSpace(h), index: i})
	}
	return l, nil
}

// createSQL is the CREATE TABLE statement for the layout.
func (l *layout) createSQL(table string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE OR REPLACE TABLE %s (%s BIGINT NOT NULL", c360sql.QuoteIdent(table), c360sql.QuoteIdent(LineField))
	for _, c := range l.cols {
		fmt.Fprintf(&b, ", %s %s", c360sql.QuoteIdent(c.spec.Field), SQLType(c.spec.Kind))
	}
	b.WriteString(")")
	return b.String()
}

// bulkColumns describes the table's columns for a bulk.Writer.
func (l *layout) bulkColumns() []bulk.Column {
	cols := []bulk.Column{{Name: LineField, Type: bulk.Int64}}
	for _, c := range l.cols {
		t := bulk.String
		switch c.spec.Kind {
		case sources.Date:
			t = bulk.Date
		case sources.Timestamp:
			t = bulk.Timestamp
		case sources.Money:
			t = bulk.Money
		case sources.Int:
			t = bulk.Int64
		case sources.Float:
			t = bulk.Float64
		}
		cols = append(cols, bulk.Column{Name: c.spec.Field, Type: t})
	}
	return cols
}

func (l *layout) fieldIndex(field string) int {
	return slices.IndexFunc(l.cols, func(c column) bool { return c.spec.Field == field })
}

// SQLType is the DuckDB type a column kind is stored as.
func SQLType(k sources.Kind) string {
	switch k {
	case sources.Date:
		return "DATE"
	case sources.Timestamp:
		return "TIMESTAMP"
	case sources.Money:
		return "DECIMAL(18,2)"
	case sources.Int:
		return "BIGINT"
	case sources.Float:
		return "DOUBLE"
	}
	return "VARCHAR"
}

// snakeCase turns a header such as "Loyalty Tier" or "EMail" into a column
// name such as "loyalty_tier" or "email".
func snakeCase(h string) string {
	var b strings.Builder
	prevUnderscore := true
	for _, r := range strings.TrimSpace(h) {
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
			prevUnderscore = false
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			prevUnderscore = false
		default:
			if !prevUnderscore {
				b.WriteByte('_')
				prevUnderscore = true
			}
		}
	}
	s := strings.TrimSuffix(b.String(), "_")
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		s = "col_" + s
	}
	return s
}

func uniqueField(name string, taken map[string]bool) string {
	if !taken[name] {
		return name
	}
	for n := 2; ; n++ {
		if c := name + "_" + strconv.Itoa(n); !taken[c] {
			return c
		}
	}
}

// labelList lists the canonical labels, sorted, for messages.
func labelList(labels map[string]string) string {
	seen := make(map[string]bool)
	var out []string
	for _, v := range labels {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

func parseInt(s string) (int64, error) {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, ErrInt
	}
	return v, nil
}
