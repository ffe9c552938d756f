package pipeline

import (
	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/pipeline/bulk"
	"github.com/contoso/c360/pipeline/progress"
)

// matchProgress shows matching's long steps as tasks of rep.
func matchProgress(rep progress.Reporter) matching.Progress {
	return func(step string, total int64, unit string) (func(int64), func()) {
		t := rep.Start(step, total, unit)
		return t.Add, func() { t.Done(nil) }
	}
}

// reportEvery is how many rows a task's count may lag.
const reportEvery = 1 << 12

// trackedRows returns row, counting the rows written as a task of rep named
// name; call done with the write's error.
func trackedRows(rep progress.Reporter, name string, n int, row func(w *bulk.Writer, i int)) (func(w *bulk.Writer, i int), func(error)) {
	task := rep.Start(name, int64(n), "rows")
	return func(w *bulk.Writer, i int) {
		row(w, i)
		if (i+1)%reportEvery == 0 {
			task.Add(reportEvery)
		} else if i == n-1 {
			task.Add(int64(n % reportEvery))
		}
	}, task.Done
}

// whole runs f as a task of rep named name, counting all n units done when
// f succeeds: for work that cannot count as it goes, such as one SQL
// statement, whose bar then shows that it runs and for how long.
func whole(rep progress.Reporter, name string, n int, unit string, f func() error) error {
	task := rep.Start(name, int64(n), unit)
	err := f()
	if err == nil {
		task.Add(int64(n))
	}
	task.Done(err)
	return err
}
