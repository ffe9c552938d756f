package matching

import (
	"github.com/contoso/c360/matching/cluster"
	"github.com/contoso/c360/matching/score"
)

// weigher turns a pair's levels into weights with the trained parameters.
type weigher struct {
	prior   float64
	weights [][]float32 // [comparison][level]
	tfLevel []int8      // per comparison: the TF-adjusted level, or -1
	tf      [][]float32 // per comparison: adjustment by value id
	ids     [][]uint32  // per comparison: value id by record in the TF column
}

func (r *run) newWeigher() *weigher {
	w := &weigher{prior: r.params.PriorWeight()}
	for k, c := range r.comps {
		row := make([]float32, len(r.params.Comparisons[k].Levels))
		for l := range row {
			row[l] = float32(r.params.Weight(k, int8(l)))
		}
		w.weights = append(w.weights, row)
		w.tfLevel = append(w.tfLevel, c.TFLevel())
		var adj []float32
		var ids []uint32
		if col := c.TFColumn(); col != nil {
			adj, ids = score.TFAdjustments(col.Count), col.ID
		}
		w.tf = append(w.tf, adj)
		w.ids = append(w.ids, ids)
	}
	return w
}

// contribution is the weight comparison k adds at level l for record l0.
func (w *weigher) contribution(k int, lv int8, l0 int32) float32 {
	v := w.weights[k][lv]
	if lv == w.tfLevel[k] {
		v += w.tf[k][w.ids[k][l0]]
	}
	return v
}

func (w *weigher) total(p score.Pattern, l0 int32) float64 {
	s := w.prior
	for k := range w.weights {
		s += float64(w.contribution(k, p.Level(k), l0))
	}
	return s
}

// score weighs every candidate pair and keeps those at or above the review
// floor, with their evidence.
func (r *run) score(res *Result) error {
	w := r.newWeigher()
	floor := score.WeightOf(r.model.ReviewFloor)
	threshold := score.WeightOf(r.model.Threshold)
	total := make([]float32, len(r.pairs))
	r.total = total
	err := r.parallel(len(r.pairs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			total[i] = float32(w.total(r.patterns[i], r.pairs[i].L))
		}
	})
	if err != nil {
		return err
	}
	kept := 0
	for _, t := range total {
		if float64(t) >= floor {
			kept++
		}
	}
	nc := len(r.comps)
	levels := make([]int8, kept*nc)
	weights := make([]float32, kept*nc)
	res.Pairs = make([]Pair, 0, kept)
	for i, t := range total {
		if float64(t) < floor {
			continue
		}
		j := len(res.Pairs)
		p := Pair{
			L: r.pairs[i].L, R: r.pairs[i].R, Weight: float64(t), Prob: score.Probability(float64(t)),
			Matched: float64(t) >= threshold, Rule: r.ruleOf[i],
			Levels: levels[j*nc : (j+1)*nc : (j+1)*nc], Weights: weights[j*nc : (j+1)*nc : (j+1)*nc],
		}
		for k := range nc {
			lv := r.patterns[i].Level(k)
			p.Levels[k] = lv
			p.Weights[k] = w.contribution(k, lv, p.L)
		}
		if p.Matched {
			res.Stats.Matched++
		}
		res.Pairs = append(res.Pairs, p)
	}
	res.Stats.Kept = kept
	return nil
}

// cluster joins matched pairs into customers.
func (r *run) cluster(res *Result, never, always []cluster.Link) error {
	var links []cluster.Edge
	for _, p := range res.Pairs {
		if p.Matched {
			links = append(links, cluster.Edge{L: p.L, R: p.R, Weight: p.Weight})
		}
	}
	opts := cluster.Options{MaxSize: r.model.MaxClusterSize, Never: never, Always: always}
	if r.model.AverageLinkage {
		opts.MinLinkage = r.model.Threshold
		opts.Evidence = r.evidence(links, always)
	}
	cr, err := cluster.Components(r.table.Len(), links, opts)
	if err != nil {
		return err
	}
	res.Cluster, res.Capped = cr.Cluster, cr.Capped
	res.Stats.Clusters = cr.Count
	res.Stats.CutLinks = cr.Cut
	res.Stats.LinkageCuts = cr.CutByLinkage
	return nil
}

// evidence returns the scored candidate pairs below the threshold whose
// records fall in one component of three or more records: the only pairs
// that average linkage can use.
func (r *run) evidence(links []cluster.Edge, always []cluster.Link) []cluster.Edge {
	plain := cluster.Plain(r.table.Len(), links, always)
	threshold := float32(score.WeightOf(r.model.Threshold))
	var out []cluster.Edge
	for i, p := range r.pairs {
		w := r.total[i]
		if w >= threshold || plain.Size(p.L) < 3 || plain.Find(p.L) != plain.Find(p.R) {
			continue
		}
		out = append(out, cluster.Edge{L: p.L, R: p.R, Weight: float64(w)})
	}
	return out
}
