package stableid

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// world is a clustering of records carried from run to run.
type world struct {
	groups [][]Ref
	next   int // number for the next new record
}

func (w *world) newRef(rng *rand.Rand) Ref {
	w.next++
	return Ref{Source: []string{"contacts", "loyalty"}[rng.IntN(2)], ID: fmt.Sprint("ID_", w.next)}
}

// perturb drops, adds and moves records and merges and splits groups, the
// way a night's new data and a changed model would.
func (w *world) perturb(rng *rand.Rand) {
	var groups [][]Ref
	for _, g := range w.groups {
		var kept []Ref
		for _, r := range g {
			if rng.Float64() >= 0.03 { // 3% of records disappear
				kept = append(kept, r)
			}
		}
		if len(kept) > 1 && rng.Float64() < 0.05 { // 5% of groups split
			rng.Shuffle(len(kept), func(i, j int) { kept[i], kept[j] = kept[j], kept[i] })
			cut := 1 + rng.IntN(len(kept)-1)
			groups = append(groups, kept[:cut:cut])
			kept = kept[cut:]
		}
		if len(kept) > 0 {
			groups = append(groups, kept)
		}
	}
	for i := range groups { // 4% of groups merge into another
		if j := rng.IntN(len(groups)); i != j && rng.Float64() < 0.04 && len(groups[j]) > 0 {
			groups[i], groups[j] = append(groups[i], groups[j]...), nil
		}
	}
	for i := range groups { // 3% of records move
		for k := 0; k < len(groups[i]); k++ {
			if j := rng.IntN(len(groups)); j != i && len(groups[j]) > 0 && rng.Float64() < 0.03 {
				groups[j] = append(groups[j], groups[i][k])
				groups[i] = slices.Delete(groups[i], k, k+1)
				k--
			}
		}
	}
	for range len(groups) / 20 { // new records, alone or joining a group
		if j := rng.IntN(len(groups)); rng.IntN(2) == 0 {
			groups[j] = append(groups[j], w.newRef(rng))
		} else {
			groups = append(groups, []Ref{w.newRef(rng)})
		}
	}
	w.groups = slices.DeleteFunc(groups, func(g []Ref) bool { return len(g) == 0 })
}

// inputs lays the groups out in a random record order and cluster numbering.
func (w *world) inputs(rng *rand.Rand) ([]Ref, []int32) {
	number := rng.Perm(len(w.groups))
	var refs []Ref
	var cluster []int32
	for g, members := range w.groups {
		for _, r := range members {
			refs = append(refs, r)
			cluster = append(cluster, int32(number[g]))
		}
	}
	order := rng.Perm(len(refs))
	shuffledRefs, shuffledCluster := make([]Ref, len(refs)), make([]int32, len(refs))
	for i, j := range order {
		shuffledRefs[i], shuffledCluster[i] = refs[j], cluster[j]
	}
	return shuffledRefs, shuffledCluster
}

// nextPrevious turns a run's result into the Previous of the run after it.
func nextPrevious(prev Previous, refs []Ref, cluster []int32, res Result) Previous {
	next := Previous{Assignment: map[Ref]string{}, Born: map[string]int64{}, Issued: maps.Clone(prev.Issued)}
	if next.Issued == nil {
		next.Issued = map[string]bool{}
	}
	for i, r := range refs {
		next.Assignment[r] = res.IDs[cluster[i]]
	}
	for c, id := range res.IDs {
		next.Born[id] = res.Born[c]
		next.Issued[id] = true
	}
	return next
}

func TestAssignProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	w := &world{}
	for range 20000 {
		if len(w.groups) == 0 || rng.IntN(3) == 0 {
			w.groups = append(w.groups, []Ref{w.newRef(rng)})
		} else {
			g := rng.IntN(len(w.groups))
			w.groups[g] = append(w.groups[g], w.newRef(rng))
		}
	}
	var prev Previous
	for round := range 6 {
		refs, cluster := w.inputs(rng)
		run := Run{ID: fmt.Sprint("run-", round), Seq: int64(round)}
		res, err := Assign(refs, cluster, prev, run)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		checkResult(t, round, refs, cluster, prev, run, res)
		checkOrderIndependent(t, round, w, rng, prev, run, res, refs, cluster)
		next := nextPrevious(prev, refs, cluster, res)
		checkRerun(t, round, refs, cluster, next, res)
		prev = next
		w.perturb(rng)
	}
}

// previousLayout counts where the records of each previous id are now and
// returns the counts and a function giving each previous id's home cluster.
func previousLayout(refs []Ref, cluster []int32, prev Previous) (map[string]map[int32]int, func(string) int32) {
	count := map[string]map[int32]int{} // previous id -> cluster -> records
	smallest := map[string]map[int32]Ref{}
	for i, r := range refs {
		if old := prev.Assignment[r]; old != "" {
			if count[old] == nil {
				count[old], smallest[old] = map[int32]int{}, map[int32]Ref{}
			}
			count[old][cluster[i]]++
			if s, ok := smallest[old][cluster[i]]; !ok || r.Compare(s) < 0 {
				smallest[old][cluster[i]] = r
			}
		}
	}
	home := func(old string) int32 {
		best := int32(-1)
		for c, n := range count[old] {
			if best < 0 || n > count[old][best] ||
				n == count[old][best] && smallest[old][c].Compare(smallest[old][best]) < 0 {
				best = c
			}
		}
		return best
	}
	return count, home
}

// checkResult checks every rule of the package documentation on one result.
func checkResult(t *testing.T, round int, refs []Ref, cluster []int32, prev Previous, run Run, res Result) {
	t.Helper()
	count, home := previousLayout(refs, cluster, prev)
	clusterOf := map[string]int32{}
	for c, id := range res.IDs {
		if _, dup := clusterOf[id]; id == "" || dup {
			t.Fatalf("round %d: cluster %d has empty or duplicate id %q", round, c, id)
		}
		clusterOf[id] = int32(c)
		if _, old := count[id]; old {
			if h := home(id); h != int32(c) || res.Born[c] != prev.Born[id] {
				t.Fatalf("round %d: %s kept by cluster %d, home %d", round, id, c, h)
			}
		} else if prev.Issued[id] || res.Born[c] != run.Seq {
			t.Fatalf("round %d: new id %s was issued before or has birth %d", round, id, res.Born[c])
		}
	}
	fate := map[string]Kind{} // previous id -> kept, merged or retired
	for _, id := range res.IDs {
		if _, old := count[id]; old {
			fate[id] = "kept"
		}
	}
	splitFrom := map[string][]string{}
	created := map[string]bool{}
	for _, ch := range res.Changes {
		if ch.RunID != run.ID {
			t.Fatalf("round %d: change %+v has the wrong run id", round, ch)
		}
		switch ch.Kind {
		case Merged:
			keeper, ok := clusterOf[ch.CustomerID]
			if ok && home(ch.PreviousID) != keeper || fate[ch.CustomerID] != "kept" ||
				prev.Born[ch.CustomerID] > prev.Born[ch.PreviousID] {
				t.Fatalf("round %d: bad merge %+v", round, ch)
			}
			setFate(t, fate, ch.PreviousID, Merged)
		case Retired:
			if _, present := count[ch.PreviousID]; present || ch.CustomerID != "" {
				t.Fatalf("round %d: retired %s still has records", round, ch.PreviousID)
			}
			setFate(t, fate, ch.PreviousID, Retired)
		case Split:
			splitFrom[ch.CustomerID] = append(splitFrom[ch.CustomerID], ch.PreviousID)
		case Created:
			created[ch.CustomerID] = true
		}
	}
	for _, id := range prev.Assignment {
		if fate[id] == "" {
			t.Fatalf("round %d: previous id %s was neither kept, merged nor retired", round, id)
		}
	}
	checkOrigins(t, round, refs, cluster, prev, res, count, splitFrom, created)
	if !slices.IsSortedFunc(res.Changes, compareChanges) {
		t.Fatalf("round %d: changes are not sorted", round)
	}
}

func setFate(t *testing.T, fate map[string]Kind, id string, k Kind) {
	t.Helper()
	if fate[id] != "" {
		t.Fatalf("previous id %s is both %s and %s", id, fate[id], k)
	}
	fate[id] = k
}

// checkOrigins checks that each new id has a created change, or one split
// change per previous id among its records, and no kept id has either.
func checkOrigins(t *testing.T, round int, refs []Ref, cluster []int32, prev Previous, res Result,
	count map[string]map[int32]int, splitFrom map[string][]string, created map[string]bool) {
	t.Helper()
	origins := make([]map[string]bool, len(res.IDs))
	for i, r := range refs {
		if old := prev.Assignment[r]; old != "" {
			if origins[cluster[i]] == nil {
				origins[cluster[i]] = map[string]bool{}
			}
			origins[cluster[i]][old] = true
		}
	}
	for c, id := range res.IDs {
		_, kept := count[id]
		want := slices.Sorted(maps.Keys(origins[c]))
		got := slices.Sorted(slices.Values(splitFrom[id]))
		switch {
		case kept && (created[id] || len(got) > 0):
			t.Fatalf("round %d: kept id %s has created or split changes", round, id)
		case !kept && len(want) == 0 && (!created[id] || len(got) > 0):
			t.Fatalf("round %d: new id %s from fresh records is not (only) created", round, id)
		case !kept && len(want) > 0 && (created[id] || !slices.Equal(got, want)):
			t.Fatalf("round %d: new id %s split from %v, want %v", round, id, got, want)
		}
	}
}

// checkOrderIndependent reruns Assign on the same clusters in another record
// order and numbering and expects the same ids per record and the same changes.
func checkOrderIndependent(t *testing.T, round int, w *world, rng *rand.Rand, prev Previous, run Run,
	res Result, refs []Ref, cluster []int32) {
	t.Helper()
	refs2, cluster2 := w.inputs(rng)
	res2, err := Assign(refs2, cluster2, prev, run)
	if err != nil {
		t.Fatal(err)
	}
	idOf := map[Ref]string{}
	for i, r := range refs {
		idOf[r] = res.IDs[cluster[i]]
	}
	for i, r := range refs2 {
		if got := res2.IDs[cluster2[i]]; got != idOf[r] {
			t.Fatalf("round %d: %v got %s in one order and %s in another", round, r, idOf[r], got)
		}
	}
	if !slices.Equal(res.Changes, res2.Changes) {
		t.Fatalf("round %d: changes depend on record order", round)
	}
}

// checkRerun runs Assign again on unchanged clusters and expects the same
// ids and no changes.
func checkRerun(t *testing.T, round int, refs []Ref, cluster []int32, prev Previous, res Result) {
	t.Helper()
	again, err := Assign(refs, cluster, prev, Run{ID: "rerun", Seq: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again.IDs, res.IDs) || !slices.Equal(again.Born, res.Born) || len(again.Changes) != 0 {
		t.Fatalf("round %d: an unchanged rerun changed ids or recorded %d changes", round, len(again.Changes))
	}
}
