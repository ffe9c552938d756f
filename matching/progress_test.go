package matching

import (
	"context"
	"reflect"
	"sync"
	"testing"
)

// TestMatchProgress checks that every long step reports its whole total,
// once, in order: all rules blocked, every candidate pair compared and scored.
func TestMatchProgress(t *testing.T) {
	s := newSynthetic(400, 1)
	type step struct {
		name        string
		total, done int64
		unit        string
		ended       bool
	}
	var mu sync.Mutex
	var steps []*step
	progress := func(name string, total int64, unit string) (func(int64), func()) {
		st := &step{name: name, total: total, unit: unit}
		mu.Lock()
		steps = append(steps, st)
		mu.Unlock()
		return func(n int64) { st.done += n }, func() { st.ended = true }
	}
	m := quick()
	res, err := Match(context.Background(), s.people, Options{Model: m, Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	pairs := res.Stats.Candidates
	want := []step{
		{"block", int64(len(m.Blocking)), int64(len(m.Blocking)), "rules", true},
		{"compare", pairs, pairs, "pairs", true},
		{"score", pairs, pairs, "pairs", true},
	}
	var got []step
	for _, st := range steps {
		got = append(got, *st)
	}
	if pairs == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("steps = %+v\nwant    %+v", got, want)
	}
}
