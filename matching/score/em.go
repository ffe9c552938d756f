package score

import (
	"context"
	"fmt"
	"math"

	"github.com/contoso/c360/matching/spec"
)

// emResult is the outcome of expectation maximisation.
type emResult struct {
	m, u   [][]float64 // [comparison][level]; missing levels unused
	lambda float64     // share of matches among the patterns
	// mass[k] is the expected number of matching pairs with both values
	// of comparison k present (not at a neutral level).
	mass       []float64
	otherMass  []float64 // the same for non-matching pairs
	iterations int
	converged  bool
	logLik     float64 // log-likelihood of the patterns at the last E step
}

// pseudoCount is the Dirichlet prior added to every level's expected count
// in the M step, so that a level never seen among matches keeps a small
// probability instead of an infinite negative weight.
const pseudoCount = 1.0

// emStarts are the starting match shares EM is run from; the fit with the
// highest likelihood is kept. A single start can settle on a split of the
// candidates that is not matches against non-matches (same birth year
// against the rest, say) when the data is small or noisy.
var emStarts = [...]float64{0.05, 0.3, 0.7}

// runEM fits a two-class latent model (match, non-match) with conditionally
// independent comparisons to the candidate patterns.
func runEM(ctx context.Context, in Inputs) (*emResult, error) {
	cs := in.Comparisons
	// Levels no candidate reaches take no part either: they would only
	// dilute the starting m (an address comparison on records without
	// streets must start from its city levels).
	neutral := neutralLevels(cs)
	for k, row := range levelCounts(cs, in.Candidates) {
		for l, n := range row {
			if n == 0 {
				neutral[k][l] = true
			}
		}
	}
	var best *emResult
	for _, lambda := range emStarts {
		r := &emResult{m: priorM(cs, neutral), u: marginal(cs, neutral, in.Candidates), lambda: lambda}
		if err := iterate(ctx, in, neutral, r); err != nil {
			return nil, err
		}
		identify(r, neutral)
		if best == nil || r.logLik > best.logLik {
			best = r
		}
	}
	return best, nil
}

// identify makes sure the class called "match" is the one whose pairs
// agree more: EM's two classes have no names, and when matches are most of
// the candidates (a small file, strict blocking) the fit can come out with
// the classes the other way round.
func identify(r *emResult, neutral [][]bool) {
	agree := 0.0
	for k, row := range neutral {
		for l, skip := range row {
			if !skip {
				agree += r.m[k][l] - r.u[k][l] // the first level that counts: exact, most often
				break
			}
		}
	}
	if agree >= 0 {
		return
	}
	r.m, r.u = r.u, r.m
	r.mass, r.otherMass = r.otherMass, r.mass
	r.lambda = 1 - r.lambda
}

// iterate runs EM from the starting point in r until it converges or the
// iterations run out, and sets r.logLik.
func iterate(ctx context.Context, in Inputs, neutral [][]bool, r *emResult) error {
	cs := in.Comparisons
	am, au := zeros(cs), zeros(cs)
	s := in.Candidates
	for r.iterations < in.MaxIterations {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("score: em: %w", err)
		}
		r.iterations++
		clear2(am)
		clear2(au)
		logM, logU := logs(r.m), logs(r.u)
		lm0, lu0 := math.Log(r.lambda), math.Log(1-r.lambda)
		matches, total, ll := 0.0, 0.0, 0.0
		for i, pat := range s.Patterns {
			lm, lu := lm0, lu0
			for k := range cs {
				l := pat.Level(k)
				if neutral[k][l] {
					continue
				}
				lm += logM[k][l]
				lu += logU[k][l]
			}
			w := 1 / (1 + math.Exp(lu-lm))
			n := s.Counts[i]
			ll += n * (max(lm, lu) + math.Log1p(math.Exp(-math.Abs(lm-lu))))
			matches += n * w
			total += n
			for k := range cs {
				l := pat.Level(k)
				if neutral[k][l] {
					continue
				}
				am[k][l] += n * w
				au[k][l] += n * (1 - w)
			}
		}
		r.mass, r.otherMass, r.logLik = sums(am), sums(au), ll
		if total == 0 {
			return nil
		}
		delta := 0.0
		delta = max(delta, normalise(neutral, am, r.m))
		delta = max(delta, normalise(neutral, au, r.u))
		lambda := min(max(matches/total, 1e-9), 1-1e-9)
		delta = max(delta, math.Abs(lambda-r.lambda))
		r.lambda = lambda
		if delta < in.Tolerance {
			r.converged = true
			break
		}
	}
	return nil
}

// priorM is the starting m: most matches agree at the first level, few
// reach the else level, and the levels between share the rest.
func priorM(cs []spec.Comparison, neutral [][]bool) [][]float64 {
	m := zeros(cs)
	for k, c := range cs {
		var levels []int
		for l := range c.Levels {
			if !neutral[k][l] {
				levels = append(levels, l)
			}
		}
		switch len(levels) {
		case 0:
		case 1:
			m[k][levels[0]] = 1
		case 2:
			m[k][levels[0]], m[k][levels[1]] = 0.9, 0.1
		default:
			m[k][levels[0]] = 0.8
			m[k][levels[len(levels)-1]] = 0.05
			for _, l := range levels[1 : len(levels)-1] {
				m[k][l] = 0.15 / float64(len(levels)-2)
			}
		}
	}
	return m
}

// marginal is the level distribution over all patterns, the starting u.
func marginal(cs []spec.Comparison, neutral [][]bool, s Sample) [][]float64 {
	a := levelCounts(cs, s)
	u := zeros(cs)
	normalise(neutral, a, u)
	return u
}

// levelCounts counts the pairs of s at each level.
func levelCounts(cs []spec.Comparison, s Sample) [][]float64 {
	a := zeros(cs)
	for i, pat := range s.Patterns {
		for k := range cs {
			a[k][pat.Level(k)] += s.Counts[i]
		}
	}
	return a
}

// normalise sets dst to the smoothed distribution of counts over each
// comparison's weighted (not neutral) levels and returns the largest change.
func normalise(neutral [][]bool, counts, dst [][]float64) float64 {
	delta := 0.0
	for k, row := range neutral {
		total, n := 0.0, 0
		for l, skip := range row {
			if !skip {
				total += counts[k][l]
				n++
			}
		}
		for l, skip := range row {
			if skip {
				continue
			}
			v := (counts[k][l] + pseudoCount) / (total + pseudoCount*float64(n))
			delta = max(delta, math.Abs(v-dst[k][l]))
			dst[k][l] = v
		}
	}
	return delta
}

// sums returns the total of each row.
func sums(a [][]float64) []float64 {
	out := make([]float64, len(a))
	for k, row := range a {
		for _, v := range row {
			out[k] += v
		}
	}
	return out
}

func zeros(cs []spec.Comparison) [][]float64 {
	out := make([][]float64, len(cs))
	for k, c := range cs {
		out[k] = make([]float64, len(c.Levels))
	}
	return out
}

func clear2(a [][]float64) {
	for _, row := range a {
		clear(row)
	}
}

func logs(p [][]float64) [][]float64 {
	out := make([][]float64, len(p))
	for k, row := range p {
		out[k] = make([]float64, len(row))
		for l, v := range row {
			out[k][l] = math.Log(max(v, 1e-300))
		}
	}
	return out
}
