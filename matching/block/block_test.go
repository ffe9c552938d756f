package block

import (
	"context"
	"slices"
	"testing"
)

func sorted(p []Pair) []Pair {
	out := slices.Clone(p)
	slices.SortFunc(out, func(a, b Pair) int {
		if a.L != b.L {
			return int(a.L - b.L)
		}
		return int(a.R - b.R)
	})
	return out
}

func TestPairs(t *testing.T) {
	// Six records; rule "email" blocks {0,1,2} and {4,5}; rule "phone"
	// blocks {0,1,3} and {2,5}; rule "big" puts everyone in one block.
	email := Rule{Name: "email", Keys: []uint64{7, 7, 7, 0, 9, 9}}
	phone := Rule{Name: "phone", Keys: []uint64{3, 3, 4, 3, 0, 4}}
	big := Rule{Name: "big", Keys: []uint64{1, 1, 1, 1, 1, 1}}
	source := []uint16{0, 1, 0, 1, 0, 1}
	tests := []struct {
		name     string
		rules    []Rule
		opts     Options
		want     []Pair
		wantRule []uint8
		stats    []RuleStats
	}{{
		name:     "pairs found by two rules come once, from the first",
		rules:    []Rule{email, phone},
		want:     []Pair{{0, 1}, {0, 2}, {1, 2}, {4, 5}, {0, 3}, {1, 3}, {2, 5}},
		wantRule: []uint8{0, 0, 0, 0, 1, 1, 1},
		stats: []RuleStats{
			{Name: "email", Keyed: 5, Blocks: 2, Pairs: 4, LargestBlock: 3},
			{Name: "phone", Keyed: 5, Blocks: 2, Pairs: 3, Duplicates: 1, LargestBlock: 3},
		},
	}, {
		name:     "link only pairs records of different sources",
		rules:    []Rule{email, phone},
		opts:     Options{Scope: Across, Source: source},
		want:     []Pair{{0, 1}, {1, 2}, {4, 5}, {0, 3}, {2, 5}},
		wantRule: []uint8{0, 0, 0, 1, 1},
	}, {
		name:     "dedupe only pairs records of one source",
		rules:    []Rule{email, phone},
		opts:     Options{Scope: Within, Source: source},
		want:     []Pair{{0, 2}, {1, 3}},
		wantRule: []uint8{0, 1},
	}, {
		name:  "oversized blocks are skipped and reported, and later rules still find their pairs",
		rules: []Rule{big, email},
		opts:  Options{MaxBlockSize: 5},
		want:  []Pair{{0, 1}, {0, 2}, {1, 2}, {4, 5}},
		stats: []RuleStats{
			{Name: "big", Keyed: 6, SkippedBlocks: 1, SkippedRecords: 6, LargestBlock: 6},
			{Name: "email", Keyed: 5, Blocks: 2, Pairs: 4, LargestBlock: 3},
		},
		wantRule: []uint8{1, 1, 1, 1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, workers := range []int{1, 3} {
				tt.opts.Workers = workers
				pairs, rules, st, err := Pairs(context.Background(), tt.rules, tt.opts)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(pairs, tt.want) || !slices.Equal(rules, tt.wantRule) {
					t.Errorf("workers %d: pairs %v rules %v, want %v %v", workers, pairs, rules, tt.want, tt.wantRule)
				}
				if tt.stats != nil && !slices.Equal(st.Rules, tt.stats) {
					t.Errorf("stats %+v, want %+v", st.Rules, tt.stats)
				}
				if st.Pairs != int64(len(tt.want)) {
					t.Errorf("stats count %d pairs, want %d", st.Pairs, len(tt.want))
				}
				// No pair twice.
				s := sorted(pairs)
				if len(slices.Compact(s)) != len(pairs) {
					t.Errorf("duplicate pairs in %v", pairs)
				}
			}
		})
	}
}

func TestPairsBlockSizes(t *testing.T) {
	keys := []uint64{1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 0}
	_, _, st, err := Pairs(context.Background(), []Rule{{Name: "k", Keys: keys}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Blocks of 2 (bucket 0), 3 (bucket 1: 3-4) and 5 (bucket 2: 5-8).
	if want := []int{1, 1, 1}; !slices.Equal(st.Sizes, want) {
		t.Errorf("sizes %v, want %v", st.Sizes, want)
	}
	if st.Pairs != 1+3+10 {
		t.Errorf("pairs %d, want 14", st.Pairs)
	}
}

func TestPairsErrors(t *testing.T) {
	ctx := context.Background()
	if _, _, _, err := Pairs(ctx, []Rule{{Keys: []uint64{1, 1}}, {Keys: []uint64{1}}}, Options{}); err == nil {
		t.Error("rules of different lengths accepted")
	}
	if _, _, _, err := Pairs(ctx, []Rule{{Keys: []uint64{1, 1}}}, Options{Scope: Across}); err == nil {
		t.Error("link scope without sources accepted")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, _, err := Pairs(cancelled, []Rule{{Keys: []uint64{1, 1}}}, Options{}); err == nil {
		t.Error("cancelled context ignored")
	}
}

func TestPairsBudget(t *testing.T) {
	// Rule "wide" makes one block of 5 (10 pairs) and one of 2; rule
	// "email" makes blocks {0,1,2} and {4,5}. A budget of 6 pairs drops the
	// block of 5 by its size alone (the rules could hold 15 pairs, over one
	// and a half times the budget), after which email finds its pairs again.
	wide := Rule{Name: "wide", Keys: []uint64{1, 1, 1, 1, 1, 2, 2}}
	email := Rule{Name: "email", Keys: []uint64{7, 7, 7, 0, 9, 9, 0}}
	pairs, rules, st, err := Pairs(context.Background(), []Rule{wide, email}, Options{MaxPairs: 6})
	if err != nil {
		t.Fatal(err)
	}
	want := []Pair{{5, 6}, {0, 1}, {0, 2}, {1, 2}, {4, 5}}
	if !slices.Equal(pairs, want) || !slices.Equal(rules, []uint8{0, 1, 1, 1, 1}) {
		t.Errorf("pairs %v rules %v, want %v", pairs, rules, want)
	}
	if st.BudgetRounds != 0 || st.Rules[0].SkippedBlocks != 1 || st.Rules[0].SkippedRecords != 5 || st.Pairs != 5 {
		t.Errorf("stats %+v", st)
	}

	// Two blocks of 4 and one of 2 (13 pairs, within one and a half times
	// the budget of 9) are counted; the first is dropped in a counting
	// round, and the pair it shared with rule "late" falls to that rule.
	a := Rule{Name: "a", Keys: []uint64{1, 1, 1, 1, 0, 0, 0, 0}}
	b := Rule{Name: "b", Keys: []uint64{0, 0, 0, 0, 2, 2, 2, 2}}
	late := Rule{Name: "late", Keys: []uint64{3, 3, 0, 0, 0, 0, 0, 0}}
	pairs, rules, st, err = Pairs(context.Background(), []Rule{a, b, late}, Options{MaxPairs: 9})
	if err != nil {
		t.Fatal(err)
	}
	want = []Pair{{4, 5}, {4, 6}, {4, 7}, {5, 6}, {5, 7}, {6, 7}, {0, 1}}
	if !slices.Equal(pairs, want) || !slices.Equal(rules, []uint8{1, 1, 1, 1, 1, 1, 2}) {
		t.Errorf("pairs %v rules %v, want %v", pairs, rules, want)
	}
	if st.BudgetRounds != 1 || st.Rules[0].SkippedBlocks != 1 || st.Rules[2].Pairs != 1 || st.Pairs != 7 {
		t.Errorf("stats %+v", st)
	}
}
