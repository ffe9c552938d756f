package score

import (
	"context"
	"fmt"
	"math"

	"github.com/contoso/c360/matching/spec"
)

// latent is the class model that expectation maximisation fits to a
// sample of level patterns: matches (m), non-matches (u) and, when
// households are modelled, two different people of one household, who
// reach the levels of the shared comparisons with their own distribution
// (h) and those of the others like two random people (randU). Comparisons
// are conditionally independent within each class.
type latent struct {
	m, u, h         [][]float64 // [comparison][level]; neutral levels unused
	randU           [][]float64
	lambda, lambdaH float64 // class shares of matches and household pairs
	shared          []bool  // per comparison; nil: households not modelled
}

// free says which parts of the model EM estimates; the others stay as
// they start.
type free struct{ m, u, h, lambdaH bool }

// emResult is the outcome of fitting a latent model.
type emResult struct {
	latent
	// mass[k] is the expected number of matching pairs with both values of
	// comparison k present (not at a neutral level); hmass the same for
	// household pairs.
	mass, hmass []float64
	// matches[k][l] is the expected number of matching pairs at level l of
	// comparison k.
	matches [][]float64
	// sure[k] counts the pairs with both values of comparison k that are
	// more likely matches than not, and sureMatches all such pairs: unlike
	// mass, they take in nothing of the many non-matches that EM gives a
	// small share of a match each.
	sure        []float64
	sureMatches float64
	iterations  int
	converged   bool
	logLik      float64 // log-likelihood of the patterns at the last E step
}

// pseudoCount is the Dirichlet prior added to every level's expected count
// in the M step, so that a level never seen keeps a small probability
// instead of an infinite negative weight.
const pseudoCount = 1.0

// emStarts are the starting match shares EM is run from when it estimates
// the class shares; the fit with the highest likelihood is kept.
var emStarts = [...]float64{0.001, 0.01, 0.1, 0.5}

// householdStart is the starting share of the household class, taken
// from the non-matches.
const householdStart = 0.05

// fitBest runs EM from each starting match share on s and keeps the most
// likely fit. start gives the model to begin from for a match share.
func fitBest(ctx context.Context, in Inputs, s Sample, neutral [][]bool, f free, start func(lambda float64) latent) (*emResult, error) {
	var best *emResult
	for _, lambda := range emStarts {
		r := &emResult{latent: start(lambda)}
		if err := iterate(ctx, in, s, neutral, f, r); err != nil {
			return nil, err
		}
		if best == nil || r.logLik > best.logLik {
			best = r
		}
	}
	best.countSure(s, neutral)
	return best, nil
}

// countSure sets r.sure and r.sureMatches from the fitted model.
func (r *emResult) countSure(s Sample, neutral [][]bool) {
	c := r.logs()
	r.sure = make([]float64, len(neutral))
	for i, pat := range s.Patterns {
		if wm, _, _ := c.posterior(pat, neutral, r.shared != nil); wm <= 0.5 {
			continue
		}
		n := s.Counts[i]
		r.sureMatches += n
		for k, row := range neutral {
			if !row[pat.Level(k)] {
				r.sure[k] += n
			}
		}
	}
}

// classes holds the log-probabilities of one EM iteration.
type classes struct {
	logM, logU, logH [][]float64
	lm0, lu0, lh0    float64 // log class shares
}

func (r *latent) logs() classes {
	c := classes{logM: logs(r.m), logU: logs(r.u), lm0: math.Log(r.lambda),
		lu0: math.Log(max(1-r.lambda-r.lambdaH, 1e-300))}
	if r.shared != nil {
		c.logH = make([][]float64, len(r.h))
		for k := range r.h {
			if r.shared[k] {
				c.logH[k] = logs(r.h[k : k+1])[0]
			} else {
				c.logH[k] = logs(r.randU[k : k+1])[0]
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

// iterate runs EM on s from the model in r until it converges or the
// iterations run out, estimating the parts f sets free and the class
// shares, and sets r.logLik.
func iterate(ctx context.Context, in Inputs, s Sample, neutral [][]bool, f free, r *emResult) error {
	cs := in.Comparisons
	am, au, ah := zeros(cs), zeros(cs), zeros(cs)
	households := r.shared != nil
	r.matches = am // refilled each E step: the last step's counts when EM stops
	for r.iterations < in.MaxIterations {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("score: em: %w", err)
		}
		r.iterations++
		clear2(am)
		clear2(au)
		clear2(ah)
		c := r.logs()
		matches, hpairs, total, ll := 0.0, 0.0, 0.0, 0.0
		for i, pat := range s.Patterns {
			wm, wh, lik := c.posterior(pat, neutral, households)
			n := s.Counts[i]
			ll += n * lik
			matches += n * wm
			hpairs += n * wh
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
		r.mass, r.hmass, r.logLik = sums(am), sums(ah), ll
		if total == 0 {
			return nil
		}
		delta := 0.0
		if f.m {
			delta = max(delta, normalise(neutral, am, r.m))
		}
		if f.u {
			delta = max(delta, normalise(neutral, au, r.u))
		}
		lambda := min(max(matches/total, 1e-9), 1-1e-6)
		if households && !f.lambdaH {
			lambda = min(lambda, 1-r.lambdaH-1e-6)
		}
		delta = max(delta, math.Abs(lambda-r.lambda))
		r.lambda = lambda
		if households {
			if f.h {
				delta = max(delta, normaliseShared(neutral, r.shared, ah, r.h))
			}
			if f.lambdaH {
				lambdaH := min(max(hpairs/total, 1e-9), (1-r.lambda)/2)
				delta = max(delta, math.Abs(lambdaH-r.lambdaH))
				r.lambdaH = lambdaH
			}
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
// reach the else level, and the levels between share the rest. It is
// also the safe default a failed health check falls back to.
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

// marginal is the level distribution over all patterns.
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

func copy2(a [][]float64) [][]float64 {
	out := make([][]float64, len(a))
	for k, row := range a {
		out[k] = append([]float64(nil), row...)
	}
	return out
}
