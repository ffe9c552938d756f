package progress

import (
	"io"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// Bars draws one progress bar per task on a terminal: done and total, the
// average rate, time taken and, until it ends, the time left. Log lines written
// through Writer appear above the bars instead of tearing them.
type Bars struct {
	p *mpb.Progress
}

// NewBars draws on w, which should be a terminal.
func NewBars(w io.Writer) *Bars {
	return &Bars{p: mpb.New(mpb.WithOutput(w), mpb.WithWidth(40))}
}

// Writer returns a writer whose lines are printed above the bars.
func (b *Bars) Writer() io.Writer { return b.p }

// Wait waits until every bar has finished drawing.
func (b *Bars) Wait() { b.p.Wait() }

// Start adds a bar for a task.
func (b *Bars) Start(name string, total int64, unit string) Task {
	counter := decor.CountersNoUnit("%d / %d")
	if unit == "bytes" {
		counter = decor.Counters(decor.SizeB1024(0), "% .1f / % .1f")
	}
	speed := decor.AverageSpeed(0, "%.0f "+unit+"/s", decor.WCSyncSpace)
	if unit == "bytes" {
		speed = decor.AverageSpeed(decor.SizeB1024(0), "% .1f", decor.WCSyncSpace)
	}
	bar := b.p.AddBar(total,
		mpb.PrependDecorators(decor.Name(name, decor.WC{C: decor.DindentRight | decor.DextraSpace}), counter),
		mpb.AppendDecorators(speed, decor.Elapsed(decor.ET_STYLE_GO, decor.WCSyncSpace),
			decor.OnComplete(decor.AverageETA(decor.ET_STYLE_GO, decor.WCSyncSpace), "")),
	)
	return &barTask{bar: bar}
}

type barTask struct {
	bar *mpb.Bar
}

func (t *barTask) Add(n int64) { t.bar.IncrInt64(n) }

func (t *barTask) SetTotal(n int64) { t.bar.SetTotal(n, false) }

func (t *barTask) Done(err error) {
	if err != nil {
		t.bar.Abort(false)
		return
	}
	t.bar.SetTotal(-1, true)
}
