package report

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/contoso/c360/pipeline/i18n"
)

// column describes one result column.
type column struct {
	name    string
	dbType  string // DuckDB type name: DATE, TIMESTAMP, DECIMAL(18,2), ...
	numeric bool
}

func columnsOf(rows *sql.Rows) ([]column, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	cols := make([]column, len(types))
	for i, ct := range types {
		t := ct.DatabaseTypeName()
		cols[i] = column{name: ct.Name(), dbType: t, numeric: isNumeric(t)}
	}
	return cols, nil
}

func isNumeric(dbType string) bool {
	switch dbType {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
		"FLOAT", "DOUBLE":
		return true
	}
	return strings.HasPrefix(dbType, "DECIMAL")
}

// scanRow reads the next row's values.
func scanRow(rows *sql.Rows, n int) ([]any, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	return vals, nil
}

// plainText is a value as csv writes it: NULL is empty, decimals keep their
// scale, timestamps are RFC 3339.
func plainText(c column, v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case int8, int16, int32, int64, uint8, uint16, uint32, uint64, int:
		return fmt.Sprint(v), nil
	case *big.Int:
		return v.String(), nil
	case float32:
		return strconv.FormatFloat(float64(v), 'f', -1, 32), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case duckdb.Decimal:
		return decimalText(v), nil
	case time.Time:
		if c.dbType == "DATE" {
			return v.Format(time.DateOnly), nil
		}
		return v.UTC().Format(time.RFC3339), nil
	}
	return "", fmt.Errorf("column %s: cannot print a %T", c.name, v)
}

// jsonValue is a value as json writes it.
func jsonValue(c column, v any) ([]byte, error) {
	switch v.(type) {
	case nil:
		return []byte("null"), nil
	case string, time.Time:
		s, err := plainText(c, v)
		if err != nil {
			return nil, err
		}
		return json.Marshal(s)
	case bool:
		return json.Marshal(v)
	}
	s, err := plainText(c, v) // a number
	if err != nil {
		return nil, err
	}
	return []byte(s), nil
}

// tableText is a value as the table format shows it.
func tableText(cat *i18n.Catalog, c column, v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case bool:
		if v {
			return cat.T("bool.yes"), nil
		}
		return cat.T("bool.no"), nil
	case string:
		if kind := valueKind(c.name); kind != "" {
			return cat.Value(kind, v), nil
		}
		return v, nil
	case time.Time:
		if c.dbType == "DATE" {
			return v.Format(time.DateOnly), nil
		}
		return v.UTC().Format("2006-01-02 15:04"), nil
	}
	return plainText(c, v)
}

// decimalText writes d with exactly d.Scale decimals ("20000.00"); the
// driver's own String drops trailing zeros.
func decimalText(d duckdb.Decimal) string {
	digits := new(big.Int).Abs(d.Value).String()
	scale := int(d.Scale)
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	if scale > 0 {
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if d.Value.Sign() < 0 {
		return "-" + digits
	}
	return digits
}
