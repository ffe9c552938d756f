package compare

import (
	"fmt"
	"strings"
	"sync"

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
	equal    []bool  // per level: whether two equal values satisfy it (spec.KindInfo.Disagreement)
	tf       int8    // index of the term-frequency adjusted exact level, or -1
	minJW    float64 // lowest Jaro-Winkler threshold on col (2: none)
	// household marks the household comparison, which compares no
	// attribute: Level returns its else level and the engine sets the
	// real level when it weighs the pair.
	household bool
}

// Compile prepares the comparisons of a model for the records of t,
// deriving what their levels need from the table's values. It must not run
// concurrently with other uses of t.
func Compile(t *Table, cs []spec.Comparison) ([]*Comparator, error) {
	out := make([]*Comparator, len(cs))
	// What the levels need from each column is derived once, in parallel.
	type need struct {
		col  *Column
		what feature
	}
	needs := map[need]bool{}
	for i, c := range cs {
		if c.IsHousehold() {
			// Weighed from the other comparisons' levels after training;
			// its level is set then.
			out[i] = &Comparator{Spec: c, t: t, household: true, missing: -1, tf: -1, last: 1}
			continue
		}
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
			info, ok := spec.Info(l.Kind)
			if !ok {
				return nil, fmt.Errorf("compare: comparison %q level %d: unknown kind %q", c.Name, j, l.Kind)
			}
			k.kinds = append(k.kinds, l.Kind)
			k.limits = append(k.limits, l.Threshold)
			k.equal = append(k.equal, !info.Disagreement)
			if l.Kind == spec.Missing {
				k.missing = int8(j)
			}
			if l.TF && k.tf < 0 {
				k.tf = int8(j)
			}
			if l.Kind == spec.JaroWinkler && lc == col {
				k.minJW = min(k.minJW, l.Threshold)
			}
			switch l.Kind {
			case spec.EmailUser, spec.EmailTypo, spec.EmailDigits:
				needs[need{lc, emailPartsFeature}] = true
			case spec.TokenOverlap, spec.FirstToken:
				needs[need{lc, tokensFeature}] = true
			case spec.Levenshtein, spec.Transposed, spec.JaroWinkler:
				needs[need{lc, sketchFeature}] = true
			}
		}
		out[i] = k
	}
	var wg sync.WaitGroup
	for n := range needs {
		wg.Go(func() { n.col.build(n.what) })
	}
	wg.Wait()
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

// Household reports whether the comparator is the household comparison,
// whose level the engine sets when it weighs a pair.
func (k *Comparator) Household() bool { return k.household }

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

// LevelWhenMissing returns the level Level gives a pair when a record lacks
// the attribute of a comparison whose levels all test that one attribute
// (SingleAttribute): the missing level, or the else level without one.
func (k *Comparator) LevelWhenMissing() int8 {
	if k.missing >= 0 {
		return k.missing
	}
	return k.last
}

// MissingLevel returns the index of the missing level, or -1.
func (k *Comparator) MissingLevel() int8 { return k.missing }

// Level returns the index of the first level that holds for records l and
// r. When no level's attribute is present on both sides it returns the
// missing level (or the else level when the comparison has none).
func (k *Comparator) Level(l, r int32) int8 {
	if k.household {
		return k.last
	}
	if !k.single {
		return k.multiLevel(l, r)
	}
	a, b := k.col.ID(l), k.col.ID(r)
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
		a, b := col.ID(l), col.ID(r)
		if a == 0 || b == 0 {
			continue
		}
		present = true
		if kind == spec.JaroWinkler && a != b {
			t := k.limits[i]
			if jaroWinklerBound(col.sketches[a], col.sketches[b]) >= t && JaroWinkler(col.Value[a], col.Value[b]) >= t {
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
	if jaroWinklerBound(col.sketches[a], col.sketches[b]) < k.minJW {
		return 0
	}
	return JaroWinkler(col.Value[a], col.Value[b])
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
		// kinds that name a disagreement or a relation between fields.
		return k.equal[i]
	}
	switch kind {
	case spec.Swapped:
		// Given names and surnames share one dictionary, so ids compare
		// across the two columns.
		p := k.partners[i]
		pl, pr := p.ID(l), p.ID(r)
		return pl != 0 && pr != 0 && a == pr && b == pl
	case spec.Crossed:
		p := k.partners[i]
		pl, pr := p.ID(l), p.ID(r)
		return (pr != 0 && a == pr) || (pl != 0 && b == pl)
	case spec.Nickname:
		n := &k.t.Nickname
		nl := n.ID(l)
		return nl != 0 && nl == n.ID(r)
	case spec.EmailUser:
		u := col.parts[a].user
		return u != 0 && u == col.parts[b].user
	case spec.EmailDigits:
		pa, pb := col.parts[a], col.parts[b]
		return pa.stem != 0 && pa.stem == pb.stem && pa.user != pb.user
	case spec.TokenOverlap:
		return jaccard(col.tokens.words(a), col.tokens.words(b)) >= limit
	case spec.FirstToken:
		return col.tokens.sameFirstWord(a, b)
	case spec.DayMonthSwap, spec.SameYear, spec.WithinYears, spec.YearsApart, spec.DateWithinDays:
		return k.dateHolds(kind, limit, l, r)
	}
	if ruledOut(kind, limit, col, a, b) {
		return false
	}
	x, y := col.Value[a], col.Value[b]
	switch kind {
	case spec.Initial:
		return (len(x) == 1 && y[0] == x[0]) || (len(y) == 1 && x[0] == y[0])
	case spec.JaroWinkler:
		return JaroWinkler(x, y) >= limit
	case spec.Levenshtein:
		return Levenshtein(x, y, int(limit)) <= int(limit)
	case spec.Transposed:
		return OneSlip(x, y)
	case spec.EmailTypo:
		return emailTypo(col.parts[a], col.parts[b], x, y, limit)
	}
	return false
}

// ruledOut reports whether the sketches of values a and b (different)
// show that a level on their text cannot hold, so that their bytes need
// not be read.
func ruledOut(kind spec.Kind, limit float64, col *Column, a, b uint32) bool {
	switch kind {
	case spec.EmailTypo:
		pa, pb, ps := col.parts[a], col.parts[b], col.partSketches
		switch {
		case pa.domain == 0 || pb.domain == 0:
			return false
		case pa.user == pb.user:
			return jaroWinklerBound(ps.domains[pa.domain], ps.domains[pb.domain]) < limit
		case pa.domain == pb.domain:
			return jaroWinklerBound(ps.users[pa.user], ps.users[pb.user]) < limit
		}
		return true // two different addresses, not one mistyped
	case spec.Levenshtein:
		return col.sketches[a].editLowerBound(col.sketches[b]) > int(limit)
	case spec.Transposed: // one substitution or one swap of neighbours
		return col.sketches[a].editLowerBound(col.sketches[b]) > 1
	}
	return false
}

func (k *Comparator) dateHolds(kind spec.Kind, limit float64, l, r int32) bool {
	d1, d2 := k.t.Date(l), k.t.Date(r)
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
	case spec.YearsApart:
		return abs32(y1-y2) >= int32(limit)
	case spec.DateWithinDays:
		return abs32(k.t.Day(l)-k.t.Day(r)) <= int32(limit)
	}
	return false
}

func abs32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}

// emailTypo reports whether addresses x and y (not equal, with parts px
// and py) agree on one part and are similar (Jaro-Winkler >= limit) on
// the other: one address typed wrong, not two addresses of people with
// one name.
func emailTypo(px, py emailParts, x, y string, limit float64) bool {
	switch {
	case px.domain == 0 || py.domain == 0:
		return JaroWinkler(x, y) >= limit
	case px.user == py.user:
		_, dx, _ := strings.Cut(x, "@")
		_, dy, _ := strings.Cut(y, "@")
		return JaroWinkler(dx, dy) >= limit
	case px.domain == py.domain:
		ux, _, _ := strings.Cut(x, "@")
		uy, _, _ := strings.Cut(y, "@")
		return JaroWinkler(ux, uy) >= limit
	}
	return false
}
