package score

import (
	"fmt"
	"math"

	"github.com/contoso/c360/matching/spec"
)

// Bounds of a sane prior: the expected number of other records of the
// same person per record. Below the lower one EM found almost no
// duplicates where blocking found candidates; above the upper one it took
// a class of look-alikes (everyone of one name) for people.
const (
	minPartners = 1e-4
	maxPartners = 50
)

// checkHealth holds the trained parameters in p to what a model of people
// must satisfy, and where they fail it falls back to safe defaults and
// records a warning in p.Warnings:
//
//   - agreement is evidence: a comparison's first level (equal values)
//     must weigh more than nothing and must have a larger m than its else
//     level (different values). When it does not, EM has learnt something
//     other than "one person" (a class of namesakes, say, whose birth
//     dates, e-mails and phones mostly differ), and the comparison gets the
//     default m (most matches agree, few disagree) with its trained u;
//   - monotone where the data says nothing: no level weighs more than
//     equal values do (a level that sampling noise pushed above is held to
//     the first level's weight), and a level that names a stronger
//     disagreement than the else level (birth dates a generation apart)
//     has no larger m than it: one person's records that far apart are
//     typing slips the earlier levels catch, and what EM counts there is
//     a parent and child of one name that it took for one person;
//   - the prior implies between minPartners and maxPartners other records
//     of the same person per record; outside, it is clamped.
func checkHealth(cs []spec.Comparison, neutral [][]bool, informed []bool, records int, p *Params) {
	def := priorM(cs, neutral)
	for k, c := range cs {
		if !informed[k] || c.IsHousehold() {
			continue
		}
		levels := p.Comparisons[k].Levels
		first, last := firstLevel(c), len(c.Levels)-1
		if first < 0 || first == last || neutral[k][first] {
			continue
		}
		f, e := levels[first], levels[last]
		if f.M <= e.M || f.Weight <= 0 {
			p.warnf("comparison %s: m(%s) = %.3g, m(%s) = %.3g, weight %.1f: not a model of one person; default m used",
				c.Name, f.Label, f.M, e.Label, e.M, f.Weight)
			for l := range levels {
				if !neutral[k][l] {
					levels[l].M = def[k][l]
					levels[l].Weight = math.Log2(levels[l].M / levels[l].U)
				}
			}
		}
		for l, lv := range c.Levels {
			if lv.Kind == spec.YearsApart && !neutral[k][l] && !neutral[k][last] && levels[l].M > levels[last].M {
				levels[l].M = levels[last].M
				levels[l].Weight = math.Log2(levels[l].M / levels[l].U)
			}
		}
		for l := range levels {
			if l == first || neutral[k][l] || levels[l].Weight <= levels[first].Weight {
				continue
			}
			p.warnf("comparison %s: level %q weighed %.1f, more than equal values (%.1f); held to it",
				c.Name, levels[l].Label, levels[l].Weight, levels[first].Weight)
			levels[l].Weight = levels[first].Weight
			levels[l].M = levels[l].U * math.Exp2(levels[l].Weight)
		}
	}
	clampPrior(records, p)
}

// clampPrior holds the prior to between minPartners and maxPartners other
// records of the same person per record, with a warning when it moves.
func clampPrior(records int, p *Params) {
	if records < 2 || p.ScopePairs <= 0 {
		return
	}
	partners := p.Lambda * p.ScopePairs * 2 / float64(records)
	clamped := min(maxPartners, max(minPartners, partners))
	if clamped != partners {
		p.warnf("prior: %.3g other records of the same person per record is implausible; %.3g used", partners, clamped)
		p.Lambda = min(0.5, clamped*float64(records)/(2*p.ScopePairs))
	}
}

func (p *Params) warnf(format string, args ...any) {
	p.Warnings = append(p.Warnings, fmt.Sprintf(format, args...))
}

// maxMatchRemoval bounds how far removeMatches may lower a level's u: by
// at most this factor (log2 of it in bits of weight).
const maxMatchRemoval = 16

// removeMatches takes the matches out of u. Random pairs, and the value
// frequencies behind ExactU, include the pairs that are one person: a
// random pair is a match with probability Lambda, and then reaches level l
// with probability m. So the share of random pairs at a level is
// Lambda·m + (1-Lambda)·u, and u is what is left after the matches:
//
//	u = (share - Lambda·m) / (1 - Lambda)
//
// Where values are rare (national ids, streets, birth dates in a small
// file) the matches are most of the random pairs that agree, and taking
// them out is worth several bits. The estimate of Lambda·m is not exact,
// so a level's u falls by at most maxMatchRemoval.
//
// When the model has households, the comparisons marked Shared keep the
// random pairs' share as their u: there, most non-matches that agree are
// two people of one household, and the household distribution is the
// least certain part of the model (it is learnt from few pairs), so the
// household members' sharing stays priced in u, an upper bound that keeps
// those weights conservative.
func removeMatches(cs []spec.Comparison, neutral [][]bool, informed []bool, p *Params) {
	lambda := p.Lambda
	if lambda <= 0 || lambda >= 0.5 {
		return
	}
	for k, c := range cs {
		if !informed[k] || c.IsHousehold() || (c.Shared && p.Households()) {
			continue
		}
		for l := range c.Levels {
			lp := &p.Comparisons[k].Levels[l]
			if neutral[k][l] || lp.U <= 0 {
				continue
			}
			lp.U = max(lp.U/maxMatchRemoval, (lp.U-lambda*lp.M)/(1-lambda))
			lp.Weight = math.Log2(lp.M / lp.U)
		}
	}
}
