// Package report prints the reports of a published c360 database: the
// sales pipeline, Tech Check compliance, lead sequence tasks and the
// purchase measures, as an aligned text table, CSV or JSON.
//
// A report is one or more sections, each the rows of one published table:
//
//	pipeline     pipeline_by_stage, deal_outcome
//	tech-checks  tech_check_compliance
//	lead-tasks   lead_task_summary, lead_sequence_task, sequence_violation
//	measures     business_measure, customer_measure
//
// The table format is for people: titled sections, headings, codes and
// stored values in words of the reader's language (from an i18n.Catalog,
// English or Spanish; see labels.go), money with two decimals, numbers
// right-aligned, and, where a table is wide, only its main columns.
// The csv and json formats are for programs: every column under its
// stored name, values as stored. CSV writes each section as a header line
// and rows, sections separated by an empty line. JSON writes one object
// whose keys are the section table names, each an array of row objects
// with keys in column order; NULL is null, money and numbers are JSON
// numbers, dates are "YYYY-MM-DD" and timestamps RFC 3339 in UTC.
package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/contoso/c360/pipeline/i18n"
	"github.com/contoso/c360/pipeline/sales"
	c360sql "github.com/contoso/c360/sql"
)

// Errors Print returns, wrapped.
var (
	ErrUnknownReport = errors.New("report: unknown report")
	ErrUnknownFormat = errors.New("report: unknown format")
	// ErrNotBuilt means the database lacks a table the report reads, e.g.
	// the CRM reports of a run whose config had no crm section.
	ErrNotBuilt = errors.New("report: table not in the database")
)

// Names lists the reports Print knows.
func Names() []string { return []string{"pipeline", "tech-checks", "lead-tasks", "measures"} }

// Formats lists the formats Print writes; the first is the default.
func Formats() []string { return []string{"table", "csv", "json"} }

// section is one table of a report.
type section struct {
	table string
	query string   // selects every column, in report order
	brief []string // the columns the table format shows; nil means all
}

// report is what Print prints under one name.
type report struct {
	sections []section
	dated    bool // computed as of report_parameter.as_of
}

func reports() map[string]report {
	return map[string]report{
		"pipeline": {dated: true, sections: []section{
			{table: "pipeline_by_stage", query: c360sql.Query("read_report.sql", "pipeline_by_stage")},
			{table: "deal_outcome", query: c360sql.Query("read_report.sql", "deal_outcome")},
		}},
		"tech-checks": {dated: true, sections: []section{
			{table: "tech_check_compliance", query: c360sql.Query("read_report.sql", "tech_check_compliance"),
				brief: []string{"deal_id", "deal_name", "stage", "state", "estimated_value", "status", "checks",
					"result", "reviewed_on", "violation"}},
		}},
		"lead-tasks": {dated: true, sections: []section{
			{table: "lead_task_summary", query: c360sql.Query("read_report.sql", "lead_task_summary")},
			{table: "lead_sequence_task", query: c360sql.Query("read_report.sql", "lead_sequence_task"),
				brief: []string{"owner_id", "lead_name", "company_name", "step", "task", "due_on", "completed_on",
					"status"}},
			{table: "sequence_violation", query: c360sql.Query("read_report.sql", "sequence_violation")},
		}},
		"measures": {sections: []section{
			{table: "business_measure", query: c360sql.Query("read_report.sql", "business_measure")},
			{table: "customer_measure", query: c360sql.Query("read_report.sql", "customer_measure")},
		}},
	}
}

// Print writes the report called name (one of Names) from db to w in
// format (one of Formats). The table format speaks cat's language; a nil
// cat means English. It returns an error wrapping ErrUnknownReport,
// ErrUnknownFormat or ErrNotBuilt when those apply, and query and write
// errors otherwise.
func Print(ctx context.Context, db *sql.DB, name, format string, cat *i18n.Catalog, w io.Writer) error {
	rep, ok := reports()[name]
	if !ok {
		return fmt.Errorf("%w %q (want one of %v)", ErrUnknownReport, name, Names())
	}
	if !slices.Contains(Formats(), format) {
		return fmt.Errorf("%w %q (want one of %v)", ErrUnknownFormat, format, Formats())
	}
	for _, s := range rep.sections {
		found, err := hasTable(ctx, db, s.table)
		if err != nil {
			return fmt.Errorf("report %s: %w", name, err)
		}
		if !found {
			return fmt.Errorf("%w: %s, which report %s reads (was the database built with that part configured?)",
				ErrNotBuilt, s.table, name)
		}
	}
	var err error
	switch format {
	case "table":
		if cat == nil {
			cat = i18n.English()
		}
		// Stage and step names and the Tech Check amount come from the
		// sales process the database was built under.
		if cat, err = sales.Catalog(ctx, db, cat); err == nil {
			err = writeTables(ctx, db, rep, cat, w)
		}
	case "csv":
		err = writeCSV(ctx, db, rep.sections, w)
	case "json":
		err = writeJSON(ctx, db, rep.sections, w)
	}
	if err != nil {
		return fmt.Errorf("report %s: %w", name, err)
	}
	return nil
}

// hasTable reports whether table is in db's main schema.
func hasTable(ctx context.Context, db *sql.DB, table string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx,
		c360sql.Query("read_report.sql", "has_table"), table).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("looking for table %s: %w", table, err)
	}
	return n > 0, nil
}
