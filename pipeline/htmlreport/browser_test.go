package htmlreport_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/htmlreport"
	"github.com/contoso/c360/pipeline/i18n"
	"github.com/contoso/c360/pipeline/internal/cdp"
)

// pageCheck is what the browser reports about a rendered page.
type pageCheck struct {
	Lang        string   `json:"lang"`
	Missing     []string `json:"missing"`
	ScrollWidth int      `json:"scrollWidth"`
	// Wide names the innermost elements that reach past the window.
	Wide   []string `json:"wide"`
	Charts []struct {
		ID       string  `json:"id"`
		Width    float64 `json:"width"`
		Height   float64 `json:"height"`
		Texts    int     `json:"texts"`
		Title    string  `json:"title"`
		MinFont  float64 `json:"minFont"` // smallest text, in CSS px as displayed
		Elements int     `json:"elements"`
	} `json:"charts"`
}

// checkScript measures the page: which ids are missing, how wide it is, and
// for each chart its displayed size, its text and its smallest font.
const checkScript = `(() => {
  const ids = %s, charts = %s;
  const out = {lang: document.documentElement.lang, scrollWidth: document.documentElement.scrollWidth};
  out.missing = ids.concat(charts).filter(id => !document.getElementById(id));
  out.wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth && e.children.length === 0)
    .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className + ': ' + e.textContent.slice(0, 40));
  out.charts = charts.map(id => {
    const svg = document.querySelector('#' + id + ' svg');
    if (!svg) return {id: id};
    const r = svg.getBoundingClientRect(), scale = r.width / svg.viewBox.baseVal.width;
    let minFont = 1000;
    svg.querySelectorAll('text').forEach(t => {
      if (t.textContent.trim()) minFont = Math.min(minFont, parseFloat(getComputedStyle(t).fontSize) * scale);
    });
    return {id: id, width: r.width, height: r.height, texts: svg.querySelectorAll('text').length,
      title: svg.getAttribute('aria-label'), minFont: minFont, elements: svg.querySelectorAll('*').length};
  });
  return out;
})()`

// TestReportInBrowser runs the pipeline on the sample, then opens the
// report it wrote (English) and a Spanish run's report in headless
// Chromium: every section and chart must be in the rendered page, charts
// must be drawn with readable text at 1280 px, the page must fit 1280 px,
// and the page must make no request but for its own file. A control page
// that does load something from the network proves the request watch works.
func TestReportInBrowser(t *testing.T) {
	chromium := cdp.FindChromium(t)
	dir := t.TempDir()
	cfg := publishSample(t, nil, dir)
	en := filepath.Join(dir, "report-en.html")
	if err := os.Rename(cfg.Report, en); err != nil {
		t.Fatalf("the run wrote no report: %v", err)
	}
	es, err := i18n.ForLang("es")
	if err != nil {
		t.Fatal(err)
	}
	publishSample(t, es, dir)
	b := cdp.Start(t, chromium)

	control := filepath.Join(dir, "control.html")
	page := `<!DOCTYPE html><title>control</title><img src="http://127.0.0.1:9/c360-control.png">`
	if err := os.WriteFile(control, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	if urls := b.Load(fileURL(control)); !containsPrefix(urls, "http://127.0.0.1:9/") {
		t.Fatalf("the control page's request was not seen (saw %q); the network check below would prove nothing", urls)
	}

	for _, tc := range []struct{ lang, path string }{{"en", en}, {"es", cfg.Report}} {
		t.Run(tc.lang, func(t *testing.T) {
			b.T = t
			page := fileURL(tc.path)
			urls := b.Load(page)
			if len(urls) == 0 || urls[0] != page {
				t.Errorf("requests %q do not start with the page itself", urls)
			}
			for _, u := range urls {
				if !strings.HasPrefix(u, "file://") {
					t.Errorf("the page requested %s", u)
				}
			}
			checkPage(t, b, tc.lang)
			cdp.SaveScreenshot(t, b.Screenshot(), "report-"+tc.lang+".png")
		})
	}
}

func checkPage(t *testing.T, b *cdp.Browser, lang string) {
	t.Helper()
	sections, _ := json.Marshal(htmlreport.SectionIDs())
	charts, _ := json.Marshal(htmlreport.ChartIDs())
	var page pageCheck
	b.Eval(fmt.Sprintf(checkScript, sections, charts), &page)
	if page.Lang != lang {
		t.Errorf("lang = %q, want %q", page.Lang, lang)
	}
	if len(page.Missing) > 0 {
		t.Errorf("missing from the rendered page: %q", page.Missing)
	}
	if page.ScrollWidth > 1280 {
		t.Errorf("the page is %d px wide, more than the 1280 px window; past it: %q", page.ScrollWidth, page.Wide)
	}
	cat, _ := i18n.ForLang(lang)
	for _, c := range page.Charts {
		switch {
		case c.Width < 450 || c.Height < 200:
			t.Errorf("%s is drawn %.0fx%.0f px", c.ID, c.Width, c.Height)
		case c.Texts < 5 || c.Elements < 20:
			t.Errorf("%s has %d texts and %d elements; not a chart", c.ID, c.Texts, c.Elements)
		case c.MinFont < 11:
			t.Errorf("%s has text of %.1f px, too small to read", c.ID, c.MinFont)
		}
		key := "chart." + strings.ReplaceAll(strings.TrimPrefix(c.ID, "chart-"), "-", "_") + ".title"
		if c.Title != cat.T(key) {
			t.Errorf("%s is titled %q, want %q", c.ID, c.Title, cat.T(key))
		}
	}
}

func fileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: path}).String()
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
