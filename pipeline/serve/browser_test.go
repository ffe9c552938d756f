package serve_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/internal/cdp"
	"github.com/contoso/c360/pipeline/review"
)

// phone is the viewport of a phone, in CSS pixels.
const phoneWidth, phoneHeight = 390, 844

// layoutScript measures the page: its width, and the ids of the page's
// parts that are present.
const layoutScript = `(() => ({
  width: document.documentElement.scrollWidth,
  url: location.href,
  title: document.title,
  present: %s.filter(id => document.getElementById(id)),
  wide: Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(-4).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ': ' + (e.textContent || '').trim().slice(0, 40)),
}))()`

type layout struct {
	Width   int      `json:"width"`
	URL     string   `json:"url"`
	Title   string   `json:"title"`
	Present []string `json:"present"`
	Wide    []string `json:"wide"` // elements past the window's right edge
}

// TestServeInBrowser drives the app in headless Chromium as a reviewer
// would: search for a customer by name, open the card from the results,
// record a decision on the review page; then a run applies the decision and
// the open server shows the new database. Every page must request nothing
// but this server, fit a desktop and a phone, and is kept as a screenshot.
func TestServeInBrowser(t *testing.T) {
	chromium := cdp.FindChromium(t)
	f := newFixture(t, "")
	b := cdp.Start(t, chromium)
	base := f.http.URL
	p := f.people[0]

	check := func(t *testing.T, name string, urls []string, ids ...string) layout {
		t.Helper()
		return checkPage(t, b, base, name, urls, ids)
	}

	// Search by name, typed with a typo and in capitals.
	check(t, "home", b.Load(base+"/"), "search", "q")
	name := strings.ToUpper(p.First + " " + typo(p.Last))
	js, _ := json.Marshal(name)
	urls := b.Submit(fmt.Sprintf(`document.getElementById('q').value = %s; document.getElementById('search').requestSubmit()`, js))
	page := check(t, "search", urls, "results", "q")
	if page.URL != base+"/search" {
		t.Errorf("the results page is at %s, want %s/search: the query must not be in the URL", page.URL, base)
	}
	var hrefs []string
	b.Eval(`Array.from(document.querySelectorAll('a.result')).map(a => a.getAttribute('href'))`, &hrefs)
	if !containsString(hrefs, "/customer/"+p.ID) {
		t.Fatalf("searching %q found %q, not /customer/%s", name, hrefs, p.ID)
	}

	// Open the card from the results.
	urls = b.Submit(fmt.Sprintf(`document.querySelector('a.result[href="/customer/%s"]').click()`, p.ID))
	page = check(t, "card", urls, "customer", "profile", "measures", "purchases", "records", "links", "crm", "history")
	if page.URL != base+"/customer/"+p.ID {
		t.Errorf("the card is at %s", page.URL)
	}
	var bars int
	b.Eval(`document.querySelectorAll('#purchases svg rect').length`, &bars)
	var purchases int
	b.Eval(`document.querySelectorAll('#purchases tbody tr').length`, &purchases)
	if bars != purchases {
		t.Errorf("the timeline draws %d bars for %d purchases", bars, purchases)
	}

	// Review: the first pair nearest the threshold is different people.
	check(t, "review", b.Load(base+"/review"), "near", "weakest")
	var pair []string
	b.Eval(`(() => { const f = document.querySelector('#near form.decide');
		return [f.elements.left.value, f.elements.right.value]; })()`, &pair)
	if len(pair) != 2 {
		t.Fatal("the review page offers no pair")
	}
	urls = b.Submit(`(() => { const f = document.querySelector('#near form.decide');
		f.elements.by.value = 'Ana Reviewer'; f.querySelector('button.different').click(); })()`)
	page = check(t, "review-saved", urls, "notice", "near")
	if page.URL != base+"/review?saved=1" {
		t.Errorf("after the decision the page is %s", page.URL)
	}
	ds, err := review.Read(review.FileFor(f.cfg))
	if err != nil || len(ds) != 1 || ds[0].By != "Ana Reviewer" || ds[0].Verdict != review.Different ||
		ds[0].Left.String() != pair[0] || ds[0].Right.String() != pair[1] {
		t.Fatalf("review file holds %+v (%v); want %s ~ %s different, by Ana Reviewer", ds, err, pair[0], pair[1])
	}
	var offered []string
	b.Eval(`Array.from(document.querySelectorAll('#near form.decide')).map(f => f.elements.left.value + '|' + f.elements.right.value)`, &offered)
	if containsString(offered, pair[0]+"|"+pair[1]) {
		t.Error("the decided pair is still in the queue")
	}

	// The next run applies the decision; the open server shows it.
	sum := runPipeline(t, f.cfg)
	if sum.Counts.ReviewApplied != 1 || sum.Counts.ReviewMissing != 0 {
		t.Errorf("the run applied %d decisions (%d missing), want 1", sum.Counts.ReviewApplied, sum.Counts.ReviewMissing)
	}
	b.Load(base + "/customer/" + pair[0])
	var cardURL string
	b.Eval(`location.pathname`, &cardURL)
	var records []string
	b.Eval(`Array.from(document.querySelectorAll('#records article h3')).map(h => h.firstChild.textContent.trim())`, &records)
	if containsString(records, pair[1]) || !containsString(records, pair[0]) {
		t.Errorf("after the run, the card of %s (%s) shows records %q; %s should be apart", pair[0], cardURL, records, pair[1])
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkPage checks the page b shows, reached with the requests urls: it
// requested only base, has the elements ids, fits 1280 px and a phone; and
// keeps a screenshot of each.
func checkPage(t *testing.T, b *cdp.Browser, base, name string, urls []string, ids []string) layout {
	t.Helper()
	for _, u := range urls {
		if !strings.HasPrefix(u, base+"/") {
			t.Errorf("%s requested %s", name, u)
		}
	}
	want, _ := json.Marshal(ids)
	var desk, phone layout
	b.Eval(fmt.Sprintf(layoutScript, want), &desk)
	if len(desk.Present) != len(ids) {
		t.Errorf("%s has %q of %q", name, desk.Present, ids)
	}
	if desk.Width > 1280 {
		t.Errorf("%s is %d px wide at 1280: %q", name, desk.Width, desk.Wide)
	}
	cdp.SaveScreenshot(t, b.Screenshot(), "serve-"+name+".png")
	b.Viewport(phoneWidth, phoneHeight, true)
	b.Eval(fmt.Sprintf(layoutScript, want), &phone)
	if phone.Width > phoneWidth {
		t.Errorf("%s is %d px wide on a %d px phone: %q", name, phone.Width, phoneWidth, phone.Wide)
	}
	cdp.SaveScreenshot(t, b.Screenshot(), "serve-"+name+"-phone.png")
	b.Viewport(1280, 900, false)
	return desk
}
