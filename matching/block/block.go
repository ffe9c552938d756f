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
	"math/bits"
	"slices"
	"sync"
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

// Options controls pair generation.
type Options struct {
	Scope Scope
	// Source gives each record's source; needed unless Scope is All.
	Source []uint16
	// MaxBlockSize skips blocks with more records than this.
	MaxBlockSize int
	// MaxPairs, when above 0, is the budget of candidate pairs: while the
	// rules produce more, the blocks that contribute most are skipped
	// (largest first) and the pairs generated again.
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
	// BudgetRounds counts the extra rounds needed to fit MaxPairs.
	BudgetRounds int
}

type group struct{ start, end int32 } // a block: members[start:end]

type ruleBlocks struct {
	name    string
	keyed   int
	members []int32 // keyed record indexes sorted by key
	groups  []group // blocks of at least two records
	skip    []bool  // per group: skipped
	emitted []int64 // per group: pairs contributed in the last round
	sizes   []int
}

// Pairs returns the de-duplicated candidate pairs of all rules, the rule
// that found each pair (its index in rules), and statistics. Every Keys
// slice must have one entry per record. The input is not modified.
func Pairs(ctx context.Context, rules []Rule, opts Options) ([]Pair, []uint8, Stats, error) {
	if err := check(rules, opts); err != nil {
		return nil, nil, Stats{}, err
	}
	workers := max(1, opts.Workers)
	blocks := make([]ruleBlocks, len(rules))
	parallel(len(rules), workers, func(i int) { blocks[i] = group1(rules[i], opts.MaxBlockSize) })
	var (
		out    [][]Pair
		st     Stats
		total  int64
		rounds int
	)
	for {
		if err := ctx.Err(); err != nil {
			return nil, nil, Stats{}, fmt.Errorf("block: %w", err)
		}
		found := interleave(rules, blocks)
		out = make([][]Pair, len(rules))
		dups := make([]int64, len(rules))
		parallel(len(rules), workers, func(i int) { out[i], dups[i] = emit(&blocks[i], found, i, opts) })
		total = 0
		for i := range out {
			total += int64(len(out[i]))
		}
		if opts.MaxPairs <= 0 || total <= opts.MaxPairs || !dropLargest(blocks, total-opts.MaxPairs) {
			st = stats(blocks, out, dups)
			break
		}
		rounds++
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, Stats{}, fmt.Errorf("block: %w", err)
	}
	pairs := make([]Pair, 0, total)
	ruleOf := make([]uint8, 0, total)
	for i := range out {
		pairs = append(pairs, out[i]...)
		for range out[i] {
			ruleOf = append(ruleOf, uint8(i))
		}
	}
	st.Pairs, st.BudgetRounds = total, rounds
	return pairs, ruleOf, st, nil
}

func check(rules []Rule, opts Options) error {
	if len(rules) > 255 {
		return fmt.Errorf("block: %d rules, at most 255", len(rules))
	}
	n := -1
	for _, r := range rules {
		if n >= 0 && len(r.Keys) != n {
			return fmt.Errorf("block: rule %q has %d keys, want %d", r.Name, len(r.Keys), n)
		}
		n = len(r.Keys)
	}
	if opts.Scope != All && len(opts.Source) != n {
		return fmt.Errorf("block: %d sources for %d records", len(opts.Source), n)
	}
	return nil
}

// dropLargest skips the blocks that contributed most pairs until at least
// excess pairs are gone. It reports false when nothing is left to drop.
func dropLargest(blocks []ruleBlocks, excess int64) bool {
	type ref struct {
		rule, group int
		pairs       int64
	}
	var refs []ref
	for i := range blocks {
		for g, n := range blocks[i].emitted {
			if n > 0 && !blocks[i].skip[g] {
				refs = append(refs, ref{i, g, n})
			}
		}
	}
	slices.SortFunc(refs, func(a, b ref) int {
		if a.pairs != b.pairs {
			return cmp.Compare(b.pairs, a.pairs)
		}
		return cmp.Or(cmp.Compare(a.rule, b.rule), cmp.Compare(a.group, b.group))
	})
	dropped := false
	for _, r := range refs {
		if excess <= 0 {
			break
		}
		blocks[r.rule].skip[r.group] = true
		excess -= r.pairs
		dropped = true
	}
	return dropped
}

func stats(blocks []ruleBlocks, out [][]Pair, dups []int64) Stats {
	var st Stats
	for i := range blocks {
		b := &blocks[i]
		rs := RuleStats{Name: b.name, Keyed: b.keyed, Pairs: int64(len(out[i])), Duplicates: dups[i]}
		for g, gr := range b.groups {
			size := int(gr.end - gr.start)
			rs.LargestBlock = max(rs.LargestBlock, size)
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

func parallel(n, workers int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(n, workers) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// group1 sorts the keyed records of one rule by key and finds its blocks.
func group1(r Rule, maxSize int) ruleBlocks {
	b := ruleBlocks{name: r.Name}
	type keyed struct {
		key uint64
		idx int32
	}
	var ks []keyed
	for i, k := range r.Keys {
		if k != 0 {
			ks = append(ks, keyed{k, int32(i)})
		}
	}
	slices.SortFunc(ks, func(x, y keyed) int { return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(x.idx, y.idx)) })
	b.members = make([]int32, len(ks))
	for i, k := range ks {
		b.members[i] = k.idx
	}
	keys := r.Keys
	b.keyed = len(b.members)
	for s := 0; s < len(b.members); {
		e := s + 1
		for e < len(b.members) && keys[b.members[e]] == keys[b.members[s]] {
			e++
		}
		if size := e - s; size >= 2 {
			bucket := bits.Len(uint(size-1)) - 1
			for len(b.sizes) <= bucket {
				b.sizes = append(b.sizes, 0)
			}
			b.sizes[bucket]++
			b.groups = append(b.groups, group{int32(s), int32(e)})
			b.skip = append(b.skip, maxSize > 0 && size > maxSize)
		}
		s = e
	}
	b.emitted = make([]int64, len(b.groups))
	return b
}

// keyTable holds every rule's key of every record, a record's keys side by
// side (so checking a pair against all earlier rules reads two short rows).
// Keys of skipped blocks are 0, so that later rules do not take those
// pairs for found.
type keyTable struct {
	rules int
	keys  []uint64 // [record*rules + rule]
}

func interleave(rules []Rule, blocks []ruleBlocks) keyTable {
	t := keyTable{rules: len(rules)}
	if len(rules) == 0 {
		return t
	}
	n := len(rules[0].Keys)
	t.keys = make([]uint64, n*len(rules))
	for r, rule := range rules {
		for i, k := range rule.Keys {
			t.keys[i*len(rules)+r] = k
		}
		b := &blocks[r]
		for g, gr := range b.groups {
			if b.skip[g] {
				for _, m := range b.members[gr.start:gr.end] {
					t.keys[int(m)*len(rules)+r] = 0
				}
			}
		}
	}
	return t
}

// foundBefore reports whether a rule before rule blocks l and r together.
func (t keyTable) foundBefore(rule int, l, r int32) bool {
	a := t.keys[int(l)*t.rules : int(l)*t.rules+rule]
	b := t.keys[int(r)*t.rules : int(r)*t.rules+rule]
	for i, k := range a {
		if k != 0 && k == b[i] {
			return true
		}
	}
	return false
}

// emit produces the pairs of one rule's blocks that no earlier rule blocks
// together and that the scope allows, and counts the pairs it passed over
// as found before.
func emit(b *ruleBlocks, found keyTable, rule int, opts Options) ([]Pair, int64) {
	var dups int64
	src := opts.Source
	capacity := 0
	for g, gr := range b.groups {
		if !b.skip[g] {
			capacity += int(gr.end-gr.start) * int(gr.end-gr.start-1) / 2
		}
	}
	out := make([]Pair, 0, capacity)
	for g, gr := range b.groups {
		b.emitted[g] = 0
		if b.skip[g] {
			continue
		}
		m := b.members[gr.start:gr.end]
		before := len(out)
		for i := 0; i < len(m); i++ {
			for j := i + 1; j < len(m); j++ {
				l, r := m[i], m[j] // sorted by index within a key, so l < r
				switch opts.Scope {
				case Across:
					if src[l] == src[r] {
						continue
					}
				case Within:
					if src[l] != src[r] {
						continue
					}
				}
				if found.foundBefore(rule, l, r) {
					dups++
					continue
				}
				out = append(out, Pair{l, r})
			}
		}
		b.emitted[g] = int64(len(out) - before)
	}
	return out, dups
}
