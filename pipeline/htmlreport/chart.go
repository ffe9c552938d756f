package htmlreport

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"image/color"
	"math"
	"regexp"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/contoso/c360/pipeline/i18n"
)

// Chart sizes, in SVG units. The page shows a half chart about 570 px
// wide and a full one about 1170 px wide at a 1280 px window, so one unit
// is about one pixel and the font sizes below read as pixels.
const (
	halfWidth  = 570
	fullWidth  = 1170
	chartHight = 340
)

// The palette: one blue for quantities, an amber for a second series, and
// status colours that mean the same everywhere on the page.
var (
	colorBlue  = color.RGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0xff}
	colorAmber = color.RGBA{R: 0xf5, G: 0x9e, B: 0x0b, A: 0xff}
	colorRed   = color.RGBA{R: 0xdc, G: 0x26, B: 0x26, A: 0xff}
	colorGrid  = color.RGBA{R: 0xe5, G: 0xe7, B: 0xeb, A: 0xff}
	colorText  = color.RGBA{R: 0x1f, G: 0x29, B: 0x37, A: 0xff}
)

// statusColor is the colour of a lead sequence task status.
func statusColor(status string) color.Color {
	switch status {
	case "done_on_time":
		return color.RGBA{R: 0x16, G: 0xa3, B: 0x4a, A: 0xff}
	case "done_late":
		return color.RGBA{R: 0x86, G: 0xef, B: 0xac, A: 0xff}
	case "canceled":
		return color.RGBA{R: 0x9c, G: 0xa3, B: 0xaf, A: 0xff}
	case "stopped":
		return color.RGBA{R: 0xd1, G: 0xd5, B: 0xdb, A: 0xff}
	case "due_today":
		return colorAmber
	case "upcoming":
		return color.RGBA{R: 0x60, G: 0xa5, B: 0xfa, A: 0xff}
	case "overdue":
		return colorRed
	}
	return colorBlue
}

// newPlot returns a plot with c360's look: sans-serif text of readable
// sizes, a light grid and the title and axis labels from cat.
func newPlot(cat *i18n.Catalog, key string) *plot.Plot {
	p := plot.New()
	sans := func(size vg.Length, bold bool) font.Font {
		f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
		if bold {
			f.Weight = xfont.WeightBold
		}
		return f
	}
	p.Title.Text = cat.T("chart." + key + ".title")
	p.Title.TextStyle.Font = sans(17, true)
	p.Title.TextStyle.Color = colorText
	p.Title.Padding = 10
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = sans(14, false)
		ax.Label.TextStyle.Color = colorText
		ax.Tick.Label.Font = sans(13, false)
		ax.Tick.Label.Color = colorText
		ax.Color = colorText
		ax.Tick.Color = colorText
		ax.Padding = 4
	}
	p.X.Label.Text = cat.T("chart." + key + ".x")
	p.Y.Label.Text = cat.T("chart." + key + ".y")
	p.Legend.TextStyle.Font = sans(13, false)
	p.Legend.TextStyle.Color = colorText
	p.Legend.Top = true
	p.Legend.Padding = 4
	p.Legend.ThumbnailWidth = 16
	return p
}

// numberTicks labels an axis's ticks with cat's number format; integer
// drops ticks between whole numbers (for counts).
func numberTicks(cat *i18n.Catalog, integer bool) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		ticks := plot.DefaultTicks{}.Ticks(lo, hi)
		decimals := 0
		for _, t := range ticks {
			if t.Label != "" {
				decimals = max(decimals, decimalsOf(t.Value))
			}
		}
		out := ticks[:0]
		for _, t := range ticks {
			whole := math.Abs(t.Value-math.Round(t.Value)) < 1e-9
			if integer && !whole {
				continue
			}
			if t.Label != "" {
				t.Label = cat.Number(t.Value, decimals)
			}
			out = append(out, t)
		}
		return out
	})
}

// decimalsOf returns how many decimals (up to 6) write v exactly.
func decimalsOf(v float64) int {
	for d := 0; d < 6; d++ {
		p := math.Pow(10, float64(d))
		if math.Abs(math.Round(v*p)/p-v) <= 1e-9*math.Max(1, math.Abs(v)) {
			return d
		}
	}
	return 6
}

// gridLines draws light lines at the major ticks of the value axis.
type gridLines struct{ vertical bool }

// Plot implements plot.Plotter.
func (g gridLines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	style := draw.LineStyle{Color: colorGrid, Width: vg.Points(0.8)}
	if g.vertical {
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if t.Label == "" {
				continue
			}
			x := trX(t.Value)
			c.StrokeLine2(style, x, c.Min.Y, x, c.Max.Y)
		}
		return
	}
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if t.Label == "" {
			continue
		}
		y := trY(t.Value)
		c.StrokeLine2(style, c.Min.X, y, c.Max.X, y)
	}
}

// fromZero makes a value axis start at zero and leaves headroom above the
// largest value (1 when there is none).
func fromZero(ax *plot.Axis, largest, headroom float64) {
	ax.Min = 0
	if largest <= 0 {
		largest = 1
	}
	ax.Max = largest * headroom
}

var (
	svgOpenTag = regexp.MustCompile(`<svg[^>]*viewBox="([^"]*)"[^>]*>`)
	svgFonts   = regexp.MustCompile(`font-family:Liberation Sans;`)
)

// errExternal means an SVG refers to something outside itself.
var errExternal = errors.New("chart refers to an outside resource")

// render draws p at w x h and returns it as an <svg> element to inline in
// HTML: without the XML prologue and namespace declarations (HTML needs
// neither), sized by the page, with fonts falling back from Liberation
// Sans to what the reader has, and checked to refer to nothing outside it.
func render(p *plot.Plot, w, h vg.Length) (svg template.HTML, err error) {
	defer func() { // gonum/plot panics on some inputs; a report must not take the run down
		if r := recover(); r != nil {
			svg, err = "", fmt.Errorf("drawing chart %q: %v", p.Title.Text, r)
		}
	}()
	c := vgsvg.NewWith(vgsvg.UseWH(w, h))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return "", fmt.Errorf("drawing chart %q: %w", p.Title.Text, err)
	}
	s := b.String()
	start := strings.Index(s, "<svg")
	if start < 0 {
		return "", fmt.Errorf("drawing chart %q: no <svg> element", p.Title.Text)
	}
	s = s[start:]
	open := svgOpenTag.FindStringSubmatch(s)
	if open == nil {
		return "", fmt.Errorf("drawing chart %q: no viewBox", p.Title.Text)
	}
	s = strings.Replace(s, open[0], fmt.Sprintf(`<svg viewBox="%s" role="img" aria-label="%s">`,
		open[1], html.EscapeString(p.Title.Text)), 1)
	s = svgFonts.ReplaceAllString(s, `font-family:'Liberation Sans',Arial,Helvetica,sans-serif;`)
	if ref := externalRef(s); ref != "" {
		return "", fmt.Errorf("drawing chart %q: %w: %s", p.Title.Text, errExternal, ref)
	}
	return template.HTML(s), nil
}

// externalRef returns the first thing in s that could make a browser
// fetch something, or "".
func externalRef(s string) string {
	lower := strings.ToLower(s)
	for _, bad := range []string{"<image", "<script", "<link", "<use", "<foreignobject", "href=", " src=", "url(", "@import"} {
		if i := strings.Index(lower, bad); i >= 0 {
			return s[max(0, i-20):min(len(s), i+40)]
		}
	}
	return ""
}
