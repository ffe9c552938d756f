package htmlreport

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"gonum.org/v1/plot/plotter"

	"github.com/contoso/c360/pipeline/i18n"
)

func writePage(t *testing.T, lang string, withCRM bool) string {
	t.Helper()
	cat, err := i18n.ForLang(lang)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(context.Background(), fixtureDB(t, withCRM), cat, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// element returns the element with id in page, from its start tag to the
// matching end tag of the same name (no nesting of that name inside).
func element(t *testing.T, page, id string) string {
	t.Helper()
	start := regexp.MustCompile(`<([a-z]+)[^>]* id="` + regexp.QuoteMeta(id) + `"`).FindStringSubmatchIndex(page)
	if start == nil {
		t.Errorf("no element with id %q", id)
		return ""
	}
	tag := page[start[2]:start[3]]
	end := strings.Index(page[start[0]:], "</"+tag+">")
	if end < 0 {
		t.Errorf("element %q is not closed", id)
		return ""
	}
	return page[start[0] : start[0]+end]
}

func TestWriteHasEverySectionAndChart(t *testing.T) {
	for _, lang := range i18n.Languages() {
		t.Run(lang, func(t *testing.T) {
			page := writePage(t, lang, true)
			cat, _ := i18n.ForLang(lang)
			if !strings.HasPrefix(page, "<!DOCTYPE html>\n<html lang=\""+lang+"\">") {
				t.Errorf("page starts %q", page[:min(60, len(page))])
			}
			for _, id := range SectionIDs() {
				if sec := element(t, page, id); sec != "" && !strings.Contains(sec, "<h2>") {
					t.Errorf("section %s has no heading", id)
				}
			}
			for _, id := range ChartIDs() {
				fig := element(t, page, id)
				key := "chart." + strings.ReplaceAll(strings.TrimPrefix(id, "chart-"), "-", "_")
				switch {
				case fig == "":
				case !strings.Contains(fig, `<svg viewBox="`) || strings.Count(fig, "<path") < 3:
					t.Errorf("%s holds no drawn chart", id)
				case !strings.Contains(fig, ">"+cat.T(key+".title")+"</text>"):
					t.Errorf("%s lacks its title %q", id, cat.T(key+".title"))
				case !strings.Contains(fig, ">"+cat.T(key+".x")+"</text>") || !strings.Contains(fig, ">"+cat.T(key+".y")+"</text>"):
					t.Errorf("%s lacks an axis label", id)
				}
			}
			for _, id := range []string{"table-sources", "table-near-threshold", "table-top-customers", "table-funnel",
				"table-tech-checks", "table-overdue"} {
				if tbl := element(t, page, id); tbl != "" && strings.Count(tbl, "<tr") < 2 {
					t.Errorf("table %s has no rows", id)
				}
			}
		})
	}
}

// TestWriteMakesNoReference: nothing on the page may make a browser fetch:
// no script, link, image, frame or object, no src or href but in-page
// anchors, no url() or @import in styles, and no web address at all
// (the fixture's one https source URL is data, shown as text only).
func TestWriteMakesNoReference(t *testing.T) {
	for _, lang := range i18n.Languages() {
		page := writePage(t, lang, true)
		lower := strings.ToLower(page)
		for _, bad := range []string{"<script", "<link", "<img", "<image", "<iframe", "<object", "<embed", "<use",
			" src=", "url(", "@import", "xmlns", "xlink"} {
			if i := strings.Index(lower, bad); i >= 0 {
				t.Errorf("%s: %q at %q", lang, bad, page[max(0, i-40):min(len(page), i+40)])
			}
		}
		for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1) {
			if !strings.HasPrefix(m[1], "#") {
				t.Errorf("%s: link to %q", lang, m[1])
			}
		}
		if n := strings.Count(lower, "http://") + strings.Count(lower, "https://"); n != 1 {
			t.Errorf("%s: %d web addresses, want only the fixture's source URL", lang, n)
		}
		if !strings.Contains(page, `<td class="path">https://example.invalid/loyalty</td>`) {
			t.Errorf("%s: the source URL is not shown as text", lang)
		}
		if !strings.Contains(page, `content="default-src 'none'; style-src 'unsafe-inline'"`) {
			t.Errorf("%s: no Content-Security-Policy", lang)
		}
	}
}

func TestWriteEscapesData(t *testing.T) {
	page := writePage(t, "en", false)
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;not bold&lt;/b&gt;"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "<b>not bold</b>") {
		t.Error("a warning's markup reached the page")
	}
}

func TestWriteWords(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"en", []string{">Qualify<", ">Tech Check<", "Check-in e-mail", "Open Deals", ">overdue</text>", ">missing</span>",
			">Violation</span>", "1 of 2", "Published with --force", "E-mail: e-mails different <b>−2.00</b>"}},
		{"es", []string{">Calificar<", ">Desarrollar<", ">Presupuesto<", ">Comprobación técnica<", ">Cierre<",
			"Correo de seguimiento", "Llamada para concertar una cita", "Ofertas abiertas", ">vencida</text>",
			">falta</span>", ">Infracción</span>", "Publicada con --force",
			"Correo electrónico: correos electrónicos distintos <b>−2.00</b>"}},
	}
	for _, tc := range tests {
		page := writePage(t, tc.lang, true)
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s page lacks %q", tc.lang, w)
			}
		}
		for _, banned := range []string{"opportunit", "oportunidad"} {
			if strings.Contains(strings.ToLower(page), banned) {
				t.Errorf("%s page says %q", tc.lang, banned)
			}
		}
	}
}

func TestWriteWithoutCRM(t *testing.T) {
	page := writePage(t, "en", false)
	sales := element(t, page, "sales")
	if !strings.Contains(sales, i18n.English().T("html.sales.none")) {
		t.Errorf("the sales section does not say the run had no CRM exports:\n%s", sales)
	}
	if strings.Contains(page, `id="chart-funnel"`) {
		t.Error("a funnel chart without CRM data")
	}
}

func TestNumberTicks(t *testing.T) {
	en := i18n.English()
	tests := []struct {
		lo, hi  float64
		integer bool
		want    []string
	}{
		{0, 4000000, false, []string{"0", "2,000,000", "4,000,000"}},
		{0, 0.3, false, []string{"0.00", "0.15", "0.30"}},
		{-5, 31, false, []string{"0", "10", "20", "30"}},
		{0, 3, true, []string{"0", "1", "2", "3"}},
	}
	for _, tc := range tests {
		var got []string
		for _, tk := range numberTicks(en, tc.integer).Ticks(tc.lo, tc.hi) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
			if tc.integer && tk.Value != float64(int(tk.Value)) {
				t.Errorf("integer ticks have %v", tk.Value)
			}
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("ticks(%v, %v) = %q, want %q", tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestLabels(t *testing.T) {
	tests := []struct{ got, want string }{
		{wrapLabel("Contactos de comercio electrónico", 18), "Contactos de\ncomercio\nelectrónico"},
		{wrapLabel("Close", 18), "Close"},
		{wrapLabel("Comprobación técnica", 18), "Comprobación\ntécnica"},
		{shortOwner("d96d8985-9b41-59b1-5396-9d0a863996d8"), "d96d8985…"},
		{shortOwner("U-ANA"), "U-ANA"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want float64 }{{9.2, 10}, {0.3, 0.5}, {12, 20}, {230, 250}, {0, 1}} {
		if got := roundWidth(tc.in); got != tc.want {
			t.Errorf("roundWidth(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestRenderRejectsOutsideReferences(t *testing.T) {
	if ref := externalRef(`<svg viewBox="0 0 1 1"><text>ok</text></svg>`); ref != "" {
		t.Errorf("clean SVG flagged at %q", ref)
	}
	for _, s := range []string{`<image xlink:href="x.png"/>`, `<g style="fill:url(#a)">`, `<a href="http://x">`} {
		if externalRef(s) == "" {
			t.Errorf("%q not flagged", s)
		}
	}
	p := newPlot(i18n.English(), chartChannels)
	b, err := plotter.NewBarChart(plotter.Values{1, 2}, 10)
	if err != nil {
		t.Fatal(err)
	}
	p.Add(b)
	svg, err := render(p, halfWidth, chartHight)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(svg), `<svg viewBox="0 0 570 340" role="img" aria-label="Store versus online">`) {
		t.Errorf("svg starts %q", string(svg)[:min(100, len(svg))])
	}
	if !strings.Contains(string(svg), "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;") {
		t.Error("chart text has no font fallback")
	}
}
