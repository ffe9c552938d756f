package matching

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/contoso/c360/matching/compare"
	"github.com/contoso/c360/transform"
)

// sessionRun returns a run over n records of two sources (even indexes in
// "a", odd in "b") in the given mode.
func sessionRun(n int, mode Mode) *run {
	people := make([]transform.Person, n)
	for i := range people {
		people[i].Source = []string{"a", "b"}[i%2]
	}
	return &run{model: quick(), mode: mode, workers: 2,
		table: compare.NewTable(people, compare.TableOptions{})}
}

func TestSessionPairs(t *testing.T) {
	// Keys: records 0-5 share key 1 (15 pairs, 9 across the sources),
	// records 6-7 share key 2 (1 pair, across), 8 is alone, 9 has none.
	keys := []uint64{1, 1, 1, 1, 1, 1, 2, 2, 3, 0}
	for _, tt := range []struct {
		mode Mode
		want int
	}{{LinkAndDedupe, 16}, {LinkOnly, 10}, {DedupeOnly, 6}} {
		r := sessionRun(len(keys), tt.mode)
		pairs, total, skipped := r.sessionPairs(keys, 1000, rand.New(rand.NewPCG(1, 2)))
		if len(pairs) != tt.want || total != int64(tt.want) || skipped != 0 {
			t.Errorf("%v: %d pairs, total %d, %d skipped; want all %d", tt.mode, len(pairs), total, skipped, tt.want)
		}
		seen := map[[2]int32]bool{}
		for _, p := range pairs {
			if p[0] >= p[1] || keys[p[0]] != keys[p[1]] || seen[p] || !r.inScope(p[0], p[1]) {
				t.Fatalf("%v: bad or repeated pair %v", tt.mode, p)
			}
			seen[p] = true
		}
	}
	// A block over the model's MaxBlockSize is left out and counted.
	big := make([]uint64, 2000)
	for i := range big {
		big[i] = uint64(1 + i/1000) // two blocks of 1,000 records
	}
	big[1999] = 7 // ... the second one short by one: 999 records
	r := sessionRun(len(big), LinkAndDedupe)
	r.model.MaxBlockSize = 999
	pairs, total, skipped := r.sessionPairs(big, 1_000_000, rand.New(rand.NewPCG(1, 2)))
	if skipped != 1 || total != 999*998/2 || len(pairs) != int(total) {
		t.Errorf("%d pairs, total %d, %d skipped; want the 999-record block's %d and one skipped", len(pairs), total, skipped, 999*998/2)
	}
	// Over the limit the pairs are a uniform sample, and the total is
	// estimated from it: LinkOnly keeps about half of the draws.
	r = sessionRun(len(big), LinkOnly)
	r.model.MaxBlockSize = 1000
	pairs, total, _ = r.sessionPairs(big, 20_000, rand.New(rand.NewPCG(3, 4)))
	all := 1000*999/2 + 999*998/2
	across := 500*500 + 499*500 // the 999-record block has 500 even and 499 odd indexes
	if math.Abs(float64(total)-float64(across))/float64(across) > 0.03 || len(pairs) > 20_000 || len(pairs) < 9_000 {
		t.Errorf("sampled %d pairs, total %d; want about %d of the %d in blocks", len(pairs), total, across, all)
	}
	for _, p := range pairs {
		if !r.inScope(p[0], p[1]) || big[p[0]] != big[p[1]] {
			t.Fatalf("sampled pair %v out of scope or across blocks", p)
		}
	}
}

func TestInvolved(t *testing.T) {
	r := sessionRun(2, LinkAndDedupe)
	names := func(fixed []bool) []string {
		var out []string
		for k, f := range fixed {
			if f {
				out = append(out, r.model.Comparisons[k].Name)
			}
		}
		return out
	}
	want := map[string][]string{
		"full name":   {"given_name", "surname"},
		"birth date":  {"birth_date"},
		"e-mail":      {"email"},
		"phone":       {"phone"},
		"national id": {"national_id"},
	}
	r.comps = make([]*compare.Comparator, len(r.model.Comparisons))
	for _, s := range r.model.Training.Sessions {
		if got := names(r.involved(s)); !slices.Equal(got, want[s.Name]) {
			t.Errorf("session %s fixes %q, want %q", s.Name, got, want[s.Name])
		}
	}
}
