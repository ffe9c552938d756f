// Package tables reads the declarations of the published tables: what a row
// of each table is and what each column holds, in one line each. The text
// lives beside the statement that creates the table, in the sql files, and
// for the tables loaded from input files in transform/sources. The pipeline
// writes it into the database as COMMENT ON TABLE and COMMENT ON COLUMN,
// and the README's table list is generated from it (go generate).
//
// A table in a sql file is declared by the comment paragraph directly above
// its CREATE statement (the comment lines after the last empty "--" line):
//
//	-- deal_outcome: won and lost Deals and the win rate
//	--   won        Deals won
//	--   win_rate   won / (won + lost), to four decimals;
//	--              NULL when none closed
//	CREATE OR REPLACE TABLE deal_outcome AS
//
// The first line names the table and says what one row is; it may go on
// over more lines. The lines indented by three spaces declare the columns
// of a table built by a query, in their order, each with its meaning; lines
// indented deeper go on with the column above. A table created with a
// column list declares each column's meaning in a comment at the end of
// its line (more comment lines below it go on with it):
//
//	CREATE TABLE run_stage (
//	    run_id  VARCHAR NOT NULL,  -- the run
//	    ...
//
// A column line commented out with "--+" is a template the writer repeats,
// such as match_pair's "{comparison}_level" for every comparison of the
// model. A table named "name (working table):" is built and dropped during
// the run, and not published.
package tables

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	c360sql "github.com/contoso/c360/sql"
)

// Table is one declared table.
type Table struct {
	Name    string
	Doc     string // what one row is, in one line
	File    string // where it is declared: a sql file, or transform/sources
	Columns []Column
	// Working marks a table dropped before publishing.
	Working bool
	// Loaded marks a table loaded from an input file, which keeps the
	// file's extra columns after the declared ones.
	Loaded bool
}

// Column is one declared column.
type Column struct {
	Name string // may hold a {placeholder}, see Template
	Type string // DuckDB type as declared; empty for a table built by a query
	Doc  string
	// Template marks a column the writer repeats, once for each value of
	// the placeholder in Name.
	Template bool
}

//go:generate go run ./internal/readme ../../README.md

// All returns every declared table: those of the sql files, in the order a
// run builds them, then the loaded ones.
func All() ([]Table, error) {
	names, err := fs.Glob(c360sql.Files(), "*.sql")
	if err != nil {
		return nil, err
	}
	runOrder := []string{"customer.sql", "customer_stage.sql", "schema.sql", "purchase.sql", "measures.sql",
		"crm_process.sql", "crm_parameter.sql", "crm_pipeline.sql", "crm_tech_check.sql", "crm_lead_sequence.sql"}
	slices.SortStableFunc(names, func(a, b string) int {
		ia, ib := slices.Index(runOrder, a), slices.Index(runOrder, b)
		if ia < 0 {
			ia = len(runOrder)
		}
		if ib < 0 {
			ib = len(runOrder)
		}
		return ia - ib
	})
	var all []Table
	for _, name := range names {
		text, err := c360sql.Text(name)
		if err != nil {
			return nil, err
		}
		ts, err := Parse(name, text)
		if err != nil {
			return nil, err
		}
		all = append(all, ts...)
	}
	all = append(all, Loaded()...)
	seen := make(map[string]string)
	for _, t := range all {
		if f, dup := seen[t.Name]; dup {
			return nil, fmt.Errorf("tables: %s declared twice, in %s and %s", t.Name, f, t.File)
		}
		seen[t.Name] = t.File
	}
	return all, nil
}

// Find returns the table of that name.
func Find(tables []Table, name string) (Table, bool) {
	i := slices.IndexFunc(tables, func(t Table) bool { return t.Name == name })
	if i < 0 {
		return Table{}, false
	}
	return tables[i], true
}

// Lookup returns the declared table of that name.
func Lookup(name string) (Table, error) {
	all, err := All()
	if err != nil {
		return Table{}, err
	}
	t, ok := Find(all, name)
	if !ok {
		return Table{}, fmt.Errorf("tables: no table %s is declared", name)
	}
	return t, nil
}

// ColumnDoc returns the meaning of the named column: a declared column's,
// or a template's with its placeholder filled from the name. ok is false
// for a column the table does not declare.
func (t Table) ColumnDoc(name string) (doc string, ok bool) {
	for _, c := range t.Columns {
		if !c.Template && c.Name == name {
			return c.Doc, true
		}
	}
	for _, c := range t.Columns {
		if c.Template {
			if v, ok := c.match(name); ok {
				return strings.ReplaceAll(c.Doc, c.placeholder(), v), true
			}
		}
	}
	return "", false
}

// Expand returns the template column's name and meaning for one value of
// its placeholder, as a plain column.
func (c Column) Expand(value string) Column {
	p := c.placeholder()
	return Column{Name: strings.ReplaceAll(c.Name, p, value), Type: c.Type, Doc: strings.ReplaceAll(c.Doc, p, value)}
}

// placeholder is the "{name}" part of a template column's name.
func (c Column) placeholder() string {
	i, j := strings.IndexByte(c.Name, '{'), strings.IndexByte(c.Name, '}')
	if i < 0 || j < i {
		return ""
	}
	return c.Name[i : j+1]
}

// match reports whether name is the template with some value in its
// placeholder, and that value.
func (c Column) match(name string) (string, bool) {
	p := c.placeholder()
	before, after, _ := strings.Cut(c.Name, p)
	if len(name) <= len(before)+len(after) || !strings.HasPrefix(name, before) || !strings.HasSuffix(name, after) {
		return "", false
	}
	return name[len(before) : len(name)-len(after)], true
}

var (
	createRE = regexp.MustCompile(`(?i)^CREATE\s+(?:OR\s+REPLACE\s+)?(?:TEMP\s+|TEMPORARY\s+)?TABLE\s+(\w+)\s*(\(|AS\b)`)
	headRE   = regexp.MustCompile(`^-- (\w+)( \(working table\))?: (.+)$`)
	listRE   = regexp.MustCompile(`^--   (\w+)\s{2,}(.+)$`)
	moreRE   = regexp.MustCompile(`^--\s{4,}(\S.*)$`)
	colRE    = regexp.MustCompile(`^\s*(?:--\+\s*)?([\w{}]+)\s+([A-Z]+(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?)[^-]*?(?:--\s*(.*))?$`)
)

// Parse reads the declarations of the tables that the sql text creates;
// file names the text in errors. Every CREATE TABLE must be declared, and
// every column must say what it holds.
func Parse(file, text string) ([]Table, error) {
	lines := strings.Split(text, "\n")
	var out []Table
	var para []string // the comment paragraph above the current line
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t\r")
		m := createRE.FindStringSubmatch(line)
		if m == nil {
			switch {
			case line == "--" || !strings.HasPrefix(line, "--"):
				para = nil
			default:
				para = append(para, line)
			}
			continue
		}
		t, err := parseHead(file, i+1, m[1], para)
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(m[2], "AS") {
			if len(t.Columns) == 0 {
				return nil, fmt.Errorf("%s line %d: %s is built by a query but declares no columns", file, i+1, t.Name)
			}
		} else {
			if len(t.Columns) > 0 {
				return nil, fmt.Errorf("%s line %d: %s has a column list; declare its columns there", file, i+1, t.Name)
			}
			n, err := parseBody(file, i+1, lines[i+1:], &t)
			if err != nil {
				return nil, err
			}
			i += n
		}
		out = append(out, t)
		para = nil
	}
	return out, nil
}

// parseHead reads a table's paragraph: its name line and, for a table
// built by a query, its column lines.
func parseHead(file string, line int, name string, para []string) (Table, error) {
	t := Table{Name: name, File: file}
	start := slices.IndexFunc(para, func(l string) bool {
		m := headRE.FindStringSubmatch(l)
		return m != nil && m[1] == name
	})
	if start < 0 {
		return t, fmt.Errorf("%s line %d: %s has no declaration (\"-- %s: what one row is\" directly above)", file, line, name, name)
	}
	m := headRE.FindStringSubmatch(para[start])
	t.Working = m[2] != ""
	doc := []string{m[3]}
	for _, l := range para[start+1:] {
		switch lm := listRE.FindStringSubmatch(l); {
		case lm != nil:
			t.Columns = append(t.Columns, Column{Name: lm[1], Doc: lm[2]})
		case moreRE.MatchString(l) && len(t.Columns) > 0:
			c := &t.Columns[len(t.Columns)-1]
			c.Doc += " " + moreRE.FindStringSubmatch(l)[1]
		case len(t.Columns) == 0:
			doc = append(doc, strings.TrimSpace(strings.TrimPrefix(l, "--")))
		default:
			return t, fmt.Errorf("%s: %s: line %q is neither a column nor goes on with one", file, name, l)
		}
	}
	t.Doc = strings.Join(doc, " ")
	return t, nil
}

// parseBody reads a column list up to its closing parenthesis and returns
// the number of lines it took.
func parseBody(file string, line int, lines []string, t *Table) (int, error) {
	for n, raw := range lines {
		l := strings.TrimSpace(raw)
		switch {
		case l == "":
		case strings.HasPrefix(l, ")"):
			for _, c := range t.Columns {
				if c.Doc == "" {
					return 0, fmt.Errorf("%s: %s.%s does not say what it holds", file, t.Name, c.Name)
				}
			}
			return n + 1, nil
		case strings.HasPrefix(l, "--") && !strings.HasPrefix(l, "--+"):
			if len(t.Columns) == 0 {
				return 0, fmt.Errorf("%s line %d: comment before the first column of %s", file, line+n+1, t.Name)
			}
			c := &t.Columns[len(t.Columns)-1]
			c.Doc = strings.TrimSpace(c.Doc + " " + strings.TrimSpace(strings.TrimPrefix(l, "--")))
		default:
			m := colRE.FindStringSubmatch(l)
			if m == nil {
				return 0, fmt.Errorf("%s line %d: cannot read a column of %s in %q", file, line+n+1, t.Name, l)
			}
			if strings.HasSuffix(l, ";") {
				return 0, fmt.Errorf("%s line %d: a comment that ends in ; would end the statement", file, line+n+1)
			}
			c := Column{Name: m[1], Type: m[2], Doc: strings.TrimSpace(m[3]), Template: strings.HasPrefix(l, "--+")}
			if c.Template != strings.Contains(c.Name, "{") {
				return 0, fmt.Errorf("%s line %d: a template column is written \"--+ {placeholder}_name TYPE\"", file, line+n+1)
			}
			t.Columns = append(t.Columns, c)
		}
	}
	return 0, fmt.Errorf("%s line %d: %s's column list does not end", file, line, t.Name)
}
