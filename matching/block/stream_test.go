package block

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// naivePairs is the order Each must reproduce, worked out the slow way:
// rule by rule, blocks by ascending key, members by index, each pair once,
// by the first rule whose key the two records share. The blocks in skip,
// by rule and key, pair nobody.
func naivePairs(rules []Rule, source []uint16, scope Scope, skip map[[2]uint64]bool) ([]Pair, []uint8) {
	var pairs []Pair
	var ruleOf []uint8
	for i, r := range rules {
		byKey := map[uint64][]int32{}
		var keys []uint64
		for rec, k := range r.Keys {
			if k == 0 {
				continue
			}
			if byKey[k] == nil {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], int32(rec))
		}
		slices.Sort(keys)
		for _, k := range keys {
			if skip[[2]uint64{uint64(i), k}] {
				continue
			}
			m := byKey[k]
			for x := range m {
				for y := x + 1; y < len(m); y++ {
					l, rr := m[x], m[y]
					if !scope.Allows(source[l], source[rr]) {
						continue
					}
					before := false
					for j, e := range rules[:i] {
						before = before || e.Keys[l] != 0 && e.Keys[l] == e.Keys[rr] && !skip[[2]uint64{uint64(j), e.Keys[l]}]
					}
					if !before {
						pairs = append(pairs, Pair{l, rr})
						ruleOf = append(ruleOf, uint8(i))
					}
				}
			}
		}
	}
	return pairs, ruleOf
}

func TestEachBatchesAreThePairsInOrder(t *testing.T) {
	// 4,000 records and three rules with blocks of up to ~200 records:
	// some 100,000 pairs, many batches, and many pairs that a later rule
	// finds again.
	const n = 4000
	rng := rand.New(rand.NewPCG(1, 2))
	source := make([]uint16, n)
	var rules []Rule
	for i, blocks := range []int{40, 25, 60} {
		keys := make([]uint64, n)
		for rec := range keys {
			switch {
			case i == 2 && rng.IntN(2) == 0: // the last rule repeats half the first's blocks
				keys[rec] = rules[0].Keys[rec]
			case rng.IntN(10) > 0: // a tenth of the records have no key
				keys[rec] = uint64(rng.IntN(blocks) + 1)
			}
		}
		rules = append(rules, Rule{Name: string(rune('a' + i)), Keys: keys})
	}
	for rec := range source {
		source[rec] = uint16(rng.IntN(3))
	}
	all, _ := naivePairs(rules, source, Across, nil)
	if len(all) < 4*batchPairs {
		t.Fatalf("only %d pairs: the test needs several batches", len(all))
	}
	index := func(opts Options) *Index {
		ix, err := NewIndex(n, len(rules), opts)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rules {
			if err := ix.Add(i, r); err != nil {
				t.Fatal(err)
			}
		}
		return ix
	}
	// Blocks over a size skipped, and more dropped in budget rounds to keep
	// within a budget just below the pairs left: the rules after them find
	// some of their pairs instead.
	sized := Options{Workers: 2, Scope: All, Source: source, MaxBlockSize: 130}
	budgeted := sized
	budgeted.MaxPairs = index(sized).mustCount(t) * 9 / 10
	for _, opts := range []Options{{Workers: 1, Scope: Across, Source: source}, {Workers: 3, Scope: Across, Source: source}, budgeted} {
		workers := opts.Workers
		ix := index(opts)
		if err := ix.Each(context.Background(), workers, func(int, Batch) {}); !errors.Is(err, ErrNotCounted) {
			t.Fatalf("Each before Count: %v, want ErrNotCounted", err)
		}
		st, err := ix.Count(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		skip := map[[2]uint64]bool{}
		for _, b := range ix.Skipped() {
			skip[[2]uint64{uint64(b.Rule), rules[b.Rule].Keys[b.Member]}] = true
		}
		if limited := opts.MaxPairs > 0; limited != (len(skip) > 0) || limited != (st.BudgetRounds > 0) {
			t.Fatalf("MaxBlockSize %d, MaxPairs %d: %d blocks skipped in %d budget rounds", opts.MaxBlockSize, opts.MaxPairs, len(skip), st.BudgetRounds)
		}
		want, wantRule := naivePairs(rules, source, opts.Scope, skip)
		if ix.Len() != int64(len(want)) || st.Pairs != ix.Len() {
			t.Fatalf("workers %d: Len %d, stats %d, want %d", workers, ix.Len(), st.Pairs, len(want))
		}
		sample := ix.Sample(500)
		rulesSeen := map[uint8]bool{}
		at := map[Pair]uint8{}
		for i, p := range want {
			at[p] = wantRule[i]
		}
		for _, p := range sample {
			rule, ok := at[p]
			if !ok {
				t.Fatalf("sampled pair %v is not a candidate pair", p)
			}
			rulesSeen[rule] = true
		}
		if len(sample) == 0 || len(sample) > 500 || len(rulesSeen) < 2 {
			t.Errorf("Sample(500): %d pairs from %d rules", len(sample), len(rulesSeen))
		}
		for pass := range 2 { // Each can be called again
			got := make([]Pair, len(want))
			gotRule := make([]uint8, len(want))
			seen := make([]bool, ix.Batches())
			var mu sync.Mutex
			err := ix.Each(context.Background(), workers, func(w int, b Batch) {
				mu.Lock()
				defer mu.Unlock()
				if w < 0 || w >= workers || seen[b.Seq] {
					t.Errorf("worker %d, batch %d seen before: %v", w, b.Seq, seen[b.Seq])
				}
				seen[b.Seq] = true
				copy(got[b.First:], b.Pairs)
				for j := range b.Pairs {
					gotRule[b.First+int64(j)] = b.Rule
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) || !slices.Equal(gotRule, wantRule) {
				t.Fatalf("workers %d, pass %d: batches do not give the pairs in order", workers, pass)
			}
			if slices.Contains(seen, false) {
				t.Errorf("workers %d: a batch never came", workers)
			}
		}
	}
}

func TestEachStopsWhenCancelled(t *testing.T) {
	keys := make([]uint64, 3000)
	for i := range keys {
		keys[i] = uint64(i%10 + 1)
	}
	ix, _ := NewIndex(len(keys), 1, Options{})
	if err := ix.Add(0, Rule{Name: "a", Keys: keys}); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Count(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	err := ix.Each(ctx, 1, func(int, Batch) { calls++; cancel() })
	if !errors.Is(err, context.Canceled) || calls >= ix.Batches() {
		t.Errorf("Each after cancel: %v after %d of %d batches", err, calls, ix.Batches())
	}
}

// mustCount counts the index's pairs and returns how many there are.
func (ix *Index) mustCount(t *testing.T) int64 {
	t.Helper()
	if _, err := ix.Count(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix.Len()
}
