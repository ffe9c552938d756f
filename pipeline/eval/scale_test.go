package eval

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/pipeline/gen"
)

// TestScale is a harness, not a check: it matches generated data at the
// size given by $C360_SCALE_PERSONS (1000000 gives the nightly 1.4M
// records) and logs accuracy, the engine's timings and candidate
// distribution, and the memory Match used: the peaks of the heap in use
// and of the live heap (as of the last collection) above what the loaded
// records hold, sampled every 20 ms ($C360_SCALE_TIMELINE logs both over
// time). Set
// $C360_SCALE_DIR to reuse files written by `c360 gen` (the seed is then
// theirs), and $C360_SCALE_CPUPROFILE to write a CPU profile of Match
// alone. Run it with -timeout 0 and nothing else on the machine.
func TestScale(t *testing.T) {
	persons, _ := strconv.Atoi(os.Getenv("C360_SCALE_PERSONS"))
	if persons <= 0 {
		t.Skip("set C360_SCALE_PERSONS to run the scale harness")
	}
	ctx := context.Background()
	dir := os.Getenv("C360_SCALE_DIR")
	if dir == "" {
		dir = t.TempDir()
		if _, err := gen.Write(ctx, dir, gen.Options{Persons: persons, Seed: GeneratedSeed}); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	ds := generatedDataset()
	d, err := load(ds, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded and normalized %d records in %v", len(d.people), time.Since(start).Round(time.Millisecond))

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	peak, stop := sampleMemory(20 * time.Millisecond)
	if path := os.Getenv("C360_SCALE_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			t.Fatal(err)
		}
	}
	start = time.Now()
	cpu0 := cpuTime()
	res, err := matching.Match(ctx, d.people, matching.Options{Mode: ds.Mode()})
	took, cpu := time.Since(start), cpuTime()-cpu0
	pprof.StopCPUProfile()
	stop()
	if err != nil {
		t.Fatal(err)
	}
	st := res.Stats
	tm := st.Timings
	t.Logf("Match %v wall, %v CPU: prepare %v block %v compare %v train %v score %v cluster %v",
		took.Round(time.Millisecond), cpu.Round(time.Millisecond), tm.Prepare.Round(time.Millisecond), tm.Block.Round(time.Millisecond), tm.Compare.Round(time.Millisecond),
		tm.Train.Round(time.Millisecond), tm.Score.Round(time.Millisecond), tm.Cluster.Round(time.Millisecond))
	t.Logf("candidates %d (%.2f per record), kept %d, matched %d, clusters %d, budget rounds %d",
		st.Candidates, st.PerRecord, st.Kept, st.Matched, st.Clusters, st.Blocking.BudgetRounds)
	logCandidateSpread(t, res)
	pr := res.Params
	t.Logf("EM: %d iterations (converged %v), lambda %.3g (candidates %.3g), households %.3g (candidates %.3g)",
		pr.Iterations, pr.Converged, pr.Lambda, pr.CandidateLambda, pr.HouseholdLambda, pr.CandidateHouseholdLambda)
	if len(peak.timeline) > 0 {
		t.Logf("heap in use/live over time: %s", strings.Join(peak.timeline, " "))
	}
	t.Logf("memory: heap in use %.0f MB before Match (the records), peak %.0f MB during (+%.0f MB); "+
		"live heap after a collection at most %.0f MB (+%.0f MB); peak Sys %.0f MB",
		mb(before.HeapInuse), mb(peak.heapInuse), mb(peak.heapInuse-min(peak.heapInuse, before.HeapInuse)),
		mb(peak.live), mb(peak.live-min(peak.live, before.HeapInuse)), mb(peak.sys))

	o := score(ds, d, res)
	truePerRule := make([]int, len(st.Blocking.Rules))
	for _, p := range res.Pairs {
		if d.truth[pairKey(p.L, p.R)] {
			truePerRule[p.Rule]++
		}
	}
	t.Logf("true pairs scored, by the rule that found them: %v", truePerRule)
	t.Logf("%d records, %d true pairs, %d predicted: precision %.4f recall %.4f F1 %.4f, %d customers",
		o.Records, o.TruePairs, o.PredictedPairs, o.Precision, o.Recall, o.F1, o.Customers)
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// logCandidateSpread logs how candidate pairs spread over records and rules.
func logCandidateSpread(t *testing.T, res *matching.Result) {
	t.Helper()
	sp := res.Stats.Spread
	t.Logf("candidate pairs per record: p50 %d, p90 %d, p99 %d, max %d; histogram (0, 1, 2-3, 4-7, ...) %v",
		sp.P50, sp.P90, sp.P99, sp.Max, sp.Histogram)
	for i, r := range res.Stats.Rules {
		b := res.Stats.Blocking.Rules[i]
		t.Logf("  rule %-42s candidates %9d kept %7d matched %7d  duplicates %9d  skipped blocks %6d (%d records)  largest %d",
			r.Name, r.Candidates, r.Kept, r.Matched, b.Duplicates, b.SkippedBlocks, b.SkippedRecords, b.LargestBlock)
	}
}

type memPeak struct {
	heapInuse, live, sys uint64
	timeline             []string // heap in use every 250 ms, when $C360_SCALE_TIMELINE is set
}

// sampleMemory records the peak heap in use and memory obtained from the
// OS until stop is called. It reads runtime/metrics, which, unlike
// runtime.ReadMemStats, does not stop the world.
func sampleMemory(every time.Duration) (*memPeak, func()) {
	peak := &memPeak{}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		samples := []metrics.Sample{
			{Name: "/memory/classes/heap/objects:bytes"},
			{Name: "/memory/classes/heap/unused:bytes"},
			{Name: "/memory/classes/total:bytes"},
			{Name: "/gc/heap/live:bytes"},
		}
		start, timeline := time.Now(), os.Getenv("C360_SCALE_TIMELINE") != ""
		for i := 0; ; i++ {
			metrics.Read(samples)
			inuse := samples[0].Value.Uint64() + samples[1].Value.Uint64()
			peak.heapInuse = max(peak.heapInuse, inuse)
			peak.sys = max(peak.sys, samples[2].Value.Uint64())
			peak.live = max(peak.live, samples[3].Value.Uint64())
			if timeline && i%int(250*time.Millisecond/every) == 0 {
				peak.timeline = append(peak.timeline, fmt.Sprintf("%.2fs:%.0f/%.0fMB", time.Since(start).Seconds(),
					mb(inuse), mb(samples[3].Value.Uint64())))
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return peak, func() { close(done); wg.Wait() }
}
