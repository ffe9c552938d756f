package matching

import (
	"math/rand/v2"

	"github.com/contoso/c360/matching/compare"
	"github.com/contoso/c360/matching/score"
	"github.com/contoso/c360/matching/spec"
)

// train estimates the model's parameters from the data alone.
func (r *run) train() (*score.Params, error) {
	tr := r.model.Training
	in := score.Inputs{
		Comparisons:    r.model.Comparisons,
		CandidatePairs: r.index.Len(),
		ScopePairs:     r.scopePairs(),
		Records:        r.table.Len(),
		ExactU:         make([]float64, len(r.comps)),
		MaxIterations:  tr.MaxIterations,
		Tolerance:      tr.Tolerance,
	}
	// Training's parts are counted as they end: random pairs, exact-match
	// u values, the candidates' sample, the sessions, and EM.
	add, done := r.track("train", trainSteps, "steps")
	defer done()
	var err error
	if in.Random, in.RandomPairs, err = r.randomLevels(tr.RandomPairs, tr.Seed); err != nil {
		return nil, err
	}
	add(1)
	for k, c := range r.comps {
		in.ExactU[k] = r.exactU(c)
	}
	add(1)
	in.Candidates = r.sample
	add(1)
	if in.Sessions, err = r.sessions(tr.SessionPairs, tr.Seed); err != nil {
		return nil, err
	}
	add(1)
	p, err := score.Train(r.ctx, in)
	if err != nil {
		return nil, err
	}
	add(1)
	r.params = p
	return p, nil
}

// trainSteps is the number of parts train reports.
const trainSteps = 5

// scopePairs counts the record pairs the mode allows.
func (r *run) scopePairs() float64 {
	n := float64(r.table.Len())
	perSource := make([]float64, len(r.table.Sources))
	for _, s := range r.table.Source {
		perSource[s]++
	}
	within := 0.0
	for _, c := range perSource {
		within += c * (c - 1) / 2
	}
	switch r.mode {
	case LinkOnly:
		return n*(n-1)/2 - within
	case DedupeOnly:
		return within
	}
	return n * (n - 1) / 2
}

// randomLevels counts the levels reached by random pairs in scope. The
// pairs are drawn from a seeded generator, then compared in parallel. When
// the scope has no pairs it returns zero counts.
func (r *run) randomLevels(want int, seed uint64) ([][]float64, int, error) {
	counts := make([][]float64, len(r.comps))
	for k, c := range r.comps {
		counts[k] = make([]float64, len(c.Spec.Levels))
	}
	n := r.table.Len()
	if r.scopePairs() < 1 {
		return counts, 0, nil
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	pick := r.pairPicker()
	pairs := make([]score.Pattern, 0, want) // reused: first the pair, then its pattern
	for range want {
		l := int32(rng.IntN(n))
		rr, ok := pick(rng, l)
		if !ok {
			continue
		}
		pairs = append(pairs, score.Pattern(uint64(uint32(l))<<32|uint64(uint32(rr))))
	}
	err := r.parallel(len(pairs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			l, rr := int32(pairs[i]>>32), int32(uint32(pairs[i]))
			pairs[i] = r.pattern(l, rr)
		}
	})
	if err != nil {
		return nil, 0, err
	}
	for _, p := range pairs {
		for k := range r.comps {
			counts[k][p.Level(k)]++
		}
	}
	return counts, len(pairs), nil
}

// pairPicker returns a function that draws a random partner in scope for
// record l (false when l has none). With two sources, drawing l from all
// records and its partner from the other source gives every cross pair the
// same chance.
func (r *run) pairPicker() func(*rand.Rand, int32) (int32, bool) {
	src := r.table.Source
	bySource := make([][]int32, len(r.table.Sources))
	for i, s := range src {
		bySource[s] = append(bySource[s], int32(i))
	}
	n := len(src)
	switch r.mode {
	case LinkOnly:
		return func(rng *rand.Rand, l int32) (int32, bool) {
			others := n - len(bySource[src[l]])
			if others == 0 {
				return 0, false
			}
			j := rng.IntN(others)
			for s, members := range bySource {
				if s == int(src[l]) {
					continue
				}
				if j < len(members) {
					return members[j], true
				}
				j -= len(members)
			}
			return 0, false
		}
	case DedupeOnly:
		return func(rng *rand.Rand, l int32) (int32, bool) {
			members := bySource[src[l]]
			if len(members) < 2 {
				return 0, false
			}
			for {
				if x := members[rng.IntN(len(members))]; x != l {
					return x, true
				}
			}
		}
	}
	return func(rng *rand.Rand, l int32) (int32, bool) {
		for {
			if x := int32(rng.IntN(n)); x != l {
				return x, true
			}
		}
	}
}

// exactU returns the probability that two random records in scope that
// both have a value for the comparison's attribute hold the same value,
// computed from the value counts per source; -1 when the comparison does
// not start with an exact level or nobody has a value.
func (r *run) exactU(c *compare.Comparator) float64 {
	first := -1
	for l, lv := range c.Spec.Levels {
		if lv.Kind != spec.Missing {
			first = l
			break
		}
	}
	if first < 0 || c.Spec.Levels[first].Kind != spec.Exact || !c.SingleAttribute() {
		return -1
	}
	col := c.Column()
	ns := len(r.table.Sources)
	perValue := make([]float64, len(col.Value)*ns) // [id*ns+source]
	perSource := make([]float64, ns)
	for i := range r.table.Len() {
		if id := col.ID(int32(i)); id != 0 {
			s := int(r.table.Source[i])
			perValue[int(id)*ns+s]++
			perSource[s]++
		}
	}
	var agreeAll, agreeWithin, pairsAll, pairsWithin float64
	total := 0.0
	for _, p := range perSource {
		total += p
		pairsWithin += p * (p - 1)
	}
	pairsAll = total * (total - 1)
	for id := 1; id < len(col.Value); id++ {
		v := 0.0
		for s := range ns {
			c := perValue[id*ns+s]
			v += c
			agreeWithin += c * (c - 1)
		}
		agreeAll += v * (v - 1)
	}
	var agree, pairs float64
	switch r.mode {
	case LinkOnly:
		agree, pairs = agreeAll-agreeWithin, pairsAll-pairsWithin
	case DedupeOnly:
		agree, pairs = agreeWithin, pairsWithin
	default:
		agree, pairs = agreeAll, pairsAll
	}
	if pairs <= 0 {
		return -1
	}
	return agree / pairs
}
