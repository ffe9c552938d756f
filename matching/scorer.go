package matching

import (
	"fmt"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/compare"
	"github.com/contoso/c360/matching/internal/radix"
	"github.com/contoso/c360/transform"
)

// Scorer blocks, compares and scores single pairs of records exactly as
// Match does, for an engine that generates the pairs elsewhere: it gives
// each record's key under each blocking rule, says whether a pair of a
// block belongs to that block's rule, and scores a pair with the plan's
// trained parameters. It holds the comparable columns of all records and
// their keys (two uint64 per record and rule). It is safe for concurrent
// use once built.
type Scorer struct {
	plan  *Plan
	table *compare.Table
	comps []*compare.Comparator
	w     *weigher
	cut   cutoffs
	rules int
	// keys[rec*rules+rule] is the record's key under the rule (0: none),
	// and blocks the same key when its block is paired, else 0.
	keys, blocks []uint64
	skipped      map[BlockKey]bool
}

// BlockKey names a block: a rule and a key under it.
type BlockKey struct {
	Rule int
	Key  uint64
}

// NewScorer prepares people for scoring by the plan. The blocks the plan
// lists as skipped, and any block over the model's MaxBlockSize, are not
// paired.
func NewScorer(people []transform.Person, plan *Plan) (*Scorer, error) {
	if len(people) == 0 {
		return nil, ErrNoRecords
	}
	if len(people) != plan.Records {
		return nil, fmt.Errorf("matching: %d people, the plan was trained on %d", len(people), plan.Records)
	}
	if err := plan.Model.Validate(); err != nil {
		return nil, fmt.Errorf("matching: %w", err)
	}
	if len(plan.Params.Comparisons) != len(plan.Model.Comparisons) {
		return nil, fmt.Errorf("matching: parameters for %d comparisons, the model has %d", len(plan.Params.Comparisons), len(plan.Model.Comparisons))
	}
	t, comps, err := tableOf(people, plan.Model)
	if err != nil {
		return nil, err
	}
	s := &Scorer{plan: plan, table: t, comps: comps, w: newWeigher(comps, &plan.Params),
		cut: newCutoffs(plan.Model), rules: len(plan.Model.Blocking), skipped: map[BlockKey]bool{}}
	n := t.Len()
	s.keys = make([]uint64, n*s.rules)
	parts := newKeyParts(t, plan.Model.Blocking)
	for i, rule := range plan.Model.Blocking {
		keys, err := parts.rule(rule)
		if err != nil {
			return nil, err
		}
		for rec, k := range keys {
			s.keys[rec*s.rules+i] = k
		}
		s.skipOversized(i, keys)
	}
	for _, b := range plan.Skipped {
		if b.Rule < 0 || b.Rule >= s.rules || b.Member < 0 || int(b.Member) >= n {
			return nil, fmt.Errorf("matching: skipped block of rule %d, record %d: out of range", b.Rule, b.Member)
		}
		s.skipped[BlockKey{b.Rule, s.Key(b.Rule, b.Member)}] = true
	}
	s.blocks = make([]uint64, len(s.keys))
	for i, k := range s.keys {
		if k != 0 && !s.skipped[BlockKey{i % s.rules, k}] {
			s.blocks[i] = k
		}
	}
	return s, nil
}

// skipOversized marks rule i's blocks over the model's MaxBlockSize.
func (s *Scorer) skipOversized(i int, keys []uint64) {
	order := radix.Order(keys) // keyed records, grouped by key
	for a := 0; a < len(order); {
		b := a + 1
		for b < len(order) && keys[order[b]] == keys[order[a]] {
			b++
		}
		if block.TooLarge(b-a, s.plan.Model.MaxBlockSize) {
			s.skipped[BlockKey{i, keys[order[a]]}] = true
		}
		a = b
	}
}

// Len returns the number of records.
func (s *Scorer) Len() int { return s.table.Len() }

// Rules returns the number of blocking rules.
func (s *Scorer) Rules() int { return s.rules }

// Key returns record rec's key under rule (0: the record has none).
func (s *Scorer) Key(rule int, rec int32) uint64 { return s.keys[int(rec)*s.rules+rule] }

// Skipped reports whether block b is not to be paired: the plan skipped
// it, or it is over MaxBlockSize.
func (s *Scorer) Skipped(b BlockKey) bool { return s.skipped[b] }

// Candidate reports whether records l < r of one paired block of rule
// form a candidate pair of that rule: the mode allows the pair and no
// earlier rule pairs the two records (a pair is the first finding rule's).
func (s *Scorer) Candidate(rule int, l, r int32) bool {
	switch s.plan.Mode {
	case LinkOnly:
		if s.table.Source[l] == s.table.Source[r] {
			return false
		}
	case DedupeOnly:
		if s.table.Source[l] != s.table.Source[r] {
			return false
		}
	}
	lo, ro := int(l)*s.rules, int(r)*s.rules
	return !block.SharesBlock(s.blocks[lo:lo+rule], s.blocks[ro:ro+rule])
}

// Score weighs the candidate pair l < r found by rule. When the pair
// reaches the review floor it returns the kept pair with its evidence and
// true, else only its weight in Candidate form and false.
func (s *Scorer) Score(l, r int32, rule uint8) (Pair, Candidate, bool) {
	p := patternOf(s.comps, l, r)
	t := float32(s.w.total(p, l, nil, nil))
	c := Candidate{L: l, R: r, Weight: t}
	if !s.cut.kept(t) {
		return Pair{}, c, false
	}
	q := s.cut.pair(block.Pair{L: l, R: r}, t, rule)
	q.Levels, q.Weights = make([]int8, len(s.comps)), make([]float32, len(s.comps))
	s.w.total(p, l, q.Levels, q.Weights)
	return q, c, true
}

// MaxBlockSize returns the model's cap on block size.
func (s *Scorer) MaxBlockSize() int { return s.plan.Model.MaxBlockSize }
