package matching

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/cluster"
	"github.com/contoso/c360/matching/score"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// Plan is Match stopped after training, for an engine that generates,
// compares and scores the candidate pairs elsewhere (the Beam pipeline in
// cmd/c360-beam): it holds what that engine needs to score the pairs as
// Match would (the model, the mode, the trained parameters and the blocks
// blocking skipped), and what Finish needs to cluster the pairs it returns.
// The exported fields round-trip as JSON.
type Plan struct {
	Model  *spec.Model  `json:"model"`
	Mode   Mode         `json:"mode"`
	Params score.Params `json:"params"`
	// Skipped lists the blocks that in-process blocking skipped, over
	// MaxBlockSize or over the pair budget. The other engine skips them
	// too, so that both compare the same pairs.
	Skipped []block.SkippedBlock `json:"skipped"`
	// Candidates is the number of candidate pairs blocking found: the
	// number of pairs the other engine must return (kept and below).
	Candidates int64 `json:"candidates"`
	// Records is the number of people the plan was trained on.
	Records int `json:"records"`

	stats         Stats
	forced        []Forced
	never, always []cluster.Link
}

// Train runs Match's steps up to training (prepare, block, train on the
// same sample of candidate pairs, compared here) and returns the plan for
// scoring elsewhere. It holds no candidate pairs: only the blocks they come
// from while it runs, and the patterns of the pairs training samples.
func Train(ctx context.Context, people []transform.Person, opts Options) (*Plan, error) {
	r, res, err := trainRun(ctx, people, opts)
	if err != nil {
		return nil, err
	}
	return &Plan{
		Model: r.model, Mode: r.mode, Params: res.Params, Skipped: r.skipped,
		Candidates: r.index.Len(), Records: len(people),
		stats: res.Stats, forced: res.Forced, never: r.never, always: r.always,
	}, nil
}

// Finish clusters the pairs another engine scored by the plan, as Match
// clusters its own: kept holds the pairs at or above the review floor with
// their evidence, and below calls yield for the candidate pairs under the
// floor (it may be a pass over a file, so that they need not all be held).
// The result is what Match returns for the same records, except that its
// pairs are in (L, R) order.
func (p *Plan) Finish(ctx context.Context, kept []Pair, below func(yield func(Candidate)) error) (*Result, error) {
	n := p.Records
	if p.Model == nil || n == 0 || p.stats.Records != n {
		return nil, fmt.Errorf("matching: finish: the plan did not come from Train")
	}
	start := time.Now()
	res := &Result{Params: p.Params, Forced: p.forced, Stats: p.stats}
	cut := newCutoffs(p.Model)
	nc := len(p.Model.Comparisons)
	for i := range kept {
		q := &kept[i]
		switch {
		case q.L < 0 || q.L >= q.R || int(q.R) >= n:
			return nil, fmt.Errorf("matching: finish: pair %d-%d out of range for %d records", q.L, q.R, n)
		case int(q.Rule) >= len(p.Model.Blocking):
			return nil, fmt.Errorf("matching: finish: pair %d-%d has rule %d of %d", q.L, q.R, q.Rule, len(p.Model.Blocking))
		case len(q.Levels) != nc || len(q.Weights) != nc:
			return nil, fmt.Errorf("matching: finish: pair %d-%d has %d levels and %d weights, want %d", q.L, q.R, len(q.Levels), len(q.Weights), nc)
		case !cut.kept(float32(q.Weight)):
			return nil, fmt.Errorf("matching: finish: pair %d-%d weight %g is below the review floor", q.L, q.R, q.Weight)
		}
		scored := cut.pair(block.Pair{L: q.L, R: q.R}, float32(q.Weight), q.Rule)
		q.Prob, q.Matched = scored.Prob, scored.Matched
	}
	slices.SortFunc(kept, func(a, b Pair) int { return cmp.Or(cmp.Compare(a.L, b.L), cmp.Compare(a.R, b.R)) })
	res.Pairs = kept
	countKept(res, p.Model)
	// Clustering may pass over the pairs more than once; the first pass
	// counts them.
	seen, passes := int64(len(kept)), 0
	all := func(want func(l, r int32) bool, yield func(Candidate)) error {
		passes++
		first := passes == 1
		for _, q := range kept {
			if want(q.L, q.R) {
				yield(Candidate{L: q.L, R: q.R, Weight: float32(q.Weight)})
			}
		}
		return below(func(c Candidate) {
			if first {
				seen++
			}
			if want(c.L, c.R) {
				yield(c)
			}
		})
	}
	if err := clusterPairs(n, p.Model, res, all, p.never, p.always); err != nil {
		return nil, err
	}
	if seen != p.Candidates {
		return nil, fmt.Errorf("matching: finish: %d pairs returned, blocking found %d candidate pairs", seen, p.Candidates)
	}
	res.Stats.Timings.Cluster = time.Since(start)
	return res, ctx.Err()
}
