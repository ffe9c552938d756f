package matching

import (
	"context"
	"reflect"
	"sync"
	"testing"
)

// TestMatchProgress checks that every long step reports its whole total,
// once, in order: every record prepared, all rules blocked, the blocks'
// pairs drawn, every candidate pair compared, training's five parts, every
// pair scored and every record clustered.
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
	pairs, records := res.Stats.Candidates, int64(len(s.people))
	want := []step{
		{"prepare", records, records, "records", true},
		{"block", int64(len(m.Blocking)), int64(len(m.Blocking)), "rules", true},
		{"block pairs", records, records, "records", true},
		{"compare", pairs, pairs, "pairs", true},
		{"train", 5, 5, "steps", true},
		{"score", pairs, pairs, "pairs", true},
		{"cluster", records, records, "records", true},
	}
	var got []step
	for _, st := range steps {
		got = append(got, *st)
	}
	if pairs == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("steps = %+v\nwant    %+v", got, want)
	}
}
