// Package dataversetest runs an in-process Dataverse Web API for tests:
// an OAuth 2.0 token endpoint for the client-credentials grant and OData
// v4 entity sets that follow the published protocol: $select is required
// and applied, Prefer: odata.maxpagesize pages the reply with
// @odata.nextLink, FormattedValue annotations are returned only when
// Prefer asks for them, and an unknown or expired bearer token gets 401.
// Faults are scripted per request: 429 or 503 with Retry-After, a token
// that expires, a page that fails.
package dataversetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// FormattedValue is the annotation the server adds to choice properties.
const FormattedValue = "OData.Community.Display.V1.FormattedValue"

// Record is one row of an entity set: property -> value (string, number,
// bool or nil). A key "<property>@" + FormattedValue holds a choice's
// label; the server sends it only when the client asks for annotations.
type Record map[string]any

// Fault is a scripted reply to the API request with the given 1-based
// number (counted over every entity set, retries included).
type Fault struct {
	Request    int
	Status     int    // 429, 503, 500, ...
	RetryAfter string // the Retry-After header, if any
	// ExpireToken makes the current token expire before the request is
	// answered, so it gets 401.
	ExpireToken bool
}

// Server is a running fake Dataverse.
type Server struct {
	*httptest.Server
	ClientID, ClientSecret string

	mu       sync.Mutex
	sets     map[string][]Record
	faults   []Fault
	token    string
	issued   int
	requests int
	seen     []string // request URIs, for tests
	prefers  []string
}

// NewServer starts a server holding sets (entity set name -> records).
// Close it when done.
func NewServer(sets map[string][]Record, faults ...Fault) *Server {
	s := &Server{ClientID: "client-7d1c", ClientSecret: "s3cr3t-Client-Value-91f0", sets: sets, faults: faults}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /tenant/oauth2/v2.0/token", s.serveToken)
	mux.HandleFunc("GET /api/data/v9.2/{set}", s.serveSet)
	s.Server = httptest.NewServer(mux)
	return s
}

// TokenURL is the token endpoint.
func (s *Server) TokenURL() string { return s.URL + "/tenant/oauth2/v2.0/token" }

// TokensIssued is how many tokens the server gave out.
func (s *Server) TokensIssued() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issued
}

// Requests returns the request URIs of the API calls, in order.
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.seen)
}

// Prefers returns the Prefer header of each API call, in order.
func (s *Server) Prefers() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.prefers)
}

func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	id, secret := r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	if u, p, ok := r.BasicAuth(); ok {
		id, secret = u, p
	}
	if r.PostForm.Get("grant_type") != "client_credentials" || id != s.ClientID || secret != s.ClientSecret ||
		!strings.HasSuffix(r.PostForm.Get("scope"), "/.default") {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`)
		return
	}
	s.mu.Lock()
	s.issued++
	s.token = fmt.Sprintf("eyJ0eXAi.token-%d.sig", s.issued)
	tok := s.token
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 3599})
}

func (s *Server) serveSet(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests++
	n := s.requests
	s.seen = append(s.seen, r.URL.RequestURI())
	s.prefers = append(s.prefers, r.Header.Get("Prefer"))
	var fault *Fault
	for i := range s.faults {
		if s.faults[i].Request == n {
			fault = &s.faults[i]
		}
	}
	if fault != nil && fault.ExpireToken {
		s.token = "expired"
	}
	token := s.token
	records, ok := s.sets[r.PathValue("set")]
	s.mu.Unlock()

	w.Header().Set("OData-Version", "4.0")
	if r.Header.Get("Authorization") != "Bearer "+token || token == "expired" {
		odataError(w, http.StatusUnauthorized, "0x80072560", "The user is not a member of the organization.")
		return
	}
	if fault != nil && fault.Status != 0 {
		if fault.RetryAfter != "" {
			w.Header().Set("Retry-After", fault.RetryAfter)
		}
		odataError(w, fault.Status, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.")
		return
	}
	if !ok {
		odataError(w, http.StatusNotFound, "0x80060888", "Resource not found for the segment '"+r.PathValue("set")+"'.")
		return
	}
	q := r.URL.Query()
	sel := q.Get("$select")
	if sel == "" {
		odataError(w, http.StatusBadRequest, "0x0", "this fake requires $select")
		return
	}
	size, annotate := prefer(r.Header.Get("Prefer"))
	skip, _ := strconv.Atoi(q.Get("$skiptoken"))
	end := min(skip+size, len(records))
	page := map[string]any{"@odata.context": s.URL + "/api/data/v9.2/$metadata#" + r.PathValue("set") + "(" + sel + ")"}
	var value []Record
	for _, rec := range records[min(skip, len(records)):end] {
		value = append(value, project(rec, strings.Split(sel, ","), annotate))
	}
	page["value"] = value
	if end < len(records) {
		next := url.Values{"$select": {sel}, "$skiptoken": {strconv.Itoa(end)}}
		page["@odata.nextLink"] = s.URL + r.URL.Path + "?" + next.Encode()
	}
	w.Header().Set("Content-Type", "application/json; odata.metadata=minimal")
	if size < 5000 {
		w.Header().Set("Preference-Applied", "odata.maxpagesize="+strconv.Itoa(size))
	}
	json.NewEncoder(w).Encode(page)
}

// prefer reads odata.maxpagesize (default and cap 5000) and whether
// FormattedValue annotations were asked for.
func prefer(h string) (size int, annotate bool) {
	size = 5000
	for _, part := range strings.Split(h, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "odata.maxpagesize":
			if n, err := strconv.Atoi(v); err == nil && n > 0 && n < size {
				size = n
			}
		case "odata.include-annotations":
			v = strings.Trim(v, `"`)
			annotate = v == "*" || v == FormattedValue || v == "OData.Community.Display.V1.*"
		}
	}
	return size, annotate
}

// project keeps the selected properties of rec (and their annotations when
// asked), plus the row version every Dataverse record carries.
func project(rec Record, sel []string, annotate bool) Record {
	out := Record{"@odata.etag": `W/"1234567"`}
	for _, p := range sel {
		out[p] = rec[p]
		if v, ok := rec[p+"@"+FormattedValue]; ok && annotate {
			out[p+"@"+FormattedValue] = v
		}
	}
	return out
}

func odataError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": code, "message": msg}})
}
