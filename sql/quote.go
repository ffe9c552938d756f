package sql

import "strings"

// QuoteIdent quotes name as a DuckDB identifier: in double quotes, with
// each double quote inside doubled. Use it for table and column names that
// come from data (a model's comparison names, a source's fields).
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteLiteral quotes s as a SQL string literal: in single quotes, with
// each single quote inside doubled. Use it only where DuckDB takes no
// parameter, such as the path of an ATTACH or a read_csv.
func QuoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
