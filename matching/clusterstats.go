package matching

import (
	"github.com/contoso/c360/matching/score"
	"math"
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

// clusterStats describes the clusters of two or more records.
func (r *run) clusterStats(res *Result) []ClusterStat {
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
	for i := range out {
		st := &out[i]
		st.Density = float64(st.Links) / float64(st.Size*(st.Size-1)/2)
		if math.IsInf(st.WeakestLink, 1) {
			st.WeakestLink = math.NaN() // joined by always-match pairs only
		}
	}
	return out
}
