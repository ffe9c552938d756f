package serve_test

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/explain"
	"github.com/contoso/c360/pipeline/review"
	"github.com/contoso/c360/pipeline/serve"
)

// fixture is a published sample with a server over it.
type fixture struct {
	cfg    *config.Config
	people []person
	srv    *serve.Server
	http   *httptest.Server
	log    *bytes.Buffer
}

func newFixture(t *testing.T, token string) *fixture {
	t.Helper()
	cfg := publishSample(t)
	db := openReadOnly(t, cfg.Database)
	f := &fixture{cfg: cfg, people: twoRecordPeople(t, db), log: &bytes.Buffer{}}
	db.Close()
	srv, err := serve.New(serve.Options{Database: cfg.Database, ReviewFile: review.FileFor(cfg), Token: token,
		Reviewer: "server-user", Logger: slog.New(slog.NewJSONHandler(f.log, nil)),
		Now: func() time.Time { return time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	f.srv = srv
	f.http = httptest.NewServer(srv.Handler())
	t.Cleanup(func() { f.http.Close(); srv.Close() })
	return f
}

// do sends a request the way a same-origin browser form would.
func (f *fixture) do(t *testing.T, method, path string, form url.Values, header ...string) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, f.http.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", f.http.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(data)
}

func TestSearchIsPostedAndNeverLogged(t *testing.T) {
	f := newFixture(t, "")
	p := f.people[0]
	resp, body := f.do(t, "POST", "/search", url.Values{"q": {p.Email}})
	if resp.StatusCode != 200 || !strings.Contains(body, `href="/customer/`+p.ID+`"`) {
		t.Fatalf("POST /search %s: %d, no link to %s:\n%s", p.Email, resp.StatusCode, p.ID, body)
	}
	if resp, _ := f.do(t, "GET", "/search?q="+url.QueryEscape(p.Email), nil); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /search: %d, want 405: a search must not travel in a URL", resp.StatusCode)
	}
	if _, body := f.do(t, "GET", "/?q="+url.QueryEscape(p.Email), nil); strings.Contains(body, "/customer/"+p.ID) {
		t.Error("the home page searched a query from its URL")
	}
	f.do(t, "GET", "/customer/"+p.ID, nil)
	f.do(t, "POST", "/search", url.Values{"q": {p.First + " " + p.Last}})
	logged := f.log.String()
	if !strings.Contains(logged, `"route":"POST /search"`) || !strings.Contains(logged, `"route":"GET /customer/{id}"`) {
		t.Fatalf("the log lacks the requests' routes:\n%s", logged)
	}
	for _, secret := range []string{p.Email, p.First, p.Last, p.ID, strings.SplitN(p.Email, "@", 2)[0]} {
		if strings.Contains(strings.ToLower(logged), strings.ToLower(secret)) {
			t.Errorf("the log holds %q:\n%s", secret, logged)
		}
	}
}

func TestPagesAreSafe(t *testing.T) {
	f := newFixture(t, "")
	p := f.people[0]
	evil := `<script>alert("x")</script>' onmouseover="y`
	pages := []struct {
		name, method, path string
		form               url.Values
	}{
		{"home", "GET", "/", nil},
		{"search", "POST", "/search", url.Values{"q": {evil}}},
		{"card", "GET", "/customer/" + p.ID, nil},
		{"review", "GET", "/review", nil},
		{"missing", "GET", "/customer/" + url.PathEscape(evil), nil},
	}
	for _, pg := range pages {
		resp, body := f.do(t, pg.method, pg.path, pg.form)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "style-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP %q", pg.name, csp)
		}
		if resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("%s (%d): Content-Type %q", pg.name, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", pg.name, resp.Header)
		}
		if strings.Contains(body, "<script") || strings.Contains(body, " style=") || regexp.MustCompile(`\son[a-z]+="`).MatchString(body) {
			t.Errorf("%s: the page holds a script, a style attribute or an event handler", pg.name)
		}
	}
	_, body := f.do(t, "POST", "/search", url.Values{"q": {evil}})
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39; onmouseover=&#34;y") {
		t.Errorf("the query is not echoed escaped:\n%s", body)
	}
	if resp, _ := f.do(t, "GET", "/customer/"+url.PathEscape(evil), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown customer: %d, want 404", resp.StatusCode)
	}

	// A POST from another site is refused and records nothing.
	form := url.Values{"left": {p.Records[0]}, "right": {p.Records[1]}, "verdict": {"different"}}
	resp, _ := f.do(t, "POST", "/review", form, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST /review: %d, want 403", resp.StatusCode)
	}
	if _, err := os.Stat(review.FileFor(f.cfg)); !os.IsNotExist(err) {
		t.Errorf("a cross-site POST wrote the review file (%v)", err)
	}
}

// TestOnlyLocalhostWithoutAToken sends requests named for another host, as
// a page of another site whose name resolves to 127.0.0.1 would.
func TestOnlyLocalhostWithoutAToken(t *testing.T) {
	f := newFixture(t, "")
	for host, want := range map[string]int{
		"evil.example:8360": http.StatusMisdirectedRequest,
		"evil.example":      http.StatusMisdirectedRequest,
		"192.168.1.5:8360":  http.StatusMisdirectedRequest,
		"localhost:8360":    http.StatusOK,
		"127.0.0.1:8360":    http.StatusOK,
		"[::1]:8360":        http.StatusOK,
		"LOCALHOST":         http.StatusOK,
	} {
		req, err := http.NewRequest("GET", f.http.URL+"/customer/"+f.people[0].ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

func TestTokenOnEveryRequest(t *testing.T) {
	const token = "s3cret-token-for-the-test"
	f := newFixture(t, token)
	resp, body := f.do(t, "GET", "/", nil)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `action="/signin"`) {
		t.Errorf("no token: %d, want 401 and the sign-in page", resp.StatusCode)
	}
	if resp, _ := f.do(t, "POST", "/search", url.Values{"q": {"smith"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("POST without a token: %d, want 401", resp.StatusCode)
	}
	if resp, _ := f.do(t, "GET", "/", nil, "Authorization", "Bearer wrong"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a wrong token: %d, want 401", resp.StatusCode)
	}
	if resp, _ := f.do(t, "GET", "/", nil, "Authorization", "Bearer "+token); resp.StatusCode != 200 {
		t.Errorf("bearer token: %d, want 200", resp.StatusCode)
	}
	if resp, _ := f.do(t, "POST", "/signin", url.Values{"token": {"wrong"}}); resp.StatusCode != http.StatusUnauthorized || len(resp.Cookies()) != 0 {
		t.Errorf("signing in with a wrong token: %d, cookies %v", resp.StatusCode, resp.Cookies())
	}
	resp, _ = f.do(t, "POST", "/signin", url.Values{"token": {token}})
	cookies := resp.Cookies()
	if resp.StatusCode != http.StatusSeeOther || len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("sign in: %d, cookies %v", resp.StatusCode, cookies)
	}
	if resp, _ := f.do(t, "GET", "/review", nil, "Cookie", cookies[0].String()); resp.StatusCode != 200 {
		t.Errorf("with the sign-in cookie: %d, want 200", resp.StatusCode)
	}
	if strings.Contains(f.log.String(), token) {
		t.Error("the token is in the log")
	}
}

func TestIsLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr  string
		local bool
		err   bool
	}{
		{"127.0.0.1:8360", true, false},
		{"[::1]:8360", true, false},
		{"localhost:8360", true, false},
		{"127.0.0.2:80", true, false},
		{":8360", false, false},
		{"0.0.0.0:8360", false, false},
		{"192.168.1.5:8360", false, false},
		{"example.com:8360", false, false},
		{"8360", false, true},
	} {
		local, err := serve.IsLoopback(tc.addr)
		if local != tc.local || (err != nil) != tc.err {
			t.Errorf("IsLoopback(%q) = %v, %v; want %v, error %v", tc.addr, local, err, tc.local, tc.err)
		}
	}
}

// TestCardShowsTheWholePerson checks a card against the database and
// against explain: the same links and the same weights.
func TestCardShowsTheWholePerson(t *testing.T) {
	f := newFixture(t, "")
	db := openReadOnly(t, f.cfg.Database)
	var id string
	var purchases int
	err := db.QueryRow(`SELECT c.customer_id, count(*) FROM customer c JOIN purchase p USING (customer_id)
		WHERE c.record_count = 2 GROUP BY ALL HAVING count(DISTINCT p.channel) = 2 ORDER BY 2 DESC, 1 LIMIT 1`).Scan(&id, &purchases)
	if err != nil {
		t.Fatal(err)
	}
	e, err := explain.Find(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	resp, body := f.do(t, "GET", "/customer/"+id, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("GET /customer/%s: %d", id, resp.StatusCode)
	}
	section := func(name string) string { return cardSection(t, body, name) }
	esc := func(s string) string { return strings.ReplaceAll(s, "+", "&#43;") }
	profile := section("profile")
	for _, attr := range []string{"first_name", "last_name", "email"} {
		v := fmt.Sprint(e.Customer[attr])
		from := e.Customer["attribute_source"].(map[string]any)[attr]
		if !strings.Contains(profile, "<td>"+v+"</td>") || !strings.Contains(profile, fmt.Sprintf(">%s</a>", from)) {
			t.Errorf("profile lacks %s = %s from %v", attr, v, from)
		}
	}
	for _, r := range e.Records {
		if !strings.Contains(section("records"), fmt.Sprintf("%s:%s <span", r.Source, r.ID)) {
			t.Errorf("records lack %s:%s", r.Source, r.ID)
		}
	}
	links := section("links")
	if prior := fmt.Sprintf(`<td>prior</td><td>every pair starts here</td><td class="num">%s</td>`, esc(fmt.Sprintf("%+.2f", e.Prior))); !strings.Contains(links, prior) {
		t.Errorf("the links lack the prior row %s", prior)
	}
	if n := strings.Count(links, `<article class="link">`); n != len(e.Links) || n == 0 {
		t.Errorf("%d links on the card, explain has %d", n, len(e.Links))
	}
	for _, l := range e.Links {
		if !strings.Contains(links, esc(fmt.Sprintf("%s ~ %s", l.Left, l.Right))) {
			t.Errorf("the card lacks link %s ~ %s", l.Left, l.Right)
		}
		for _, ev := range l.Evidence {
			class := "pos"
			if ev.Weight < 0 {
				class = "neg"
			}
			want := fmt.Sprintf(`<td>%s</td><td>%s</td><td class="num %s">%s</td>`,
				ev.Comparison, esc(template.HTMLEscapeString(ev.Label)), class, esc(fmt.Sprintf("%+.2f", ev.Weight)))
			if !strings.Contains(links, want) {
				t.Errorf("link %s ~ %s lacks the row %s", l.Left, l.Right, want)
			}
		}
		if !strings.Contains(links, fmt.Sprintf(`<td class="num">%.2f</td></tr></tfoot>`, l.Weight)) {
			t.Errorf("link %s ~ %s lacks its total %.2f", l.Left, l.Right, l.Weight)
		}
	}
	purchasesHTML := section("purchases")
	if !strings.Contains(purchasesHTML, fmt.Sprintf("Purchases (%d)", purchases)) || strings.Count(purchasesHTML, "<rect ") != purchases {
		t.Errorf("the card shows %d bars for %d purchases", strings.Count(purchasesHTML, "<rect "), purchases)
	}
	if !strings.Contains(purchasesHTML, `fill="#f59e0b"`) || !strings.Contains(purchasesHTML, `fill="#2563eb"`) {
		t.Error("the timeline does not tell the channels apart")
	}
	if !strings.Contains(section("history"), "<td>created</td>") {
		t.Error("the id history lacks the creation of the id")
	}
	if !strings.Contains(section("measures"), "lifetime_spend") {
		t.Error("the card lacks the measures")
	}

	// A source record's address sends the reader to its customer's card.
	resp, _ = f.do(t, "GET", "/customer/"+e.Records[0].Source+":"+e.Records[0].ID, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/customer/"+id {
		t.Errorf("GET /customer/source:id: %d to %q, want 303 to /customer/%s", resp.StatusCode, resp.Header.Get("Location"), id)
	}
}

// TestDecisionsAndRepublish records decisions through the review form,
// then publishes a new run while the server runs: the next request reads
// the new database, and the run has applied the decision.
func TestDecisionsAndRepublish(t *testing.T) {
	f := newFixture(t, "")
	p := f.people[0]
	_, home := f.do(t, "GET", "/", nil)
	form := url.Values{"left": {p.Records[0]}, "right": {p.Records[1]}, "verdict": {"different"}, "by": {"Ana Núñez"}}
	resp, _ := f.do(t, "POST", "/review", form)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/review?saved=1" {
		t.Fatalf("POST /review: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, bad := range []url.Values{
		{"left": {p.Records[0]}, "right": {p.Records[1]}, "verdict": {"maybe"}},
		{"left": {p.Records[0]}, "right": {"contacts:NO_SUCH_RECORD"}, "verdict": {"same"}},
		{"left": {"nowhere:1"}, "right": {p.Records[1]}, "verdict": {"same"}},
		{"left": {p.Records[0]}, "right": {p.Records[0]}, "verdict": {"same"}},
	} {
		if resp, _ := f.do(t, "POST", "/review", bad); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("POST /review %v: %d, want 400", bad, resp.StatusCode)
		}
	}
	// Two customers of two records each are one person.
	q1, q2 := f.people[1], f.people[2]
	join := url.Values{"left": {q1.Records[0]}, "right": {q2.Records[0]}, "verdict": {"same"}, "by": {"Bo"}}
	if resp, _ := f.do(t, "POST", "/review", join); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /review (same): %d", resp.StatusCode)
	}
	ds, err := review.Read(review.FileFor(f.cfg))
	if err != nil || len(ds) != 2 {
		t.Fatalf("review file: %v, %v; want the two good decisions", ds, err)
	}
	if d := ds[0]; d.Verdict != review.Different || d.By != "Ana Núñez" || d.Left.String() != p.Records[0] || !d.At.Equal(time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("decision recorded as %+v", d)
	}
	// The reviewer's name is remembered for the next form.
	if cs := resp.Cookies(); len(cs) != 1 || cs[0].Name != "c360_reviewer" {
		t.Errorf("cookies %v, want the reviewer's name", cs)
	} else if _, page := f.do(t, "GET", "/review", nil, "Cookie", cs[0].String()); !strings.Contains(page, `name="by" value="Ana Núñez"`) {
		t.Error("the review page does not offer the name typed last")
	}

	runID := regexp.MustCompile(`Published run (\S+)`).FindStringSubmatch(home)
	if runID == nil {
		t.Fatalf("the home page names no run:\n%s", home)
	}
	sum := runPipeline(t, f.cfg)
	if sum.Counts.ReviewApplied != 2 {
		t.Errorf("the run applied %d decisions, want 2", sum.Counts.ReviewApplied)
	}
	_, home = f.do(t, "GET", "/", nil)
	if !strings.Contains(home, "Published run "+sum.RunID) {
		t.Errorf("after a new run the home page still reads %s, not %s", runID[1], sum.RunID)
	}
	_, card := f.do(t, "GET", "/customer/"+p.ID, nil)
	if strings.Count(card, `<article class="record"`) != 1 {
		t.Errorf("after the split the card of %s still shows %d records", p.ID, strings.Count(card, `<article class="record"`))
	}
	// The merge kept one of the two ids; the other's address leads to it.
	kept, gone := q1.ID, q2.ID
	if resp, _ := f.do(t, "GET", "/customer/"+kept, nil); resp.StatusCode != 200 {
		kept, gone = gone, kept
	}
	resp, card = f.do(t, "GET", "/customer/"+kept, nil)
	if resp.StatusCode != 200 || strings.Count(card, `<article class="record"`) != 4 || !strings.Contains(card, "<td>merged</td>") {
		t.Errorf("the merged customer %s: %d, %d records, merge in its history: %v", kept, resp.StatusCode,
			strings.Count(card, `<article class="record"`), strings.Contains(card, "<td>merged</td>"))
	}
	if resp, _ := f.do(t, "GET", "/customer/"+gone, nil); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/customer/"+kept {
		t.Errorf("GET /customer/%s (merged away): %d to %q, want 303 to /customer/%s", gone, resp.StatusCode, resp.Header.Get("Location"), kept)
	}
}

// cardSection returns the section of a card page with the given id.
func cardSection(t *testing.T, body, id string) string {
	t.Helper()
	i := strings.Index(body, `<section id="`+id+`"`)
	if i < 0 {
		t.Fatalf("the card has no %s section", id)
	}
	rest := body[i:]
	return rest[:strings.Index(rest, "</section>")]
}

// TestCardShowsCRMLinks opens the card of the customer whose contact has
// the e-mail of the first lead (see leadWithContactEmail): it shows that
// lead, its account and the account's deals.
func TestCardShowsCRMLinks(t *testing.T) {
	f := newFixture(t, "")
	// The customer whose contact has the first lead's e-mail (see
	// leadWithContactEmail) has that lead, its account and its deals.
	db := openReadOnly(t, f.cfg.Database)
	var crmCustomer, leadName, account string
	var deals int
	err := db.QueryRow(`SELECT s.customer_id, l.first_name || ' ' || l.last_name, a.name,
			(SELECT count(*) FROM deal d WHERE d.account_id = a.account_id)
		FROM lead l JOIN source_contacts c ON lower(c.email) = lower(l.email)
		JOIN customer_source s ON s.source = 'contacts' AND s.source_id = c.contact_id
		JOIN crm_account a ON a.account_id = l.account_id`).Scan(&crmCustomer, &leadName, &account, &deals)
	if err != nil {
		t.Fatalf("the fixture's lead with a customer's e-mail: %v", err)
	}
	db.Close()
	_, body := f.do(t, "GET", "/customer/"+crmCustomer, nil)
	crm := cardSection(t, body, "crm")
	if !strings.Contains(crm, "<td>"+template.HTMLEscapeString(leadName)+"</td>") {
		t.Errorf("the CRM section lacks lead %s:\n%s", leadName, crm)
	}
	if !strings.Contains(crm, "<td>"+template.HTMLEscapeString(account)+"</td>") {
		t.Errorf("the CRM section lacks account %s:\n%s", account, crm)
	}
	if deals == 0 || !strings.Contains(crm, "Deals of those accounts") {
		t.Errorf("the CRM section shows no deals; the account has %d", deals)
	}

}

// TestBeforeTheFirstRun starts the server before anything is published:
// pages say so, and the first published database is read as soon as it
// exists.
func TestBeforeTheFirstRun(t *testing.T) {
	cfg := publishSample(t)
	if err := os.Rename(cfg.Database, cfg.Database+".later"); err != nil {
		t.Fatal(err)
	}
	srv, err := serve.New(serve.Options{Database: cfg.Database, ReviewFile: review.FileFor(cfg)})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	h := srv.Handler()
	get := func() (int, string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "http://localhost/", nil))
		return rec.Code, rec.Body.String()
	}
	if code, body := get(); code != http.StatusServiceUnavailable || !strings.Contains(body, "No database has been published yet") {
		t.Errorf("before the first run: %d\n%s", code, body)
	}
	if err := os.Rename(cfg.Database+".later", cfg.Database); err != nil {
		t.Fatal(err)
	}
	if code, body := get(); code != http.StatusOK || !strings.Contains(body, "Published run") {
		t.Errorf("after the first run: %d\n%s", code, body)
	}
}

// TestRequestsDuringAPublish keeps searching and opening cards while a run
// publishes: every request succeeds, from the old database or the new one.
func TestRequestsDuringAPublish(t *testing.T) {
	f := newFixture(t, "")
	p := f.people[0]
	stop := make(chan struct{})
	errs := make(chan error, 4)
	var served atomic.Int64
	for w := range 4 {
		go func() {
			for {
				select {
				case <-stop:
					errs <- nil
					return
				default:
				}
				var resp *http.Response
				var err error
				if w%2 == 0 {
					resp, err = http.PostForm(f.http.URL+"/search", url.Values{"q": {p.Email}})
				} else {
					resp, err = http.Get(f.http.URL + "/customer/" + p.ID)
				}
				if err != nil {
					errs <- err
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || !strings.Contains(string(body), p.ID) {
					errs <- fmt.Errorf("worker %d: %d\n%s", w, resp.StatusCode, body)
					return
				}
				served.Add(1)
			}
		}()
	}
	sum := runPipeline(t, f.cfg)
	close(stop)
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if _, home := f.do(t, "GET", "/", nil); !strings.Contains(home, "Published run "+sum.RunID) {
		t.Errorf("after the run the home page does not name run %s:\n%s", sum.RunID, regexp.MustCompile(`Published run \S+`).FindString(home))
		time.Sleep(2 * time.Second)
		_, home = f.do(t, "GET", "/", nil)
		t.Logf("2 s later: %s", regexp.MustCompile(`Published run \S+`).FindString(home))
	}
	t.Logf("%d requests served during the run", served.Load())
}
