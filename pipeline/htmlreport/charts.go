package htmlreport

import (
	"fmt"
	"html/template"
	"image/color"
	"slices"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/contoso/c360/pipeline/i18n"
)

// Chart ids: each is the id of the <figure> holding the chart and the key
// of its title and axis labels in the catalogue ("chart.<key>.title").
const (
	chartStageTimes    = "stage_times"
	chartMatchRate     = "match_rate"
	chartClusterSizes  = "cluster_sizes"
	chartMatchWeights  = "match_weights"
	chartLifetimeSpend = "lifetime_spend"
	chartChannels      = "channels"
	chartFunnel        = "funnel"
	chartLeadStatus    = "lead_status"
)

// ChartIDs lists the element ids of the report's charts ("chart-funnel"),
// those of the sales section last. The browser test looks for each.
func ChartIDs() []string {
	var out []string
	for _, k := range []string{chartStageTimes, chartMatchRate, chartClusterSizes, chartMatchWeights,
		chartLifetimeSpend, chartChannels, chartFunnel, chartLeadStatus} {
		out = append(out, chartID(k))
	}
	return out
}

func chartID(key string) string { return "chart-" + strings.ReplaceAll(key, "_", "-") }

// bars returns a bar chart of values, or an error for no values.
func bars(values []float64, width vg.Length, fill color.Color) (*plotter.BarChart, error) {
	b, err := plotter.NewBarChart(plotter.Values(values), width)
	if err != nil {
		return nil, err
	}
	b.Color = fill
	b.LineStyle.Width = 0
	return b, nil
}

// nominal puts n categories at 0 to n-1 on ax with half a slot to spare at
// each end, so that no bar touches the plot's edge.
func nominal(ax *plot.Axis, n int) {
	ax.Min, ax.Max = -0.5, float64(max(n, 1))-0.5
}

// barWidth spreads n bars (or groups) over the plot width w.
func barWidth(w vg.Length, n int, share float64) vg.Length {
	if n < 1 {
		n = 1
	}
	return vg.Length(float64(w-120) / float64(n) * share)
}

func stageTimesChart(cat *i18n.Catalog, stages []stageTime) (template.HTML, error) {
	p := newPlot(cat, chartStageTimes)
	shown := chartStages(stages)
	var names []string
	var secs []float64
	for i := len(shown) - 1; i >= 0; i-- { // the first stage on top
		names = append(names, cat.Value("run_stage", shown[i].Stage))
		secs = append(secs, shown[i].Seconds)
	}
	p.Add(gridLines{vertical: true})
	if len(secs) > 0 {
		b, err := bars(secs, barWidth(chartHight, len(secs), 0.7), colorBlue)
		if err != nil {
			return "", err
		}
		b.Horizontal = true
		p.Add(b)
		p.NominalY(names...)
	}
	nominal(&p.Y, len(names))
	fromZero(&p.X, slices.Max(append(secs, 0)), 1.08)
	p.X.Tick.Marker = numberTicks(cat, false)
	return render(p, halfWidth, chartHight)
}

func matchRateChart(cat *i18n.Catalog, per []sourceMatch) (template.HTML, error) {
	p := newPlot(cat, chartMatchRate)
	var names []string
	var rates []float64
	for _, s := range per {
		names = append(names, wrapLabel(cat.Value("source", s.Source), 18))
		rates = append(rates, 100*s.Rate())
	}
	p.Add(gridLines{})
	if len(rates) > 0 {
		b, err := bars(rates, barWidth(halfWidth, len(rates), 0.5), colorBlue)
		if err != nil {
			return "", err
		}
		p.Add(b)
		p.NominalX(names...)
	}
	nominal(&p.X, len(names))
	fromZero(&p.Y, 100, 1)
	p.Y.Tick.Marker = numberTicks(cat, true)
	return render(p, halfWidth, chartHight)
}

func clusterSizesChart(cat *i18n.Catalog, sizes []clusterSize) (template.HTML, error) {
	p := newPlot(cat, chartClusterSizes)
	var names []string
	var counts []float64
	for _, s := range sizes {
		names = append(names, cat.Int(int64(s.Records)))
		counts = append(counts, float64(s.Customers))
	}
	p.Add(gridLines{})
	if len(counts) > 0 {
		b, err := bars(counts, barWidth(halfWidth, len(counts), 0.7), colorBlue)
		if err != nil {
			return "", err
		}
		p.Add(b)
		p.NominalX(names...)
	}
	nominal(&p.X, len(names))
	fromZero(&p.Y, slices.Max(append(counts, 0)), 1.08)
	p.Y.Tick.Marker = numberTicks(cat, true)
	return render(p, halfWidth, chartHight)
}

// histogramPlotter draws bins as adjoining bars.
func histogramPlotter(bins []weightBin, fill color.Color) (*plotter.Histogram, float64) {
	h := &plotter.Histogram{FillColor: fill, LineStyle: draw.LineStyle{Color: colorWhite, Width: vg.Points(0.5)}}
	largest := 0.0
	for _, b := range bins {
		h.Bins = append(h.Bins, plotter.HistogramBin{Min: b.Min, Max: b.Max, Weight: float64(b.Pairs)})
		largest = max(largest, float64(b.Pairs))
	}
	if len(bins) > 0 {
		h.Width = bins[0].Max - bins[0].Min
	}
	return h, largest
}

var colorWhite = color.RGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}

func matchWeightsChart(cat *i18n.Catalog, u *unification) (template.HTML, error) {
	p := newPlot(cat, chartMatchWeights)
	p.Add(gridLines{})
	h, largest := histogramPlotter(u.Weights, colorBlue)
	if len(h.Bins) > 0 {
		p.Add(h)
	}
	top := max(largest, 1) * 1.12
	line, err := plotter.NewLine(plotter.XYs{{X: u.ThresholdWeight, Y: 0}, {X: u.ThresholdWeight, Y: top}})
	if err != nil {
		return "", err
	}
	line.Color = colorRed
	line.Width = vg.Points(2)
	line.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
	p.Add(line)
	p.Legend.Add(fmt.Sprintf("%s: %s (p = %s)", cat.T("chart.match_weights.threshold"),
		cat.Number(u.ThresholdWeight, 2), cat.Number(u.Threshold, 2)), line)
	fromZero(&p.Y, top, 1)
	if len(u.Weights) > 0 {
		p.X.Min = min(u.Weights[0].Min, u.ThresholdWeight-1)
		p.X.Max = max(u.Weights[len(u.Weights)-1].Max, u.ThresholdWeight+1)
	} else {
		p.X.Min, p.X.Max = u.ThresholdWeight-1, u.ThresholdWeight+1
	}
	p.X.Tick.Marker = numberTicks(cat, false)
	p.Y.Tick.Marker = numberTicks(cat, true)
	return render(p, fullWidth, chartHight)
}

func lifetimeSpendChart(cat *i18n.Catalog, m *measures) (template.HTML, error) {
	p := newPlot(cat, chartLifetimeSpend)
	p.Add(gridLines{})
	h, largest := histogramPlotter(m.Spend, colorBlue)
	if len(h.Bins) > 0 {
		p.Add(h)
		p.X.Max = m.Spend[len(m.Spend)-1].Max
	} else {
		p.X.Max = 1
	}
	p.X.Min = 0
	fromZero(&p.Y, largest, 1.08)
	p.X.Tick.Marker = numberTicks(cat, false)
	p.Y.Tick.Marker = numberTicks(cat, true)
	return render(p, halfWidth, chartHight)
}

func channelsChart(cat *i18n.Catalog, m *measures) (template.HTML, error) {
	p := newPlot(cat, chartChannels)
	p.Add(gridLines{})
	spend := []float64{m.Store.Spend, m.Online.Spend}
	w := barWidth(halfWidth, 2, 0.45)
	for i, fill := range []color.Color{colorAmber, colorBlue} {
		b, err := bars(spend[i:i+1], w, fill)
		if err != nil {
			return "", err
		}
		b.XMin = float64(i)
		p.Add(b)
	}
	p.NominalX(cat.Value("channel", "store"), cat.Value("channel", "online"))
	nominal(&p.X, 2)
	fromZero(&p.Y, slices.Max(spend), 1.08)
	p.Y.Tick.Marker = numberTicks(cat, false)
	return render(p, halfWidth, chartHight)
}

func funnelChart(cat *i18n.Catalog, s *sales) (template.HTML, error) {
	p := newPlot(cat, chartFunnel)
	p.Add(gridLines{})
	var names []string
	var value, weighted []float64
	for _, r := range s.Funnel {
		names = append(names, wrapLabel(cat.Value("stage", r.Stage), 18))
		value = append(value, r.Value)
		weighted = append(weighted, r.Weighted)
	}
	if len(names) > 0 {
		w := barWidth(fullWidth, len(names), 0.3)
		open, err := bars(value, w, colorBlue)
		if err != nil {
			return "", err
		}
		open.Offset = -w / 2
		weight, err := bars(weighted, w, colorAmber)
		if err != nil {
			return "", err
		}
		weight.Offset = w / 2
		p.Add(open, weight)
		p.Legend.Add(cat.T("col.open_value"), open)
		p.Legend.Add(cat.T("col.weighted_value"), weight)
		p.NominalX(names...)
	}
	nominal(&p.X, len(names))
	fromZero(&p.Y, slices.Max(append(value, 0)), 1.15)
	p.Y.Tick.Marker = numberTicks(cat, false)
	return render(p, fullWidth, chartHight)
}

func leadStatusChart(cat *i18n.Catalog, s *sales) (template.HTML, error) {
	p := newPlot(cat, chartLeadStatus)
	p.Add(gridLines{vertical: true})
	var names []string
	totals := make([]float64, len(s.Owners))
	for i := len(s.Owners) - 1; i >= 0; i-- { // the most overdue on top
		names = append(names, shortOwner(s.Owners[i].Owner))
	}
	height := vg.Length(max(chartHight, 90+36*len(s.Owners)))
	if len(s.Owners) > 0 {
		var below *plotter.BarChart
		for _, st := range taskStatuses() {
			counts := make([]float64, len(s.Owners))
			for i := range s.Owners {
				o := s.Owners[len(s.Owners)-1-i]
				counts[i] = float64(o.Counts[st])
				totals[i] += counts[i]
			}
			b, err := bars(counts, barWidth(height, len(counts), 0.75), statusColor(st))
			if err != nil {
				return "", err
			}
			b.Horizontal = true
			if below != nil {
				b.StackOn(below)
			}
			below = b
			p.Add(b)
			p.Legend.Add(cat.Value("status", st), b)
		}
		p.NominalY(names...)
	}
	nominal(&p.Y, len(names))
	fromZero(&p.X, slices.Max(append(totals, 0)), 1.45) // room for the legend on the right
	p.X.Tick.Marker = numberTicks(cat, true)
	return render(p, fullWidth, height)
}

// wrapLabel breaks a category label into lines of at most width
// characters at spaces, so that long labels (Spanish ones) do not crowd a
// nominal axis.
func wrapLabel(s string, width int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// shortOwner shortens a long owner id (a GUID) to its first eight
// characters, for axis labels and table cells (whose title holds it whole).
func shortOwner(id string) string {
	if r := []rune(id); len(r) > 14 {
		return string(r[:8]) + "…"
	}
	return id
}

// charts draws every chart of the page, keyed by element id.
func charts(cat *i18n.Catalog, d *data) (map[string]template.HTML, error) {
	out := make(map[string]template.HTML)
	type job struct {
		key  string
		draw func() (template.HTML, error)
	}
	jobs := []job{
		{chartStageTimes, func() (template.HTML, error) { return stageTimesChart(cat, d.Run.Stages) }},
		{chartMatchRate, func() (template.HTML, error) { return matchRateChart(cat, d.Unification.PerSource) }},
		{chartClusterSizes, func() (template.HTML, error) { return clusterSizesChart(cat, d.Unification.ClusterSizes) }},
		{chartMatchWeights, func() (template.HTML, error) { return matchWeightsChart(cat, d.Unification) }},
		{chartLifetimeSpend, func() (template.HTML, error) { return lifetimeSpendChart(cat, d.Measures) }},
		{chartChannels, func() (template.HTML, error) { return channelsChart(cat, d.Measures) }},
	}
	if d.Sales != nil {
		jobs = append(jobs,
			job{chartFunnel, func() (template.HTML, error) { return funnelChart(cat, d.Sales) }},
			job{chartLeadStatus, func() (template.HTML, error) { return leadStatusChart(cat, d.Sales) }})
	}
	for _, j := range jobs {
		svg, err := j.draw()
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", j.key, err)
		}
		out[chartID(j.key)] = svg
	}
	return out, nil
}

var _ plot.Plotter = gridLines{}
