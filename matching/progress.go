package matching

import "sync"

// Progress is told how far Match's long steps have got. It is called when a
// step starts, with the step's total and unit, in this order: "prepare"
// (the comparable columns, over records), "block" (over blocking rules),
// "block pairs" (the candidate pairs counted from the blocks, over records),
// "compare" (over candidate pairs), "train" (over its five parts, unit
// "steps"), "score" (over candidate pairs) and "cluster" (over records).
// It returns add, called with the units done since the last call (from one
// goroutine at a time), and done, called once when the step ends.
// "prepare" counts the records as they are read; the other steps over
// records are counted whole when they end: their time is what a reader
// sees while they run.
type Progress func(step string, total int64, unit string) (add func(n int64), done func())

// track starts a step on r's Progress; without one it returns no-ops. The
// add it returns may be called from any goroutine.
func (r *run) track(step string, total int64, unit string) (add func(n int64), done func()) {
	if r.progress == nil {
		return func(int64) {}, func() {}
	}
	inner, done := r.progress(step, total, unit)
	var mu sync.Mutex
	return func(n int64) {
		mu.Lock()
		inner(n)
		mu.Unlock()
	}, done
}

// whole runs f as step, counting all n units done when f succeeds: for a
// step that cannot count its work as it goes.
func (r *run) whole(step string, n int, unit string, f func() error) error {
	add, done := r.track(step, int64(n), unit)
	defer done()
	if err := f(); err != nil {
		return err
	}
	add(int64(n))
	return nil
}
