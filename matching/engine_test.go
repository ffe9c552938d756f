package matching

import (
	"cmp"
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// elsewhere is a second engine built on the exported entry points, as the
// Beam pipeline is: it groups records by key per rule with a map, pairs
// each block that is not skipped, and scores the candidates with a Scorer
// built from the plan after a JSON round trip (the plan crosses a process
// boundary in production).
func elsewhere(t *testing.T, people []transform.Person, plan *Plan) (kept []Pair, below []Candidate) {
	t.Helper()
	data, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	var decoded Plan
	if err := json.Unmarshal(data, &decoded); err != nil {
		t.Fatal(err)
	}
	s, err := NewScorer(people, &decoded)
	if err != nil {
		t.Fatal(err)
	}
	for rule := range s.Rules() {
		blocks := map[uint64][]int32{}
		for rec := range int32(s.Len()) {
			if k := s.Key(rule, rec); k != 0 {
				blocks[k] = append(blocks[k], rec)
			}
		}
		for k, members := range blocks {
			if s.Skipped(BlockKey{rule, k}) {
				continue
			}
			for x := range members {
				for _, r := range members[x+1:] {
					if !s.Candidate(rule, members[x], r) {
						continue
					}
					if p, c, ok := s.Score(members[x], r, uint8(rule)); ok {
						kept = append(kept, p)
					} else {
						below = append(below, c)
					}
				}
			}
		}
	}
	return kept, below
}

func TestPlanFinishMatchesMatch(t *testing.T) {
	households := newSynthetic(1200, 11)
	households.addHouseholds(150, 12)
	tests := []struct {
		name   string
		people []transform.Person
		mode   Mode
		edit   func(*spec.Model)
		// skips says which kind of skipped block the case must show.
		oversized, overBudget bool
		// ownCap drops the oversized blocks from the plan's list: the
		// scorer must find them by itself.
		ownCap bool
		// sampled says the candidates outnumber the training sample.
		sampled bool
	}{
		{name: "default model", people: newSynthetic(1500, 9).people},
		{name: "households", people: households.people},
		{name: "link only", people: newSynthetic(1000, 10).people, mode: LinkOnly},
		{name: "small blocks skipped", people: newSynthetic(1500, 13).people,
			edit: func(m *spec.Model) { m.MaxBlockSize = 3 }, oversized: true},
		{name: "cap without the plan's list", people: newSynthetic(1500, 13).people,
			edit: func(m *spec.Model) { m.MaxBlockSize = 3 }, oversized: true, ownCap: true},
		// Fewer training pairs than candidates: Train compares only the
		// sampled pairs, and must draw the same ones.
		{name: "training sample", people: newSynthetic(1500, 16).people,
			edit: func(m *spec.Model) { m.Training.MaxPairs = 1000 }, sampled: true},
		{name: "pair budget", people: newSynthetic(1500, 14).people,
			edit: func(m *spec.Model) { m.MaxPairsPerRecord = 1.2 }, overBudget: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			model := func() *spec.Model {
				m := quick()
				if tt.edit != nil {
					tt.edit(m)
				}
				return m
			}
			opts := Options{Model: model(), Mode: tt.mode}
			want, err := Match(context.Background(), tt.people, opts)
			if err != nil {
				t.Fatal(err)
			}
			opts.Model = model()
			plan, err := Train(context.Background(), tt.people, opts)
			if err != nil {
				t.Fatal(err)
			}
			checkSkipKinds(t, plan.Skipped, tt.oversized, tt.overBudget)
			if tt.sampled && plan.Candidates <= int64(opts.Model.Training.MaxPairs) {
				t.Fatalf("%d candidates: the case does not sample", plan.Candidates)
			}
			if !reflect.DeepEqual(plan.Params, want.Params) {
				t.Fatalf("Train's parameters differ from Match's")
			}
			if tt.ownCap {
				plan.Skipped = slices.DeleteFunc(plan.Skipped, func(b block.SkippedBlock) bool { return !b.OverBudget })
			}
			kept, below := elsewhere(t, tt.people, plan)
			got, err := plan.Finish(context.Background(), kept, func(yield func(Candidate)) error {
				for _, c := range below {
					yield(c)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			samePairs(t, want.Pairs, got.Pairs)
			if !slices.Equal(want.Cluster, got.Cluster) {
				t.Errorf("clusters differ")
			}
			if !slices.Equal(want.Capped, got.Capped) {
				t.Errorf("capped clusters %v, want %v", got.Capped, want.Capped)
			}
			if !reflect.DeepEqual(want.Stats.Rules, got.Stats.Rules) {
				t.Errorf("rule outcomes\n got %+v\nwant %+v", got.Stats.Rules, want.Stats.Rules)
			}
			if !reflect.DeepEqual(want.Stats.Blocking, got.Stats.Blocking) {
				t.Errorf("blocking stats differ")
			}
			if want.Stats.Clusters != got.Stats.Clusters || want.Stats.CutLinks != got.Stats.CutLinks {
				t.Errorf("clusters %d, cut %d; want %d, %d", got.Stats.Clusters, got.Stats.CutLinks, want.Stats.Clusters, want.Stats.CutLinks)
			}
		})
	}
}

func checkSkipKinds(t *testing.T, skipped []block.SkippedBlock, oversized, overBudget bool) {
	t.Helper()
	var big, budget bool
	for _, b := range skipped {
		big = big || !b.OverBudget
		budget = budget || b.OverBudget
	}
	if oversized && !big {
		t.Errorf("no block skipped for its size: the case does not test the cap")
	}
	if overBudget && !budget {
		t.Errorf("no block dropped for the budget: the case does not test it")
	}
}

// samePairs compares kept pairs in (L, R) order: rule, weight, levels and
// weights must be equal.
func samePairs(t *testing.T, want, got []Pair) {
	t.Helper()
	want = slices.Clone(want)
	slices.SortFunc(want, func(a, b Pair) int { return cmp.Or(cmp.Compare(a.L, b.L), cmp.Compare(a.R, b.R)) })
	if len(want) != len(got) {
		t.Fatalf("%d kept pairs, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(want[i], got[i]) {
			t.Fatalf("pair %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestFinishRejectsWrongPairs(t *testing.T) {
	people := newSynthetic(300, 15).people
	plan, err := Train(context.Background(), people, Options{Model: quick()})
	if err != nil {
		t.Fatal(err)
	}
	kept, below := elsewhere(t, people, plan)
	if len(kept) == 0 || len(below) == 0 {
		t.Fatalf("%d kept and %d below: the case needs both", len(kept), len(below))
	}
	none := func(func(Candidate)) error { return nil }
	all := func(yield func(Candidate)) error {
		for _, c := range below {
			yield(c)
		}
		return nil
	}
	tests := []struct {
		name  string
		kept  func() []Pair
		below func(func(Candidate)) error
	}{
		{"a pair missing", func() []Pair { return slices.Clone(kept[1:]) }, all},
		{"pairs below the floor missing", func() []Pair { return slices.Clone(kept) }, none},
		{"out of range", func() []Pair { k := slices.Clone(kept); k[0].R = int32(len(people)); return k }, all},
		{"no evidence", func() []Pair { k := slices.Clone(kept); k[0].Levels = nil; return k }, all},
		{"below the floor", func() []Pair { k := slices.Clone(kept); k[0].Weight = -40; return k }, all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := plan.Finish(context.Background(), tt.kept(), tt.below); err == nil {
				t.Fatal("no error")
			}
		})
	}
	if _, err := plan.Finish(context.Background(), slices.Clone(kept), all); err != nil {
		t.Fatalf("the right pairs: %v", err)
	}
}
