package tables

import (
	"fmt"
	"strings"

	"github.com/contoso/c360/transform/sources"
)

// LineColumn is the first column of every loaded table.
const LineColumn = "source_line"

// ExtraDoc is the meaning of a loaded table's column that the file has
// beyond those c360 reads.
const ExtraDoc = "a column of the input file that c360 does not read, kept as text"

// Loaded returns the tables loaded from input files, declared by their
// sources (transform/sources): the customer sources, then the CRM's.
func Loaded() []Table {
	var out []Table
	for _, src := range append(sources.Customer(), sources.CRM()...) {
		t := Table{Name: src.Table, Doc: src.Doc, File: "transform/sources", Loaded: true}
		t.Columns = append(t.Columns, Column{Name: LineColumn, Type: "BIGINT",
			Doc: "line of the record in the input file (the header is line 1)"})
		for _, c := range src.Columns {
			t.Columns = append(t.Columns, Column{Name: c.Field, Doc: columnDoc(src, c)})
		}
		out = append(out, t)
	}
	return out
}

// columnDoc says what a loaded column holds, from its declaration.
func columnDoc(src sources.Source, c sources.Column) string {
	if c.Doc != "" {
		return c.Doc
	}
	kind := map[sources.Kind]string{
		sources.Text: "text", sources.Date: "a date", sources.Timestamp: "a timestamp",
		sources.Money: "dollars and cents", sources.Int: "a whole number", sources.Float: "a number",
	}[c.Kind]
	doc := fmt.Sprintf("the %s file's %s, as %s", src.Name, c.Name, kind)
	var notes []string
	if c.Required {
		notes = append(notes, "never empty")
	}
	if c.Field == src.Key {
		notes = append(notes, "unique")
	}
	if c.Ref != "" {
		notes = append(notes, "names a loaded "+strings.ReplaceAll(c.Ref, "|", " or "))
	}
	switch {
	case c.Choice != "" && c.Open:
		notes = append(notes, "the label as written, canonical when the process names it")
	case c.Choice != "" || c.Labels != nil:
		notes = append(notes, "canonical label")
	}
	if len(notes) > 0 {
		doc += " (" + strings.Join(notes, "; ") + ")"
	}
	return doc
}
