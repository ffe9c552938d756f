package matching

import (
	"cmp"
	"math"
	"slices"

	"github.com/contoso/c360/matching/compare"
	"github.com/contoso/c360/matching/score"
)

// screen rules out candidate pairs that cannot reach the review floor,
// comparing as little as it can. Nearly every candidate pair is two
// strangers who happen to share a blocking key; after a few comparisons
// their weight is so low that what the others could add at most cannot
// lift it to the floor, and the rest are never evaluated. The pairs it
// lets through are weighed exactly as if no screen had run (weigher.total
// on the full pattern), so the screen changes which comparisons are made,
// never a kept pair or its weight.
type screen struct {
	w     *weigher
	order []int     // the comparisons, most telling first; the household one is left out
	rest  []float64 // rest[j]: the most order[j:] can add; rest[len(order)] is 0
	floor float64   // the review floor, less a margin for rounding
}

// screenMargin covers the difference between summing the weights in the
// screen's order and in weigher.total's, and the float32 rounding of the
// total: both are below 1e-5 bits for any real weight.
const screenMargin = 1e-3

// newScreen returns the screen for weights w and the floor. The sample of
// candidate pairs' patterns (training's) orders the comparisons: those
// that on a typical candidate pair fall furthest below the most they could
// add go first, since they settle a pair soonest. Any order gives the same
// result; without a sample, the comparisons whose levels lie furthest
// apart go first.
func newScreen(w *weigher, floor float64, sample score.Sample) *screen {
	s := &screen{w: w, floor: floor - screenMargin}
	type bound struct {
		k          int
		most, gain float64
	}
	var bounds []bound
	for k, row := range w.weights {
		if k == w.household {
			continue // its term is -log2(1 + 2^h): never above zero
		}
		most, least := math.Inf(-1), math.Inf(1)
		for lv, v := range row {
			hi, lo := float64(v), float64(v)
			if int8(lv) == w.tfLevel[k] {
				// A term-frequency adjustment can raise or lower an
				// exact agreement by the value's rarity; added in
				// float32, as contribution adds it.
				up, down := tfRange(w.tf[k])
				hi, lo = float64(v+up), float64(v+down)
			}
			most, least = max(most, hi), min(least, lo)
		}
		gain := most - least
		if typical, ok := meanWeight(row, k, sample); ok {
			gain = most - typical
		}
		bounds = append(bounds, bound{k, most, gain})
	}
	slices.SortStableFunc(bounds, func(a, b bound) int { return cmp.Compare(b.gain, a.gain) })
	s.rest = make([]float64, len(bounds)+1)
	for j := len(bounds) - 1; j >= 0; j-- {
		s.rest[j] = s.rest[j+1] + bounds[j].most
	}
	for _, b := range bounds {
		s.order = append(s.order, b.k)
	}
	return s
}

// meanWeight returns the mean weight of comparison k's levels (row) over
// the sample's patterns, without term-frequency adjustments; false for an
// empty sample.
func meanWeight(row []float32, k int, sample score.Sample) (float64, bool) {
	sum, n := 0.0, 0.0
	for i, p := range sample.Patterns {
		if lv := int(p.Level(k)); lv < len(row) {
			sum += sample.Counts[i] * float64(row[lv])
			n += sample.Counts[i]
		}
	}
	return sum / n, n > 0
}

// tfRange returns the largest and the smallest of the adjustments and 0.
func tfRange(adj []float32) (up, down float32) {
	for _, a := range adj {
		up, down = max(up, a), min(down, a)
	}
	return up, down
}

// pattern returns the levels of pair l, r on every comparison and true, or
// false as soon as the pair cannot reach the floor.
func (s *screen) pattern(comps []*compare.Comparator, l, r int32) (score.Pattern, bool) {
	w := s.w
	sum := w.prior
	var p score.Pattern
	for j, k := range s.order {
		p = p.With(k, comps[k].Level(l, r))
		sum += float64(w.contribution(k, p.Level(k), l))
		if sum+s.rest[j+1] < s.floor {
			return 0, false
		}
	}
	if h := w.household; h >= 0 {
		p = p.With(h, comps[h].Level(l, r))
	}
	return p, true
}
