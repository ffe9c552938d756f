package block

import (
	"context"
	"errors"
	"fmt"

	"github.com/contoso/c360/matching/internal/pool"
)

// Batch is a run of candidate pairs, in the order Pairs returns them all:
// Pairs[i] is pair number First+i of that order, found by rule Rule.
type Batch struct {
	Seq   int   // the batch's place among the batches, from 0
	First int64 // the position of Pairs[0] among all the pairs
	Rule  uint8
	Pairs []Pair // valid only during the call that receives it
}

// batchPairs is about how many pairs a batch holds: enough that handing a
// batch to a worker costs little, few enough that a worker's buffer stays
// small (a block adds at most MaxBlockSize² / 2 pairs over it).
const batchPairs = 1 << 14

// span is the blocks [g0, g1) of one rule that make one batch.
type span struct {
	rule   uint8
	g0, g1 int32
	first  int64
	pairs  int32
	bit    int64 // the place of block g0's first pair in the rule's kept
}

// Count decides the candidate pairs without storing them: it drops blocks
// as Pairs does until the pairs fit the budget, and returns the
// statistics. After Count, Len says how many pairs there are and Each
// produces them, as often as needed.
func (ix *Index) Count(ctx context.Context) (Stats, error) {
	for i, ok := range ix.added {
		if !ok {
			return Stats{}, fmt.Errorf("block: rule %d was not added", i)
		}
	}
	workers := max(1, ix.opts.Workers)
	if ix.opts.MaxPairs > 0 {
		dropBySize(ix.rules, ix.opts.MaxPairs+ix.opts.MaxPairs/2)
	}
	found := newGroupTable(ix.n, ix.rules)
	dups := make([]int64, len(ix.rules))
	var total int64
	rounds := 0
	// Dropping a block changes the counts of its rule and of the rules
	// after it (pairs it found may now fall to them), never of the rules
	// before it.
	from := 0
	for {
		if err := ctx.Err(); err != nil {
			return Stats{}, fmt.Errorf("block: %w", err)
		}
		pool.Each(len(ix.rules)-from, workers, func(i int) { dups[from+i] = ix.count(found, from+i) })
		total = 0
		for i := range ix.rules {
			for _, e := range ix.rules[i].emitted {
				total += e
			}
		}
		if ix.opts.MaxPairs <= 0 || total <= ix.opts.MaxPairs {
			break
		}
		dropped := dropLargest(ix.rules, total-ix.opts.MaxPairs)
		if len(dropped) == 0 {
			break
		}
		found.clear(ix.rules, dropped)
		from = len(ix.rules)
		for _, d := range dropped {
			from = min(from, d.rule)
		}
		rounds++
	}
	if err := ctx.Err(); err != nil {
		return Stats{}, fmt.Errorf("block: %w", err)
	}
	ix.found, ix.total, ix.spans, ix.counted = found, total, ix.split(), true
	st := stats(ix.rules, dups)
	st.Pairs, st.BudgetRounds = total, rounds
	return st, nil
}

// split cuts the counted pairs into batches of whole blocks, each rule's
// after the previous rule's.
func (ix *Index) split() []span {
	var out []span
	var first int64
	for i := range ix.rules {
		b := &ix.rules[i]
		cur := span{rule: uint8(i), first: first}
		var bit int64 // pairs of the rule's unskipped blocks before g
		for g, e := range b.emitted {
			walk := int64(0)
			if !b.skip[g] {
				walk = b.groups[g].pairs()
			}
			if e == 0 {
				bit += walk
				continue
			}
			if cur.pairs == 0 {
				cur.g0, cur.bit = int32(g), bit
			}
			cur.g1, cur.pairs = int32(g)+1, cur.pairs+int32(e)
			first += e
			bit += walk
			if cur.pairs >= batchPairs {
				out = append(out, cur)
				cur = span{rule: uint8(i), first: first}
			}
		}
		if cur.pairs > 0 {
			out = append(out, cur)
		}
	}
	return out
}

// Len returns the number of candidate pairs Count found.
func (ix *Index) Len() int64 { return ix.total }

// Batches returns the number of batches Each produces.
func (ix *Index) Batches() int { return len(ix.spans) }

// ErrNotCounted is returned by Each before Count.
var ErrNotCounted = errors.New("block: Each called before Count")

// Each produces the candidate pairs Count found, in batches, on workers
// goroutines (at least one), and calls f(worker, batch) for each batch,
// where worker in [0, workers) names the goroutine. Batches come in no
// particular order; each says where it belongs. Each stops handing out
// batches when ctx is cancelled and returns its error then.
func (ix *Index) Each(ctx context.Context, workers int, f func(worker int, b Batch)) error {
	if !ix.counted {
		return ErrNotCounted
	}
	workers = max(1, workers)
	bufs := make([][]Pair, workers)
	err := pool.Workers(ctx, len(ix.spans), workers, func(w, i int) {
		s := ix.spans[i]
		if cap(bufs[w]) < int(s.pairs) {
			bufs[w] = make([]Pair, s.pairs)
		}
		out := bufs[w][:s.pairs]
		ix.emitSpan(s, out)
		f(w, Batch{Seq: i, First: s.first, Rule: s.rule, Pairs: out})
	})
	if err != nil {
		return fmt.Errorf("block: %w", err)
	}
	return nil
}

// emitSpan writes the pairs that count counted for the blocks of s into
// out, which has exactly room for them.
func (ix *Index) emitSpan(s span, out []Pair) {
	b := &ix.rules[s.rule]
	k, bit := 0, s.bit
	for g := s.g0; g < s.g1; g++ {
		if b.skip[g] {
			continue
		}
		gr := b.groups[g]
		m := b.members[gr.start:gr.end]
		for x := 0; x < len(m); x++ {
			for y := x + 1; y < len(m); y, bit = y+1, bit+1 {
				l, r := m[x], m[y] // by index within a key, so l < r
				if s.rule == 0 {
					if !ix.inScope(l, r) {
						continue
					}
				} else if b.kept[bit>>6]&(1<<(bit&63)) == 0 {
					continue
				}
				out[k] = Pair{l, r}
				k++
			}
		}
	}
}

// Sample returns up to n of the candidate pairs Count found, the first
// pairs of batches spread over all of them, for a caller that wants to
// try something on typical pairs (every rule's, not the first rule's).
func (ix *Index) Sample(n int) []Pair {
	if !ix.counted || len(ix.spans) == 0 || n <= 0 {
		return nil
	}
	const batches = 16
	step := max(1, len(ix.spans)/batches)
	per := max(1, n/batches)
	var out, buf []Pair
	for i := 0; i < len(ix.spans) && len(out) < n; i += step {
		s := ix.spans[i]
		if cap(buf) < int(s.pairs) {
			buf = make([]Pair, s.pairs)
		}
		buf = buf[:s.pairs]
		ix.emitSpan(s, buf)
		out = append(out, buf[:min(len(buf), per, n-len(out))]...)
	}
	return out
}
