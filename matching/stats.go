package matching

import (
	"math/bits"
	"time"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/compare"
	"github.com/contoso/c360/matching/spec"
)

// Stats describes a run.
type Stats struct {
	Records    int
	Sources    []string
	Blocking   block.Stats
	Candidates int64
	PerRecord  float64 // candidate pairs per record
	// Spread says how the candidate pairs fall on records: a few records
	// in very many pairs mean a key too common for its rule.
	Spread Spread
	// Rules reports each blocking rule's pairs, in the model's order.
	Rules    []RuleOutcome
	Kept     int // pairs at or above the review floor
	Matched  int // pairs at or above the threshold
	Clusters int
	CutLinks int // matched links left out by the size cap, a never pair or average linkage
	// LinkageCuts counts the matched links left out because the average
	// probability between the two groups was below the threshold.
	LinkageCuts int
	// ContradictionCuts counts the matched links left out because a pair
	// between the two groups weighed below the model's MinPairWeight.
	ContradictionCuts int
	UnknownRefs       int // always/never pairs naming records not in the input
	// Placeholders lists the values treated as missing because they stand
	// for "none" (see spec.Placeholders).
	Placeholders []compare.Placeholder
	Timings      Timings
}

// Spread is the distribution of the number of candidate pairs a record is
// in. Each pair counts for both its records, so the mean is twice
// Stats.PerRecord.
type Spread struct {
	// P50, P90 and P99 are percentiles over all records, and Max the
	// largest number.
	P50, P90, P99, Max int
	// Histogram[0] counts the records in no candidate pair and
	// Histogram[i], for i >= 1, those in 2^(i-1) to 2^i-1 pairs.
	Histogram []int
}

// RuleOutcome is what the pairs a blocking rule found (as the first rule
// to find them) became.
type RuleOutcome struct {
	Name string
	// Candidates counts the pairs compared, Kept those at or above the
	// review floor and Matched those at or above the threshold.
	Candidates, Kept, Matched int64
}

// Timings are the wall-clock durations of each step: building the
// comparable columns, blocking, comparing the candidate pairs, training
// (random pairs and EM), weighing, and clustering.
type Timings struct {
	Prepare, Block, Compare, Train, Score, Cluster time.Duration
}

// spreadOf returns the distribution of candidate pairs over the records,
// from the number of pairs each record is in.
func spreadOf(per []int32) Spread {
	n := len(per)
	var s Spread
	for _, c := range per {
		s.Max = max(s.Max, int(c))
	}
	byCount := make([]int, s.Max+1) // records with each number of pairs
	for _, c := range per {
		byCount[c]++
	}
	for c, k := range byCount {
		if k == 0 {
			continue
		}
		b := bits.Len(uint(c))
		for len(s.Histogram) <= b {
			s.Histogram = append(s.Histogram, 0)
		}
		s.Histogram[b] += k
	}
	percentile := func(q float64) int {
		rank := int(q * float64(n)) // records strictly below the percentile
		seen := 0
		for c, k := range byCount {
			if seen += k; seen > rank {
				return c
			}
		}
		return s.Max
	}
	s.P50, s.P90, s.P99 = percentile(0.50), percentile(0.90), percentile(0.99)
	return s
}

// ruleOutcomes counts, for each blocking rule, the candidate pairs it
// found and how many were kept and matched.
func ruleOutcomes(m *spec.Model, res *Result) []RuleOutcome {
	out := make([]RuleOutcome, len(m.Blocking))
	for i, b := range m.Blocking {
		out[i].Name = b.Name
		if i < len(res.Stats.Blocking.Rules) {
			out[i].Candidates = res.Stats.Blocking.Rules[i].Pairs
		}
	}
	for _, p := range res.Pairs {
		out[p.Rule].Kept++
		if p.Matched {
			out[p.Rule].Matched++
		}
	}
	return out
}
