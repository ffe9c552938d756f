package score

import (
	"context"
	"fmt"
	"math"

	"github.com/contoso/c360/matching/spec"
)

// Sample is a multiset of level patterns: Counts[i] pairs had Patterns[i].
type Sample struct {
	Patterns []Pattern
	Counts   []float64
}

// Tally counts the distinct patterns of ps.
func Tally(ps []Pattern) Sample {
	idx := map[Pattern]int{}
	var s Sample
	for _, p := range ps {
		i, ok := idx[p]
		if !ok {
			i = len(s.Patterns)
			idx[p] = i
			s.Patterns = append(s.Patterns, p)
			s.Counts = append(s.Counts, 0)
		}
		s.Counts[i]++
	}
	return s
}

// total returns the number of pairs in s.
func (s Sample) total() float64 {
	t := 0.0
	for _, c := range s.Counts {
		t += c
	}
	return t
}

// Session is one training pass (spec.Training.Sessions): the level
// patterns of pairs that agree on a training rule's keys.
type Session struct {
	Name string
	// Fixed marks the comparisons the rule's keys involve. Every pair of
	// the session agrees on them, so they tell nothing here: they are
	// neither estimated nor used.
	Fixed  []bool
	Sample Sample
	// Pairs is how many pairs the rule finds in all; Sample may hold a
	// uniform sample of them. SkippedBlocks counts the blocks left out for
	// their size.
	Pairs         int64
	SkippedBlocks int
}

// Inputs is everything Train needs; none of it is a label.
type Inputs struct {
	Comparisons []spec.Comparison
	// Sessions estimate m (and the household distribution).
	Sessions []Session
	// Candidates holds the level patterns of the candidate pairs (or of a
	// uniform sample of them) that the match share is estimated on.
	Candidates     Sample
	CandidatePairs int64   // number of candidate pairs in total
	ScopePairs     float64 // number of record pairs in scope
	Records        int     // number of records
	// Random[k][l] counts random pairs in scope at level l of comparison k.
	Random      [][]float64
	RandomPairs int
	// ExactU[k], when not negative, is the exact probability that two
	// random records with values for comparison k have equal values,
	// computed from value frequencies. It replaces the sampled u of the
	// comparison's exact level, which random sampling estimates poorly
	// for rare values.
	ExactU        []float64
	MaxIterations int
	Tolerance     float64
}

// A session informs a comparison only when at least minMatchMass of the
// pairs it finds more likely matches than not, and at least minMatchShare
// of them, have both values; a comparison no session informs carries no
// weight. (EM's expected match mass would also count the small share of a
// match it gives each of many non-matches: an attribute only one source
// has would seem learnt from pairs of that source that merely look alike.)
const (
	minMatchMass  = 5
	minMatchShare = 0.02
)

// Train estimates the parameters. u comes from the random pairs (and
// ExactU) and is never re-estimated, so that no class of the latent model
// can drift away from "two unrelated records". m and the household
// distribution come from EM in the sessions, each comparison from the
// sessions whose keys do not involve it: a comparison is never learnt from
// pairs chosen because they agree on it, so a file full of namesakes
// cannot teach the model that a person is a name. The match share of the
// candidate pairs is estimated last, with m fixed, the household
// distribution refitted, and the non-matching candidates given a level
// distribution of their own (they are not random pairs: blocking made them
// agree on something), and
// scaled to the prior Lambda over all pairs in scope, assuming blocking
// keeps nearly all true matches. A health check then holds the parameters
// to what a model of people must satisfy (see checkHealth).
func Train(ctx context.Context, in Inputs) (*Params, error) {
	cs := in.Comparisons
	if len(in.Random) != len(cs) || len(in.ExactU) != len(cs) {
		return nil, fmt.Errorf("score: train: inputs for %d comparisons, want %d", len(in.Random), len(cs))
	}
	for _, s := range in.Sessions {
		if len(s.Fixed) != len(cs) {
			return nil, fmt.Errorf("score: train: session %q marks %d comparisons, want %d", s.Name, len(s.Fixed), len(cs))
		}
	}
	neutral := neutralLevels(cs)
	alias := elseAliases(cs)
	u := estimateU(cs, poolCounts(in.Random, alias), in.ExactU, neutral)
	shared := sharedOf(cs)
	hu := householdFixed(cs, u, neutral)
	learnt, err := trainSessions(ctx, in, neutral, alias, u, hu, shared)
	if err != nil {
		return nil, err
	}
	p := newParams(cs)
	p.Sessions = learnt.sessions
	if err := fitShares(ctx, in, neutral, alias, u, hu, learnt, p); err != nil {
		return nil, err
	}
	// Levels that no training pair reached keep no weight: nothing was
	// learnt about them (an address comparison on records without streets).
	idle := unreached(in, alias, neutral)
	for k := range cs {
		if !learnt.informed[k] {
			continue
		}
		for l := range cs[k].Levels {
			if idle[k][l] {
				continue
			}
			lp := &p.Comparisons[k].Levels[l]
			lp.M, lp.U, lp.Matches = learnt.m[k][l], u[k][l], learnt.matches[k][l]
			lp.Weight = math.Log2(lp.M / lp.U)
			switch {
			case p.Households() && cs[k].Shared:
				lp.H = learnt.h[k][l]
			case p.Households() && cs[k].HouseholdFixed():
				lp.H = hu[k][l]
			}
		}
	}
	clampPrior(in.Records, p)
	removeMatches(cs, idle, learnt.informed, p)
	checkHealth(cs, idle, learnt.informed, in.Records, p)
	copyAliases(cs, alias, p)
	return p, nil
}

// unreached returns neutral with the levels that no candidate or session
// pair reached marked as well.
func unreached(in Inputs, alias [][]int8, neutral [][]bool) [][]bool {
	out := copyNeutral(neutral)
	reached := levelCounts(in.Comparisons, pool(in.Candidates, alias))
	for _, s := range in.Sessions {
		for k, row := range levelCounts(in.Comparisons, pool(s.Sample, alias)) {
			for l, n := range row {
				reached[k][l] += n
			}
		}
	}
	for k, row := range reached {
		for l, n := range row {
			if n == 0 {
				out[k][l] = true
			}
		}
	}
	return out
}

// fitShares estimates the match and household shares of the candidate
// pairs with m fixed, and sets the priors in p. The household distribution
// is estimated here again, from the sessions' estimate: blocking on
// phones, streets and surnames gathers far more people of one household
// than the sessions do, and in a small file the sessions may hold too few
// to learn from.
func fitShares(ctx context.Context, in Inputs, neutral [][]bool, alias [][]int8, u, hu [][]float64, lt *learnt, p *Params) error {
	cs := in.Comparisons
	cn := copyNeutral(neutral)
	for k := range cs {
		if !lt.informed[k] {
			for l := range cn[k] {
				cn[k][l] = true
			}
		}
	}
	sample := pool(in.Candidates, alias)
	shared := sharedOf(cs)
	if lt.hmass < minMatchMass || (shared != nil && !tellsPeopleApart(cs, cn, shared, u, sample)) {
		shared = nil // no sign of households in the sessions, or no way to tell them from people
	}
	h := lt.h
	f := free{u: true, h: true, lambdaH: true}
	fixedH := 0.0 // the household share of the candidates, when the sessions counted households
	if shared != nil && lt.householdPairs > 0 && in.CandidatePairs > 0 {
		fixedH = min(0.5, lt.householdPairs/float64(in.CandidatePairs))
		f.lambdaH = false
	}
	start := func(lambda float64) latent {
		model := latent{m: lt.m, u: marginal(cs, cn, sample), h: copy2(h), randU: hu, lambda: lambda, shared: shared}
		if shared != nil {
			model.lambdaH = householdStart * (1 - lambda)
			if fixedH > 0 {
				model.lambda = min(lambda, (1-fixedH)/2)
				model.lambdaH = fixedH
			}
		}
		return model
	}
	r, err := fitBest(ctx, in, sample, cn, f, start)
	if err != nil {
		return err
	}
	if shared != nil {
		lt.h = r.h
	}
	pairs := sample.total()
	p.CandidateLambda = r.lambda
	p.CandidatePairs = in.CandidatePairs
	p.ScopePairs = in.ScopePairs
	p.RandomPairs = in.RandomPairs
	p.TrainingPairs = int64(pairs)
	p.Iterations, p.Converged = r.iterations, r.converged
	p.Lambda = 0.5
	if in.ScopePairs > 0 {
		p.Lambda = min(0.5, max(1/in.ScopePairs, r.lambda*float64(in.CandidatePairs)/in.ScopePairs))
	}
	if shared != nil && r.lambdaH*pairs >= minMatchMass && in.ScopePairs > 0 {
		p.HouseholdLambda = min(0.5*(1-p.Lambda), r.lambdaH*float64(in.CandidatePairs)/in.ScopePairs)
		p.CandidateHouseholdLambda = r.lambdaH
	}
	return nil
}

// estimateU turns random-pair level counts into u probabilities over the
// non-missing levels, with half a pseudo-pair per level so that a level no
// random pair reached gets a small, not zero, u.
func estimateU(cs []spec.Comparison, random [][]float64, exactU []float64, neutral [][]bool) [][]float64 {
	u := make([][]float64, len(cs))
	for k, c := range cs {
		u[k] = make([]float64, len(c.Levels))
		exact := firstLevel(c)
		fixed := exactU[k] >= 0 && exact >= 0 && c.Levels[exact].Kind == spec.Exact
		rest := 1.0
		if fixed {
			u[k][exact] = max(exactU[k], 1e-12)
			rest = 1 - u[k][exact]
		}
		total := 0.0
		for l := range c.Levels {
			if neutral[k][l] || (fixed && l == exact) {
				continue
			}
			total += random[k][l] + 0.5
		}
		for l := range c.Levels {
			if neutral[k][l] || (fixed && l == exact) {
				continue
			}
			u[k][l] = rest * (random[k][l] + 0.5) / total
		}
	}
	return u
}

// firstLevel returns the index of the first non-missing level.
func firstLevel(c spec.Comparison) int {
	for l, lv := range c.Levels {
		if lv.Kind != spec.Missing {
			return l
		}
	}
	return -1
}

func copyNeutral(n [][]bool) [][]bool {
	out := make([][]bool, len(n))
	for k, row := range n {
		out[k] = append([]bool(nil), row...)
	}
	return out
}

func addScaled(dst, src []float64, w float64) {
	for i, v := range src {
		dst[i] += w * v
	}
}

func scaleRow(row []float64, total float64) {
	if total <= 0 {
		return
	}
	for i := range row {
		row[i] /= total
	}
}
