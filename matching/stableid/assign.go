package stableid

import (
	"cmp"
	"fmt"
	"slices"
)

// assigner holds the working state of one Assign call. Previous ids present
// in this run are numbered 0..len(oldIDs)-1 in order of first appearance;
// the result never depends on that numbering.
type assigner struct {
	current []Ref
	cluster []int32
	prev    Previous
	run     Run
	k       int // number of clusters

	oldIDs  []string         // previous ids with a record present now
	oldIdx  map[string]int32 // previous id -> its index in oldIDs
	oldOf   []int32          // per record: index of its previous id, or -1
	retired map[string]bool  // previous ids with no record present now
	oldBorn []int64          // per previous id: its birth
	home    []int32          // per previous id: the cluster it is offered to
	keeper  []int32          // per cluster: the previous id it keeps, or -1

	ids     []string
	born    []int64
	changes []Change
}

// findPrevious numbers the previous ids that still have records, notes each
// record's previous id, and retires the ids with no record left.
func (a *assigner) findPrevious() {
	a.oldIdx = make(map[string]int32, len(a.prev.Born))
	a.oldOf = make([]int32, len(a.current))
	found := 0 // records of the previous assignment present now
	for i, r := range a.current {
		id, ok := a.prev.Assignment[r]
		if ok {
			found++
		}
		if id == "" {
			a.oldOf[i] = -1
			continue
		}
		x, ok := a.oldIdx[id]
		if !ok {
			x = int32(len(a.oldIDs))
			a.oldIdx[id] = x
			a.oldIDs = append(a.oldIDs, id)
		}
		a.oldOf[i] = x
	}
	a.retired = make(map[string]bool)
	if found == len(a.prev.Assignment) {
		return // no record disappeared, so no id can retire
	}
	for _, id := range a.prev.Assignment {
		if _, present := a.oldIdx[id]; id != "" && !present && !a.retired[id] {
			a.retired[id] = true
			a.changes = append(a.changes, Change{PreviousID: id, Kind: Retired, RunID: a.run.ID})
		}
	}
}

// loadBirths looks up the birth of every previous id still present.
func (a *assigner) loadBirths() error {
	a.oldBorn = make([]int64, len(a.oldIDs))
	for x, id := range a.oldIDs {
		b, ok := a.prev.Born[id]
		if !ok {
			return fmt.Errorf("%w: %s", ErrUnknownBirth, id)
		}
		a.oldBorn[x] = b
	}
	return nil
}

// chooseHomes picks the home cluster of every previous id.
func (a *assigner) chooseHomes() {
	n := len(a.oldIDs)
	// Group record indices by previous id (a counting sort).
	start := make([]int32, n+1)
	for _, x := range a.oldOf {
		if x >= 0 {
			start[x+1]++
		}
	}
	for x := 1; x <= n; x++ {
		start[x] += start[x-1]
	}
	members := make([]int32, start[n])
	next := slices.Clone(start[:n])
	for i, x := range a.oldOf {
		if x >= 0 {
			members[next[x]] = int32(i)
			next[x]++
		}
	}
	a.home = make([]int32, n)
	for x := range n {
		a.home[x] = a.homeOf(members[start[x]:start[x+1]])
	}
}

// homeOf returns the cluster holding the most of recs, the records of one
// previous id; a tie goes to the cluster holding the smallest of them. It
// reorders recs.
func (a *assigner) homeOf(recs []int32) int32 {
	if len(recs) == 1 {
		return a.cluster[recs[0]]
	}
	slices.SortFunc(recs, func(i, j int32) int { return cmp.Compare(a.cluster[i], a.cluster[j]) })
	home, homeCount, homeFirst := int32(-1), 0, int32(-1)
	for s := 0; s < len(recs); {
		c, first := a.cluster[recs[s]], recs[s]
		e := s + 1
		for ; e < len(recs) && a.cluster[recs[e]] == c; e++ {
			if a.current[recs[e]].Compare(a.current[first]) < 0 {
				first = recs[e]
			}
		}
		if n := e - s; n > homeCount || n == homeCount && a.current[first].Compare(a.current[homeFirst]) < 0 {
			home, homeCount, homeFirst = c, n, first
		}
		s = e
	}
	return home
}

// keepOldest lets each cluster keep the oldest previous id offered to it,
// records the others as merged into it, and fills in the kept ids.
func (a *assigner) keepOldest() {
	a.keeper = make([]int32, a.k)
	for c := range a.keeper {
		a.keeper[c] = -1
	}
	for x, c := range a.home {
		if w := a.keeper[c]; w < 0 || a.older(int32(x), w) {
			a.keeper[c] = int32(x)
		}
	}
	a.ids = make([]string, a.k)
	a.born = make([]int64, a.k)
	for x, c := range a.home {
		w := a.keeper[c]
		if w == int32(x) {
			a.ids[c], a.born[c] = a.oldIDs[x], a.oldBorn[x]
			continue
		}
		a.changes = append(a.changes, Change{
			CustomerID: a.oldIDs[w], PreviousID: a.oldIDs[x], Kind: Merged, RunID: a.run.ID,
		})
	}
}

// older reports whether previous id x was born before y (ties: smaller id).
func (a *assigner) older(x, y int32) bool {
	if a.oldBorn[x] != a.oldBorn[y] {
		return a.oldBorn[x] < a.oldBorn[y]
	}
	return a.oldIDs[x] < a.oldIDs[y]
}

// recordSplitsAndCreations records, for each cluster given a new id, a split
// change per previous id among its records, or a created change if none.
func (a *assigner) recordSplitsAndCreations() {
	type origin struct{ cluster, old int32 }
	var origins []origin
	for i, x := range a.oldOf {
		if c := a.cluster[i]; x >= 0 && a.keeper[c] < 0 {
			origins = append(origins, origin{c, x})
		}
	}
	slices.SortFunc(origins, func(p, q origin) int {
		return cmp.Or(cmp.Compare(p.cluster, q.cluster), cmp.Compare(p.old, q.old))
	})
	origins = slices.Compact(origins)
	hasOrigin := make([]bool, a.k)
	for _, o := range origins {
		hasOrigin[o.cluster] = true
		a.changes = append(a.changes, Change{
			CustomerID: a.ids[o.cluster], PreviousID: a.oldIDs[o.old], Kind: Split, RunID: a.run.ID,
		})
	}
	for c, w := range a.keeper {
		if w < 0 && !hasOrigin[c] {
			a.changes = append(a.changes, Change{CustomerID: a.ids[c], Kind: Created, RunID: a.run.ID})
		}
	}
}
