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

// Inputs is everything Train needs; none of it is a label.
type Inputs struct {
	Comparisons []spec.Comparison
	// Candidates holds the level patterns of the candidate pairs (or of a
	// uniform sample of them) that m is estimated on.
	Candidates     Sample
	CandidatePairs int64   // number of candidate pairs in total
	ScopePairs     float64 // number of record pairs in scope
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

// A comparison's weights are learnt only when at least minMatchMass of the
// matching pairs (as EM expects them), and at least minMatchShare of them,
// have both its values; otherwise it carries no weight. An attribute that
// only one source has (so that only non-matching pairs within that source
// ever compare it) would otherwise get weights from the prior and from the
// few ambiguous non-matches that EM counts partly as matches.
const (
	minMatchMass  = 5
	minMatchShare = 0.02
)

// Train estimates the parameters. u comes from the random pairs (and
// ExactU); m comes from EM over the candidate patterns, in which the
// non-matching candidates get their own level distribution (they are not
// random pairs: blocking made them agree on something). The prior Lambda
// is the candidate match share EM finds, scaled from candidate pairs to
// all pairs in scope, assuming blocking keeps nearly all true matches.
func Train(ctx context.Context, in Inputs) (*Params, error) {
	if len(in.Random) != len(in.Comparisons) || len(in.ExactU) != len(in.Comparisons) {
		return nil, fmt.Errorf("score: train: inputs for %d comparisons, want %d", len(in.Random), len(in.Comparisons))
	}
	p := newParams(in.Comparisons)
	neutral := neutralLevels(in.Comparisons)
	u := estimateU(in, neutral)
	em, err := runEM(ctx, in, households(in.Comparisons, u))
	if err != nil {
		return nil, err
	}
	reached := levelCounts(in.Comparisons, in.Candidates)
	pairs := 0.0
	for _, c := range in.Candidates.Counts {
		pairs += c
	}
	matches := pairs * em.lambda
	for k, c := range in.Comparisons {
		if em.mass[k] < max(minMatchMass, minMatchShare*matches) {
			continue // too few matching pairs have both values to learn from
		}
		for l := range c.Levels {
			if neutral[k][l] || reached[k][l] == 0 {
				continue
			}
			lp := &p.Comparisons[k].Levels[l]
			lp.M, lp.U = em.m[k][l], u[k][l]
			lp.Weight = math.Log2(lp.M / lp.U)
			if em.h != nil && c.Shared {
				lp.H = em.h[k][l]
			}
		}
	}
	p.CandidateLambda = em.lambda
	p.CandidatePairs = in.CandidatePairs
	p.ScopePairs = in.ScopePairs
	p.RandomPairs = in.RandomPairs
	p.Iterations, p.Converged = em.iterations, em.converged
	for _, c := range in.Candidates.Counts {
		p.TrainingPairs += int64(c)
	}
	p.Lambda = 0.5
	if in.ScopePairs > 0 {
		p.Lambda = min(0.5, max(1/in.ScopePairs, em.lambda*float64(in.CandidatePairs)/in.ScopePairs))
	}
	// Households are modelled when EM found enough of them to learn from.
	if em.h != nil && em.lambdaH*pairs >= minMatchMass && in.ScopePairs > 0 {
		p.HouseholdLambda = min(0.5*(1-p.Lambda), em.lambdaH*float64(in.CandidatePairs)/in.ScopePairs)
		p.CandidateHouseholdLambda = em.lambdaH
	} else {
		p.clearHousehold()
	}
	return p, nil
}

// households returns the household class of the latent model, or nil when
// the model has no household comparison.
func households(cs []spec.Comparison, u [][]float64) *household {
	hh := &household{shared: make([]bool, len(cs)), randU: u}
	found := false
	for k, c := range cs {
		hh.shared[k] = c.Shared
		found = found || c.IsHousehold()
	}
	if !found {
		return nil
	}
	return hh
}

// estimateU turns random-pair level counts into u probabilities over the
// non-missing levels, with half a pseudo-pair per level so that a level no
// random pair reached gets a small, not zero, u.
func estimateU(in Inputs, neutral [][]bool) [][]float64 {
	u := make([][]float64, len(in.Comparisons))
	for k, c := range in.Comparisons {
		u[k] = make([]float64, len(c.Levels))
		exact := firstLevel(c)
		fixed := in.ExactU[k] >= 0 && exact >= 0 && c.Levels[exact].Kind == spec.Exact
		rest := 1.0
		if fixed {
			u[k][exact] = max(in.ExactU[k], 1e-12)
			rest = 1 - u[k][exact]
		}
		total := 0.0
		for l := range c.Levels {
			if neutral[k][l] || (fixed && l == exact) {
				continue
			}
			total += in.Random[k][l] + 0.5
		}
		for l := range c.Levels {
			if neutral[k][l] || (fixed && l == exact) {
				continue
			}
			u[k][l] = rest * (in.Random[k][l] + 0.5) / total
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
