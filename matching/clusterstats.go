package matching

import (
	"math"

	"github.com/contoso/c360/matching/spec"
)

// ClusterStat describes a cluster of two or more records.
type ClusterStat struct {
	Cluster int32
	Size    int
	// Links counts the matched pairs inside the cluster, and Density is
	// Links over all Size·(Size-1)/2 pairs: 1 when every record linked to
	// every other, low for a chain.
	Links   int
	Density float64
	// MinWeight is the lowest weight of a candidate pair inside the
	// cluster, and WeakestLink the lowest weight of a link that holds the
	// cluster together.
	MinWeight, WeakestLink float64
}

// clusterStats describes the clusters of two or more records, from the
// kept pairs in res.Pairs and the candidates below the review floor inside
// them that below yields (it may yield kept pairs too: they are passed
// over).
func clusterStats(m *spec.Model, res *Result, below below) ([]ClusterStat, error) {
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
	see := func(l, r int32, w float64, link bool) {
		if cl[l] != cl[r] || index[cl[l]] < 0 {
			return
		}
		st := &out[index[cl[l]]]
		st.MinWeight = min(st.MinWeight, w)
		if link {
			st.Links++
			st.WeakestLink = min(st.WeakestLink, w)
		}
	}
	for _, p := range res.Pairs {
		see(p.L, p.R, p.Weight, p.Matched)
	}
	floor := newCutoffs(m)
	want := func(l, r int32) bool { return cl[l] == cl[r] && index[cl[l]] >= 0 }
	err := below(want, func(c Candidate) {
		if !floor.kept(c.Weight) {
			see(c.L, c.R, float64(c.Weight), false)
		}
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		st := &out[i]
		st.Density = float64(st.Links) / float64(st.Size*(st.Size-1)/2)
		if math.IsInf(st.WeakestLink, 1) {
			st.WeakestLink = math.NaN() // joined by always-match pairs only
		}
		if math.IsInf(st.MinWeight, 1) {
			st.MinWeight = math.NaN()
		}
	}
	return out, nil
}
