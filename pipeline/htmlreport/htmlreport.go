// Package htmlreport writes the HTML report of a published c360 database:
// one self-contained page, with inline CSS and inline SVG charts drawn with
// gonum/plot, that opens from disk without a network connection. It has
// four sections, each an element with a fixed id (SectionIDs):
//
//	run          sources, rows read, loaded and rejected, downloads reused,
//	             time per stage, warnings
//	unification  records in, customers out, match rate per source, cluster
//	             sizes, match weights with the threshold, and the twenty
//	             links nearest the threshold with their evidence
//	measures     lifetime spend, store versus online, top customers
//	sales        the Deal pipeline by stage, Tech Check compliance
//	             (violations first), lead sequence status per owner and the
//	             overdue tasks; a note when the run had no CRM exports
//
// Every word on the page comes from an i18n.Catalog, and every value from
// the database is escaped by html/template. The page makes no request: it
// has no script, no link, no image and no URL in its styles, and a
// Content-Security-Policy that forbids any fetch.
package htmlreport

import (
	"bytes"
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"html/template"
	"io"

	"github.com/contoso/c360/pipeline/i18n"
	salesdb "github.com/contoso/c360/pipeline/sales"
)

//go:embed report.gohtml
var pageTemplate string

//go:embed style.css
var pageStyle string

// SectionIDs lists the element ids of the report's sections, in order.
func SectionIDs() []string { return []string{"run", "unification", "measures", "sales"} }

// data is everything the page shows.
type data struct {
	Lang        string
	CSS         template.CSS
	Run         *runInfo
	Unification *unification
	Measures    *measures
	Sales       *sales // nil when the database has no CRM reports
	Charts      map[string]template.HTML
}

// Write writes the HTML report of the database db, in cat's language, to
// w. db is a published database, or one about to be published: it needs
// the run, matching and measure tables; the sales section is drawn when the
// CRM report tables are there too. Nothing is written to w when reading
// the database or drawing a chart fails.
func Write(ctx context.Context, db *sql.DB, cat *i18n.Catalog, w io.Writer) error {
	if cat == nil {
		cat = i18n.English()
	}
	d, err := read(ctx, db)
	if err != nil {
		return fmt.Errorf("htmlreport: %w", err)
	}
	// Stage and step names, and the Tech Check amount, are the configured
	// sales process's, as the database recorded it.
	if cat, err = salesdb.Catalog(ctx, db, cat); err != nil {
		return fmt.Errorf("htmlreport: %w", err)
	}
	d.Lang = cat.Lang()
	d.CSS = template.CSS(pageStyle)
	if d.Charts, err = charts(cat, d); err != nil {
		return fmt.Errorf("htmlreport: %w", err)
	}
	tmpl, err := template.New("report").Funcs(funcs(cat)).Parse(pageTemplate)
	if err != nil {
		return fmt.Errorf("htmlreport: parsing the page template: %w", err)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, d); err != nil {
		return fmt.Errorf("htmlreport: writing the page: %w", err)
	}
	if _, err := b.WriteTo(w); err != nil {
		return fmt.Errorf("htmlreport: %w", err)
	}
	return nil
}

// read gathers the page's data from db.
func read(ctx context.Context, db *sql.DB) (*data, error) {
	d := &data{}
	var err error
	if d.Run, err = readRun(ctx, db); err != nil {
		return nil, err
	}
	if d.Unification, err = readUnification(ctx, db); err != nil {
		return nil, err
	}
	if d.Measures, err = readMeasures(ctx, db); err != nil {
		return nil, err
	}
	if d.Sales, err = readSales(ctx, db); err != nil {
		return nil, err
	}
	return d, nil
}
