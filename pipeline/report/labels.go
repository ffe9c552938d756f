package report

import "github.com/contoso/c360/pipeline/i18n"

// Every text the table format shows a reader comes from an i18n.Catalog,
// so that a translation replaces it in one place: section titles are
// "report.title.<table>", headings "col.<column>", booleans "bool.yes" and
// "bool.no", and stored values of the columns valueKind names are
// translated as "<kind>.<value>" (stage.Qualify, status.overdue). Only the
// table format uses the catalogue: csv and json keep the column names and
// stored values, which scripts rely on.

// valueKind returns the catalogue kind that translates the values of
// column, or "" when its values are shown as stored (names, ids, amounts).
func valueKind(column string) string {
	switch column {
	case "status", "reason", "activity_type", "stage", "lead_state", "activity_state", "task", "result",
		"customer_type":
		return column
	case "state": // tech_check_compliance.state is the deal's
		return "deal_state"
	}
	return ""
}

// title is the section title of table; a table without one shows its name.
func title(cat *i18n.Catalog, table string) string {
	if key := "report.title." + table; cat.Has(key) {
		return cat.T(key)
	}
	return table
}

// heading is the heading of column; a column without one shows its name.
func heading(cat *i18n.Catalog, column string) string {
	if key := "col." + column; cat.Has(key) {
		return cat.T(key)
	}
	return column
}
