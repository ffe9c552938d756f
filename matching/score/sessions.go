package score

import (
	"context"

	"github.com/contoso/c360/matching/spec"
)

// learnt is what the sessions taught.
type learnt struct {
	m, h [][]float64
	// matches[k][l] is the expected number of matching pairs the sessions
	// that informed comparison k saw at level l, as sampled (not scaled to
	// all of a session's pairs): how much evidence m[k][l] rests on.
	matches  [][]float64
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
	out := &learnt{informed: make([]bool, len(cs)), matches: zeros(cs)}
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
			addScaled(out.matches[k], r.matches[k], 1)
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

// minM is the smallest m a level gets: below one pair in ten thousand of
// one person's records no file here can tell how rare a disagreement is,
// and a floor that does not move with the size of the file keeps the
// model the same at twenty thousand people and at a million.
const minM = 1e-4

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
