package score

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

func threeLevels(name string) spec.Comparison {
	return spec.Comparison{Name: name, Attr: "given_name", Levels: []spec.Level{
		{Kind: spec.Missing, Label: "missing"},
		{Kind: spec.Exact, Label: "exact"},
		{Kind: spec.JaroWinkler, Threshold: 0.9, Label: "close"},
		{Kind: spec.Else, Label: "else"},
	}}
}

// draw picks a level index (1..3) from a distribution over levels 1..3.
func draw(rng *rand.Rand, p []float64) int8 {
	x := rng.Float64()
	for l := 1; l < len(p); l++ {
		if x < p[l] {
			return int8(l)
		}
		x -= p[l]
	}
	return int8(len(p) - 1)
}

func TestEMRecoversKnownParameters(t *testing.T) {
	cs := []spec.Comparison{threeLevels("a"), threeLevels("b"), threeLevels("c"), threeLevels("d")}
	m := [][]float64{{0, 0.85, 0.10, 0.05}, {0, 0.90, 0.05, 0.05}, {0, 0.70, 0.20, 0.10}, {0, 0.80, 0.15, 0.05}}
	u := [][]float64{{0, 0.05, 0.15, 0.80}, {0, 0.10, 0.10, 0.80}, {0, 0.02, 0.08, 0.90}, {0, 0.20, 0.10, 0.70}}
	const lambda, n, missingRate = 0.3, 200000, 0.1
	rng := rand.New(rand.NewPCG(1, 2))
	patterns := make([]Pattern, n)
	for i := range patterns {
		dist := u
		if rng.Float64() < lambda {
			dist = m
		}
		levels := make([]int8, len(cs))
		for k := range cs {
			if rng.Float64() < missingRate {
				continue // level 0: missing
			}
			levels[k] = draw(rng, dist[k])
		}
		patterns[i] = Pack(levels)
	}
	in := Inputs{
		Comparisons: cs, Candidates: Tally(patterns), CandidatePairs: n, ScopePairs: 1e8,
		Random: make([][]float64, len(cs)), ExactU: []float64{-1, -1, -1, -1},
		MaxIterations: 500, Tolerance: 1e-7,
	}
	for k := range cs {
		in.Random[k] = []float64{0, 1000, 1000, 8000}
	}
	p, err := Train(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Converged {
		t.Errorf("EM did not converge in %d iterations", p.Iterations)
	}
	if math.Abs(p.CandidateLambda-lambda) > 0.01 {
		t.Errorf("candidate lambda %.4f, want %.2f", p.CandidateLambda, lambda)
	}
	for k := range cs {
		for l := 1; l < 4; l++ {
			if got := p.Comparisons[k].Levels[l].M; math.Abs(got-m[k][l]) > 0.015 {
				t.Errorf("m[%d][%d] = %.4f, want %.2f", k, l, got, m[k][l])
			}
		}
	}
	// EM's own non-match distribution (u among candidates) is recovered too.
	em, err := runEM(context.Background(), in, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k := range cs {
		for l := 1; l < 4; l++ {
			if got := em.u[k][l]; math.Abs(got-u[k][l]) > 0.015 {
				t.Errorf("candidate u[%d][%d] = %.4f, want %.2f", k, l, got, u[k][l])
			}
		}
	}
	if want := lambda * n / 1e8; math.Abs(p.Lambda-want)/want > 0.05 {
		t.Errorf("lambda %.3g, want about %.3g", p.Lambda, want)
	}
	// The missing level is neutral; others are log2(m/u) with u from random pairs.
	if w := p.Weight(0, 0); w != 0 {
		t.Errorf("missing weight %v, want 0", w)
	}
	lp := p.Comparisons[0].Levels[1]
	if math.Abs(lp.U-1000.5/10001.5) > 1e-9 || math.Abs(lp.Weight-math.Log2(lp.M/lp.U)) > 1e-9 {
		t.Errorf("level params %+v inconsistent with random counts", lp)
	}
}

func TestEstimateUExact(t *testing.T) {
	cs := []spec.Comparison{threeLevels("a"), threeLevels("b")}
	in := Inputs{
		Comparisons: cs,
		Random:      [][]float64{{50, 3, 97, 900}, {50, 3, 97, 900}},
		ExactU:      []float64{0.001, -1},
	}
	u := estimateU(in, neutralLevels(cs))
	if u[0][1] != 0.001 {
		t.Errorf("exact u %v, want the computed 0.001", u[0][1])
	}
	if sum := u[0][1] + u[0][2] + u[0][3]; math.Abs(sum-1) > 1e-12 {
		t.Errorf("u sums to %v", sum)
	}
	if want := 0.999 * 97.5 / 998; math.Abs(u[0][2]-want) > 1e-12 {
		t.Errorf("u close = %v, want %v", u[0][2], want)
	}
	if want := 3.5 / 1001.5; math.Abs(u[1][1]-want) > 1e-12 {
		t.Errorf("sampled exact u = %v, want %v", u[1][1], want)
	}
}

func TestTFAdjustments(t *testing.T) {
	// id 0 is missing; "smith" (id 1) is held by 50 records and fifty rare
	// names by one record each.
	count := []uint32{7, 50}
	for range 50 {
		count = append(count, 1)
	}
	adj := TFAdjustments(count)
	if adj[0] != 0 {
		t.Errorf("missing adjusted by %v", adj[0])
	}
	if !(adj[1] < 0) {
		t.Errorf("common value adjustment %v, want negative", adj[1])
	}
	if !(adj[2] > 0) {
		t.Errorf("rare value adjustment %v, want positive", adj[2])
	}
	// Σf² = (0.5)² + 50·(0.01)² = 0.255; common: log2(0.255/0.5), rare: log2(0.255/0.01).
	if math.Abs(float64(adj[1])-math.Log2(0.255/0.5)) > 1e-4 || math.Abs(float64(adj[2])-math.Log2(25.5)) > 1e-4 {
		t.Errorf("adjustments %v, %v", adj[1], adj[2])
	}
	// Uniform values are not adjusted at all.
	for _, a := range TFAdjustments([]uint32{0, 3, 3, 3}) {
		if math.Abs(float64(a)) > 1e-6 {
			t.Errorf("uniform adjustment %v, want 0", a)
		}
	}
}

func TestPattern(t *testing.T) {
	levels := []int8{0, 1, 15, 7, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9}
	p := Pack(levels)
	for k, l := range levels {
		if got := p.Level(k); got != l {
			t.Errorf("Level(%d) = %d, want %d", k, got, l)
		}
	}
	if q := p.With(2, 4); q.Level(2) != 4 || q.Level(1) != 1 || q.Level(3) != 7 {
		t.Errorf("With changed the wrong comparison: %x", q)
	}
}

func TestProbability(t *testing.T) {
	for _, p := range []float64{0.01, 0.5, 0.9, 0.999} {
		if got := Probability(WeightOf(p)); math.Abs(got-p) > 1e-12 {
			t.Errorf("Probability(WeightOf(%v)) = %v", p, got)
		}
	}
}

func TestNeutralLevels(t *testing.T) {
	names := func(name string, attr string) spec.Comparison {
		return spec.Comparison{Name: name, Attr: transform.Attr(attr), Levels: []spec.Level{
			{Kind: spec.Missing, Label: "missing"},
			{Kind: spec.Exact, Label: "exact"},
			{Kind: spec.Swapped, Label: "swapped"},
			{Kind: spec.Crossed, Label: "crossed"},
			{Kind: spec.Else, Label: "else"},
		}}
	}
	got := neutralLevels([]spec.Comparison{names("given", "given_name"), names("surname", "surname")})
	want := [][]bool{{true, false, false, false, false}, {true, false, true, true, false}}
	for k := range want {
		if !slices.Equal(got[k], want[k]) {
			t.Errorf("comparison %d neutral levels %v, want %v (a swap counts once)", k, got[k], want[k])
		}
	}
}

func TestTrainLeavesUninformedLevelsNeutral(t *testing.T) {
	// Comparisons a, c and d tell matches from non-matches; a never reaches
	// its "close" level. Comparison b has values only on non-matching pairs
	// (an attribute that one source lacks). Neither the unreached level nor
	// b can be learnt, so they must weigh nothing.
	cs := []spec.Comparison{threeLevels("a"), threeLevels("b"), threeLevels("c"), threeLevels("d")}
	m := []float64{0, 0.95, 0.03, 0.02}
	u := []float64{0, 0.01, 0.09, 0.9}
	rng := rand.New(rand.NewPCG(3, 4))
	var patterns []Pattern
	for i := range 20000 {
		match := i < 2000
		levels := make([]int8, 4)
		for k := range levels {
			dist := u
			if match {
				dist = m
			}
			levels[k] = draw(rng, dist)
		}
		if levels[0] == 2 {
			levels[0] = 3
		}
		if match {
			levels[1] = 0
		}
		patterns = append(patterns, Pack(levels))
	}
	in := Inputs{
		Comparisons: cs, Candidates: Tally(patterns), CandidatePairs: 20000, ScopePairs: 1e7,
		Random: [][]float64{{0, 10, 100, 9000}, {0, 10, 100, 9000}, {0, 10, 100, 9000}, {0, 10, 100, 9000}},
		ExactU: []float64{-1, -1, -1, -1}, MaxIterations: 500, Tolerance: 1e-8,
	}
	p, err := Train(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if w := p.Weight(0, 1); w < 5 {
		t.Errorf("informative exact level weighs %v", w)
	}
	if w := p.Weight(0, 2); w != 0 {
		t.Errorf("unreached level weighs %v, want 0", w)
	}
	for l := range int8(4) {
		if w := p.Weight(1, l); w != 0 {
			t.Errorf("comparison seen only on non-matches: level %d weighs %v, want 0", l, w)
		}
	}
}

func TestEMRecoversHouseholds(t *testing.T) {
	// Comparisons "given" and "dob" tell people apart; "surname" and
	// "phone" are shared by the people of one household. Candidates hold
	// matches, housemates (agreeing on shared comparisons, and on the
	// others like random pairs) and other non-matches.
	shared := func(c spec.Comparison) spec.Comparison { c.Shared = true; return c }
	household := spec.Comparison{Name: "household", Levels: []spec.Level{
		{Kind: spec.Household, Label: "household"}, {Kind: spec.Else, Label: "else"}}}
	cs := []spec.Comparison{threeLevels("given"), threeLevels("dob"), shared(threeLevels("surname")), shared(threeLevels("phone")), household}
	m := [][]float64{{0, 0.95, 0.04, 0.01}, {0, 0.96, 0.03, 0.01}, {0, 0.97, 0.02, 0.01}, {0, 0.90, 0.05, 0.05}}
	h := [][]float64{nil, nil, {0, 0.95, 0.04, 0.01}, {0, 0.40, 0.05, 0.55}}
	u := [][]float64{{0, 0.01, 0.04, 0.95}, {0, 0.002, 0.05, 0.948}, {0, 0.001, 0.02, 0.979}, {0, 0.00001, 0.01, 0.98999}}
	candidateU := [][]float64{{0, 0.3, 0.1, 0.6}, {0, 0.3, 0.1, 0.6}, {0, 0.05, 0.05, 0.9}, {0, 0.01, 0.02, 0.97}}
	const n, lambda, lambdaH = 300000, 0.2, 0.05
	rng := rand.New(rand.NewPCG(9, 10))
	patterns := make([]Pattern, n)
	for i := range patterns {
		x := rng.Float64()
		levels := make([]int8, len(cs))
		for k := range 4 {
			switch {
			case x < lambda:
				levels[k] = draw(rng, m[k])
			case x < lambda+lambdaH && h[k] != nil:
				levels[k] = draw(rng, h[k])
			case x < lambda+lambdaH:
				levels[k] = draw(rng, u[k])
			default:
				levels[k] = draw(rng, candidateU[k])
			}
		}
		levels[4] = 1
		patterns[i] = Pack(levels)
	}
	in := Inputs{
		Comparisons: cs, Candidates: Tally(patterns), CandidatePairs: n, ScopePairs: 1e8,
		Random: make([][]float64, len(cs)), ExactU: []float64{-1, -1, -1, -1, -1},
		MaxIterations: 500, Tolerance: 1e-7,
	}
	for k := range 4 {
		in.Random[k] = make([]float64, 4)
		for l := 1; l < 4; l++ {
			in.Random[k][l] = u[k][l] * 1e6
		}
	}
	in.Random[4] = []float64{0, 0}
	p, err := Train(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Households() || math.Abs(p.CandidateHouseholdLambda-lambdaH) > 0.005 || math.Abs(p.CandidateLambda-lambda) > 0.005 {
		t.Errorf("candidate shares: matches %.4f, households %.4f; want %.2f and %.2f",
			p.CandidateLambda, p.CandidateHouseholdLambda, lambda, lambdaH)
	}
	// Matches rarely disagree on given name: m must not take in the
	// housemates' disagreement.
	if got := p.Comparisons[0].Levels[3].M; math.Abs(got-m[0][3]) > 0.005 {
		t.Errorf("m(given names differ) = %.4f, want %.2f", got, m[0][3])
	}
	for _, k := range []int{2, 3} {
		for l := 1; l < 4; l++ {
			if got := p.Comparisons[k].Levels[l].H; math.Abs(got-h[k][l]) > 0.02 {
				t.Errorf("h[%d][%d] = %.4f, want %.2f", k, l, got, h[k][l])
			}
		}
	}
	if p.Comparisons[0].Levels[1].H != 0 {
		t.Error("a comparison that is not shared has household parameters")
	}
	// A housemate pattern (shared values equal, given name and birth date
	// different) would match on the weights alone; the household term
	// takes it well below. A match pattern keeps a clear match.
	weight := func(levels []int8) (plain, total float64) {
		plain, hw := p.PriorWeight(), p.HouseholdPriorWeight()
		for k, l := range levels {
			plain += p.Weight(k, l)
			hw += p.HouseholdWeight(k, l)
		}
		return plain, plain + HouseholdTerm(hw)
	}
	if plain, total := weight([]int8{3, 3, 1, 1}); plain < 0 || total > -5 {
		t.Errorf("housemates weigh %.2f without the household term and %.2f with it; want above 0, then below -5", plain, total)
	}
	if _, total := weight([]int8{1, 1, 1, 1}); total < 10 {
		t.Errorf("a match weighs %.2f with the household term, want a clear match", total)
	}
}

func TestHouseholdTerm(t *testing.T) {
	tests := []struct{ h, want float64 }{
		{-100, 0}, {0, -1}, {10, -math.Log2(1 + 1024)}, {60, -60},
	}
	for _, tt := range tests {
		if got := HouseholdTerm(tt.h); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("HouseholdTerm(%v) = %v, want %v", tt.h, got, tt.want)
		}
	}
}
