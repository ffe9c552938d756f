package matching

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/score"
)

// The candidate pairs are never held: the block index produces them in
// batches (block.Index.Each), as often as needed. Three passes go over
// them: compare (the patterns training learns from, and the pairs each
// record is in), score (every pair weighed, those at the review floor
// kept), and, while clustering, the pairs inside clusters, weighed again.

// compare compares the candidate pairs training learns from, all of them or
// a seeded uniform sample of the model's max_pairs (so a rerun tallies the
// same patterns), and counts the pairs each record is in.
func (r *run) compare(st *Stats) error {
	n := r.index.Len()
	picks := newPicks(n, r.model.Training.MaxPairs, r.model.Training.Seed)
	patterns := make([]score.Pattern, len(picks.at))
	per := make([][]int32, r.workers) // pairs per record, counted by each worker
	add, done := r.track("compare", n, "pairs")
	defer done()
	err := r.index.Each(r.ctx, r.workers, func(w int, b block.Batch) {
		if per[w] == nil {
			per[w] = make([]int32, r.table.Len())
		}
		count := per[w]
		for _, p := range b.Pairs {
			count[p.L]++
			count[p.R]++
		}
		end := b.First + int64(len(b.Pairs))
		lo, _ := slices.BinarySearch(picks.at, b.First)
		for j := lo; j < len(picks.at) && picks.at[j] < end; j++ {
			p := b.Pairs[picks.at[j]-b.First]
			patterns[picks.pos[j]] = r.pattern(p.L, p.R)
		}
		add(int64(len(b.Pairs)))
	})
	if err != nil {
		return err
	}
	total := per[0]
	for _, c := range per[1:] {
		if total == nil {
			total = c
			continue
		}
		for i, v := range c {
			total[i] += v
		}
	}
	if total == nil {
		total = make([]int32, r.table.Len())
	}
	st.Spread = spreadOf(total)
	r.sample = score.Tally(patterns)
	return nil
}

// picks are the candidate pairs a training sample takes, by their position
// among all the pairs: at in ascending order, and pos[j] the place of
// at[j] in the sample. A pair may be picked more than once.
type picks struct {
	at  []int64
	pos []int32
}

// newPicks picks every one of n pairs when n is within limit, or else
// limit pairs uniformly at random, seeded.
func newPicks(n int64, limit int, seed uint64) picks {
	var p picks
	if n <= int64(limit) {
		p.at, p.pos = make([]int64, n), make([]int32, n)
		for i := range p.at {
			p.at[i], p.pos[i] = int64(i), int32(i)
		}
		return p
	}
	rng := rand.New(rand.NewPCG(seed, 2))
	type pick struct {
		at  int64
		pos int32
	}
	all := make([]pick, limit)
	for i := range all {
		all[i] = pick{int64(rng.IntN(int(n))), int32(i)}
	}
	slices.SortFunc(all, func(a, b pick) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.pos, b.pos)) })
	p.at, p.pos = make([]int64, limit), make([]int32, limit)
	for i, k := range all {
		p.at[i], p.pos[i] = k.at, k.pos
	}
	return p
}

// score weighs every candidate pair and keeps those at or above the review
// floor, with their evidence, in the order of the pairs. Most pairs are
// settled by a screen after a few comparisons (see screen); the pairs it
// lets through are weighed in full.
func (r *run) score(res *Result) error {
	w := newWeigher(r.comps, r.params)
	cut := newCutoffs(r.model)
	sc := newScreen(r.comps, w, cut.floor, r.sample, levelCosts(r.comps, r.index.Sample(4096)))
	nc := len(r.comps)
	kept := make([][]Pair, r.index.Batches())
	add, done := r.track("score", r.index.Len(), "pairs")
	defer done()
	type found struct {
		at int
		t  float32
		p  score.Pattern
	}
	scratch := make([][]found, r.workers)
	err := r.index.Each(r.ctx, r.workers, func(wk int, b block.Batch) {
		hits := scratch[wk][:0]
		for j, p := range b.Pairs {
			pat, ok := sc.pattern(r.comps, p.L, p.R)
			if !ok {
				continue
			}
			if t := float32(w.total(pat, p.L, nil, nil)); cut.kept(t) {
				hits = append(hits, found{j, t, pat})
			}
		}
		scratch[wk] = hits
		if len(hits) > 0 {
			out := make([]Pair, len(hits))
			levels := make([]int8, len(hits)*nc)
			weights := make([]float32, len(hits)*nc)
			for i, h := range hits {
				q := cut.pair(b.Pairs[h.at], h.t, b.Rule)
				q.Levels, q.Weights = levels[i*nc:(i+1)*nc:(i+1)*nc], weights[i*nc:(i+1)*nc:(i+1)*nc]
				w.total(h.p, q.L, q.Levels, q.Weights)
				out[i] = q
			}
			kept[b.Seq] = out
		}
		add(int64(len(b.Pairs)))
	})
	if err != nil {
		return err
	}
	all := 0
	for _, k := range kept {
		all += len(k)
	}
	res.Pairs = make([]Pair, 0, all)
	for _, k := range kept {
		res.Pairs = append(res.Pairs, k...)
	}
	countKept(res, r.model)
	return nil
}

// below is how clustering sees the candidate pairs it does not hold: it
// calls yield for each pair for which want(l, r) is true, with its weight.
// want may be called from several goroutines at once; yield is called
// from one at a time.
type below func(want func(l, r int32) bool, yield func(Candidate)) error

// weighPairs returns a below that produces the pairs again and weighs those
// wanted.
func (r *run) weighPairs() below {
	return func(want func(l, r int32) bool, yield func(Candidate)) error {
		w := newWeigher(r.comps, r.params)
		var mu sync.Mutex
		bufs := make([][]Candidate, r.workers)
		return r.index.Each(r.ctx, r.workers, func(wk int, b block.Batch) {
			out := bufs[wk][:0]
			for _, p := range b.Pairs {
				if want(p.L, p.R) {
					t := float32(w.total(r.pattern(p.L, p.R), p.L, nil, nil))
					out = append(out, Candidate{L: p.L, R: p.R, Weight: t})
				}
			}
			bufs[wk] = out
			if len(out) == 0 {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, c := range out {
				yield(c)
			}
		})
	}
}
