package stableid

import (
	"math/rand/v2"
	"testing"
)

// benchRecords is the production scale: about 1.3M person records.
const benchRecords = 1_300_000

// benchWorld clusters n records into groups of one to four.
func benchWorld(n int) (*world, *rand.Rand) {
	rng := rand.New(rand.NewPCG(3, 4))
	w := &world{}
	for total := 0; total < n; {
		size := 1 + rng.IntN(4)
		g := make([]Ref, size)
		for i := range g {
			g[i] = w.newRef(rng)
		}
		w.groups = append(w.groups, g)
		total += size
	}
	return w, rng
}

// BenchmarkAssignFresh measures a first build: every cluster gets a new id.
func BenchmarkAssignFresh(b *testing.B) {
	w, rng := benchWorld(benchRecords)
	refs, cluster := w.inputs(rng)
	run := Run{ID: "run-1", Seq: 1}
	for b.Loop() {
		if _, err := Assign(refs, cluster, Previous{}, run); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(refs)), "records")
}

// BenchmarkAssignNightly measures a nightly rerun after a day of changes:
// records added, dropped and moved, customers merged and split.
func BenchmarkAssignNightly(b *testing.B) {
	w, rng := benchWorld(benchRecords)
	refs, cluster := w.inputs(rng)
	first, err := Assign(refs, cluster, Previous{}, Run{ID: "run-1", Seq: 1})
	if err != nil {
		b.Fatal(err)
	}
	prev := nextPrevious(Previous{}, refs, cluster, first)
	w.perturb(rng)
	refs, cluster = w.inputs(rng)
	run := Run{ID: "run-2", Seq: 2}
	for b.Loop() {
		if _, err := Assign(refs, cluster, prev, run); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(refs)), "records")
}
