package serve

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/contoso/c360/pipeline/bulk"
	"github.com/contoso/c360/pipeline/explain"
	"github.com/contoso/c360/pipeline/review"
)

//go:embed templates/*.gohtml static/style.css
var files embed.FS

// pageNames are the pages, one template file each, all in layout.gohtml.
var pageNames = []string{"home", "card", "review", "signin", "error"}

// pages holds one parsed template set per page.
type pages struct {
	byName map[string]*template.Template
	style  []byte
}

func parsePages() (*pages, error) {
	style, err := files.ReadFile("static/style.css")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: make(map[string]*template.Template), style: style}
	for _, name := range pageNames {
		t, err := template.New("layout.gohtml").Funcs(funcs).ParseFS(files,
			"templates/layout.gohtml", "templates/parts.gohtml", "templates/"+name+".gohtml")
		if err != nil {
			return nil, fmt.Errorf("serve: templates: %w", err)
		}
		p.byName[name] = t
	}
	return p, nil
}

var funcs = template.FuncMap{
	"money":   func(v any) string { return fmt.Sprintf("$%.2f", bulk.Float(v)) },
	"weight":  func(v float64) string { return fmt.Sprintf("%+.2f", v) },
	"percent": func(v float64) string { return fmt.Sprintf("%.2f%%", 100*v) },
	"prob": func(v float64) string {
		if v > 0.9999 && v < 1 {
			return "> 0.9999"
		}
		return fmt.Sprintf("%.4f", v)
	},
	"text": cellText,
	"add":  func(a, b float64) float64 { return a + b },
	"evidence": func(l explain.Link, prior float64) evidenceView {
		return evidenceView{Link: l, Prior: prior}
	},
	"decideForm": func(left, right, back, reviewer string, current review.Verdict) decideForm {
		return decideForm{Left: left, Right: right, Back: back, Reviewer: reviewer, Current: current}
	},
	"pairArgs": func(p pairView, prior float64, reviewer string) pairArgs {
		return pairArgs{Pair: p, Prior: prior, Reviewer: reviewer}
	},
	"anchor": func(ref string) string { return "rec-" + strings.NewReplacer(":", "-", " ", "-").Replace(ref) },
	"verdict": func(l explain.Link) string {
		switch {
		case !l.Matched && l.Within:
			return "below the threshold, joined through other links"
		case !l.Matched:
			return "near miss, not linked"
		case !l.Within:
			return "linked, but split apart by a guard"
		}
		return "linked"
	},
}

// cellText shows a database value: dates as dates, lists joined, NULL blank.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format("2006-01-02 15:04")
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return fmt.Sprintf("%.0f", x)
		}
		return fmt.Sprintf("%.2f", x)
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = cellText(p)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

// evidenceView is a link's evidence with the prior it starts from.
type evidenceView struct {
	Link  explain.Link
	Prior float64
}

// decideForm is a form recording a verdict on the pair Left ~ Right, and
// then going Back (a card; "" means the review page).
type decideForm struct {
	Left, Right, Back, Reviewer string
	Current                     review.Verdict
}

// pairArgs is what the review page's pair template gets.
type pairArgs struct {
	Pair     pairView
	Prior    float64
	Reviewer string
}

// pageData is what every page template gets.
type pageData struct {
	Title    string
	Nav      string // the menu entry to mark: search or review
	Error    string
	Notice   string
	Reviewer string

	Home   *home
	Query  string
	Found  []found
	Card   *card
	Queue  *queue
	Status int

	Successors []string // customers a retired id's records went to
}

// render writes page name with d, with status d.Status (0 means 200),
// buffered so a template error gives a clean error page rather than half a
// page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, d pageData) {
	var buf bytes.Buffer
	if err := s.pages.byName[name].Execute(&buf, d); err != nil {
		s.log.Error("rendering a page failed", "page", name, "err", err)
		http.Error(w, "internal error: the page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if d.Status != 0 {
		w.WriteHeader(d.Status)
	}
	w.Write(buf.Bytes())
}

// fail renders the error page for err: not found, nothing published yet,
// or an internal error (logged, without request data).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "Something went wrong reading the published database; the server log says what."
	switch {
	case errors.Is(err, explain.ErrNotFound):
		status, msg = http.StatusNotFound, "There is no such customer in the published database. It may have been merged into another one: search for the person again."
	case errors.Is(err, ErrNotPublished):
		status, msg = http.StatusServiceUnavailable, "No database has been published yet. Run c360 run with the same config, then reload this page."
	default:
		s.log.Error("request failed", "route", r.Pattern, "err", err)
	}
	s.render(w, r, "error", pageData{Title: http.StatusText(status), Error: msg, Status: status})
}

func (s *Server) style(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=300")
	w.Write(s.pages.style)
}
