package main

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/pipeline/handoff"
)

// The pipeline, one stage per step of the in-process engine:
//
//	shards of record indexes
//	  ──> keysFn:   (rule:key, record) for each record's key under each rule
//	  ──> GroupByKey: one block per rule and key
//	  ──> pairsFn:  the block's candidate pairs (a pair goes to the first rule
//	                that blocks it), or the block as skipped when over the cap
//	                or dropped by the plan's pair budget
//	  ──> Reshuffle: a large block's pairs spread over the workers
//	  ──> scoreFn:  levels and weights with the plan's trained parameters
//	  ──> kept.tsv (at or above the review floor), below.tsv, skipped.tsv

func init() {
	register.DoFn3x1[context.Context, int, func(string, int32), error](&keysFn{})
	register.DoFn5x1[context.Context, string, func(*int32) bool, func(candidate), func(string), error](&pairsFn{})
	register.DoFn4x1[context.Context, candidate, func(string), func(string), error](&scoreFn{})
	register.Emitter2[string, int32]()
	register.Emitter1[candidate]()
	register.Emitter1[string]()
	register.Iter1[int32]()
	beam.RegisterType(reflect.TypeOf((*candidate)(nil)).Elem())
}

// candidate is a candidate pair of records, L < R, found by Rule.
type candidate struct {
	L, R int32
	Rule uint8
}

// buildPipeline adds the matching stage to s: it reads the hand-off folder
// in (people and plan), and writes the handoff files of the scored pairs
// to out. records is the number of people, shard the records a keysFn
// call handles.
func buildPipeline(s beam.Scope, in, out string, records, shard int) {
	var starts []int
	for lo := 0; lo < records; lo += shard {
		starts = append(starts, lo)
	}
	shards := beam.CreateList(s, starts)
	keyed := beam.ParDo(s.Scope("keys"), &keysFn{Dir: in, Shard: shard}, shards)
	blocks := beam.GroupByKey(s.Scope("blocks"), keyed)
	pairs, skipped := beam.ParDo2(s.Scope("pairs"), &pairsFn{Dir: in}, blocks)
	spread := beam.Reshuffle(s.Scope("spread"), pairs)
	kept, below := beam.ParDo2(s.Scope("score"), &scoreFn{Dir: in}, spread)
	textio.Write(s.Scope("write kept"), join(out, handoff.KeptFile), kept)
	textio.Write(s.Scope("write below"), join(out, handoff.BelowFile), below)
	textio.Write(s.Scope("write skipped"), join(out, handoff.SkippedFile), skipped)
}

// blockName names a block as "rule:key", the GroupByKey key.
func blockName(rule int, key uint64) string {
	return strconv.Itoa(rule) + ":" + strconv.FormatUint(key, 10)
}

func parseBlockName(name string) (matching.BlockKey, error) {
	r, k, ok := strings.Cut(name, ":")
	rule, err1 := strconv.Atoi(r)
	key, err2 := strconv.ParseUint(k, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return matching.BlockKey{}, fmt.Errorf("bad block name %q", name)
	}
	return matching.BlockKey{Rule: rule, Key: key}, nil
}

// keysFn emits each record of a shard under the key of each rule it has
// a key for.
type keysFn struct {
	Dir   string `json:"dir"`
	Shard int    `json:"shard"`
}

func (f *keysFn) ProcessElement(ctx context.Context, lo int, emit func(string, int32)) error {
	sc, err := scorers.get(ctx, f.Dir)
	if err != nil {
		return err
	}
	for rec := int32(lo); int(rec) < min(lo+f.Shard, sc.Len()); rec++ {
		for rule := range sc.Rules() {
			if k := sc.Key(rule, rec); k != 0 {
				emit(blockName(rule, k), rec)
			}
		}
	}
	return nil
}

// pairsFn turns one block into its candidate pairs. It holds at most
// MaxBlockSize+1 members: a larger block is only counted, however skewed,
// and reported as skipped.
type pairsFn struct {
	Dir string `json:"dir"`
}

func (f *pairsFn) ProcessElement(ctx context.Context, name string, members func(*int32) bool, emit func(candidate), skip func(string)) error {
	sc, err := scorers.get(ctx, f.Dir)
	if err != nil {
		return err
	}
	b, err := parseBlockName(name)
	if err != nil {
		return err
	}
	limit := sc.MaxBlockSize()
	var m []int32
	var size int64
	var rec int32
	for members(&rec) {
		size++
		if int(size) <= limit+1 {
			m = append(m, rec)
		}
	}
	if size < 2 {
		return nil
	}
	if block.TooLarge(int(size), limit) || sc.Skipped(b) {
		skip(handoff.SkippedLine(handoff.Skipped{Rule: b.Rule, Key: b.Key, Size: size}))
		return nil
	}
	slices.Sort(m)
	for x, l := range m {
		for _, r := range m[x+1:] {
			if sc.Candidate(b.Rule, l, r) {
				emit(candidate{L: l, R: r, Rule: uint8(b.Rule)})
			}
		}
	}
	return nil
}

// scoreFn compares and weighs a candidate pair.
type scoreFn struct {
	Dir string `json:"dir"`
}

func (f *scoreFn) ProcessElement(ctx context.Context, c candidate, kept, below func(string)) error {
	sc, err := scorers.get(ctx, f.Dir)
	if err != nil {
		return err
	}
	if p, w, ok := sc.Score(c.L, c.R, c.Rule); ok {
		kept(handoff.KeptLine(p))
	} else {
		below(handoff.BelowLine(w))
	}
	return nil
}
