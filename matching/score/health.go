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
