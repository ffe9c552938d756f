package pool

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 4}, {1, 4}, {10, 1}, {1000, 3}, {5, 0}} {
		calls := make([]atomic.Int32, tc.n)
		Each(tc.n, tc.workers, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("n=%d workers=%d: index %d called %d times", tc.n, tc.workers, i, c)
			}
		}
	}
}

func TestChunksCoversTheRangeInRuns(t *testing.T) {
	for _, tc := range []struct{ n, chunk, workers int }{{0, 4, 2}, {7, 3, 2}, {9, 3, 5}, {100, 1, 0}} {
		calls := make([]atomic.Int32, tc.n)
		err := Chunks(context.Background(), tc.n, tc.chunk, tc.workers, func(lo, hi int) {
			if hi-lo > tc.chunk || hi <= lo || lo%tc.chunk != 0 {
				t.Errorf("n=%d chunk=%d: run [%d, %d)", tc.n, tc.chunk, lo, hi)
			}
			for i := lo; i < hi; i++ {
				calls[i].Add(1)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("n=%d chunk=%d: index %d covered %d times", tc.n, tc.chunk, i, c)
			}
		}
	}
}

func TestChunksStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var runs atomic.Int32
	err := Chunks(ctx, 100, 1, 1, func(lo, hi int) {
		if runs.Add(1) == 3 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// The one worker may have taken the next run before it saw the cancel.
	if n := runs.Load(); n < 3 || n > 4 {
		t.Fatalf("%d runs after cancelling at the third, want 3 or 4", n)
	}
}
