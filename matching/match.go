// Package matching is the entity-resolution engine: it takes normalized
// person records from one or more sources and decides which describe the
// same customer. Match runs the whole flow: blocking (package block),
// comparison levels (compare), unsupervised Fellegi-Sunter training and
// scoring (score) and clustering (cluster). It does no I/O and never prints.
package matching

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/cluster"
	"github.com/contoso/c360/matching/compare"
	"github.com/contoso/c360/matching/internal/pool"
	"github.com/contoso/c360/matching/score"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/transform"
)

// Mode says which record pairs may match.
type Mode uint8

const (
	// LinkAndDedupe compares every pair: records of different sources and
	// duplicates within a source. The nightly pipeline runs this mode.
	LinkAndDedupe Mode = iota
	// LinkOnly compares only records of different sources.
	LinkOnly
	// DedupeOnly compares only records of the same source.
	DedupeOnly
)

// String returns the mode's name as written in configuration.
func (m Mode) String() string {
	switch m {
	case LinkAndDedupe:
		return "link_and_dedupe"
	case LinkOnly:
		return "link_only"
	case DedupeOnly:
		return "dedupe_only"
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

func (m Mode) scope() block.Scope {
	switch m {
	case LinkOnly:
		return block.Across
	case DedupeOnly:
		return block.Within
	}
	return block.All
}

// RefPair is a pair of records in an always- or never-match list, with the
// reason it is there (for example "declared cross-reference: loyalty.ContactId").
type RefPair struct {
	A, B   stableid.Ref
	Reason string
}

// Options configures Match.
type Options struct {
	// Model is the matching model; nil means spec.Default().
	Model *spec.Model
	Mode  Mode
	// Never and Always list record pairs that must stay apart or be joined.
	// Pairs naming records that are not in the input are ignored and counted
	// in Stats.UnknownRefs.
	Never, Always []RefPair
	// Workers is the number of goroutines; 0 means GOMAXPROCS.
	Workers int
	// Progress, when not nil, hears how far blocking, comparing and
	// scoring have got.
	Progress Progress
}

// Pair is a scored candidate pair kept because its probability reached the
// model's review floor. L and R index the input records, L < R.
type Pair struct {
	L, R int32
	// Weight is the total match weight in bits (prior included) and Prob
	// the match probability it gives.
	Weight, Prob float64
	// Matched is true when Prob reached the model's threshold, so the pair
	// was a link offered to clustering.
	Matched bool
	// Rule is the index of the blocking rule that found the pair.
	Rule uint8
	// Levels holds the level index of each comparison (the evidence), and
	// Weights the weight each contributed, term-frequency adjustment included.
	Levels  []int8
	Weights []float32
}

// Forced is an always- or never-match pair that was applied.
type Forced struct {
	L, R   int32
	Never  bool
	Reason string
}

// Result is the outcome of Match.
type Result struct {
	Pairs []Pair
	// Cluster holds each input record's cluster number (see cluster.Result).
	Cluster []int32
	// Capped lists the clusters split at the model's size cap.
	Capped []int32
	Forced []Forced
	// Clusters describes each cluster of two or more records.
	Clusters []ClusterStat
	Stats    Stats
	Params   score.Params
}

// ErrNoRecords is returned when there is nothing to match.
var ErrNoRecords = errors.New("matching: no records")

// Match scores and clusters people. The result refers to records by their
// index in people.
func Match(ctx context.Context, people []transform.Person, opts Options) (*Result, error) {
	p, err := Prepare(ctx, people, opts)
	if err != nil {
		return nil, err
	}
	return p.Match()
}

// Prepared is people made ready for matching: the comparable columns the
// model reads (a row of value ids per record, some 60 bytes, and each
// column's distinct values) and the always/never lists resolved. It keeps
// nothing of the people themselves: PrepareFrom never needs them all in
// memory, and after Prepare a caller short of memory can set them aside
// (see transform.AppendPerson) while Match runs.
type Prepared struct {
	r   *run
	res *Result
}

// Prepare builds what Match needs from people.
func Prepare(ctx context.Context, people []transform.Person, opts Options) (*Prepared, error) {
	each := func(yield func(*transform.Person) error) error {
		for i := range people {
			if err := yield(&people[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return PrepareFrom(ctx, len(people), each, opts)
}

// PrepareFrom is Prepare for n people that each passes to yield one at a
// time, in order, so that they need never all be in memory: the person
// yield receives is not kept after the call (pipeline reads them from its
// people files). An error from each or yield stops it.
func PrepareFrom(ctx context.Context, n int, each func(yield func(*transform.Person) error) error, opts Options) (*Prepared, error) {
	if n == 0 {
		return nil, ErrNoRecords
	}
	model := opts.Model
	if model == nil {
		model = spec.Default()
	}
	if err := model.Validate(); err != nil {
		return nil, fmt.Errorf("matching: %w", err)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	r := &run{ctx: ctx, model: model, mode: opts.Mode, workers: workers, progress: opts.Progress}
	res := &Result{}
	st := &res.Stats
	st.Records = n
	err := timed([]step{{&st.Timings.Prepare, func() (err error) {
		r.table, r.comps, err = r.prepare(n, each, opts, res)
		if err == nil {
			st.Sources = r.table.Sources
			st.Placeholders = r.table.Placeholders
		}
		return err
	}}})
	if err != nil {
		return nil, err
	}
	return &Prepared{r: r, res: res}, nil
}

// Match blocks, compares, trains, scores and clusters the prepared records.
// Call it once.
func (p *Prepared) Match() (*Result, error) {
	r, res := p.r, p.res
	p.r, p.res = nil, nil
	if r == nil {
		return nil, errors.New("matching: Prepared.Match called twice")
	}
	if err := r.trainSteps(res); err != nil {
		return nil, err
	}
	tm := &res.Stats.Timings
	err := timed([]step{
		{&tm.Score, func() error { return r.score(res) }},
		{&tm.Cluster, func() error {
			return r.whole("cluster", res.Stats.Records, "records", func() error { return r.cluster(res) })
		}},
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// trainRun runs Match's steps up to training: it prepares the comparable
// columns, blocks, compares the pairs training learns from and trains the
// model. The result holds the parameters and the statistics so far.
func trainRun(ctx context.Context, people []transform.Person, opts Options) (*run, *Result, error) {
	p, err := Prepare(ctx, people, opts)
	if err != nil {
		return nil, nil, err
	}
	if err := p.r.trainSteps(p.res); err != nil {
		return nil, nil, err
	}
	return p.r, p.res, nil
}

// trainSteps blocks, compares the pairs training learns from and trains
// the model into res.Params.
func (r *run) trainSteps(res *Result) error {
	st := &res.Stats
	tm := &st.Timings
	return timed([]step{
		{&tm.Block, func() error { return r.block(st) }},
		{&tm.Compare, func() error { return r.compare(st) }},
		{&tm.Train, func() error {
			params, err := r.train()
			if err == nil {
				res.Params = *params
			}
			return err
		}},
	})
}

// step is one timed step of Match.
type step struct {
	took *time.Duration
	do   func() error
}

// timed runs the steps in order, recording how long each took, and stops
// at the first error.
func timed(steps []step) error {
	for _, s := range steps {
		start := time.Now()
		if err := s.do(); err != nil {
			return err
		}
		*s.took = time.Since(start)
	}
	return nil
}

// prepare builds the comparable columns from the people each yields,
// compiles the comparisons and resolves the always/never lists into
// r.never and r.always.
func (r *run) prepare(n int, each func(yield func(*transform.Person) error) error, opts Options, res *Result) (*compare.Table, []*compare.Comparator, error) {
	add, done := r.track("prepare", int64(n), "records")
	defer done()
	b := compare.NewBuilder(n, tableOptions(r.model))
	refs := newRefIndex(opts)
	const every = 1 << 16
	i := int32(0)
	err := each(func(p *transform.Person) error {
		if err := b.Add(p); err != nil {
			return err
		}
		refs.see(i, p)
		if i++; i%every == 0 {
			add(every)
			return r.ctx.Err()
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("matching: prepare: %w", err)
	}
	add(int64(i % every))
	t, err := b.Table()
	if err != nil {
		return nil, nil, fmt.Errorf("matching: prepare: %w", err)
	}
	comps, err := compare.Compile(t, r.model.Comparisons)
	if err != nil {
		return nil, nil, fmt.Errorf("matching: %w", err)
	}
	r.never, r.always = refs.resolve(opts, res)
	return t, comps, nil
}

// tableOf builds the comparable columns of people and compiles the
// comparisons.
func tableOf(people []transform.Person, model *spec.Model) (*compare.Table, []*compare.Comparator, error) {
	b := compare.NewBuilder(len(people), tableOptions(model))
	for i := range people {
		if err := b.Add(&people[i]); err != nil {
			return nil, nil, fmt.Errorf("matching: %w", err)
		}
	}
	t, err := b.Table()
	if err != nil {
		return nil, nil, fmt.Errorf("matching: %w", err)
	}
	comps, err := compare.Compile(t, model.Comparisons)
	if err != nil {
		return nil, nil, fmt.Errorf("matching: %w", err)
	}
	return t, comps, nil
}

// tableOptions are the options of the model's comparable columns.
func tableOptions(model *spec.Model) compare.TableOptions {
	return compare.TableOptions{Nickname: transform.Nickname, Attrs: usedAttrs(model), Placeholders: model.Placeholders}
}

// usedAttrs lists the attributes the model's comparisons and blocking
// rules read.
func usedAttrs(model *spec.Model) []transform.Attr {
	var out []transform.Attr
	use := func(a transform.Attr) {
		if a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	for _, c := range model.Comparisons {
		for i := range c.Levels {
			use(c.LevelAttr(i))
		}
	}
	for _, r := range model.Blocking {
		for _, k := range r.Keys {
			attr, _, _ := spec.ParseKey(k)
			if attr == spec.NameKey {
				use(transform.GivenName)
				use(transform.Surname)
				continue
			}
			use(transform.Attr(attr))
		}
	}
	return out
}

// run holds the state of one Match call.
type run struct {
	ctx     context.Context
	model   *spec.Model
	mode    Mode
	workers int
	table   *compare.Table
	comps   []*compare.Comparator

	never, always []cluster.Link // resolved always/never-match pairs
	skipped       []block.SkippedBlock

	index    *block.Index // produces the candidate pairs, batch by batch
	sample   score.Sample // the patterns training learns from
	params   *score.Params
	progress Progress
}

// refIndex finds the records the always/never lists name. Only those
// records are indexed: an index of every record is some 1.5 GB at ten
// million persons, for lists that are usually short or empty.
type refIndex map[stableid.Ref]int32 // -1 until the record is seen

func newRefIndex(opts Options) refIndex {
	index := refIndex{}
	for _, list := range [][]RefPair{opts.Never, opts.Always} {
		for _, p := range list {
			index[p.A], index[p.B] = -1, -1
		}
	}
	return index
}

// see notes record i, p, if a list names it.
func (x refIndex) see(i int32, p *transform.Person) {
	if len(x) == 0 {
		return
	}
	ref := stableid.Ref{Source: p.Source, ID: p.ID}
	if _, ok := x[ref]; ok {
		x[ref] = i
	}
}

// resolve returns the lists' pairs as record indexes, and notes them in
// res.Forced and pairs of records never seen in res.Stats.UnknownRefs.
func (x refIndex) resolve(opts Options, res *Result) (never, always []cluster.Link) {
	resolve := func(list []RefPair, isNever bool) []cluster.Link {
		var out []cluster.Link
		for _, p := range list {
			a, b := x[p.A], x[p.B]
			if a < 0 || b < 0 || a == b {
				res.Stats.UnknownRefs++
				continue
			}
			out = append(out, cluster.Link{L: min(a, b), R: max(a, b)})
			res.Forced = append(res.Forced, Forced{L: min(a, b), R: max(a, b), Never: isNever, Reason: p.Reason})
		}
		return out
	}
	return resolve(opts.Never, true), resolve(opts.Always, false)
}

func (r *run) block(st *Stats) error {
	n := r.table.Len()
	rules := r.model.Blocking
	ix, err := block.NewIndex(n, len(rules), block.Options{
		Scope: r.mode.scope(), Source: r.table.Source,
		MaxBlockSize: r.model.MaxBlockSize, Workers: r.workers,
		MaxPairs: int64(r.model.MaxPairsPerRecord * float64(n)),
	})
	if err != nil {
		return fmt.Errorf("matching: %w", err)
	}
	// Each rule's keys are computed, grouped and dropped, a few at a time.
	parts := newKeyParts(r.table, rules)
	errs := make([]error, len(rules))
	add, done := r.track("block", int64(len(rules)), "rules")
	r.each(len(rules), func(i int) {
		keys, err := parts.rule(rules[i])
		if err == nil {
			err = ix.Add(i, block.Rule{Name: rules[i].Name, Keys: keys})
		}
		errs[i] = err
		add(1)
	})
	done()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	var bst block.Stats
	err = r.whole("block pairs", n, "records", func() (err error) {
		bst, err = ix.Count(r.ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("matching: %w", err)
	}
	r.index = ix
	r.skipped = ix.Skipped()
	st.Blocking = bst
	st.Candidates = ix.Len()
	st.PerRecord = float64(ix.Len()) / float64(n)
	return nil
}

// each calls f(i) for i in [0, n) on the workers.
func (r *run) each(n int, f func(i int)) { pool.Each(n, r.workers, f) }

func (r *run) pattern(l, rr int32) score.Pattern { return patternOf(r.comps, l, rr) }

// patternOf evaluates every comparison on the pair l, rr.
func patternOf(comps []*compare.Comparator, l, rr int32) score.Pattern {
	var p score.Pattern
	for k, c := range comps {
		p |= score.Pattern(c.Level(l, rr)&15) << (4 * k)
	}
	return p
}

// parallel splits [0, n) into chunks handled by the workers, and stops
// early when the context is cancelled.
func (r *run) parallel(n int, f func(lo, hi int)) error {
	if err := pool.Chunks(r.ctx, n, 1<<15, r.workers, f); err != nil {
		return fmt.Errorf("matching: %w", err)
	}
	return nil
}
