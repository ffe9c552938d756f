package matching

import (
	"testing"

	"github.com/contoso/c360/matching/score"
	"github.com/contoso/c360/matching/spec"
)

// TestScreenNeverDropsAKeptPair checks the screen against the full weighing
// on every candidate pair and on random pairs, at the model's review floor
// and at floors around the weights most pairs have, where a loose bound
// would show.
func TestScreenNeverDropsAKeptPair(t *testing.T) {
	s := newSynthetic(4000, 31)
	r := trainedRun(t, s.people, quick(), 2)
	pairs := candidatesAndRandom(t, r, 20000, 3)
	w := newWeigher(r.comps, r.params)
	for _, floor := range []float64{newCutoffs(r.model).floor, -20, -5, 0, 5, 15} {
		sc := newScreen(r.comps, w, floor, r.sample, levelCosts(r.comps, r.index.Sample(4096)))
		screened := 0
		for _, p := range pairs {
			full := r.pattern(p.L, p.R)
			t32 := float32(w.total(full, p.L, nil, nil))
			got, ok := sc.pattern(r.comps, p.L, p.R)
			if !ok {
				screened++
				if float64(t32) >= floor {
					t.Fatalf("floor %g: pair %d-%d of weight %g screened out", floor, p.L, p.R, t32)
				}
				continue
			}
			if got != full {
				t.Fatalf("floor %g: pair %d-%d let through with pattern %x, want %x", floor, p.L, p.R, got, full)
			}
		}
		t.Logf("floor %6.2f: %d of %d pairs screened out", floor, screened, len(pairs))
		if floor == newCutoffs(r.model).floor && screened < len(pairs)/2 {
			t.Errorf("at the review floor the screen ruled out only %d of %d pairs", screened, len(pairs))
		}
	}
}

// TestScreenBoundsEveryComparison checks that what the screen says a
// comparison can add to a pair at most is what it adds or more, on every
// candidate pair and random pairs, and that the bound over all levels
// holds for every level and record.
func TestScreenBoundsEveryComparison(t *testing.T) {
	s := newSynthetic(1500, 32)
	r := trainedRun(t, s.people, spec.Default(), 1)
	pairs := candidatesAndRandom(t, r, 20000, 5)
	w := newWeigher(r.comps, r.params)
	sc := newScreen(r.comps, w, 0, score.Sample{}, nil)
	tight := 0
	for j := range sc.steps {
		st := &sc.steps[j]
		for lv := range w.weights[st.k] {
			for rec := range int32(r.table.Len()) {
				if v := w.contribution(st.k, int8(lv), rec); float64(v) > st.most {
					t.Fatalf("comparison %d level %d record %d adds %g, bound %g", st.k, lv, rec, v, st.most)
				}
			}
		}
		for _, p := range pairs {
			lv := r.comps[st.k].Level(p.L, p.R)
			v, b := w.contribution(st.k, lv, p.L), sc.bound(st, p.L, p.R)
			if float64(v) > b {
				t.Fatalf("comparison %d: pair %d-%d at level %d adds %g, bound %g", st.k, p.L, p.R, lv, v, b)
			}
			if b < st.most {
				tight++
			}
		}
	}
	if tight == 0 {
		t.Error("no pair had a bound below the static one: the per-pair bounds do nothing")
	}
}
