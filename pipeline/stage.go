package pipeline

import (
	"context"
	"fmt"
	"runtime/pprof"
	"time"
)

// Stage is one step of a run. Stages run in the order Run lists them, each
// reading what earlier stages left in the State and adding its own part.
type Stage struct {
	Name string
	Run  func(ctx context.Context, s *State) error
}

// StageTime is how long one stage took.
type StageTime struct {
	Stage   string
	Seconds float64
}

// runStages runs stages in order, timing each, and stops at the first error.
func runStages(ctx context.Context, s *State, stages []Stage) error {
	for _, st := range stages {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%s: %w", st.Name, err)
		}
		start := time.Now()
		s.Log.Debug("stage start", "stage", st.Name)
		var err error
		// The label marks the stage's samples, and those of the goroutines it
		// starts, in a CPU profile (c360 run --cpuprofile; pprof -tagfocus stage=merge).
		pprof.Do(ctx, pprof.Labels("stage", st.Name), func(ctx context.Context) { err = st.Run(ctx, s) })
		took := time.Since(start).Seconds()
		s.Times = append(s.Times, StageTime{Stage: st.Name, Seconds: took})
		if err != nil {
			return fmt.Errorf("%s: %w", st.Name, err)
		}
		// The peak so far says which stage set the run's peak; the live heap
		// what Go holds on to after it.
		s.Log.Info("stage done", "stage", st.Name, "seconds", round3(took),
			"peak_rss_mib", peakRSS()>>20, "go_heap_live_mib", liveHeap()>>20)
	}
	return nil
}

func round3(v float64) float64 { return float64(int64(v*1000+0.5)) / 1000 }
