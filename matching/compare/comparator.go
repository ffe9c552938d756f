package compare

import (
	"fmt"
	"strings"

	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// Comparator evaluates one comparison of a model on pairs of records of a
// Table. It is safe for concurrent use.
type Comparator struct {
	Spec spec.Comparison

	t        *Table
	col      *Column   // the comparison's attribute
	cols     []*Column // per level: the attribute it tests
	partners []*Column // per level: the other name column, for Swapped and Crossed
	single   bool      // every level tests col
	missing  int8      // index of the missing level, or -1
	last     int8      // index of the else level
	kinds    []spec.Kind
	limits   []float64
	tf       int8    // index of the term-frequency adjusted exact level, or -1
	minJW    float64 // lowest Jaro-Winkler threshold on col (2: none)
}

// Compile prepares the comparisons of a model for the records of t.
func Compile(t *Table, cs []spec.Comparison) ([]*Comparator, error) {
	out := make([]*Comparator, len(cs))
	for i, c := range cs {
		col := t.Column(c.Attr)
		if col == nil {
			return nil, fmt.Errorf("compare: comparison %q: unknown attribute %q", c.Name, c.Attr)
		}
		k := &Comparator{Spec: c, t: t, col: col, single: true, missing: -1, tf: -1,
			last: int8(len(c.Levels) - 1), minJW: 2}
		for j, l := range c.Levels {
			a := c.LevelAttr(j)
			lc := t.Column(a)
			if lc == nil {
				return nil, fmt.Errorf("compare: comparison %q level %d: unknown attribute %q", c.Name, j, a)
			}
			k.cols = append(k.cols, lc)
			k.partners = append(k.partners, partner(t, a))
			k.single = k.single && lc == col
			k.kinds = append(k.kinds, l.Kind)
			k.limits = append(k.limits, l.Threshold)
			if l.Kind == spec.Missing {
				k.missing = int8(j)
			}
			if l.TF && k.tf < 0 {
				k.tf = int8(j)
			}
			if l.Kind == spec.JaroWinkler && lc == col {
				k.minJW = min(k.minJW, l.Threshold)
			}
		}
		out[i] = k
	}
	return out, nil
}

func partner(t *Table, a transform.Attr) *Column {
	switch a {
	case transform.GivenName:
		return t.Column(transform.Surname)
	case transform.Surname:
		return t.Column(transform.GivenName)
	}
	return nil
}

// Column returns the column of the comparison's attribute.
func (k *Comparator) Column() *Column { return k.col }

// SingleAttribute reports whether every level tests the comparison's attribute.
func (k *Comparator) SingleAttribute() bool { return k.single }

// TFLevel returns the index of the level whose weight is adjusted by term
// frequency, or -1.
func (k *Comparator) TFLevel() int8 { return k.tf }

// TFColumn returns the column of the term-frequency adjusted level, or nil.
func (k *Comparator) TFColumn() *Column {
	if k.tf < 0 {
		return nil
	}
	return k.cols[k.tf]
}

// MissingLevel returns the index of the missing level, or -1.
func (k *Comparator) MissingLevel() int8 { return k.missing }

// Level returns the index of the first level that holds for records l and
// r. When no level's attribute is present on both sides it returns the
// missing level (or the else level when the comparison has none).
func (k *Comparator) Level(l, r int32) int8 {
	if !k.single {
		return k.multiLevel(l, r)
	}
	a, b := k.col.ID[l], k.col.ID[r]
	if a == 0 || b == 0 {
		if k.missing >= 0 {
			return k.missing
		}
		return k.last
	}
	jw := -1.0 // Jaro-Winkler similarity, computed once when first needed
	for i, kind := range k.kinds {
		if kind == spec.JaroWinkler && a != b {
			if jw < 0 {
				jw = k.jaroWinkler(k.col, a, b)
			}
			if jw >= k.limits[i] {
				return int8(i)
			}
			continue
		}
		if k.holds(i, l, r, a, b) {
			return int8(i)
		}
	}
	return k.last
}

// multiLevel is Level for a comparison whose levels test several attributes.
func (k *Comparator) multiLevel(l, r int32) int8 {
	present := false
	for i, kind := range k.kinds {
		switch kind {
		case spec.Missing:
			continue
		case spec.Else:
			if present || k.missing < 0 {
				return int8(i)
			}
			return k.missing
		}
		col := k.cols[i]
		a, b := col.ID[l], col.ID[r]
		if a == 0 || b == 0 {
			continue
		}
		present = true
		if kind == spec.JaroWinkler && a != b {
			x, y, t := col.Value[a], col.Value[b], k.limits[i]
			if jaroWinklerBound(x, y, col.chars[a], col.chars[b]) >= t && JaroWinkler(x, y) >= t {
				return int8(i)
			}
			continue
		}
		if k.holds(i, l, r, a, b) {
			return int8(i)
		}
	}
	if !present && k.missing >= 0 {
		return k.missing
	}
	return k.last
}

// jaroWinkler returns the similarity of values a and b, or 0 when it is
// certainly below every Jaro-Winkler level of the comparison.
func (k *Comparator) jaroWinkler(col *Column, a, b uint32) float64 {
	x, y := col.Value[a], col.Value[b]
	if jaroWinklerBound(x, y, col.chars[a], col.chars[b]) < k.minJW {
		return 0
	}
	return JaroWinkler(x, y)
}

// holds reports whether level i holds for records l and r, whose values
// of the level's attribute are a and b (both present).
func (k *Comparator) holds(i int, l, r int32, a, b uint32) bool {
	kind, limit, col := k.kinds[i], k.limits[i], k.cols[i]
	switch kind {
	case spec.Missing:
		return false // handled before the walk
	case spec.Exact:
		return a == b
	case spec.Else:
		return true
	}
	if a == b {
		// Equal values satisfy every similarity level, but not the
		// cross-field name levels, which are about the other field.
		return kind != spec.Swapped && kind != spec.Crossed
	}
	x, y := col.Value[a], col.Value[b]
	switch kind {
	case spec.Swapped:
		return swapped(k.partners[i], l, r, x, y)
	case spec.Crossed:
		return crossed(k.partners[i], l, r, x, y)
	case spec.Nickname:
		n := k.t.Nickname.ID
		return n[l] != 0 && n[l] == n[r]
	case spec.Initial:
		return (len(x) == 1 && y[0] == x[0]) || (len(y) == 1 && x[0] == y[0])
	case spec.JaroWinkler:
		return JaroWinkler(x, y) >= limit
	case spec.Levenshtein:
		return Levenshtein(x, y, int(limit)) <= int(limit)
	case spec.Transposed:
		return OneSlip(x, y)
	case spec.TokenOverlap:
		return TokenJaccard(x, y) >= limit
	case spec.FirstToken:
		return FirstToken(x) == FirstToken(y) && strings.IndexByte(x, ' ') > 0
	case spec.EmailUser:
		i, j := strings.IndexByte(x, '@'), strings.IndexByte(y, '@')
		return i > 0 && i == j && x[:i] == y[:j]
	case spec.EmailTypo:
		return emailTypo(x, y, limit)
	}
	return k.dateHolds(kind, limit, l, r)
}

func swapped(partner *Column, l, r int32, x, y string) bool {
	if partner == nil {
		return false
	}
	px, py := partner.Str(l), partner.Str(r)
	return px != "" && py != "" && x == py && y == px
}

func crossed(partner *Column, l, r int32, x, y string) bool {
	if partner == nil {
		return false
	}
	px, py := partner.Str(l), partner.Str(r)
	return (py != "" && x == py) || (px != "" && y == px)
}

func (k *Comparator) dateHolds(kind spec.Kind, limit float64, l, r int32) bool {
	d1, d2 := k.t.Date[l], k.t.Date[r]
	if d1 == 0 || d2 == 0 {
		return false
	}
	y1, y2 := d1/10000, d2/10000
	m1, m2 := d1/100%100, d2/100%100
	day1, day2 := d1%100, d2%100
	switch kind {
	case spec.DayMonthSwap:
		return y1 == y2 && m1 == day2 && day1 == m2
	case spec.SameYear:
		return y1 == y2
	case spec.WithinYears:
		return abs32(y1-y2) <= int32(limit)
	case spec.DateWithinDays:
		return abs32(k.t.Day[l]-k.t.Day[r]) <= int32(limit)
	}
	return false
}

func abs32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}

// emailTypo reports whether addresses x and y (not equal) agree on one
// part and are similar (Jaro-Winkler >= limit) on the other.
func emailTypo(x, y string, limit float64) bool {
	ux, dx, okx := strings.Cut(x, "@")
	uy, dy, oky := strings.Cut(y, "@")
	if !okx || !oky {
		return JaroWinkler(x, y) >= limit
	}
	switch {
	case ux == uy:
		return JaroWinkler(dx, dy) >= limit
	case dx == dy:
		return JaroWinkler(ux, uy) >= limit
	}
	return false
}
