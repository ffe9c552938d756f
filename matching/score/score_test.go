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

// population describes how pairs of each class reach the levels, for
// simulating training inputs: m for matches, h for two people of one
// household on the shared comparisons (u on the others), u for two random
// records.
type population struct {
	cs      []spec.Comparison
	m, h, u [][]float64
}

// draw simulates n pairs: a share lambda of matches and lambdaH of
// household pairs, the rest drawn from other (u when nil). Comparisons in
// fixed agree (level 1) on every pair, as in a training session blocked on
// them; comparisons that no distribution covers are left at level 0.
func (pop population) draw(rng *rand.Rand, n int, lambda, lambdaH float64, other [][]float64, fixed []bool) Sample {
	if other == nil {
		other = pop.u
	}
	patterns := make([]Pattern, n)
	for i := range patterns {
		x := rng.Float64()
		levels := make([]int8, len(pop.cs))
		for k := range pop.m {
			switch {
			case fixed != nil && fixed[k]:
				levels[k] = 1
			case x < lambda && pop.m[k] == nil:
				// no value on matching pairs
			case x < lambda:
				levels[k] = draw(rng, pop.m[k])
			case x < lambda+lambdaH && pop.h != nil && pop.h[k] != nil:
				levels[k] = draw(rng, pop.h[k])
			case x < lambda+lambdaH:
				levels[k] = draw(rng, pop.u[k])
			default:
				levels[k] = draw(rng, other[k])
			}
		}
		if len(pop.cs) > len(pop.m) { // the household comparison
			levels[len(pop.m)] = 1
		}
		patterns[i] = Pack(levels)
	}
	return Tally(patterns)
}

// inputs returns training inputs whose random pairs follow u exactly.
func (pop population) inputs(candidates Sample, sessions ...Session) Inputs {
	in := Inputs{
		Comparisons: pop.cs, Candidates: candidates, Sessions: sessions, ScopePairs: 1e8, Records: 20000,
		Random: make([][]float64, len(pop.cs)), ExactU: make([]float64, len(pop.cs)),
		MaxIterations: 5000, Tolerance: 1e-6,
	}
	in.CandidatePairs = int64(candidates.total())
	for k := range pop.cs {
		in.ExactU[k] = -1
		in.Random[k] = make([]float64, len(pop.cs[k].Levels))
		if k < len(pop.u) {
			for l := 1; l < len(pop.u[k]); l++ {
				in.Random[k][l] = pop.u[k][l] * 1e6
			}
		}
	}
	return in
}

func fixedOf(n int, ks ...int) []bool {
	f := make([]bool, n)
	for _, k := range ks {
		f[k] = true
	}
	return f
}

func TestSessionsRecoverKnownParameters(t *testing.T) {
	pop := population{
		cs: []spec.Comparison{threeLevels("a"), threeLevels("b"), threeLevels("c"), threeLevels("d")},
		m:  [][]float64{{0, 0.85, 0.10, 0.05}, {0, 0.90, 0.05, 0.05}, {0, 0.70, 0.20, 0.10}, {0, 0.80, 0.15, 0.05}},
		u:  [][]float64{{0, 0.05, 0.15, 0.80}, {0, 0.10, 0.10, 0.80}, {0, 0.02, 0.08, 0.90}, {0, 0.20, 0.10, 0.70}},
	}
	// Non-matching candidates agree more than random pairs: blocking chose them.
	candidateU := [][]float64{{0, 0.3, 0.2, 0.5}, {0, 0.3, 0.2, 0.5}, {0, 0.1, 0.1, 0.8}, {0, 0.3, 0.1, 0.6}}
	rng := rand.New(rand.NewPCG(1, 2))
	const lambda = 0.3
	in := pop.inputs(pop.draw(rng, 200000, lambda, 0, candidateU, nil),
		Session{Name: "on a", Fixed: fixedOf(4, 0), Sample: pop.draw(rng, 200000, 0.4, 0, nil, fixedOf(4, 0))},
		Session{Name: "on b", Fixed: fixedOf(4, 1), Sample: pop.draw(rng, 200000, 0.2, 0, nil, fixedOf(4, 1))})
	// Random pairs include the matches: a share lambda·200000/ScopePairs of them.
	scopeLambda := lambda * 200000 / in.ScopePairs
	for k := range pop.cs {
		for l := 1; l < 4; l++ {
			in.Random[k][l] = (scopeLambda*pop.m[k][l] + (1-scopeLambda)*pop.u[k][l]) * 1e6
		}
	}
	p, err := Train(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) > 0 {
		t.Errorf("health warnings on a sane model: %q", p.Warnings)
	}
	if math.Abs(p.CandidateLambda-lambda) > 0.01 {
		t.Errorf("candidate lambda %.4f, want %.2f", p.CandidateLambda, lambda)
	}
	for k := range pop.cs {
		for l := 1; l < 4; l++ {
			if got := p.Comparisons[k].Levels[l].M; math.Abs(got-pop.m[k][l]) > 0.015 {
				t.Errorf("m[%d][%d] = %.4f, want %.2f", k, l, got, pop.m[k][l])
			}
		}
	}
	// A level's Matches counts the matching pairs of the sessions that
	// informed its comparison: 80,000 in the session on a, 40,000 on b.
	sessionMatches := []float64{40000, 80000, 120000, 120000}
	for k := range pop.cs {
		for l := 1; l < 4; l++ {
			want := sessionMatches[k] * pop.m[k][l]
			if got := p.Comparisons[k].Levels[l].Matches; math.Abs(got-want)/want > 0.05 {
				t.Errorf("matches[%d][%d] = %.0f, want about %.0f", k, l, got, want)
			}
		}
	}
	// Each session estimates what its keys do not involve.
	if got := p.Sessions[0].Estimated; !slices.Equal(got, []string{"b", "c", "d"}) {
		t.Errorf("session on a estimated %q", got)
	}
	if want := scopeLambda; math.Abs(p.Lambda-want)/want > 0.05 {
		t.Errorf("lambda %.3g, want about %.3g", p.Lambda, want)
	}
	if w := p.Weight(0, 0); w != 0 {
		t.Errorf("missing weight %v, want 0", w)
	}
	// u is the random pairs' share with the matches taken out.
	for k := range pop.cs {
		for l := 1; l < 4; l++ {
			lp := p.Comparisons[k].Levels[l]
			if math.Abs(lp.U-pop.u[k][l]) > 1e-5 || math.Abs(lp.Weight-math.Log2(lp.M/lp.U)) > 1e-9 {
				t.Errorf("level params %+v, want u %.3g and weight log2(m/u)", lp, pop.u[k][l])
			}
		}
	}
}

// TestRemoveMatches takes the matches out of u where they are most of the
// random pairs that agree (rare values: a national id, a street), and no
// further than maxMatchRemoval where the estimate would leave nothing.
func TestRemoveMatches(t *testing.T) {
	cs := []spec.Comparison{threeLevels("id"), threeLevels("name")}
	const lambda = 1e-4
	// An id equal on 90% of matches and, apart from them, on 1 in 100,000
	// unrelated pairs; a name equal on 80% of matches and 1% of others.
	share := func(m, u float64) float64 { return lambda*m + (1-lambda)*u }
	lv := func(m, u float64) LevelParams {
		return LevelParams{M: m, U: share(m, u), Weight: math.Log2(m / share(m, u))}
	}
	p := &Params{Lambda: lambda, Comparisons: []ComparisonParams{
		{Name: "id", Levels: []LevelParams{{M: 1, U: 1}, lv(0.9, 1e-5), lv(0.05, 0.01), lv(0.05, 0.98999)}},
		{Name: "name", Levels: []LevelParams{{M: 1, U: 1}, lv(0.8, 0.01), lv(0.1, 0.09), lv(0.1, 0.9)}},
	}}
	removeMatches(cs, neutralLevels(cs), []bool{true, true}, p)
	want := [][]float64{{1, 1e-5, 0.01, 0.98999}, {1, 0.01, 0.09, 0.9}}
	for k := range want {
		for l := 1; l < 4; l++ {
			lp := p.Comparisons[k].Levels[l]
			if math.Abs(lp.U-want[k][l])/want[k][l] > 1e-9 || math.Abs(lp.Weight-math.Log2(lp.M/lp.U)) > 1e-9 {
				t.Errorf("%s level %d: u %.6g weight %.3f, want u %.6g", cs[k].Name, l, lp.U, lp.Weight, want[k][l])
			}
		}
	}
	// Where the matches would be all of it, u falls by maxMatchRemoval at most.
	p = &Params{Lambda: lambda, Comparisons: []ComparisonParams{
		{Name: "id", Levels: []LevelParams{{M: 1, U: 1}, lv(0.9, 0), lv(0.05, 0.01), lv(0.05, 0.99)}},
		{Name: "name", Levels: []LevelParams{{M: 1, U: 1}, lv(0.8, 0.01), lv(0.1, 0.09), lv(0.1, 0.9)}},
	}}
	before := p.Comparisons[0].Levels[1].U
	removeMatches(cs, neutralLevels(cs), []bool{true, true}, p)
	if got := p.Comparisons[0].Levels[1].U; math.Abs(got-before/maxMatchRemoval) > 1e-15 {
		t.Errorf("u %.3g, want %.3g (the floor)", got, before/maxMatchRemoval)
	}
	// With households in the model, a shared comparison keeps its u.
	shared := []spec.Comparison{threeLevels("id"), threeLevels("name")}
	shared[1].Shared = true
	p.HouseholdLambda = lambda
	p.Comparisons[1].Levels[1].U = 0.5
	removeMatches(shared, neutralLevels(shared), []bool{true, true}, p)
	if got := p.Comparisons[1].Levels[1].U; got != 0.5 {
		t.Errorf("shared comparison's u moved to %v with households in the model", got)
	}
	// A comparison no session informed keeps its u.
	p.Comparisons[1].Levels[1].U = 0.5
	removeMatches(cs, neutralLevels(cs), []bool{true, false}, p)
	if got := p.Comparisons[1].Levels[1].U; got != 0.5 {
		t.Errorf("uninformed comparison's u moved to %v", got)
	}
}

// TestTrainCannotCollapseOnNamesakes is the failure of a large file full of
// common names: most candidate pairs are two strangers of one name, who
// agree on the names and on nothing else. EM over those candidates can
// settle on a "same name" class and learn that birth dates and e-mails of
// one person mostly differ. Sessions learn the birth date and e-mail from
// pairs of one name, and the names from pairs of one birth date, so the
// namesakes cannot pass for people.
func TestTrainCannotCollapseOnNamesakes(t *testing.T) {
	pop := population{
		cs: []spec.Comparison{threeLevels("given"), threeLevels("surname"), threeLevels("dob"), threeLevels("email")},
		m:  [][]float64{{0, 0.90, 0.07, 0.03}, {0, 0.92, 0.05, 0.03}, {0, 0.93, 0.05, 0.02}, {0, 0.70, 0.10, 0.20}},
		u:  [][]float64{{0, 0.01, 0.04, 0.95}, {0, 0.002, 0.01, 0.988}, {0, 0.0001, 0.002, 0.9979}, {0, 0.00001, 0.001, 0.99899}},
	}
	// Candidates: 5% matches, the rest namesakes (names equal, the rest random).
	namesakes := [][]float64{{0, 1, 0, 0}, {0, 1, 0, 0}, pop.u[2], pop.u[3]}
	rng := rand.New(rand.NewPCG(5, 6))
	in := pop.inputs(pop.draw(rng, 300000, 0.05, 0, namesakes, nil),
		Session{Name: "full name", Fixed: fixedOf(4, 0, 1), Sample: pop.draw(rng, 300000, 0.05, 0, nil, fixedOf(4, 0, 1))},
		Session{Name: "birth date", Fixed: fixedOf(4, 2), Sample: pop.draw(rng, 300000, 0.3, 0, nil, fixedOf(4, 2))})
	p, err := Train(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for k, name := range []string{"given", "surname", "dob", "email"} {
		if got, want := p.Comparisons[k].Levels[1].M, pop.m[k][1]; math.Abs(got-want) > 0.02 {
			t.Errorf("m(%s equal) = %.3f, want %.2f", name, got, want)
		}
	}
	namesake := p.PriorWeight() + p.Weight(0, 1) + p.Weight(1, 1) + p.Weight(2, 3) + p.Weight(3, 3)
	if namesake > -5 {
		t.Errorf("two strangers of one name weigh %.1f, want well below 0", namesake)
	}
	if math.Abs(p.CandidateLambda-0.05) > 0.005 {
		t.Errorf("candidate lambda %.4f, want 0.05", p.CandidateLambda)
	}
}

func TestCheckHealth(t *testing.T) {
	cs := []spec.Comparison{threeLevels("dob")}
	neutral := neutralLevels(cs)
	lv := func(m, u float64) LevelParams { return LevelParams{M: m, U: u, Weight: math.Log2(m / u)} }
	p := &Params{Comparisons: []ComparisonParams{{Name: "dob", Levels: []LevelParams{
		{M: 1, U: 1}, lv(0.07, 0.001), lv(0.29, 0.01), lv(0.64, 0.989)}}}, Lambda: 0.4, ScopePairs: 1e6}
	// A "same name" class: m(equal) 0.07 below m(different) 0.64.
	checkHealth(cs, neutral, []bool{true}, 2000, p)
	levels := p.Comparisons[0].Levels
	if len(p.Warnings) != 2 {
		t.Fatalf("warnings %q, want one for the comparison and one for the prior", p.Warnings)
	}
	if levels[1].M != 0.8 || levels[3].M != 0.05 || levels[1].Weight <= 0 {
		t.Errorf("default m not used: %+v", levels)
	}
	if partners := p.Lambda * p.ScopePairs * 2 / 2000; math.Abs(partners-maxPartners) > 1e-9 {
		t.Errorf("prior gives %v partners per record, want clamped to %v", partners, maxPartners)
	}
	// A middle level above equal values is held to their weight.
	p = &Params{Comparisons: []ComparisonParams{{Name: "dob", Levels: []LevelParams{
		{M: 1, U: 1}, lv(0.9, 0.01), lv(0.05, 0.0001), lv(0.05, 0.989)}}}}
	checkHealth(cs, neutral, []bool{true}, 0, p)
	if l := p.Comparisons[0].Levels; len(p.Warnings) != 1 || l[2].Weight != l[1].Weight {
		t.Errorf("monotone: warnings %q, weights %v and %v", p.Warnings, l[1].Weight, l[2].Weight)
	}
}

func TestEstimateUExact(t *testing.T) {
	cs := []spec.Comparison{threeLevels("a"), threeLevels("b")}
	random := [][]float64{{50, 3, 97, 900}, {50, 3, 97, 900}}
	u := estimateU(cs, random, []float64{0.001, -1}, neutralLevels(cs))
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
	m := []float64{0, 0.95, 0, 0.05}
	u := []float64{0, 0.01, 0, 0.99}
	pop := population{
		cs: []spec.Comparison{threeLevels("a"), threeLevels("b"), threeLevels("c"), threeLevels("d")},
		m:  [][]float64{m, nil, {0, 0.95, 0.03, 0.02}, {0, 0.95, 0.03, 0.02}},
		u:  [][]float64{u, {0, 0.01, 0.09, 0.9}, {0, 0.01, 0.09, 0.9}, {0, 0.01, 0.09, 0.9}},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	in := pop.inputs(pop.draw(rng, 20000, 0.1, 0, nil, nil),
		Session{Name: "on c", Fixed: fixedOf(4, 2), Sample: pop.draw(rng, 20000, 0.1, 0, nil, fixedOf(4, 2))},
		Session{Name: "on d", Fixed: fixedOf(4, 3), Sample: pop.draw(rng, 20000, 0.1, 0, nil, fixedOf(4, 3))})
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
	// others like random pairs) and other non-matches; the sessions are
	// blocked on the given name and on the birth date. (A session blocked
	// on one of two shared comparisons could not tell housemates who
	// disagree on the other from strangers.)
	shared := func(c spec.Comparison) spec.Comparison { c.Shared = true; return c }
	household := spec.Comparison{Name: "household", Levels: []spec.Level{
		{Kind: spec.Household, Label: "household"}, {Kind: spec.Else, Label: "else"}}}
	pop := population{
		cs: []spec.Comparison{threeLevels("given"), threeLevels("dob"), shared(threeLevels("surname")), shared(threeLevels("phone")), household},
		m:  [][]float64{{0, 0.95, 0.04, 0.01}, {0, 0.96, 0.03, 0.01}, {0, 0.97, 0.02, 0.01}, {0, 0.90, 0.05, 0.05}},
		h:  [][]float64{nil, nil, {0, 0.95, 0.04, 0.01}, {0, 0.40, 0.05, 0.55}},
		u:  [][]float64{{0, 0.01, 0.04, 0.95}, {0, 0.002, 0.05, 0.948}, {0, 0.001, 0.02, 0.979}, {0, 0.00001, 0.01, 0.98999}},
	}
	candidateU := [][]float64{{0, 0.3, 0.1, 0.6}, {0, 0.3, 0.1, 0.6}, {0, 0.05, 0.05, 0.9}, {0, 0.01, 0.02, 0.97}}
	const n, lambda, lambdaH = 300000, 0.2, 0.05
	rng := rand.New(rand.NewPCG(9, 10))
	in := pop.inputs(pop.draw(rng, n, lambda, lambdaH, candidateU, nil),
		Session{Name: "given name", Fixed: fixedOf(5, 0), Sample: pop.draw(rng, n, 0.1, 0.05, nil, fixedOf(5, 0))},
		Session{Name: "birth date", Fixed: fixedOf(5, 1), Sample: pop.draw(rng, n, 0.2, 0.002, nil, fixedOf(5, 1))})
	p, err := Train(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Households() || math.Abs(p.CandidateHouseholdLambda-lambdaH) > 0.01 || math.Abs(p.CandidateLambda-lambda) > 0.005 {
		t.Errorf("candidate shares: matches %.4f, households %.4f; want %.2f and %.2f",
			p.CandidateLambda, p.CandidateHouseholdLambda, lambda, lambdaH)
	}
	// Matches rarely disagree on given name: m must not take in the
	// housemates' disagreement.
	if got := p.Comparisons[0].Levels[3].M; math.Abs(got-pop.m[0][3]) > 0.005 {
		t.Errorf("m(given names differ) = %.4f, want %.2f", got, pop.m[0][3])
	}
	// Housemates agree on the surname far more often than strangers do.
	if h, u := p.Comparisons[2].Levels[1].H, p.Comparisons[2].Levels[1].U; h < 0.8 || h < 100*u {
		t.Errorf("h(surnames equal) = %.3f, u = %.3g; want housemates to share surnames", h, u)
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
