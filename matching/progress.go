package matching

import "sync"

// Progress is told how far Match's long steps have got. It is called when a
// step starts: "block" (over blocking rules), "compare" and "score" (over
// candidate pairs), with the step's total and unit. It returns add, called
// with the units done since the last call (from one goroutine at a time),
// and done, called once when the step ends.
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

// tracked is parallel, reporting the chunks done as step.
func (r *run) tracked(step string, n int, f func(lo, hi int)) error {
	add, done := r.track(step, int64(n), "pairs")
	defer done()
	return r.parallel(n, func(lo, hi int) {
		f(lo, hi)
		add(int64(hi - lo))
	})
}
