package matching

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/compare"
	"github.com/contoso/c360/matching/score"
	"github.com/contoso/c360/matching/spec"
)

// screen rules out candidate pairs that cannot reach the review floor,
// comparing as little as it can. Nearly every candidate pair is two
// strangers who happen to share a blocking key; after a few comparisons
// their weight is so low that what the others could add at most cannot
// lift it to the floor, and the rest are never evaluated. The pairs it
// lets through are weighed exactly as if no screen had run (weigher.total
// on the full pattern), so the screen changes which comparisons are made,
// never a kept pair or its weight.
//
// What a comparison can add at most is bounded for each pair before any
// comparison is made, from the value ids alone: a comparison whose levels
// all test one attribute adds exactly its missing level's weight when a
// record lacks the attribute, and cannot reach its exact level when the
// two values differ (an exact agreement on a rare phone or e-mail is worth
// up to 31 bits, what a typo'd one is worth a third of).
type screen struct {
	w     *weigher
	steps []screenStep // the comparisons, most telling first; the household one is left out
	floor float64      // the review floor, less a margin for rounding
}

// screenStep is one comparison of the screen and the bounds of what it
// adds.
type screenStep struct {
	k    int
	most float64 // over every level, with the largest term-frequency adjustment
	// For a comparison whose levels all test one attribute (col not nil):
	// the level a pair is at when a record lacks it, and the most over the
	// levels other than exact agreement, for two different values.
	col     *compare.Column
	missing int8
	unequal float64
}

// screenMargin covers the difference between summing the weights in the
// screen's order and in weigher.total's, and the float32 rounding of the
// total: both are below 1e-5 bits for any real weight.
const screenMargin = 1e-3

// newScreen returns the screen for weights w and the floor. The sample of
// candidate pairs' patterns (training's) orders the comparisons: those
// that on a typical candidate pair fall furthest below their bound for
// the time they take (cost, by comparison: see levelCosts) go first, since
// they settle a pair soonest. Any order gives the same result; without a
// sample, the comparisons whose levels lie furthest apart go first.
func newScreen(comps []*compare.Comparator, w *weigher, floor float64, sample score.Sample, cost []float64) *screen {
	s := &screen{w: w, floor: floor - screenMargin}
	type ranked struct {
		step screenStep
		gain float64
	}
	var all []ranked
	for k, row := range w.weights {
		if k == w.household {
			continue // its term is -log2(1 + 2^h): never above zero
		}
		st := screenStep{k: k, most: math.Inf(-1), unequal: math.Inf(-1)}
		least := math.Inf(1)
		levels := comps[k].Spec.Levels
		for lv, v := range row {
			hi, lo := float64(v), float64(v)
			if int8(lv) == w.tfLevel[k] {
				// A term-frequency adjustment can raise or lower an
				// agreement by the value's rarity; added in float32, as
				// contribution adds it.
				up, down := tfRange(w.tf[k])
				hi, lo = float64(v+up), float64(v+down)
			}
			st.most, least = max(st.most, hi), min(least, lo)
			if lv >= len(levels) || levels[lv].Kind != spec.Exact {
				st.unequal = max(st.unequal, hi)
			}
		}
		if comps[k].SingleAttribute() && comps[k].Column() != nil {
			st.col, st.missing = comps[k].Column(), comps[k].LevelWhenMissing()
		}
		gain := st.most - least
		if bound, typical, ok := meanBound(&st, row, levels, sample); ok {
			gain = bound - typical
		}
		if k < len(cost) && cost[k] > 0 {
			gain /= cost[k]
		}
		all = append(all, ranked{st, gain})
	}
	slices.SortStableFunc(all, func(a, b ranked) int { return cmp.Compare(b.gain, a.gain) })
	for _, r := range all {
		s.steps = append(s.steps, r.step)
	}
	return s
}

// levelCosts returns how long each comparison takes on pairs, in
// nanoseconds a pair (the best of three rounds): what orders the screen.
func levelCosts(comps []*compare.Comparator, pairs []block.Pair) []float64 {
	if len(pairs) == 0 {
		return nil
	}
	cost := make([]float64, len(comps))
	var sink int
	for k, c := range comps {
		best := math.Inf(1)
		for range 3 {
			start := time.Now()
			for _, p := range pairs {
				sink += int(c.Level(p.L, p.R))
			}
			best = min(best, float64(time.Since(start).Nanoseconds())/float64(len(pairs)))
		}
		cost[k] = max(best, 1)
	}
	if sink < 0 {
		panic("unreachable") // keeps the calls
	}
	return cost
}

// meanBound returns, over the sample's patterns, the mean of what step st
// is bounded by before the pair is compared and the mean of what it then
// adds (row: its weights by level, without term-frequency adjustments);
// false for an empty sample.
func meanBound(st *screenStep, row []float32, levels []spec.Level, sample score.Sample) (bound, weight float64, ok bool) {
	n := 0.0
	for i, p := range sample.Patterns {
		lv := int(p.Level(st.k))
		if lv >= len(row) {
			continue
		}
		b := st.most
		switch {
		case st.col == nil:
		case int8(lv) == st.missing:
			b = float64(row[lv])
		case lv >= len(levels) || levels[lv].Kind != spec.Exact:
			b = st.unequal
		}
		c := sample.Counts[i]
		bound, weight, n = bound+c*b, weight+c*float64(row[lv]), n+c
	}
	if n == 0 {
		return 0, 0, false
	}
	return bound / n, weight / n, true
}

// tfRange returns the largest and the smallest of the adjustments and 0.
func tfRange(adj []float32) (up, down float32) {
	for _, a := range adj {
		up, down = max(up, a), min(down, a)
	}
	return up, down
}

// bound returns the most step st can add to pair l, r.
func (s *screen) bound(st *screenStep, l, r int32) float64 {
	if st.col == nil {
		return st.most
	}
	a, b := st.col.ID(l), st.col.ID(r)
	switch {
	case a == 0 || b == 0:
		return float64(s.w.contribution(st.k, st.missing, l))
	case a != b:
		return st.unequal
	}
	return st.most
}

// maxSteps is the most comparisons a pattern holds (4 bits each).
const maxSteps = 16

// pattern returns the levels of pair l, r on every comparison and true, or
// false as soon as the pair cannot reach the floor.
func (s *screen) pattern(comps []*compare.Comparator, l, r int32) (score.Pattern, bool) {
	w := s.w
	var bounds [maxSteps]float64
	rest := 0.0
	for j := range s.steps {
		bounds[j] = s.bound(&s.steps[j], l, r)
		rest += bounds[j]
	}
	sum := w.prior
	if sum+rest < s.floor {
		return 0, false
	}
	var p score.Pattern
	for j := range s.steps {
		k := s.steps[j].k
		p = p.With(k, comps[k].Level(l, r))
		sum += float64(w.contribution(k, p.Level(k), l))
		rest -= bounds[j]
		if sum+rest < s.floor {
			return 0, false
		}
	}
	if h := w.household; h >= 0 {
		p = p.With(h, comps[h].Level(l, r))
	}
	return p, true
}
