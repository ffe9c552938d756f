package matching

import (
	"math"
	"slices"

	"github.com/contoso/c360/matching/cluster"
	"github.com/contoso/c360/matching/score"
)

// maxChecked is the largest component whose pairs are all weighed for the
// contradiction guard (spec.Model.MinPairWeight): a component of that size
// has about 5,000 pairs. Larger components are split by the size cap
// first, and their candidate pairs still count.
const maxChecked = 100

// ClusterStat describes a cluster of two or more records.
type ClusterStat struct {
	Cluster int32
	Size    int
	// Links counts the matched pairs inside the cluster, and Density is
	// Links over all Size·(Size-1)/2 pairs: 1 when every record linked to
	// every other, low for a chain.
	Links   int
	Density float64
	// MinWeight is the lowest weight of any pair inside the cluster that
	// was weighed (candidate pairs, and every pair of a component of up to
	// maxChecked records), and WeakestLink the lowest weight of a link
	// that holds the cluster together.
	MinWeight, WeakestLink float64
}

// checks weighs every pair of records that the links put into one
// component of 3 to maxChecked records, for the contradiction guard.
func (r *run) checks(plain *cluster.Forest) []cluster.Edge {
	n := r.table.Len()
	members := map[int32][]int32{}
	for i := range int32(n) {
		if s := plain.Size(i); s >= 3 && s <= maxChecked {
			root := plain.Find(i)
			members[root] = append(members[root], i)
		}
	}
	roots := make([]int32, 0, len(members))
	for root := range members {
		roots = append(roots, root)
	}
	slices.Sort(roots)
	w := r.weigher
	var out []cluster.Edge
	for _, root := range roots {
		m := members[root]
		for i, a := range m {
			for _, b := range m[i+1:] {
				if r.inScope(a, b) {
					out = append(out, cluster.Edge{L: a, R: b, Weight: w.total(r.pattern(a, b), a, nil, nil)})
				}
			}
		}
	}
	return out
}

// clusterStats describes the clusters of two or more records.
func (r *run) clusterStats(res *Result, checks []cluster.Edge) []ClusterStat {
	cl := res.Cluster
	size := make([]int, res.Stats.Clusters)
	for _, c := range cl {
		size[c]++
	}
	index := make([]int32, len(size)) // cluster -> position in out, or -1
	var out []ClusterStat
	for c, s := range size {
		index[c] = -1
		if s >= 2 {
			index[c] = int32(len(out))
			out = append(out, ClusterStat{Cluster: int32(c), Size: s, MinWeight: math.Inf(1), WeakestLink: math.Inf(1)})
		}
	}
	threshold := float32(score.WeightOf(r.model.Threshold))
	see := func(l, rr int32, w float64, link bool) {
		if cl[l] != cl[rr] || index[cl[l]] < 0 {
			return
		}
		st := &out[index[cl[l]]]
		st.MinWeight = min(st.MinWeight, w)
		if link {
			st.Links++
			st.WeakestLink = min(st.WeakestLink, w)
		}
	}
	for i, p := range r.pairs {
		see(p.L, p.R, float64(r.total[i]), r.total[i] >= threshold)
	}
	for _, e := range checks {
		see(e.L, e.R, e.Weight, false)
	}
	for i := range out {
		st := &out[i]
		st.Density = float64(st.Links) / float64(st.Size*(st.Size-1)/2)
		if math.IsInf(st.WeakestLink, 1) {
			st.WeakestLink = math.NaN() // joined by always-match pairs only
		}
	}
	return out
}
