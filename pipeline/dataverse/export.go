package dataverse

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/contoso/c360/transform/sources"
)

// Column ties a column of a CRM export to the Web API property it is read
// from.
type Column struct {
	Header   string // the export's header name, e.g. parentaccountid
	Property string // the Web API property, e.g. _parentaccountid_value
	// Choice takes the label from the FormattedValue annotation, when the
	// reply has one, rather than the stored option value.
	Choice bool
}

// Export is how one CRM export is read from the Web API.
type Export struct {
	Source  string // accounts, deals, tech_checks, leads, activities
	Query   Query
	Columns []Column
}

// defaultProperties maps the export headers that are not read from a
// property of the same name. Lookups are read from their _name_value
// property; a Deal's stage is its active process stage, whose label the
// annotation gives; the Tech Check table and the activities' sequence step
// are Contoso's own columns, under its publisher prefix.
func defaultProperties() map[string]map[string]string {
	owner := map[string]string{"ownerid": "_ownerid_value"}
	with := func(m map[string]string) map[string]string {
		for k, v := range owner {
			m[k] = v
		}
		return m
	}
	return map[string]map[string]string{
		"accounts": with(map[string]string{}),
		"deals": with(map[string]string{"parentaccountid": "_parentaccountid_value",
			"activestage": "_activestageid_value"}),
		"tech_checks": {"techcheckid": "contoso_techcheckid", "opportunityid": "_contoso_opportunityid_value",
			"reviewedby": "_contoso_reviewedby_value", "reviewedon": "contoso_reviewedon",
			"result": "contoso_result", "details": "contoso_details"},
		"leads":      with(map[string]string{"parentaccountid": "_parentaccountid_value"}),
		"activities": with(map[string]string{"regardingobjectid": "_regardingobjectid_value", "sequencestep": "contoso_sequencestep"}),
	}
}

// Exports returns how each CRM source in srcs is read: from entitySets[name]
// (a source without one is skipped), selecting the property of every
// column, as defaultProperties says or as columns[name][header] overrides.
// Choice columns (sources.Column Choice or Labels) read their labels.
func Exports(srcs []sources.Source, entitySets map[string]string, columns map[string]map[string]string) []Export {
	defaults := defaultProperties()
	var out []Export
	for _, src := range srcs {
		set, ok := entitySets[src.Name]
		if !ok {
			continue
		}
		e := Export{Source: src.Name, Query: Query{EntitySet: set}}
		for _, c := range src.Columns {
			prop := c.Name
			if p, ok := defaults[src.Name][c.Name]; ok {
				prop = p
			}
			if p, ok := columns[src.Name][c.Name]; ok {
				prop = p
			}
			e.Columns = append(e.Columns, Column{Header: c.Name, Property: prop, Choice: c.Choice != "" || c.Labels != nil})
			e.Query.Properties = append(e.Query.Properties, prop)
		}
		out = append(out, e)
	}
	return out
}

// ToCSV turns a file written by Client.Read into the export's CSV: a
// header of the export's column names, then one row per record. A choice
// column takes the FormattedValue annotation when there is one and the
// value otherwise; numbers keep their JSON text; null is empty.
func ToCSV(r io.Reader, e Export, w io.Writer) (int, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var head header
	if err := dec.Decode(&head); err != nil {
		return 0, fmt.Errorf("dataverse: %s: reading the query line: %w", e.Source, err)
	}
	if head.EntitySet != e.Query.EntitySet {
		return 0, fmt.Errorf("dataverse: %s: the file holds entity set %q, want %q", e.Source, head.EntitySet, e.Query.EntitySet)
	}
	cw := csv.NewWriter(w)
	hdr := make([]string, len(e.Columns))
	for i, c := range e.Columns {
		hdr[i] = c.Header
	}
	if err := cw.Write(hdr); err != nil {
		return 0, err
	}
	rec := make([]string, len(e.Columns))
	n := 0
	for {
		var row map[string]any
		err := dec.Decode(&row)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return n, fmt.Errorf("dataverse: %s record %d: %w", e.Source, n+1, err)
		}
		for i, c := range e.Columns {
			v, ok := row[c.Property+"@"+FormattedValue]
			if !c.Choice || !ok {
				v = row[c.Property]
			}
			if rec[i], err = text(v); err != nil {
				return n, fmt.Errorf("dataverse: %s record %d, %s: %w", e.Source, n+1, c.Property, err)
			}
		}
		if err := cw.Write(rec); err != nil {
			return n, err
		}
		n++
	}
	cw.Flush()
	return n, cw.Error()
}

// text writes a JSON value as a CSV field.
func text(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		if v {
			return "true", nil
		}
		return "false", nil
	}
	var b bytes.Buffer
	json.NewEncoder(&b).Encode(v)
	return "", fmt.Errorf("want a string, number or boolean, got %s", strings.TrimSpace(b.String()))
}
