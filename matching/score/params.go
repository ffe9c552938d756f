// Package score turns comparison levels into Fellegi-Sunter match weights
// without labels: u (how often two unrelated records reach each level) is
// estimated from random pairs, m (how often two records of one person do)
// by expectation maximisation over the candidate pairs, and a
// term-frequency adjustment makes a shared common value weigh less than a
// shared rare one. The trained Params are plain data so that a run can save
// them and explain any pair later.
//
// # Households
//
// People who live together share a surname, an address, often a phone and
// sometimes an e-mail address. Counted as independent pieces of evidence
// those agreements outweigh a different given name and birth date, and EM's
// match class takes the household pairs in, learning that matches often
// disagree on given names. When the model has a household comparison, the
// latent model gets a third class, as in Winkler's three-class EM for
// census households: two different people of one household, who agree on
// the comparisons marked shared with a distribution of their own (H, learnt
// by EM) and on the other comparisons like two random people (u). A pair's
// match odds are then λm·m / (λu·u + λh·h): the usual weight plus a
// household term, -log2(1 + λh·h / (λu·u)), that depends on the shared
// comparisons only and is weighed per pair (HouseholdTerm). Agreement on
// shared values then counts, beyond what a household explains, only as
// much as the given name, birth date and the like confirm one person.
package score

import (
	"math"

	"github.com/contoso/c360/matching/spec"
)

// Params are the trained parameters of a model.
type Params struct {
	Comparisons []ComparisonParams `json:"comparisons" yaml:"comparisons"`
	// Lambda is the prior probability that two random records in scope are
	// the same person.
	Lambda float64 `json:"lambda" yaml:"lambda"`
	// CandidateLambda is the share of candidate pairs that EM found to match.
	CandidateLambda float64 `json:"candidate_lambda" yaml:"candidate_lambda"`
	// HouseholdLambda is the prior probability that two random records in
	// scope are two different people of one household, and
	// CandidateHouseholdLambda the share of candidate pairs EM found to be
	// such pairs; both are 0 when the model has no household comparison or
	// the data shows no households.
	HouseholdLambda          float64 `json:"household_lambda" yaml:"household_lambda"`
	CandidateHouseholdLambda float64 `json:"candidate_household_lambda" yaml:"candidate_household_lambda"`
	// ScopePairs is the number of record pairs in scope (all pairs, or only
	// pairs across sources when linking), CandidatePairs those compared.
	ScopePairs     float64 `json:"scope_pairs" yaml:"scope_pairs"`
	CandidatePairs int64   `json:"candidate_pairs" yaml:"candidate_pairs"`
	RandomPairs    int     `json:"random_pairs" yaml:"random_pairs"`
	TrainingPairs  int64   `json:"training_pairs" yaml:"training_pairs"`
	Iterations     int     `json:"iterations" yaml:"iterations"`
	Converged      bool    `json:"converged" yaml:"converged"`
	// Sessions reports each training session (spec.Training.Sessions).
	Sessions []SessionParams `json:"sessions" yaml:"sessions"`
	// Warnings lists what the health check found wrong with the trained
	// parameters and the safe defaults it used instead.
	Warnings []string `json:"warnings,omitempty" yaml:"warnings,omitempty"`
}

// SessionParams reports one training session.
type SessionParams struct {
	Name string `json:"name" yaml:"name"`
	// Pairs is how many pairs agree on the session's keys, TrainingPairs
	// how many of them (a uniform sample) it was trained on.
	Pairs         int64 `json:"pairs" yaml:"pairs"`
	TrainingPairs int64 `json:"training_pairs" yaml:"training_pairs"`
	// SkippedBlocks counts the blocks too large to train on.
	SkippedBlocks int `json:"skipped_blocks" yaml:"skipped_blocks"`
	// Matches and Households are the expected numbers of matching and
	// household pairs among the training pairs.
	Matches    float64 `json:"matches" yaml:"matches"`
	Households float64 `json:"households" yaml:"households"`
	// Estimated names the comparisons the session informed.
	Estimated  []string `json:"estimated" yaml:"estimated"`
	Iterations int      `json:"iterations" yaml:"iterations"`
	Converged  bool     `json:"converged" yaml:"converged"`
}

// ComparisonParams are the parameters of one comparison.
type ComparisonParams struct {
	Name   string        `json:"name" yaml:"name"`
	Levels []LevelParams `json:"levels" yaml:"levels"`
}

// LevelParams are the parameters of one level. M and U are conditional on
// both values being present. Levels that carry no evidence have M = U = 1
// and weight 0: the missing level, a name swap already counted by an
// earlier comparison, a level no candidate pair reached in training, every
// level of a comparison that too few matching pairs could inform (nothing
// to learn a weight from), and the levels of the household comparison,
// whose weight is worked out for each pair.
//
// H, on the levels of comparisons marked shared, is how often two different
// people of one household reach the level (0 elsewhere, and when
// households are not modelled).
type LevelParams struct {
	Label  string  `json:"label" yaml:"label"`
	M      float64 `json:"m" yaml:"m"`
	U      float64 `json:"u" yaml:"u"`
	Weight float64 `json:"weight" yaml:"weight"` // log2(M/U)
	H      float64 `json:"h,omitempty" yaml:"h,omitempty"`
	// Matches is the expected number of matching training pairs that
	// reached the level: how much evidence M rests on. A level a few pairs
	// reached has an M that the pseudo-count and minM decide as much as
	// the data.
	Matches float64 `json:"matches,omitempty" yaml:"matches,omitempty"`
}

// PriorWeight returns log2(Lambda/(1-Lambda)), the weight every pair starts from.
func (p *Params) PriorWeight() float64 { return math.Log2(p.Lambda / (1 - p.Lambda)) }

// Weight returns the weight of level l of comparison k.
func (p *Params) Weight(k int, l int8) float64 { return p.Comparisons[k].Levels[l].Weight }

// Households reports whether households are modelled.
func (p *Params) Households() bool { return p.HouseholdLambda > 0 }

// HouseholdPriorWeight returns the log2 prior odds that two random records
// in scope are two people of one household rather than unrelated.
func (p *Params) HouseholdPriorWeight() float64 {
	return math.Log2(p.HouseholdLambda / (1 - p.Lambda - p.HouseholdLambda))
}

// HouseholdWeight returns log2(H/U) for level l of comparison k: how much
// more often two people of one household reach the level than two
// unrelated records. It is 0 where H is not set.
func (p *Params) HouseholdWeight(k int, l int8) float64 {
	lp := p.Comparisons[k].Levels[l]
	if lp.H == 0 {
		return 0
	}
	return math.Log2(lp.H / lp.U)
}

// HouseholdTerm returns the weight a pair loses to the chance that its
// records are two people of one household, given h, the household
// evidence: HouseholdPriorWeight plus the HouseholdWeight of each shared
// comparison's level (term-frequency adjustment included). With three
// classes the match odds are λm·m / (λu·u + λh·h); the usual weight is
// log2 of λm·m / (λu·u), and this term is -log2(1 + λh·h / (λu·u)).
func HouseholdTerm(h float64) float64 {
	switch {
	case h < -40: // -log2(1+x) = -x/ln 2 to double precision
		return -math.Exp2(h) / math.Ln2
	case h > 40: // -log2(2^h (1+2^-h)) = -h to double precision
		return -h
	}
	return -math.Log1p(math.Exp2(h)) / math.Ln2
}

// Probability converts a total match weight (prior included) to a match probability.
func Probability(weight float64) float64 { return 1 / (1 + math.Exp2(-weight)) }

// WeightOf converts a match probability to the total weight that reaches it.
func WeightOf(prob float64) float64 { return math.Log2(prob / (1 - prob)) }

// neutralLevels marks the levels that carry no weight and take no part in
// training: missing levels, AsElse levels (trained as their else level),
// the household comparison, and the Swapped and Crossed levels of every
// comparison after the first that has that kind (the event is the same one
// seen from the other name field, so it is counted once).
func neutralLevels(cs []spec.Comparison) [][]bool {
	out := make([][]bool, len(cs))
	seen := map[spec.Kind]bool{}
	for k, c := range cs {
		out[k] = make([]bool, len(c.Levels))
		kinds := map[spec.Kind]bool{}
		if c.IsHousehold() {
			for l := range out[k] {
				out[k][l] = true // weighed from the shared comparisons, not trained
			}
			continue
		}
		for l, lv := range c.Levels {
			if lv.AsElse {
				out[k][l] = true // trained as the else level
				continue
			}
			switch lv.Kind {
			case spec.Missing, spec.Household:
				out[k][l] = true
			case spec.Swapped, spec.Crossed:
				out[k][l] = seen[lv.Kind]
				kinds[lv.Kind] = true
			}
		}
		for kind := range kinds {
			seen[kind] = true
		}
	}
	return out
}

// newParams lays out parameters for the comparisons with weights zero.
func newParams(cs []spec.Comparison) *Params {
	p := &Params{Comparisons: make([]ComparisonParams, len(cs))}
	for k, c := range cs {
		p.Comparisons[k] = ComparisonParams{Name: c.Name, Levels: make([]LevelParams, len(c.Levels))}
		for l, lv := range c.Levels {
			p.Comparisons[k].Levels[l] = LevelParams{Label: lv.Label, M: 1, U: 1}
		}
	}
	return p
}

// Pattern packs the level index of each comparison of a pair, four bits a
// comparison (spec.MaxComparisons of them).
type Pattern uint64

// Pack packs levels into a Pattern.
func Pack(levels []int8) Pattern {
	var p Pattern
	for k, l := range levels {
		p |= Pattern(l&15) << (4 * k)
	}
	return p
}

// Level returns the level of comparison k.
func (p Pattern) Level(k int) int8 { return int8(p >> (4 * k) & 15) }

// With returns p with comparison k set to level l.
func (p Pattern) With(k int, l int8) Pattern {
	return p&^(15<<(4*k)) | Pattern(l&15)<<(4*k)
}
