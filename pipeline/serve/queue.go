package serve

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/pipeline/explain"
	"github.com/contoso/c360/pipeline/review"
	c360sql "github.com/contoso/c360/sql"
)

// queueSize is how many pairs of each kind the review page shows, and
// candidates how many of each kind are read (once per published database)
// to choose them from, leaving out the decided ones.
const (
	queueSize  = 5
	candidates = 500
)

// queue is the review page: pairs to decide and what has been decided.
type queue struct {
	Threshold float64
	Prior     float64
	Near      []pairView // pairs whose probability is nearest the threshold
	Weakest   []pairView // of the customers held together by the weakest links, that link
	Decisions int        // latest decisions in the review file
	Same      int
	Different int
	File      string
}

// pairView is one pair side by side with its evidence.
type pairView struct {
	Ref         pairRef
	Link        explain.Link
	Left, Right explain.Record
	LeftCust    string
	RightCust   string
	Skipped     bool        // skipped before: shown after the undecided pairs
	Rows        []fieldPair // both records' fields, row by row
}

// fieldPair is one field of both records of a pair.
type fieldPair struct {
	Name, Left, Right string
	Differs           bool
}

// fieldPairs lines up the fields of two records by name, in name order.
func fieldPairs(l, r explain.Record) []fieldPair {
	names := slices.Sorted(maps.Keys(l.Fields))
	for name := range r.Fields {
		if _, ok := l.Fields[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	out := make([]fieldPair, 0, len(names))
	for _, n := range names {
		a, b := l.Fields[n], r.Fields[n]
		out = append(out, fieldPair{Name: n, Left: a, Right: b, Differs: a != "" && b != "" && !strings.EqualFold(a, b)})
	}
	return out
}

// pairRef is a pair of records as read from match_pair.
type pairRef struct{ L, R stableid.Ref }

func (s *Server) reviewQueue(w http.ResponseWriter, r *http.Request) {
	decisions, err := review.Read(s.opts.ReviewFile)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := &queue{File: s.opts.ReviewFile}
	verdicts := latestVerdicts(decisions)
	for _, d := range review.Latest(decisions) {
		switch d.Verdict {
		case review.Same:
			q.Same++
		case review.Different:
			q.Different++
		}
	}
	q.Decisions = q.Same + q.Different
	err = s.db.use(r.Context(), func(snap *snapshot) error { return readQueue(r.Context(), snap, q, verdicts) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := pageData{Title: "Review doubtful links", Nav: "review", Queue: q, Reviewer: s.reviewer(r)}
	if r.URL.Query().Get("saved") != "" {
		d.Notice = "Decision saved. The next run applies it."
	}
	s.render(w, r, "review", d)
}

func readQueue(ctx context.Context, snap *snapshot, q *queue, verdicts map[string]review.Verdict) error {
	c, err := snap.queueCandidates(ctx)
	if err != nil {
		return err
	}
	q.Threshold, q.Prior = c.threshold, c.prior
	views := newPairViews(snap.DB)
	if q.Near, err = views.pick(ctx, c.near, verdicts); err != nil {
		return err
	}
	q.Weakest, err = views.pick(ctx, c.weakest, verdicts)
	return err
}

// reviewCandidates are the pairs the review page chooses from.
type reviewCandidates struct {
	threshold, prior float64
	near, weakest    []pairRef
}

// queueCandidates reads the review candidates of the snapshot on first use.
func (s *snapshot) queueCandidates(ctx context.Context) (*reviewCandidates, error) {
	s.queueOnce.Do(func() { s.queue, s.queueErr = readCandidates(context.WithoutCancel(ctx), s.DB) })
	return s.queue, s.queueErr
}

func readCandidates(ctx context.Context, db *sql.DB) (*reviewCandidates, error) {
	c := &reviewCandidates{}
	err := db.QueryRowContext(ctx, c360sql.Query("read_serve.sql", "review_params")).Scan(&c.threshold, &c.prior)
	if err != nil {
		return nil, fmt.Errorf("serve: review queue: %w", err)
	}
	c.near, err = pairRefs(ctx, db, c360sql.Query("read_serve.sql", "near_threshold"), c.threshold, candidates)
	if err != nil {
		return nil, err
	}
	c.weakest, err = pairRefs(ctx, db, c360sql.Query("read_serve.sql", "weakest_links"), candidates)
	return c, err
}

func pairRefs(ctx context.Context, db *sql.DB, query string, args ...any) ([]pairRef, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("serve: review queue: %w", err)
	}
	defer rows.Close()
	var out []pairRef
	for rows.Next() {
		var p pairRef
		if err := rows.Scan(&p.L.Source, &p.L.ID, &p.R.Source, &p.R.ID); err != nil {
			return nil, fmt.Errorf("serve: review queue: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// pairViews builds pair views.
type pairViews struct{ db *sql.DB }

func newPairViews(db *sql.DB) *pairViews { return &pairViews{db: db} }

// pick returns views of the undecided pairs, then the skipped ones, up to
// queueSize; pairs decided same or different are left out.
func (v *pairViews) pick(ctx context.Context, refs []pairRef, verdicts map[string]review.Verdict) ([]pairView, error) {
	var open, skipped []pairRef
	for _, p := range refs {
		verdict, decided := verdicts[p.L.String()+"|"+p.R.String()]
		switch {
		case !decided:
			open = append(open, p)
		case verdict == review.Skip:
			skipped = append(skipped, p)
		}
	}
	chosen := append(open, skipped...)
	chosen = chosen[:min(len(chosen), queueSize)]
	out := make([]pairView, len(chosen))
	for i, p := range chosen {
		var err error
		if out[i], err = v.view(ctx, p); err != nil {
			return nil, err
		}
		out[i].Skipped = i >= len(open)
	}
	return out, nil
}

// view reads one pair: both records, the customer of each, and the link's
// evidence (explain.Pair, the same numbers as c360 explain).
func (v *pairViews) view(ctx context.Context, p pairRef) (pairView, error) {
	pv := pairView{Ref: p}
	link, err := explain.Pair(ctx, v.db, p.L.String(), p.R.String())
	if err != nil {
		return pairView{}, err
	}
	pv.Link = *link
	if pv.Left, err = explain.SourceRecord(ctx, v.db, p.L.String()); err != nil {
		return pairView{}, err
	}
	if pv.Right, err = explain.SourceRecord(ctx, v.db, p.R.String()); err != nil {
		return pairView{}, err
	}
	err = v.db.QueryRowContext(ctx, c360sql.Query("read_serve.sql", "pair_customers"),
		p.L.Source, p.L.ID, p.R.Source, p.R.ID).Scan(&pv.LeftCust, &pv.RightCust)
	if err != nil {
		return pairView{}, fmt.Errorf("serve: review queue: %w", err)
	}
	pv.Rows = fieldPairs(pv.Left, pv.Right)
	return pv, nil
}

// reviewerCookie remembers the name a reviewer typed.
const reviewerCookie = "c360_reviewer"

// reviewer is the name to record a decision under by default: the one
// this browser typed last, else the server's.
func (s *Server) reviewer(r *http.Request) string {
	if c, err := r.Cookie(reviewerCookie); err == nil {
		if name, err := url.QueryUnescape(c.Value); err == nil && strings.TrimSpace(name) != "" {
			return name
		}
	}
	return s.opts.Reviewer
}

// decide records a decision: POST /review with left, right, verdict, by
// and back (the page to return to).
func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	d, err := s.decisionFrom(r)
	if err == nil {
		err = s.db.use(r.Context(), func(snap *snapshot) error { return recordsExist(r.Context(), snap.DB, d) })
	}
	var bad badDecision
	if errors.As(err, &bad) {
		s.render(w, r, "error", pageData{Title: "Bad decision", Error: bad.Error(), Status: http.StatusBadRequest})
		return
	}
	if err == nil {
		err = review.Append(s.opts.ReviewFile, d)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("review decision recorded", "verdict", d.Verdict)
	if d.By != s.opts.Reviewer {
		http.SetCookie(w, &http.Cookie{Name: reviewerCookie, Value: url.QueryEscape(d.By), Path: "/", HttpOnly: true,
			SameSite: http.SameSiteStrictMode, MaxAge: 90 * 24 * 3600})
	}
	back := r.PostFormValue("back")
	if !strings.HasPrefix(back, "/customer/") || strings.ContainsAny(back, "?#\\") || strings.HasPrefix(back, "//") {
		back = "/review?saved=1"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// badDecision is a decision form that cannot be recorded.
type badDecision struct{ error }

func (s *Server) decisionFrom(r *http.Request) (review.Decision, error) {
	left, err := review.ParseRef(r.PostFormValue("left"))
	if err != nil {
		return review.Decision{}, badDecision{err}
	}
	right, err := review.ParseRef(r.PostFormValue("right"))
	if err != nil {
		return review.Decision{}, badDecision{err}
	}
	by := strings.TrimSpace(r.PostFormValue("by"))
	if by == "" {
		by = s.opts.Reviewer
	}
	if len(by) > 100 {
		return review.Decision{}, badDecision{errors.New("the reviewer's name is longer than 100 characters")}
	}
	d := review.Decision{Left: left, Right: right, Verdict: review.Verdict(r.PostFormValue("verdict")), By: by, At: s.opts.Now().UTC().Truncate(time.Second)}
	if err := d.Check(); err != nil {
		return review.Decision{}, badDecision{err}
	}
	return d, nil
}

// recordsExist checks that both records of d are in the published database.
func recordsExist(ctx context.Context, db *sql.DB, d review.Decision) error {
	for _, ref := range []stableid.Ref{d.Left, d.Right} {
		var n int
		err := db.QueryRowContext(ctx, c360sql.Query("read_serve.sql", "records_exist"), ref.Source, ref.ID).Scan(&n)
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		if n == 0 {
			return badDecision{fmt.Errorf("record %s is not in the published database", ref)}
		}
	}
	return nil
}
