// Package progress reports how far a run has got. Stages call a Reporter;
// the command picks bars on a terminal, log lines under cron, or Discard in
// tests. Nothing below the command prints directly.
package progress

// Reporter starts a unit of work whose progress is reported as it goes.
type Reporter interface {
	// Start begins a task. total is the expected amount of work in unit
	// ("bytes", "rows", "pairs"), or 0 when unknown.
	Start(name string, total int64, unit string) Task
}

// Task is one unit of work started by a Reporter. Its methods may be called
// from one goroutine at a time.
type Task interface {
	Add(n int64)      // n more units are done
	SetTotal(n int64) // the total became known or changed
	Done(err error)   // the task ended, with err when it failed
}

// Discard is a Reporter that reports nothing.
var Discard Reporter = discard{}

type discard struct{}

func (discard) Start(string, int64, string) Task { return discardTask{} }

type discardTask struct{}

func (discardTask) Add(int64)      {}
func (discardTask) SetTotal(int64) {}
func (discardTask) Done(error)     {}
