package progress

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Bars draws one progress bar per task on a terminal: done and total, the
// average rate, time taken and, until it ends, the time left. A bar is
// complete only when its task is Done, not when its count reaches the
// total: a write's last rows are counted before DuckDB has inserted them,
// and its bar keeps its clock running until it has. Finished bars move
// up out of the drawn area and stay on the screen as lines, so a run's
// many bars fit a small terminal. Log lines written through Writer appear
// above the bars instead of tearing them.
type Bars struct {
	out     io.Writer
	p       *mpb.Progress
	refresh chan any      // a redraw, every refreshEvery and once in Wait
	stop    chan struct{} // closed by Wait to stop the redraws
	gone    chan any      // closed by mpb when it stops drawing (in Wait, or on an error)
	ticking sync.WaitGroup

	mu    sync.Mutex
	tasks []*barTask
}

// refreshEvery is how often the bars are redrawn.
const refreshEvery = 150 * time.Millisecond

// NewBars draws on w, which should be a terminal. (It draws on any w: the
// bars are redrawn on a clock of their own, not only on a terminal.)
func NewBars(w io.Writer) *Bars {
	b := &Bars{out: w, refresh: make(chan any), stop: make(chan struct{}), gone: make(chan any)}
	b.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(40), mpb.PopCompletedMode(),
		mpb.WithManualRefresh(b.refresh), mpb.WithShutdownNotifier(b.gone))
	b.ticking.Add(1)
	go b.tick()
	return b
}

func (b *Bars) tick() {
	defer b.ticking.Done()
	t := time.NewTicker(refreshEvery)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			select {
			case b.refresh <- nil:
			case <-b.stop:
				return
			case <-b.gone:
				return
			}
		case <-b.stop:
			return
		}
	}
}

// Writer returns a writer whose lines are printed above the bars (after
// Wait, straight to the output).
func (b *Bars) Writer() io.Writer { return barsWriter{b} }

type barsWriter struct{ b *Bars }

func (w barsWriter) Write(p []byte) (int, error) {
	n, err := w.b.p.Write(p)
	if err != nil { // the bars are gone
		return w.b.out.Write(p)
	}
	return n, nil
}

// Wait ends the drawing: it stops the bars of tasks that are not Done (a
// run that failed may leave some), draws a last time, so that no line
// written through Writer is left unprinted, and waits until every bar has
// finished drawing. Call it once, when no more tasks start.
func (b *Bars) Wait() {
	b.mu.Lock()
	for _, t := range b.tasks {
		if t.took.Load() == 0 {
			t.bar.Abort(false)
		}
	}
	b.mu.Unlock()
	close(b.stop)
	b.ticking.Wait()
	select {
	case b.refresh <- nil:
	case <-b.gone:
	}
	b.p.Wait()
}

// Start adds a bar for a task.
func (b *Bars) Start(name string, total int64, unit string) Task {
	t := &barTask{unit: unit, start: time.Now()}
	// Fixed widths line the columns up (finished bars leave the drawn
	// area, so widths synchronised among the bars drawn would differ from
	// line to line) and leave an 80-column terminal room for a short bar.
	// The bar is made without a total, so that mpb never completes it on
	// its own; the total is only what it draws.
	t.bar = b.p.AddBar(0,
		mpb.PrependDecorators(decor.Name(name, decor.WC{W: 22, C: decor.DindentRight}),
			decor.Any(t.counts, decor.WC{W: 19})),
		mpb.AppendDecorators(decor.Any(t.rate, decor.WC{W: 17}), decor.Any(t.elapsed, decor.WC{W: 7}),
			decor.Any(t.left, decor.WC{W: 11})),
	)
	if total > 0 {
		t.bar.SetTotal(total, false)
	}
	b.mu.Lock()
	b.tasks = append(b.tasks, t)
	b.mu.Unlock()
	return t
}

// barTask is a Task drawn as a bar. Its decorators are called by mpb's
// drawing goroutine, and read only the bar's statistics, the start time
// and took.
type barTask struct {
	bar   *mpb.Bar
	unit  string
	start time.Time
	took  atomic.Int64 // nanoseconds from start to Done; 0 until then
}

func (t *barTask) Add(n int64) { t.bar.IncrInt64(n) }

func (t *barTask) SetTotal(n int64) { t.bar.SetTotal(n, false) }

func (t *barTask) Done(err error) {
	t.took.Store(max(1, int64(time.Since(t.start))))
	if err != nil {
		t.bar.Abort(false)
		return
	}
	t.bar.SetTotal(-1, true)
}

// sofar is the time the task has taken: until Done, or until now.
func (t *barTask) sofar() time.Duration {
	if took := t.took.Load(); took > 0 {
		return time.Duration(took)
	}
	return time.Since(t.start)
}

// amount formats n of the task's unit.
func (t *barTask) amount(n int64) string {
	if t.unit == "bytes" {
		return fmt.Sprintf("% .1f", decor.SizeB1024(n))
	}
	return fmt.Sprint(n)
}

// counts is "done / total", or "done unit" while the total is unknown.
func (t *barTask) counts(s decor.Statistics) string {
	if s.Total <= 0 && !s.Completed {
		return t.amount(s.Current) + " " + t.unit
	}
	return t.amount(s.Current) + " / " + t.amount(s.Total)
}

// rate is the average number of units done per second.
func (t *barTask) rate(s decor.Statistics) string {
	d := t.sofar().Seconds()
	if d <= 0 || s.Current == 0 || t.unit == "steps" {
		return ""
	}
	perSecond := int64(float64(s.Current) / d)
	if t.unit == "bytes" {
		return t.amount(perSecond) + "/s"
	}
	return fmt.Sprintf("%d %s/s", perSecond, t.unit)
}

func (t *barTask) elapsed(decor.Statistics) string { return duration(t.sofar()) }

// left estimates the time to the end from the average rate so far, while
// part of a known total is done.
func (t *barTask) left(s decor.Statistics) string {
	if s.Completed || s.Aborted || s.Current <= 0 || s.Total <= s.Current {
		return ""
	}
	d := t.sofar()
	return "ETA " + duration(time.Duration(float64(d)*float64(s.Total-s.Current)/float64(s.Current)))
}

// duration rounds d to a tenth of a second under ten seconds, to seconds
// above.
func duration(d time.Duration) string {
	if d < 10*time.Second {
		return d.Round(100 * time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}
