package serve

import (
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	c360sql "github.com/contoso/c360/sql"
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
	Summary
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	var h home
	err := s.db.use(r.Context(), func(snap *snapshot) error {
		return snap.DB.QueryRowContext(r.Context(), c360sql.Query("read_serve.sql", "home_counts")).Scan(&h.RunID, &h.AsOf, &h.Customers, &h.Records)
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
		d.Status = http.StatusBadRequest
		d.Error = fmt.Sprintf("Type at most %d characters: a name, an e-mail, a phone number, a source id or a customer id.", maxQuery)
		s.render(w, r, "home", d)
		return
	}
	err := s.db.use(r.Context(), func(snap *snapshot) error {
		ix, err := snap.Index(r.Context())
		if err != nil {
			return err
		}
		for _, m := range ix.Search(q, maxResults) {
			sum, _ := ix.Summary(m.CustomerID)
			d.Found = append(d.Found, found{m, sum})
		}
		return nil
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
