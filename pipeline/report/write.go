package report

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/contoso/c360/pipeline/i18n"
	"github.com/contoso/c360/pipeline/safecsv"
	"github.com/contoso/c360/pipeline/safetext"
	c360sql "github.com/contoso/c360/sql"
)

// eachRow runs s's query and calls fn with the columns and each row.
func eachRow(ctx context.Context, db *sql.DB, s section, fn func(cols []column, vals []any) error) ([]column, error) {
	rows, err := db.QueryContext(ctx, s.query)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.table, err)
	}
	defer rows.Close()
	cols, err := columnsOf(rows)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.table, err)
	}
	for rows.Next() {
		vals, err := scanRow(rows, len(cols))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.table, err)
		}
		if err := fn(cols, vals); err != nil {
			return nil, fmt.Errorf("%s: %w", s.table, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", s.table, err)
	}
	return cols, nil
}

// writeCSV writes each section as a header and rows, with an empty line
// between sections.
func writeCSV(ctx context.Context, db *sql.DB, sections []section, w io.Writer) error {
	cw := safecsv.NewWriter(w) // source text could otherwise run as a spreadsheet formula
	for i, s := range sections {
		if i > 0 {
			cw.Flush()
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		header := false
		rec := []string(nil)
		cols, err := eachRow(ctx, db, s, func(cols []column, vals []any) error {
			if !header {
				header = true
				if err := cw.Write(names(cols)); err != nil {
					return err
				}
			}
			rec = rec[:0]
			for j, v := range vals {
				text, err := plainText(cols[j], v)
				if err != nil {
					return err
				}
				rec = append(rec, text)
			}
			return cw.Write(rec)
		})
		if err != nil {
			return err
		}
		if !header { // no rows: the header still says what the columns are
			if err := cw.Write(names(cols)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeJSON writes one object holding an array of row objects per section.
func writeJSON(ctx context.Context, db *sql.DB, sections []section, w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("{")
	for i, s := range sections {
		if i > 0 {
			bw.WriteString(",")
		}
		key, _ := json.Marshal(s.table)
		fmt.Fprintf(bw, "\n  %s: [", key)
		n := 0
		_, err := eachRow(ctx, db, s, func(cols []column, vals []any) error {
			if n > 0 {
				bw.WriteString(",")
			}
			n++
			bw.WriteString("\n    {")
			for j, v := range vals {
				if j > 0 {
					bw.WriteString(", ")
				}
				name, _ := json.Marshal(cols[j].name)
				val, err := jsonValue(cols[j], v)
				if err != nil {
					return err
				}
				bw.Write(name)
				bw.WriteString(": ")
				bw.Write(val)
			}
			bw.WriteString("}")
			return nil
		})
		if err != nil {
			return err
		}
		if n > 0 {
			bw.WriteString("\n  ")
		}
		bw.WriteString("]")
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// writeTables writes each section as a titled, aligned text table.
func writeTables(ctx context.Context, db *sql.DB, rep report, cat *i18n.Catalog, w io.Writer) error {
	suffix := ""
	if rep.dated {
		asOf, err := reportDate(ctx, db)
		if err != nil {
			return err
		}
		suffix = ", " + cat.Tf("report.as_of", asOf)
	}
	bw := bufio.NewWriter(w)
	for i, s := range rep.sections {
		if i > 0 {
			bw.WriteString("\n")
		}
		var cells [][]string
		var show []int // indexes of the columns shown
		cols, err := eachRow(ctx, db, s, func(cols []column, vals []any) error {
			if show == nil {
				show = shownColumns(cols, s.brief)
			}
			row := make([]string, len(show))
			for k, j := range show {
				text, err := tableText(cat, cols[j], vals[j])
				if err != nil {
					return err
				}
				row[k] = safetext.Printable(text) // source text must not drive the terminal
			}
			cells = append(cells, row)
			return nil
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "%s%s\n\n", title(cat, s.table), suffix)
		if len(cells) == 0 {
			fmt.Fprintf(bw, "%s\n", cat.T("report.none"))
			continue
		}
		var shown []column
		for _, j := range show {
			shown = append(shown, cols[j])
		}
		writeAligned(bw, cat, shown, cells)
	}
	return bw.Flush()
}

// reportDate reads as_of from report_parameter.
func reportDate(ctx context.Context, db *sql.DB) (string, error) {
	found, err := hasTable(ctx, db, "report_parameter")
	if err != nil {
		return "", err
	}
	if !found {
		return "", fmt.Errorf("%w: report_parameter", ErrNotBuilt)
	}
	var asOf time.Time
	if err := db.QueryRowContext(ctx, c360sql.Query("read_report.sql", "report_date")).Scan(&asOf); err != nil {
		return "", fmt.Errorf("reading as_of: %w", err)
	}
	return asOf.Format(time.DateOnly), nil
}

// shownColumns returns the indexes of the brief columns, or of all.
func shownColumns(cols []column, brief []string) []int {
	var show []int
	for j, c := range cols {
		if brief == nil || slices.Contains(brief, c.name) {
			show = append(show, j)
		}
	}
	return show
}

// writeAligned writes headings, a rule and the rows, numbers right-aligned.
func writeAligned(w *bufio.Writer, cat *i18n.Catalog, cols []column, cells [][]string) {
	heads := make([]string, len(cols))
	widths := make([]int, len(cols))
	for j, c := range cols {
		heads[j] = heading(cat, c.name)
		widths[j] = utf8.RuneCountInString(heads[j])
	}
	for _, row := range cells {
		for j, text := range row {
			widths[j] = max(widths[j], utf8.RuneCountInString(text))
		}
	}
	line := func(row []string) {
		var b strings.Builder
		for j, text := range row {
			if j > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[j]-utf8.RuneCountInString(text))
			if cols[j].numeric {
				b.WriteString(pad + text)
			} else {
				b.WriteString(text + pad)
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	line(heads)
	rule := make([]string, len(cols))
	for j := range rule {
		rule[j] = strings.Repeat("-", widths[j])
	}
	line(rule)
	for _, row := range cells {
		line(row)
	}
}

func names(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}
