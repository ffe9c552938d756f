package matching

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/score"
	"github.com/contoso/c360/matching/spec"
)

// TestScreenNeverDropsAKeptPair checks the screen against the full weighing
// on every candidate pair and on random pairs, at the model's review floor
// and at floors around the weights most pairs have, where a loose bound
// would show.
func TestScreenNeverDropsAKeptPair(t *testing.T) {
	s := newSynthetic(4000, 31)
	res := &Result{}
	r := &run{ctx: context.Background(), model: quick(), workers: 2}
	var err error
	if r.table, r.comps, err = tableOf(s.people, r.model); err != nil {
		t.Fatal(err)
	}
	if err := r.block(&res.Stats); err != nil {
		t.Fatal(err)
	}
	if err := r.compare(&res.Stats); err != nil {
		t.Fatal(err)
	}
	if _, err := r.train(); err != nil {
		t.Fatal(err)
	}
	var pairs []block.Pair
	err = r.index.Each(context.Background(), 1, func(_ int, b block.Batch) { pairs = append(pairs, b.Pairs...) })
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		l, rr := int32(rng.IntN(len(s.people))), int32(rng.IntN(len(s.people)))
		if l != rr {
			pairs = append(pairs, block.Pair{L: min(l, rr), R: max(l, rr)})
		}
	}
	w := newWeigher(r.comps, r.params)
	for _, floor := range []float64{newCutoffs(r.model).floor, -20, -5, 0, 5, 15} {
		sc := newScreen(w, floor, r.sample)
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
// comparison can add at most is reached by none of its levels.
func TestScreenBoundsEveryComparison(t *testing.T) {
	s := newSynthetic(500, 32)
	m := spec.Default()
	table, comps, err := tableOf(s.people, m)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Match(context.Background(), s.people, Options{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	w := newWeigher(comps, &res.Params)
	sc := newScreen(w, 0, score.Sample{})
	for j, k := range sc.order {
		most := sc.rest[j] - sc.rest[j+1]
		for lv := range w.weights[k] {
			for rec := range int32(table.Len()) {
				if v := w.contribution(k, int8(lv), rec); float64(v) > most+1e-9 {
					t.Fatalf("comparison %d level %d record %d adds %g, bound %g", k, lv, rec, v, most)
				}
			}
		}
	}
}
