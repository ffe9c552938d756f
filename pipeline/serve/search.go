package serve

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxResults is how many customers a search shows.
const maxResults = 25

// maxQuery is the longest query accepted, in bytes.
const maxQuery = 200

// home is the start page's summary of the published database.
type home struct {
	RunID     string
	AsOf      string
	Customers int64
	Records   int64
}

// found is one search result as shown.
type found struct {
	Match
	FullName, Email, Phone, City, State string
	Records                             int64
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	var h home
	err := s.db.use(r.Context(), func(snap *snapshot) error {
		return snap.DB.QueryRowContext(r.Context(), `SELECT run_id, strftime(as_of, '%Y-%m-%d'),
			(SELECT count(*) FROM customer), (SELECT count(*) FROM customer_source)
			FROM run ORDER BY finished_at DESC LIMIT 1`).Scan(&h.RunID, &h.AsOf, &h.Customers, &h.Records)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, "home", pageData{Title: "Find a customer", Nav: "search", Home: &h})
}

// search answers the search form. The query comes in the POST body, so it
// lands in no URL, history or access log; it is echoed back only in the
// page, escaped.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	q := strings.TrimSpace(r.PostFormValue("q"))
	d := pageData{Title: "Search results", Nav: "search", Query: q}
	if len(q) > maxQuery || !utf8.ValidString(q) {
		w.WriteHeader(http.StatusBadRequest)
		d.Error = fmt.Sprintf("Type at most %d characters: a name, an e-mail, a phone number, a source id or a customer id.", maxQuery)
		s.render(w, r, "home", d)
		return
	}
	err := s.db.use(r.Context(), func(snap *snapshot) error {
		ix, err := snap.Index(r.Context())
		if err != nil {
			return err
		}
		d.Found, err = describe(r.Context(), snap.DB, ix.Search(q, maxResults))
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if q == "" {
		d.Error = "Type a name, an e-mail, a phone number, a source id or a customer id."
	}
	s.render(w, r, "home", d)
}

// describe adds what a result list shows to each match, in order.
func describe(ctx context.Context, db *sql.DB, ms []Match) ([]found, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	args := make([]any, len(ms))
	marks := make([]string, len(ms))
	at := make(map[string]int, len(ms))
	out := make([]found, len(ms))
	for i, m := range ms {
		args[i], marks[i], at[m.CustomerID] = m.CustomerID, "?", i
		out[i].Match = m
	}
	rows, err := db.QueryContext(ctx, `SELECT customer_id, coalesce(full_name, ''), coalesce(email, ''),
		coalesce(phone, ''), coalesce(city, ''), coalesce(state, ''), record_count
		FROM customer WHERE customer_id IN (`+strings.Join(marks, ", ")+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("serve: search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var f found
		if err := rows.Scan(&id, &f.FullName, &f.Email, &f.Phone, &f.City, &f.State, &f.Records); err != nil {
			return nil, fmt.Errorf("serve: search: %w", err)
		}
		f.Match = out[at[id]].Match
		out[at[id]] = f
	}
	return out, rows.Err()
}
