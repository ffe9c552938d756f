package compare

import (
	"slices"
	"strings"

	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// Placeholder is a value that stands for "none" (noemail@..., 555-555-5555)
// and is treated as missing: it says nothing about who a record is.
type Placeholder struct {
	Attr    transform.Attr
	Value   string
	Records int // records that held it
	// BuiltIn is true for a value on the built-in list, false for one held
	// by more records than spec.Placeholders allows.
	BuiltIn bool
}

// dropPlaceholders finds the placeholders of the attributes p names,
// makes them missing on every record, and returns them ordered by
// attribute and then by the number of records, most first.
func (t *Table) dropPlaceholders(p spec.Placeholders) []Placeholder {
	var out []Placeholder
	for _, a := range p.Attrs {
		c := t.Column(a)
		if c == nil || c.stride == 0 {
			continue // not built: every record is missing already
		}
		distinct := 0
		for _, n := range c.Count[1:] {
			if n > 0 {
				distinct++
			}
		}
		if distinct == 0 {
			continue
		}
		limit := max(float64(p.MinRecords), p.MeanFactor*float64(c.Present())/float64(distinct))
		drop := make([]bool, len(c.Value))
		var found []Placeholder
		for id := 1; id < len(c.Value); id++ {
			n := c.Count[id]
			builtIn := builtInPlaceholder(a, c.Value[id])
			if n == 0 || (!builtIn && float64(n) <= limit) {
				continue
			}
			drop[id] = true
			// A clone: the column's values are slices of one string, which
			// the result should not keep alive.
			found = append(found, Placeholder{Attr: a, Value: strings.Clone(c.Value[id]), Records: int(n), BuiltIn: builtIn})
		}
		if len(found) == 0 {
			continue
		}
		t.clearValues(c, a, drop)
		slices.SortStableFunc(found, func(x, y Placeholder) int { return y.Records - x.Records })
		out = append(out, found...)
	}
	return out
}

// clearValues makes the values marked in drop missing on every record of
// column c (attribute a).
func (t *Table) clearValues(c *Column, a transform.Attr, drop []bool) {
	for i := range t.Len() {
		at := i*c.stride + c.slot
		if id := c.rows[at]; id != 0 && drop[id] {
			c.rows[at] = 0
			if a == transform.BirthDate {
				t.rows[i*t.stride+t.date], t.rows[i*t.stride+t.day] = 0, 0
			}
		}
	}
	for id, d := range drop {
		if d {
			c.Count[0] += c.Count[id]
			c.Count[id] = 0
		}
	}
}

// builtInPlaceholder reports whether v, a comparable value of attribute a,
// is one that clerks type for "none" however few records hold it: a phone
// or id of one digit repeated or counted up or down, and the birth date
// 1900-01-01 that forms default to. Placeholder e-mail addresses are
// already junk to package transform.
func builtInPlaceholder(a transform.Attr, v string) bool {
	switch a {
	case transform.Phone, transform.NationalID:
		d := strings.Map(func(r rune) rune {
			if isDigit(r) {
				return r
			}
			return -1
		}, v)
		if len(d) < 7 {
			return false
		}
		return strings.Count(d, d[:1]) == len(d) ||
			strings.Contains("01234567890", d) || strings.Contains("98765432109", d)
	case transform.BirthDate:
		return v == "19000101"
	}
	return false
}
