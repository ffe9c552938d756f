package serve

import (
	"fmt"
	"math"
	"time"
)

// timeline is a customer's purchases drawn as inline SVG: one bar a
// purchase at its date, as tall as its price, coloured by channel. Values
// are placed here and written by the template with SVG attributes only
// (no style attributes, which the page's CSP would block).
type timeline struct {
	Width, Height float64
	Left, Bottom  float64 // the plot area's left and bottom edges
	Bars          []timelineBar
	XTicks        []tick
	YTicks        []tick
	Label         string
}

type timelineBar struct {
	X, Y, W, H float64
	Channel    string
	Title      string
}

type tick struct {
	At    float64
	Label string
}

// newTimeline lays out purchases (any order); nil when there are none.
func newTimeline(ps []purchase) *timeline {
	const width, height, left, right, top, bottom = 720.0, 220.0, 64.0, 16.0, 12.0, 190.0
	var first, last time.Time
	maxPrice := 0.0
	dates := make([]time.Time, len(ps))
	for i, p := range ps {
		d, err := time.Parse(time.DateOnly, p.On)
		if err != nil {
			continue
		}
		dates[i] = d
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
		maxPrice = max(maxPrice, p.Price)
	}
	if first.IsZero() {
		return nil
	}
	first, last = first.AddDate(0, 0, -15), last.AddDate(0, 0, 15)
	span := last.Sub(first).Hours()
	yMax := niceCeil(maxPrice)
	x := func(d time.Time) float64 { return left + (width-left-right)*d.Sub(first).Hours()/span }
	y := func(v float64) float64 { return bottom - (bottom-top)*v/yMax }
	t := &timeline{Width: width, Height: height, Left: left, Bottom: bottom,
		Label: fmt.Sprintf("%d purchases from %s to %s", len(ps), first.AddDate(0, 0, 15).Format(time.DateOnly), last.AddDate(0, 0, -15).Format(time.DateOnly))}
	for i, p := range ps {
		if dates[i].IsZero() {
			continue
		}
		top := y(p.Price)
		t.Bars = append(t.Bars, timelineBar{X: x(dates[i]) - 2, Y: top, W: 4, H: max(bottom-top, 1), Channel: p.Channel,
			Title: fmt.Sprintf("%s: $%.2f %s (%s)", p.On, p.Price, p.Channel, p.Product)})
	}
	for yr := first.Year(); yr <= last.Year()+1; yr++ {
		d := time.Date(yr, 1, 1, 0, 0, 0, 0, time.UTC)
		if !d.Before(first) && !d.After(last) {
			t.XTicks = append(t.XTicks, tick{At: x(d), Label: fmt.Sprint(yr)})
		}
	}
	if len(t.XTicks) == 0 {
		mid := first.Add(last.Sub(first) / 2)
		t.XTicks = append(t.XTicks, tick{At: x(mid), Label: mid.Format("Jan 2006")})
	}
	for i := range 5 {
		v := yMax * float64(i) / 4
		t.YTicks = append(t.YTicks, tick{At: y(v), Label: fmt.Sprintf("$%.0f", v)})
	}
	return t
}

// niceCeil rounds v up to a round number: 1, 1.5, 2, 3, 4, 5, 6 or 8
// times a power of ten (at least 1), so that quarters read well.
func niceCeil(v float64) float64 {
	if v <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.5, 2, 3, 4, 5, 6, 8, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
