package matching

import (
	"context"
	"fmt"
	"testing"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/spec"
)

// BenchmarkScoreBlock weighs a block of 4096 candidate pairs: comparison
// levels and total weight per pair, on one goroutine.
func BenchmarkScoreBlock(b *testing.B) {
	r := trainedRun(b, newSynthetic(20000, 9).people, spec.Default(), 1)
	w := newWeigher(r.comps, r.params)
	var pairs []block.Pair
	err := r.index.Each(context.Background(), 1, func(_ int, b block.Batch) {
		if len(pairs) < 4096 {
			pairs = append(pairs, b.Pairs[:min(len(b.Pairs), 4096-len(pairs))]...)
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	sum := 0.0
	for b.Loop() {
		for _, p := range pairs {
			sum += w.total(r.pattern(p.L, p.R), p.L, nil, nil)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pairs)), "ns/pair")
	_ = sum
}

// BenchmarkMatch runs the whole engine (block, train, score, cluster) on
// synthetic people; sizes are customers (records are about 1.9 times more).
func BenchmarkMatch(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		s := newSynthetic(n, 10)
		b.Run(fmt.Sprintf("customers=%d", n), func(b *testing.B) {
			var res *Result
			for b.Loop() {
				var err error
				if res, err = Match(context.Background(), s.people, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(res.Stats.PerRecord, "pairs/record")
			b.ReportMetric(float64(len(s.people)), "records")
			t := res.Stats.Timings
			b.Logf("%d records: prepare %v block %v compare %v train %v score %v cluster %v", len(s.people),
				t.Prepare, t.Block, t.Compare, t.Train, t.Score, t.Cluster)
		})
	}
}
