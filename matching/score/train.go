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
// candidate pairs is estimated last, with m and h fixed and the
// non-matching candidates given a level distribution of their own (they
// are not random pairs: blocking made them agree on something), and
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
	weighed := unreached(in, alias, neutral)
	for k := range cs {
		if !learnt.informed[k] {
			continue
		}
		for l := range cs[k].Levels {
			if weighed[k][l] {
				continue
			}
			lp := &p.Comparisons[k].Levels[l]
			lp.M, lp.U = learnt.m[k][l], u[k][l]
			lp.Weight = math.Log2(lp.M / lp.U)
			switch {
			case p.Households() && cs[k].Shared:
				lp.H = learnt.h[k][l]
			case p.Households() && cs[k].HouseholdFixed():
				lp.H = hu[k][l]
			}
		}
	}
	checkHealth(cs, weighed, learnt.informed, in.Records, p)
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

// learnt is what the sessions taught.
type learnt struct {
	m, h     [][]float64
	informed []bool // per comparison: some session had matches to learn it from
	hmass    float64
	// householdPairs estimates the pairs of two people of one household in
	// scope, from the sessions keyed on one shared comparison (0: none).
	householdPairs float64
	sessions       []SessionParams
}

// trainSessions runs EM in each session with u fixed and combines the
// sessions' estimates of each comparison, weighted by the matching (for h:
// household) pairs each found with both values, counted over all the
// session's pairs.
func trainSessions(ctx context.Context, in Inputs, neutral [][]bool, alias [][]int8, u, hu [][]float64, shared []bool) (*learnt, error) {
	cs := in.Comparisons
	mSum, hSum := zeros(cs), zeros(cs)
	mW, hW := make([]float64, len(cs)), make([]float64, len(cs))
	out := &learnt{informed: make([]bool, len(cs))}
	var keyed []keyedHouseholds
	for _, s := range in.Sessions {
		sample := pool(s.Sample, alias)
		pairs := sample.total()
		sp := SessionParams{Name: s.Name, Pairs: s.Pairs, TrainingPairs: int64(pairs), SkippedBlocks: s.SkippedBlocks}
		if pairs == 0 {
			out.sessions = append(out.sessions, sp)
			continue
		}
		sn := copyNeutral(neutral)
		for k, fixed := range s.Fixed {
			if fixed {
				for l := range sn[k] {
					sn[k][l] = true
				}
			}
		}
		households := shared != nil && tellsPeopleApart(cs, sn, shared, u, sample)
		start := func(lambda float64) latent {
			lt := latent{m: priorM(cs, sn), u: u, randU: hu, lambda: lambda}
			if households {
				lt.shared, lt.h = shared, priorH(cs, sn, shared)
				lt.lambdaH = householdStart * (1 - lambda)
			}
			return lt
		}
		r, err := fitBest(ctx, in, sample, sn, free{m: true, h: true, lambdaH: true}, start)
		if err != nil {
			return nil, err
		}
		sp.Matches, sp.Households = r.lambda*pairs, r.lambdaH*pairs
		sp.Iterations, sp.Converged = r.iterations, r.converged
		for k := range cs {
			if s.Fixed[k] || r.sure[k] < max(minMatchMass, minMatchShare*r.sureMatches) {
				continue
			}
			sp.Estimated = append(sp.Estimated, cs[k].Name)
			out.informed[k] = true
			// Sessions count by the matches among all their pairs, not
			// among the ones sampled, so that their mix is the same at
			// every size of file.
			scale := max(1, float64(s.Pairs)/pairs)
			mW[k] += scale * r.mass[k]
			addScaled(mSum[k], r.m[k], scale*r.mass[k])
			if shared != nil && shared[k] && r.hmass[k] >= minMatchMass {
				hW[k] += scale * r.hmass[k]
				addScaled(hSum[k], r.h[k], scale*r.hmass[k])
			}
		}
		out.hmass += sp.Households
		out.sessions = append(out.sessions, sp)
		if k := soleFixed(s.Fixed); households && k >= 0 && shared[k] && s.Pairs > 0 {
			keyed = append(keyed, keyedHouseholds{k, sp.Households * float64(s.Pairs) / pairs})
		}
	}
	out.m, out.h = mSum, hSum
	for k := range cs {
		scaleRow(out.m[k], mW[k])
		floorM(out.m[k], neutral[k])
		if hW[k] > 0 {
			scaleRow(out.h[k], hW[k])
		} else {
			copy(out.h[k], u[k]) // no household signal: like two random people
		}
	}
	out.householdPairs = householdPairs(cs, keyed, out.h, hW)
	return out, nil
}

// keyedHouseholds is what a session keyed on one shared comparison k (a
// phone, an e-mail) found: the household pairs among all its pairs.
type keyedHouseholds struct {
	k     int
	pairs float64
}

// householdPairs estimates the household pairs in scope: a session keyed
// on a phone finds the households that share one, so dividing by how
// often households share a phone (h of its first level, learnt in the
// other sessions) counts them all. The estimates of the keyed sessions are
// averaged, weighted by the households each found. A share fitted among
// the candidate pairs could not tell households from the other
// non-matching candidates, whose distribution is free: in a small file
// most of those are households.
func householdPairs(cs []spec.Comparison, keyed []keyedHouseholds, h [][]float64, hW []float64) float64 {
	sum, weight := 0.0, 0.0
	for _, s := range keyed {
		first := firstLevel(cs[s.k])
		if first < 0 || s.pairs < minMatchMass {
			continue
		}
		share := defaultHouseholdShare
		if hW[s.k] > 0 && h[s.k][first] > 0 {
			share = h[s.k][first]
		}
		sum += s.pairs * (s.pairs / share)
		weight += s.pairs
	}
	if weight == 0 {
		return 0
	}
	return sum / weight
}

// defaultHouseholdShare is how often people of one household are taken to
// share a phone or an e-mail address when no session had households
// enough to learn it (a small file).
const defaultHouseholdShare = 0.5

// soleFixed returns the one comparison fixed marks, or -1.
func soleFixed(fixed []bool) int {
	k := -1
	for i, f := range fixed {
		if f {
			if k >= 0 {
				return -1
			}
			k = i
		}
	}
	return k
}

// tellsPeopleApart reports whether the pairs of sample have values for a
// comparison that is not shared by a household (not neutral in sn) and
// that two random records seldom agree on: without one, two people of one
// household look just like one person, and a household class would take
// the matches in. A gender does not count (half of all pairs agree).
func tellsPeopleApart(cs []spec.Comparison, sn [][]bool, shared []bool, u [][]float64, sample Sample) bool {
	counts := levelCounts(cs, sample)
	for k, c := range cs {
		first := firstLevel(c)
		if shared[k] || c.IsHousehold() || first < 0 || sn[k][first] || u[k][first] > maxSeparatingU {
			continue
		}
		present := 0.0
		for l, n := range counts[k] {
			if !sn[k][l] {
				present += n
			}
		}
		if present >= minMatchMass {
			return true
		}
	}
	return false
}

// maxSeparatingU is the largest chance that two random records agree on a
// comparison for it to tell two people of one household apart.
const maxSeparatingU = 0.05

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

// householdFixed returns how two people of one household reach the levels
// of the comparisons not marked shared: like two random people (u), but
// at the levels with a spec.Level.HouseholdShare, that share, the other
// levels scaled to make up the rest.
func householdFixed(cs []spec.Comparison, u [][]float64, neutral [][]bool) [][]float64 {
	out := copy2(u)
	for k, c := range cs {
		if !c.HouseholdFixed() {
			continue
		}
		fixed, rest := 0.0, 0.0
		for l, lv := range c.Levels {
			switch {
			case neutral[k][l]:
			case lv.HouseholdShare > 0:
				fixed += lv.HouseholdShare
			default:
				rest += u[k][l]
			}
		}
		for l, lv := range c.Levels {
			switch {
			case neutral[k][l]:
			case lv.HouseholdShare > 0:
				out[k][l] = lv.HouseholdShare
			case rest > 0:
				out[k][l] = u[k][l] * (1 - fixed) / rest
			}
		}
	}
	return out
}

// sharedOf returns the comparisons marked shared, or nil when the model
// has no household comparison.
func sharedOf(cs []spec.Comparison) []bool {
	shared := make([]bool, len(cs))
	found := false
	for k, c := range cs {
		shared[k] = c.Shared
		found = found || c.IsHousehold()
	}
	if !found {
		return nil
	}
	return shared
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

// floorM raises every weighed level of one comparison's m to minM, taking
// the difference from the others in proportion.
func floorM(m []float64, neutral []bool) {
	raised, rest := 0.0, 0.0
	for l, v := range m {
		switch {
		case neutral[l]:
		case v < minM:
			raised += minM - v
		default:
			rest += v
		}
	}
	if raised == 0 || rest == 0 {
		return
	}
	for l, v := range m {
		switch {
		case neutral[l]:
		case v < minM:
			m[l] = minM
		default:
			m[l] = v * (1 - raised/rest)
		}
	}
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
