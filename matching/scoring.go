package matching

import (
	"cmp"
	"math"
	"slices"

	"github.com/contoso/c360/matching/block"

	"github.com/contoso/c360/matching/cluster"
	"github.com/contoso/c360/matching/compare"
	"github.com/contoso/c360/matching/score"
	"github.com/contoso/c360/matching/spec"
)

// weigher turns a pair's levels into weights with the trained parameters.
type weigher struct {
	prior   float64
	weights [][]float32       // [comparison][level]
	tfLevel []int8            // per comparison: the TF-adjusted level, or -1
	tf      [][]float32       // per comparison: adjustment by value id
	tfCol   []*compare.Column // per comparison: the TF column, or nil

	// household is the index of the household comparison, or -1 when the
	// model has none or the data showed no households; hprior and hweights
	// are the household prior weight and log2(H/U) by [comparison][level]
	// (nil rows for comparisons not shared).
	household int
	hprior    float64
	hweights  [][]float32
	softplus  *softplusTable
}

// householdLevel and noHouseholdLevel are the level indexes of the
// household comparison (spec.Household, then spec.Else).
const householdLevel, noHouseholdLevel = 0, 1

func newWeigher(comps []*compare.Comparator, p *score.Params) *weigher {
	w := &weigher{prior: p.PriorWeight(), household: -1}
	for k, c := range comps {
		row := make([]float32, len(p.Comparisons[k].Levels))
		var hrow []float32
		if (c.Spec.Shared || c.Spec.HouseholdFixed()) && p.Households() {
			hrow = make([]float32, len(row))
		}
		for l := range row {
			row[l] = float32(p.Weight(k, int8(l)))
			if hrow != nil {
				hrow[l] = float32(p.HouseholdWeight(k, int8(l)))
			}
		}
		w.weights = append(w.weights, row)
		w.hweights = append(w.hweights, hrow)
		w.tfLevel = append(w.tfLevel, c.TFLevel())
		var adj []float32
		col := c.TFColumn()
		if col != nil {
			adj = score.TFAdjustments(col.Count)
		}
		w.tf = append(w.tf, adj)
		w.tfCol = append(w.tfCol, col)
		if c.Household() && p.Households() {
			w.household, w.hprior, w.softplus = k, p.HouseholdPriorWeight(), newSoftplusTable()
		}
	}
	return w
}

// contribution is the weight comparison k adds at level lv for record l0
// (the household comparison excepted).
func (w *weigher) contribution(k int, lv int8, l0 int32) float32 {
	v := w.weights[k][lv]
	if lv == w.tfLevel[k] {
		v += w.tf[k][w.tfCol[k].ID(l0)]
	}
	return v
}

// householdTerm returns the weight the household comparison adds to a
// pair with pattern p, and its level.
func (w *weigher) householdTerm(p score.Pattern, l0 int32) (float32, int8) {
	h := w.hprior
	for k, row := range w.hweights {
		if row == nil {
			continue
		}
		lv := p.Level(k)
		v := row[lv]
		if v != 0 && lv == w.tfLevel[k] {
			v += w.tf[k][w.tfCol[k].ID(l0)]
		}
		h += float64(v)
	}
	if h < -60 {
		return 0, noHouseholdLevel // below 2^-60 bits: nothing to weigh
	}
	lv := int8(noHouseholdLevel)
	if h >= 0 { // at least as likely two people of one household as two strangers
		lv = householdLevel
	}
	return float32(-w.softplus.at(h)), lv
}

// softplusTable evaluates log2(1 + 2^h), the household term's magnitude
// (score.HouseholdTerm), from a table with linear interpolation: within
// 1e-5 bits, about the float32 rounding of a weight, at a tenth of the
// cost of an exponential and a logarithm per pair.
type softplusTable [softplusRange*softplusSteps + 1]float64

const softplusRange, softplusSteps = 64, 64 // |h| up to 64 bits, 1/64 bit apart

func newSoftplusTable() *softplusTable {
	var t softplusTable
	for i := range t {
		t[i] = -score.HouseholdTerm(-float64(i) / softplusSteps) // log2(1 + 2^-x)
	}
	return &t
}

// at returns log2(1 + 2^h) = max(h, 0) + log2(1 + 2^-|h|).
func (t *softplusTable) at(h float64) float64 {
	x := math.Abs(h) * softplusSteps
	g := 0.0 // log2(1 + 2^-64) is below 1e-19
	if x < softplusRange*softplusSteps {
		i := int(x)
		g = t[i] + (t[i+1]-t[i])*(x-float64(i))
	}
	return max(h, 0) + g
}

// total returns the match weight of a pair with pattern p whose left
// record is l0. When weights is not nil it also fills in each
// comparison's contribution, and levels each comparison's level; the
// total is their sum plus the prior.
func (w *weigher) total(p score.Pattern, l0 int32, levels []int8, weights []float32) float64 {
	s := w.prior
	for k := range w.weights {
		lv := p.Level(k)
		var v float32
		if k == w.household {
			v, lv = w.householdTerm(p, l0)
		} else {
			v = w.contribution(k, lv, l0)
		}
		if weights != nil {
			levels[k], weights[k] = lv, v
		}
		s += float64(v)
	}
	return s
}

// cutoffs are the model's review floor and threshold as weights.
type cutoffs struct{ floor, threshold float64 }

func newCutoffs(m *spec.Model) cutoffs {
	return cutoffs{floor: score.WeightOf(m.ReviewFloor), threshold: score.WeightOf(m.Threshold)}
}

// kept reports whether a pair of total weight t reaches the review floor.
func (c cutoffs) kept(t float32) bool { return float64(t) >= c.floor }

// pair returns the kept pair p of total weight t found by rule, without
// its evidence.
func (c cutoffs) pair(p block.Pair, t float32, rule uint8) Pair {
	return Pair{L: p.L, R: p.R, Weight: float64(t), Prob: score.Probability(float64(t)),
		Matched: float64(t) >= c.threshold, Rule: rule}
}

// countKept fills in the kept and matched counts of res from its pairs.
func countKept(res *Result, m *spec.Model) {
	res.Stats.Kept, res.Stats.Matched = len(res.Pairs), 0
	for _, p := range res.Pairs {
		if p.Matched {
			res.Stats.Matched++
		}
	}
	res.Stats.Rules = ruleOutcomes(m, res)
}

// cluster joins matched pairs into customers.
func (r *run) cluster(res *Result) error {
	return clusterPairs(r.table.Len(), r.model, res, r.weighPairs(), r.never, r.always)
}

// Candidate is a scored candidate pair with only its total weight: how an
// engine that scores elsewhere returns the pairs below the review floor,
// which count as evidence in average linkage.
type Candidate struct {
	L, R   int32
	Weight float32
}

// clusterPairs clusters n records from the matched pairs in res.Pairs and
// fills in res.Cluster, res.Capped and the clustering statistics. below
// gives the candidate pairs it wants (it may include pairs at or above the
// threshold: they are passed over), the evidence for average linkage.
// Links and evidence go to clustering in (L, R) order, so the result does
// not depend on the order in which an engine found the pairs.
func clusterPairs(n int, m *spec.Model, res *Result, below below, never, always []cluster.Link) error {
	var links []cluster.Edge
	for _, p := range res.Pairs {
		if p.Matched {
			links = append(links, cluster.Edge{L: p.L, R: p.R, Weight: p.Weight})
		}
	}
	byPair := func(a, b cluster.Edge) int { return cmp.Or(cmp.Compare(a.L, b.L), cmp.Compare(a.R, b.R)) }
	slices.SortFunc(links, byPair)
	opts := cluster.Options{MaxSize: m.MaxClusterSize, Never: never, Always: always}
	if m.AverageLinkage || m.MinPairWeight < 0 {
		ev, err := evidence(n, m, links, always, below)
		if err != nil {
			return err
		}
		slices.SortFunc(ev, byPair)
		opts.Evidence = ev
	}
	if m.AverageLinkage {
		opts.MinLinkage = m.Threshold
	}
	if m.MinPairWeight < 0 {
		opts.MinPairWeight = m.MinPairWeight
	}
	cr, err := cluster.Components(n, links, opts)
	if err != nil {
		return err
	}
	res.Cluster, res.Capped = cr.Cluster, cr.Capped
	res.Stats.Clusters = cr.Count
	res.Stats.CutLinks = cr.Cut
	res.Stats.LinkageCuts = cr.CutByLinkage
	res.Stats.ContradictionCuts = cr.CutByContradiction
	res.Clusters, err = clusterStats(m, res, below)
	return err
}

// evidence returns the candidate pairs below the threshold whose records
// fall in one component of three or more records: the only pairs that
// average linkage and the contradiction guard can use.
func evidence(n int, m *spec.Model, links []cluster.Edge, always []cluster.Link, below below) ([]cluster.Edge, error) {
	plain := cluster.Plain(n, links, always)
	// Each record's component, or -1 when it is smaller than three, so
	// that want reads and never writes (Find compresses paths) and may run
	// on several goroutines.
	comp := make([]int32, n)
	for i := range comp {
		comp[i] = -1
		if plain.Size(int32(i)) >= 3 {
			comp[i] = plain.Find(int32(i))
		}
	}
	want := func(l, r int32) bool { return comp[l] >= 0 && comp[l] == comp[r] }
	threshold := float32(score.WeightOf(m.Threshold))
	var out []cluster.Edge
	err := below(want, func(c Candidate) {
		if c.Weight < threshold {
			out = append(out, cluster.Edge{L: c.L, R: c.R, Weight: float64(c.Weight)})
		}
	})
	return out, err
}
