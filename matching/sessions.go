package matching

import (
	"math/rand/v2"
	"slices"

	"github.com/contoso/c360/matching/internal/radix"
	"github.com/contoso/c360/matching/score"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// sessions draws the pairs of each training session (spec.Training): the
// record pairs in scope that agree on the session's keys, all of them or a
// uniform sample of limit, and tallies their level patterns.
func (r *run) sessions(limit int, seed uint64) ([]score.Session, error) {
	rules := r.model.Training.Sessions
	parts := newKeyParts(r.table, rules)
	out := make([]score.Session, len(rules))
	for i, rule := range rules {
		keys, err := parts.rule(rule)
		if err != nil {
			return nil, err
		}
		pairs, total, skipped := r.sessionPairs(keys, limit, rand.New(rand.NewPCG(seed, 10+uint64(i))))
		patterns := make([]score.Pattern, len(pairs))
		err = r.parallel(len(pairs), func(lo, hi int) {
			for j := lo; j < hi; j++ {
				patterns[j] = r.pattern(pairs[j][0], pairs[j][1])
			}
		})
		if err != nil {
			return nil, err
		}
		out[i] = score.Session{Name: rule.Name, Fixed: r.involved(rule), Sample: score.Tally(patterns),
			Pairs: total, SkippedBlocks: skipped}
	}
	return out, nil
}

// involved marks the comparisons that test an attribute the rule's keys
// are made of.
func (r *run) involved(rule spec.BlockingRule) []bool {
	var attrs []transform.Attr
	for _, k := range rule.Keys {
		attr, _, _ := spec.ParseKey(k)
		if attr == spec.NameKey {
			attrs = append(attrs, transform.GivenName, transform.Surname)
			continue
		}
		attrs = append(attrs, transform.Attr(attr))
	}
	out := make([]bool, len(r.comps))
	for k, c := range r.model.Comparisons {
		for l := range c.Levels {
			if slices.Contains(attrs, c.LevelAttr(l)) {
				out[k] = true
			}
		}
	}
	return out
}

// sessionPairs returns the pairs in scope of records with equal keys (0 is
// no key): every one when there are at most limit, else limit drawn
// uniformly, with replacement. total is the number of such pairs (for a
// sample, as estimated from it). Blocks of more than the model's
// MaxBlockSize records are skipped (and counted): a name that a thousand
// strangers share holds one person's records among half a million pairs
// of strangers, too few for EM to find, and enough to swamp the sample.
func (r *run) sessionPairs(keys []uint64, limit int, rng *rand.Rand) (pairs [][2]int32, total int64, skipped int) {
	order := radix.Order(keys)
	type block struct{ start, end int32 }
	var blocks []block
	var cum []int64 // pairs in blocks[0..i]
	all := int64(0)
	for s := 0; s < len(order); {
		e := s + 1
		for e < len(order) && keys[order[e]] == keys[order[s]] {
			e++
		}
		if n := int64(e - s); keys[order[s]] != 0 && n > int64(r.model.MaxBlockSize) {
			skipped++
		} else if keys[order[s]] != 0 && n > 1 {
			all += n * (n - 1) / 2
			blocks = append(blocks, block{int32(s), int32(e)})
			cum = append(cum, all)
		}
		s = e
	}
	if all <= int64(limit) {
		for _, b := range blocks {
			for i := b.start; i < b.end; i++ {
				for j := i + 1; j < b.end; j++ {
					if l, rr := order[i], order[j]; r.inScope(l, rr) {
						pairs = append(pairs, [2]int32{min(l, rr), max(l, rr)})
					}
				}
			}
		}
		return pairs, int64(len(pairs)), skipped
	}
	draws := 0
	for range limit {
		draws++
		x := rng.Int64N(all)
		b := blocks[sort64(cum, x)]
		n := int(b.end - b.start)
		i := rng.IntN(n)
		j := rng.IntN(n - 1)
		if j >= i {
			j++
		}
		if l, rr := order[int(b.start)+i], order[int(b.start)+j]; r.inScope(l, rr) {
			pairs = append(pairs, [2]int32{min(l, rr), max(l, rr)})
		}
	}
	return pairs, all * int64(len(pairs)) / int64(draws), skipped
}

// sort64 returns the index of the first element of the increasing cum
// that is greater than x.
func sort64(cum []int64, x int64) int {
	i, _ := slices.BinarySearch(cum, x+1)
	return i
}

// inScope reports whether records l and rr may match in the run's mode.
func (r *run) inScope(l, rr int32) bool {
	return r.mode.scope().Allows(r.table.Source[l], r.table.Source[rr])
}
