package progress

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/vbauerster/mpb/v8/decor"
)

// A bar whose count reached its total is still running until its task is
// Done: a write's last rows are counted before they are inserted.
func TestBarCompletesOnlyWhenDone(t *testing.T) {
	b := NewBars(io.Discard)
	task := b.Start("write customer", 10, "rows").(*barTask)
	task.Add(10)
	if task.bar.Completed() {
		t.Error("the bar completed when its count reached the total, before Done")
	}
	task.Done(nil)
	if !task.bar.Completed() {
		t.Error("the bar is not complete after Done")
	}
	failed := b.Start("load pos", 10, "bytes").(*barTask)
	failed.Done(errors.New("boom"))
	if !failed.bar.Aborted() {
		t.Error("a task done with an error did not abort its bar")
	}
	b.Wait()
}

// Wait prints the log lines written before it, stops the bars of tasks a
// failed run left running instead of waiting for them forever, and lines
// written after it go straight to the output.
func TestBarsWait(t *testing.T) {
	var out bytes.Buffer
	b := NewBars(&out)
	b.Start("normalize", 100, "records").Add(40) // never Done
	io.WriteString(b.Writer(), "level=WARN msg=early\n")
	finished := make(chan struct{})
	go func() { b.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(time.Minute):
		t.Fatal("Wait did not return with a task left running")
	}
	io.WriteString(b.Writer(), "level=WARN msg=late\n")
	for _, want := range []string{"msg=early", "msg=late", "normalize"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// The decorators read the task's own clock: two seconds for half of 100
// rows is 25 rows a second, with two seconds left.
func TestBarDecorators(t *testing.T) {
	task := func(unit string, took time.Duration) *barTask {
		bt := &barTask{unit: unit, start: time.Now().Add(-took)}
		bt.took.Store(int64(took))
		return bt
	}
	rows := task("rows", 2*time.Second)
	half := decor.Statistics{Current: 50, Total: 100}
	all := decor.Statistics{Current: 100, Total: 100}
	cases := []struct {
		name, got, want string
	}{
		{"counts", rows.counts(half), "50 / 100"},
		{"counts, total unknown", rows.counts(decor.Statistics{Current: 50}), "50 rows"},
		{"counts of bytes", task("bytes", time.Second).counts(decor.Statistics{Current: 1536, Total: 3 << 20}), "1.5 KiB / 3.0 MiB"},
		{"rate", rows.rate(half), "25 rows/s"},
		{"rate of bytes", task("bytes", 2*time.Second).rate(decor.Statistics{Current: 3 << 20, Total: 3 << 20}), "1.5 MiB/s"},
		{"rate of steps", task("steps", time.Second).rate(decor.Statistics{Current: 1, Total: 2}), ""},
		{"rate, nothing done", rows.rate(decor.Statistics{Total: 100}), ""},
		{"elapsed", rows.elapsed(half), "2s"},
		{"elapsed, long", task("rows", 83*time.Second+400*time.Millisecond).elapsed(half), "1m23s"},
		{"left", rows.left(half), "ETA 2s"},
		{"left, all counted but not done", rows.left(all), ""},
		{"left, done", rows.left(decor.Statistics{Current: 50, Total: 100, Completed: true}), ""},
		{"left, nothing done", rows.left(decor.Statistics{Total: 100}), ""},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
}
