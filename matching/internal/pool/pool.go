// Package pool runs work over the indexes [0, n) on a fixed number of
// goroutines: the one worker pool of the matching engine.
package pool

import (
	"context"
	"sync"
)

// Each calls f(i) for every i in [0, n) on at most workers goroutines
// (at least one), and returns when every call has returned.
func Each(n, workers int, f func(i int)) {
	Workers(context.Background(), n, workers, func(_, i int) { f(i) })
}

// Chunks splits [0, n) into runs of chunk indexes and calls f(lo, hi) for
// each run on workers goroutines (at least one). It stops handing out runs
// when ctx is cancelled, waits for the calls under way, and returns
// ctx.Err() then.
func Chunks(ctx context.Context, n, chunk, workers int, f func(lo, hi int)) error {
	runs := (n + chunk - 1) / chunk
	return Workers(ctx, runs, workers, func(_, i int) {
		lo := i * chunk
		f(lo, min(n, lo+chunk))
	})
}

// Workers calls f(worker, i) for every i in [0, n) on at most workers
// goroutines (at least one), where worker in [0, workers) names the
// goroutine, so that f can keep scratch space per goroutine. Like Chunks,
// it stops handing out indexes when ctx is cancelled, waits for the calls
// under way, and returns ctx.Err() then.
func Workers(ctx context.Context, n, workers int, f func(worker, i int)) error {
	next := make(chan int)
	var wg sync.WaitGroup
	for w := range min(n, max(1, workers)) {
		wg.Go(func() {
			for i := range next {
				f(w, i)
			}
		})
	}
	var err error
	for i := range n {
		if err = ctx.Err(); err != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return err
}
