// Package block chooses the candidate pairs that are compared: records that
// share a key under at least one blocking rule. A pair found by several
// rules is produced once, by the first rule that finds it (each later rule
// skips pairs that an earlier rule already blocks together). Blocks larger
// than a cap are skipped and reported, never silently truncated.
package block

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Pair is a candidate pair of record indexes, L < R.
type Pair struct{ L, R int32 }

// Rule is one blocking rule evaluated on every record.
type Rule struct {
	Name string
	// Keys holds the rule's key for each record; 0 means the record has no
	// key under this rule (a missing attribute) and is not blocked by it.
	Keys []uint64
}

// Scope says which pairs of a block are candidates.
type Scope uint8

const (
	All    Scope = iota // every pair
	Across              // pairs of records from different sources (link only)
	Within              // pairs of records from the same source (dedupe only)
)

// Allows reports whether the scope pairs a record of source a with one of
// source b.
func (s Scope) Allows(a, b uint16) bool {
	switch s {
	case Across:
		return a != b
	case Within:
		return a == b
	}
	return true
}

// Options controls pair generation.
type Options struct {
	Scope Scope
	// Source gives each record's source; needed unless Scope is All.
	Source []uint16
	// MaxBlockSize skips blocks with more records than this.
	MaxBlockSize int
	// MaxPairs, when above 0, is the budget of candidate pairs: while the
	// rules produce more, the blocks that contribute most are skipped
	// (largest first) until the pairs fit.
	MaxPairs int64
	// Workers evaluates rules in parallel; values below 1 mean 1.
	Workers int
}

// RuleStats reports what one rule did.
type RuleStats struct {
	Name   string
	Keyed  int // records that have a key under the rule
	Blocks int // blocks with two or more records that were paired
	// Pairs counts the candidate pairs this rule contributed, and
	// Duplicates the pairs in its blocks that an earlier rule already found.
	Pairs, Duplicates int64
	// SkippedBlocks and SkippedRecords count blocks over MaxBlockSize or
	// dropped to keep within MaxPairs.
	SkippedBlocks, SkippedRecords int
	LargestBlock                  int
}

// Stats reports a blocking run.
type Stats struct {
	Rules []RuleStats
	// Sizes is the block size distribution over all rules: Sizes[i] counts
	// blocks of 2^i+1 to 2^(i+1) records (Sizes[0]: blocks of 2).
	Sizes []int
	Pairs int64 // candidate pairs in total
	// BudgetRounds counts the extra counting rounds needed to fit MaxPairs.
	BudgetRounds int
}

type group struct{ start, end int32 } // a block: members[start:end]

type ruleBlocks struct {
	name    string
	keyed   int
	members []int32 // keyed record indexes grouped by key, by index within a key
	groups  []group // blocks of at least two records
	skip    []bool  // per group: skipped
	emitted []int64 // per group: pairs contributed in the last count
	// kept has, for every rule but the first, a bit for each pair of its
	// unskipped blocks in the order count walks them, set for the pairs it
	// contributes: the passes over the pairs then need not ask, pair by
	// pair, whether an earlier rule found it (a lookup in a random place
	// of the group table; at a million persons the three passes spent
	// 3.5 s of CPU emitting pairs).
	kept  []uint64
	sizes []int
}

// Index groups the records of every blocking rule and then produces the
// candidate pairs. Rules are added one at a time, so that a caller can
// compute a rule's keys, add them and drop them before the next rule.
type Index struct {
	n     int
	opts  Options
	rules []ruleBlocks
	added []bool

	// Set by Count.
	counted bool
	found   groupTable
	total   int64
	spans   []span
}

// NewIndex returns an index for n records and the given number of rules.
func NewIndex(n, rules int, opts Options) (*Index, error) {
	if rules > 255 {
		return nil, fmt.Errorf("block: %d rules, at most 255", rules)
	}
	if opts.Scope != All && len(opts.Source) != n {
		return nil, fmt.Errorf("block: %d sources for %d records", len(opts.Source), n)
	}
	return &Index{n: n, opts: opts, rules: make([]ruleBlocks, rules), added: make([]bool, rules)}, nil
}

// Add groups the records by rule i's keys. The keys are not kept. Add may
// be called for different rules concurrently.
func (ix *Index) Add(i int, r Rule) error {
	if len(r.Keys) != ix.n {
		return fmt.Errorf("block: rule %q has %d keys, want %d", r.Name, len(r.Keys), ix.n)
	}
	ix.rules[i] = group1(r, ix.opts.MaxBlockSize)
	ix.added[i] = true
	return nil
}

// Pairs returns the de-duplicated candidate pairs of all rules, the rule
// that found each pair (its index in rules), and statistics. Every Keys
// slice must have one entry per record. The input is not modified.
func Pairs(ctx context.Context, rules []Rule, opts Options) ([]Pair, []uint8, Stats, error) {
	n := 0
	if len(rules) > 0 {
		n = len(rules[0].Keys)
	}
	ix, err := NewIndex(n, len(rules), opts)
	if err != nil {
		return nil, nil, Stats{}, err
	}
	for i, r := range rules {
		if err := ix.Add(i, r); err != nil {
			return nil, nil, Stats{}, err
		}
	}
	return ix.Pairs(ctx)
}

// Pairs returns the de-duplicated candidate pairs of all rules, the rule
// that found each pair, and statistics. When the pairs exceed the budget,
// the largest blocks are dropped first by their size alone, until the
// blocks could hold one and a half times the budget (pairs found by
// several rules count once per rule there, hence the margin), and then by
// the pairs they add, counted without being stored, until the pairs fit.
// The pairs are stored once, in one allocation: a caller that can take
// them a batch at a time uses Count and Each instead.
func (ix *Index) Pairs(ctx context.Context) ([]Pair, []uint8, Stats, error) {
	st, err := ix.Count(ctx)
	if err != nil {
		return nil, nil, Stats{}, err
	}
	pairs := make([]Pair, ix.total)
	ruleOf := make([]uint8, ix.total)
	err = ix.Each(ctx, ix.opts.Workers, func(_ int, b Batch) {
		copy(pairs[b.First:], b.Pairs)
		for j := range b.Pairs {
			ruleOf[b.First+int64(j)] = b.Rule
		}
	})
	if err != nil {
		return nil, nil, Stats{}, err
	}
	return pairs, ruleOf, st, nil
}

// dropBySize skips the largest blocks, by the pairs they could hold, until
// all blocks together could hold at most limit pairs. Pairs found by
// several rules are counted by each, so what remains is counted again.
func dropBySize(rules []ruleBlocks, limit int64) {
	type ref struct{ rule, group, size int }
	var refs []ref
	var total int64
	for i := range rules {
		b := &rules[i]
		for g, gr := range b.groups {
			if !b.skip[g] {
				refs = append(refs, ref{i, g, int(gr.end - gr.start)})
				total += gr.pairs()
			}
		}
	}
	if total <= limit {
		return
	}
	slices.SortFunc(refs, func(a, b ref) int {
		if a.size != b.size {
			return cmp.Compare(b.size, a.size)
		}
		return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.group, b.group))
	})
	for _, r := range refs {
		if total <= limit {
			break
		}
		rules[r.rule].skip[r.group] = true
		total -= rules[r.rule].groups[r.group].pairs()
	}
}

// dropLargest skips the blocks that contributed most pairs until at least
// excess pairs are gone, and returns them. Blocks that contributed equally
// go in rule order, then block order. Rather than sorting every block, it
// finds the smallest contribution that must go from a count of blocks by
// contribution.
func dropLargest(rules []ruleBlocks, excess int64) []groupRef {
	var most int64
	for i := range rules {
		for g, n := range rules[i].emitted {
			if !rules[i].skip[g] {
				most = max(most, n)
			}
		}
	}
	byPairs := make([]int64, most+1) // pairs contributed by blocks of each contribution
	for i := range rules {
		for g, n := range rules[i].emitted {
			if n > 0 && !rules[i].skip[g] {
				byPairs[n] += n
			}
		}
	}
	cut, gone := most, int64(0) // blocks contributing more than cut all go
	for cut > 0 && gone+byPairs[cut] < excess {
		gone += byPairs[cut]
		cut--
	}
	var dropped []groupRef
	for i := range rules {
		for g, n := range rules[i].emitted {
			if n > cut && !rules[i].skip[g] {
				rules[i].skip[g] = true
				dropped = append(dropped, groupRef{i, g, n})
			}
		}
	}
	for i := range rules { // then blocks of exactly cut pairs, until enough are gone
		for g, n := range rules[i].emitted {
			if gone >= excess || cut == 0 {
				return dropped
			}
			if n == cut && !rules[i].skip[g] {
				rules[i].skip[g] = true
				dropped = append(dropped, groupRef{i, g, n})
				gone += n
			}
		}
	}
	return dropped
}

type groupRef struct {
	rule, group int
	pairs       int64
}

func stats(rules []ruleBlocks, dups []int64) Stats {
	var st Stats
	for i := range rules {
		b := &rules[i]
		rs := RuleStats{Name: b.name, Keyed: b.keyed, Duplicates: dups[i]}
		for g, gr := range b.groups {
			size := int(gr.end - gr.start)
			rs.LargestBlock = max(rs.LargestBlock, size)
			rs.Pairs += b.emitted[g]
			if b.skip[g] {
				rs.SkippedBlocks++
				rs.SkippedRecords += size
			} else {
				rs.Blocks++
			}
		}
		st.Rules = append(st.Rules, rs)
		for s, c := range b.sizes {
			for len(st.Sizes) <= s {
				st.Sizes = append(st.Sizes, 0)
			}
			st.Sizes[s] += c
		}
	}
	return st
}

// inScope reports whether the scope allows pairing l and r.
func (ix *Index) inScope(l, r int32) bool {
	// Source may be nil when every pair is in scope.
	return ix.opts.Scope == All || ix.opts.Scope.Allows(ix.opts.Source[l], ix.opts.Source[r])
}

// count sets the pairs each of rule i's blocks contributes (those in
// scope that no earlier rule blocks together) and returns the pairs it
// passed over as found before.
func (ix *Index) count(found groupTable, i int) int64 {
	b := &ix.rules[i]
	if i > 0 {
		b.kept = bitset(b.kept, b.walked())
	}
	var dups, bit int64
	for g, gr := range b.groups {
		b.emitted[g] = 0
		if b.skip[g] {
			continue
		}
		m := b.members[gr.start:gr.end]
		var n int64
		for x := 0; x < len(m); x++ {
			for y := x + 1; y < len(m); y, bit = y+1, bit+1 {
				l, r := m[x], m[y]
				if !ix.inScope(l, r) {
					continue
				}
				if i > 0 {
					if found.foundBefore(i, l, r) {
						dups++
						continue
					}
					b.kept[bit>>6] |= 1 << (bit & 63)
				}
				n++
			}
		}
		b.emitted[g] = n
	}
	return dups
}

// walked returns how many pairs the rule's unskipped blocks hold: the
// bits of kept.
func (b *ruleBlocks) walked() int64 {
	var n int64
	for g, gr := range b.groups {
		if !b.skip[g] {
			n += gr.pairs()
		}
	}
	return n
}

// pairs returns how many pairs the block's records make.
func (gr group) pairs() int64 {
	n := int64(gr.end - gr.start)
	return n * (n - 1) / 2
}

// bitset returns bits, or a new slice when it is too short, cleared to
// hold n bits.
func bitset(bits []uint64, n int64) []uint64 {
	words := int((n + 63) / 64)
	if cap(bits) < words {
		return make([]uint64, words)
	}
	bits = bits[:words]
	clear(bits)
	return bits
}
