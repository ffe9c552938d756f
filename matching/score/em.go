package score

import (
	"context"
	"fmt"
	"math"

	"github.com/contoso/c360/matching/spec"
)

// emResult is the outcome of expectation maximisation.
type emResult struct {
	m, u [][]float64 // [comparison][level]; missing levels unused
	// h is the household class's level distribution on the shared
	// comparisons (nil rows elsewhere); nil when households are not modelled.
	h      [][]float64
	lambda float64 // share of matches among the patterns
	// lambdaH is the share of household pairs: different people who agree
	// on shared attributes as people of one household do.
	lambdaH float64
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

// householdStart is the starting share of the household class, taken
// from the non-matches.
const householdStart = 0.05

// household describes the optional third class of the latent model: pairs
// of two different people of one household. They agree on the shared
// comparisons with their own distribution h (learnt), and on the others
// (given name, birth date: what tells people apart) like two random
// people, with the u of random pairs (fixed). Without it, EM's match class
// takes in households too, because they agree on four attributes at once,
// and learns that matches often disagree on given name and birth date.
type household struct {
	shared []bool      // per comparison
	randU  [][]float64 // u of random pairs, for the comparisons not shared
}

// runEM fits a latent class model (match, non-match and, when hh is not
// nil, household) with conditionally independent comparisons to the
// candidate patterns.
func runEM(ctx context.Context, in Inputs, hh *household) (*emResult, error) {
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
		if hh != nil {
			r.h = priorH(cs, neutral, hh.shared)
			r.lambdaH = householdStart * (1 - lambda)
		}
		if err := iterate(ctx, in, neutral, hh, r); err != nil {
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
// the classes the other way round. The household class is tied to random
// pairs on the comparisons that tell people apart, so it cannot swap.
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
	r.lambda = 1 - r.lambda - r.lambdaH
}

// classes holds the log-probabilities of one EM iteration.
type classes struct {
	logM, logU, logH [][]float64
	lm0, lu0, lh0    float64 // log class shares
}

func (r *emResult) logs(hh *household) classes {
	c := classes{logM: logs(r.m), logU: logs(r.u), lm0: math.Log(r.lambda),
		lu0: math.Log(1 - r.lambda - r.lambdaH)}
	if hh != nil {
		c.logH = make([][]float64, len(r.h))
		for k := range r.h {
			if hh.shared[k] {
				c.logH[k] = logs(r.h[k : k+1])[0]
			} else {
				c.logH[k] = logs(hh.randU[k : k+1])[0]
			}
		}
		c.lh0 = math.Log(r.lambdaH)
	}
	return c
}

// posterior returns the probabilities that a pair with pattern pat is a
// match and a household pair, and the log-likelihood of the pattern.
func (c *classes) posterior(pat Pattern, neutral [][]bool, households bool) (wm, wh, logLik float64) {
	lm, lu, lh := c.lm0, c.lu0, math.Inf(-1)
	if households {
		lh = c.lh0
	}
	for k, row := range neutral {
		l := pat.Level(k)
		if row[l] {
			continue
		}
		lm += c.logM[k][l]
		lu += c.logU[k][l]
		if households {
			lh += c.logH[k][l]
		}
	}
	top := max(lm, lu, lh)
	em, eu, eh := math.Exp(lm-top), math.Exp(lu-top), math.Exp(lh-top)
	sum := em + eu + eh
	return em / sum, eh / sum, top + math.Log(sum)
}

// iterate runs EM from the starting point in r until it converges or the
// iterations run out, and sets r.logLik.
func iterate(ctx context.Context, in Inputs, neutral [][]bool, hh *household, r *emResult) error {
	cs := in.Comparisons
	am, au, ah := zeros(cs), zeros(cs), zeros(cs)
	s := in.Candidates
	for r.iterations < in.MaxIterations {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("score: em: %w", err)
		}
		r.iterations++
		clear2(am)
		clear2(au)
		clear2(ah)
		c := r.logs(hh)
		matches, households, total, ll := 0.0, 0.0, 0.0, 0.0
		for i, pat := range s.Patterns {
			wm, wh, lik := c.posterior(pat, neutral, hh != nil)
			n := s.Counts[i]
			ll += n * lik
			matches += n * wm
			households += n * wh
			total += n
			for k := range cs {
				l := pat.Level(k)
				if neutral[k][l] {
					continue
				}
				am[k][l] += n * wm
				au[k][l] += n * (1 - wm - wh)
				ah[k][l] += n * wh
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
		if hh != nil {
			delta = max(delta, normaliseShared(neutral, hh.shared, ah, r.h))
			lambdaH := min(max(households/total, 1e-9), 1-r.lambda-1e-9)
			delta = max(delta, math.Abs(lambdaH-r.lambdaH))
			r.lambdaH = lambdaH
		}
		if delta < in.Tolerance {
			r.converged = true
			break
		}
	}
	return nil
}

// priorH is the starting household distribution: like priorM on the
// shared comparisons (people of one household mostly share them), zero
// elsewhere.
func priorH(cs []spec.Comparison, neutral [][]bool, shared []bool) [][]float64 {
	h := priorM(cs, neutral)
	for k := range h {
		if !shared[k] {
			clear(h[k])
		}
	}
	return h
}

// normaliseShared is normalise on the shared comparisons only.
func normaliseShared(neutral [][]bool, shared []bool, counts, dst [][]float64) float64 {
	delta := 0.0
	for k := range neutral {
		if shared[k] {
			delta = max(delta, normalise(neutral[k:k+1], counts[k:k+1], dst[k:k+1]))
		}
	}
	return delta
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
