package fetch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// *slog.Logger has the method set of retryablehttp.LeveledLogger; Fetch
// still wraps it in retryLogger to redact URLs.
var (
	_ retryablehttp.LeveledLogger = (*slog.Logger)(nil)
	_ retryablehttp.LeveledLogger = retryLogger{}
)

func TestFetchRetries5xxThenSucceeds(t *testing.T) {
	body := csvBody(100 << 10)
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		serveBody(w, body)
	})
	rec := &recorder{}
	opts := testOptions()
	opts.Progress = rec
	dest := t.TempDir()

	res, err := NewClient(opts).Fetch(context.Background(), Request{Name: "contacts", URL: srv.URL + "/Contacts", DestDir: dest})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	checkFile(t, res, body)
	if res.Attempts != 3 || calls.Load() != 3 {
		t.Errorf("Attempts = %d, server saw %d requests; want 3 and 3", res.Attempts, calls.Load())
	}
	if res.Status != http.StatusOK || res.Reused {
		t.Errorf("Status = %d, Reused = %v; want 200, false", res.Status, res.Reused)
	}
	if res.URL != srv.URL+"/Contacts" {
		t.Errorf("URL = %q, want %q", res.URL, srv.URL+"/Contacts")
	}
	if got := dirEntries(t, dest); len(got) != 1 {
		t.Errorf("DestDir holds %v, want only the fetched file", got)
	}
	if len(rec.tasks) != 1 {
		t.Fatalf("progress tasks = %d, want 1", len(rec.tasks))
	}
	task := rec.tasks[0]
	if task.name != "contacts" || task.unit != "bytes" || task.added != int64(len(body)) ||
		task.total != int64(len(body)) || !task.done || task.doneErr != nil {
		t.Errorf("progress task = %+v, want contacts, %d of %d bytes, done without error", task, task.added, len(body))
	}
}

func TestFetchStatusRetryPolicy(t *testing.T) {
	tests := []struct {
		status       int
		wantAttempts int32 // with Retries = 2
	}{
		{http.StatusBadRequest, 1},
		{http.StatusUnauthorized, 1},
		{http.StatusForbidden, 1},
		{http.StatusNotFound, 1},
		{http.StatusGone, 1},
		{http.StatusNotImplemented, 1},
		{http.StatusTooManyRequests, 3},
		{http.StatusInternalServerError, 3},
		{http.StatusBadGateway, 3},
		{http.StatusServiceUnavailable, 3},
		{http.StatusGatewayTimeout, 3},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			var calls atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				http.Error(w, "no", tt.status)
			})
			opts := testOptions()
			opts.Retries = 2
			dest := t.TempDir()
			_, err := NewClient(opts).Fetch(context.Background(), Request{Name: "pos", URL: srv.URL + "/p", DestDir: dest})
			var se *StatusError
			if !errors.As(err, &se) || se.Status != tt.status {
				t.Fatalf("Fetch error = %v, want a *StatusError with status %d", err, tt.status)
			}
			var fe *Error
			if !errors.As(err, &fe) || fe.Attempts != int(tt.wantAttempts) || fe.Source != "pos" {
				t.Errorf("error = %#v, want *Error for pos with %d attempts", fe, tt.wantAttempts)
			}
			if calls.Load() != tt.wantAttempts {
				t.Errorf("server saw %d requests, want %d", calls.Load(), tt.wantAttempts)
			}
			if got := dirEntries(t, dest); len(got) != 0 {
				t.Errorf("DestDir holds %v after a failure, want nothing", got)
			}
		})
	}
}

func TestFetch404FailsAtOnceWithoutSecrets(t *testing.T) {
	const sas, token = "sv=2024-05-04&sig=SAS-SECRET-42", "TOKEN-SECRET-17"
	var calls atomic.Int32
	var gotQuery, gotAuth string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		gotQuery, gotAuth = r.URL.RawQuery, r.Header.Get("Authorization")
		http.NotFound(w, r)
	})
	log, logs := debugLogger()
	opts := testOptions()
	opts.Logger = log
	rec := &recorder{}
	opts.Progress = rec

	_, err := NewClient(opts).Fetch(context.Background(), Request{
		Name: "loyalty", URL: srv.URL + "/Loyalty?version=3", DestDir: t.TempDir(), Token: token, SASQuery: "?" + sas,
	})
	if err == nil {
		t.Fatal("Fetch succeeded on a 404")
	}
	if calls.Load() != 1 {
		t.Errorf("server saw %d requests, want 1 (no retry on 404)", calls.Load())
	}
	if gotQuery != "version=3&"+sas || gotAuth != "Bearer "+token {
		t.Errorf("server got query %q and Authorization %q, want the SAS appended and the bearer token", gotQuery, gotAuth)
	}
	if !IsNotFound(err) {
		t.Errorf("IsNotFound(%v) = false", err)
	}
	var se *StatusError
	if !errors.As(err, &se) || se.URL != srv.URL+"/Loyalty?REDACTED" {
		t.Errorf("StatusError = %+v, want URL %s/Loyalty?REDACTED", se, srv.URL)
	}
	want := fmt.Sprintf("fetch loyalty from %s/Loyalty?REDACTED: HTTP 404 Not Found from %s/Loyalty?REDACTED", srv.URL, srv.URL)
	if err.Error() != want {
		t.Errorf("error text:\n got %q\nwant %q", err.Error(), want)
	}
	if len(rec.tasks) != 1 || rec.tasks[0].doneErr == nil {
		t.Errorf("progress task did not end with the error")
	}
	for _, secret := range []string{"SAS-SECRET-42", "TOKEN-SECRET-17", "version=3"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error text holds %q: %s", secret, err)
		}
		if strings.Contains(logs.String(), secret) {
			t.Errorf("log holds %q:\n%s", secret, logs)
		}
	}
	if !strings.Contains(logs.String(), "?REDACTED") {
		t.Errorf("debug log does not show the redacted URL:\n%s", logs)
	}
}

func TestFetchSecretsStayOutOfRetryLogs(t *testing.T) {
	const sas = "sig=SAS-SECRET-99"
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			http.Error(w, "busy", http.StatusBadGateway)
			return
		}
		serveBody(w, []byte("a,b\n1,2\n"))
	})
	log, logs := debugLogger()
	opts := testOptions()
	opts.Logger = log
	res, err := NewClient(opts).Fetch(context.Background(), Request{Name: "online", URL: srv.URL + "/o", SASQuery: sas, DestDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Attempts != 2 || res.URL != srv.URL+"/o?REDACTED" {
		t.Errorf("Attempts = %d, URL = %q; want 2 and the redacted URL", res.Attempts, res.URL)
	}
	out := logs.String()
	if strings.Contains(out, "SAS-SECRET-99") {
		t.Errorf("log holds the SAS signature:\n%s", out)
	}
	for _, want := range []string{`level=WARN msg="fetch: retrying"`, "level=INFO msg=\"fetch: fetched\""} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s:\n%s", want, out)
		}
	}
}

func TestFetchRedirects(t *testing.T) {
	body := csvBody(4 << 10)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		hops, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if hops == 0 {
			serveBody(w, body)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d?sig=LOCATION-SECRET", hops-1), http.StatusFound)
	})
	tests := []struct {
		hops    int
		wantErr bool
	}{
		{0, false}, {3, false}, {10, false}, {11, true},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.hops), func(t *testing.T) {
			res, err := NewClient(testOptions()).Fetch(context.Background(),
				Request{Name: "contacts", URL: fmt.Sprintf("%s/hop/%d", srv.URL, tt.hops), DestDir: t.TempDir()})
			if tt.wantErr {
				var fe *Error
				if !errors.Is(err, ErrTooManyRedirects) || !errors.As(err, &fe) || fe.Attempts != 1 {
					t.Fatalf("Fetch error = %v, want ErrTooManyRedirects after 1 attempt", err)
				}
				if strings.Contains(err.Error(), "LOCATION-SECRET") {
					t.Errorf("error text holds the redirect's query: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			checkFile(t, res, body)
			wantURL := srv.URL + "/hop/0?REDACTED"
			if tt.hops == 0 {
				wantURL = srv.URL + "/hop/0"
			}
			if res.URL != wantURL {
				t.Errorf("final URL = %q, want %q", res.URL, wantURL)
			}
		})
	}
}

func TestFetchConditional(t *testing.T) {
	body := csvBody(64 << 10)
	const etag, lastMod = `"v1"`, "Fri, 27 Nov 2026 06:00:00 GMT"
	tests := []struct {
		name       string
		cached     func(first *Result) *Cached
		wantHeader string // request header the second fetch must carry
		wantReused bool
	}{
		{"etag", func(f *Result) *Cached { return &Cached{Path: f.Path, SHA256: f.SHA256, ETag: f.ETag} }, "If-None-Match", true},
		{"last-modified", func(f *Result) *Cached {
			return &Cached{Path: f.Path, SHA256: f.SHA256, LastModified: f.LastModified}
		}, "If-Modified-Since", true},
		{"cached file gone", func(f *Result) *Cached {
			return &Cached{Path: f.Path + ".gone", SHA256: f.SHA256, ETag: f.ETag}
		}, "", false},
		{"no validator", func(f *Result) *Cached { return &Cached{Path: f.Path, SHA256: f.SHA256} }, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var sent int // body bytes the server sent
			var conditional []string
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				defer mu.Unlock()
				w.Header().Set("ETag", etag)
				w.Header().Set("Last-Modified", lastMod)
				if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
					conditional = append(conditional, r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
					w.WriteHeader(http.StatusNotModified)
					return
				}
				sent += len(body)
				serveBody(w, body)
			})
			c := NewClient(testOptions())
			first, err := c.Fetch(context.Background(), Request{Name: "pos", URL: srv.URL, DestDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			if first.ETag != etag || first.LastModified != lastMod || first.Reused {
				t.Fatalf("first fetch = %+v, want ETag %s, Last-Modified %s, not reused", first, etag, lastMod)
			}
			if want := time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC); !first.ModTime.Equal(want) {
				t.Errorf("ModTime = %v, want %v", first.ModTime, want)
			}

			dest2 := t.TempDir()
			cached := tt.cached(first)
			second, err := c.Fetch(context.Background(), Request{Name: "pos", URL: srv.URL, DestDir: dest2, Cached: cached})
			if err != nil {
				t.Fatal(err)
			}
			if second.Reused != tt.wantReused {
				t.Fatalf("Reused = %v, want %v", second.Reused, tt.wantReused)
			}
			if !tt.wantReused {
				if len(conditional) != 0 {
					t.Errorf("server got conditional requests %q, want none", conditional)
				}
				checkFile(t, second, body)
				return
			}
			if len(conditional) != 1 {
				t.Fatalf("server got %d conditional requests, want 1", len(conditional))
			}
			if sent != len(body) {
				t.Errorf("server sent %d body bytes over two fetches, want %d (one body)", sent, len(body))
			}
			if second.Status != http.StatusNotModified || second.Path != cached.Path ||
				second.SHA256 != first.SHA256 || second.Bytes != int64(len(body)) || second.ETag != etag {
				t.Errorf("second fetch = %+v, want 304 reusing %s", second, cached.Path)
			}
			if got := dirEntries(t, dest2); len(got) != 0 {
				t.Errorf("a reused fetch wrote %v into DestDir", got)
			}
		})
	}
}

func TestFetchNotModifiedWithoutCacheIsAnError(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) })
	_, err := NewClient(testOptions()).Fetch(context.Background(), Request{Name: "pos", URL: srv.URL, DestDir: t.TempDir()})
	var se *StatusError
	if !errors.As(err, &se) || se.Status != http.StatusNotModified {
		t.Fatalf("Fetch error = %v, want a 304 *StatusError", err)
	}
}

func TestFetchRetryAfter(t *testing.T) {
	body := csvBody(1 << 10)
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "3600") // capped by MaxRetryAfter
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		serveBody(w, body)
	})
	res, err := NewClient(testOptions()).Fetch(context.Background(), Request{Name: "online", URL: srv.URL, DestDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	checkFile(t, res, body)
	if res.Attempts != 2 {
		t.Errorf("Attempts = %d, want 2", res.Attempts)
	}
}

func TestFetchTLSWithBearerToken(t *testing.T) {
	body := csvBody(8 << 10)
	const token = "TLS-TOKEN-5150"
	srv := newTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "who are you", http.StatusUnauthorized)
			return
		}
		serveBody(w, body)
	})
	log, logs := debugLogger()
	opts := testOptions()
	opts.Transport = srv.Client().Transport
	opts.Logger = log
	c := NewClient(opts)

	res, err := c.Fetch(context.Background(), Request{Name: "deals", URL: srv.URL + "/deals.csv", DestDir: t.TempDir(), Token: token})
	if err != nil {
		t.Fatal(err)
	}
	checkFile(t, res, body)

	_, err = c.Fetch(context.Background(), Request{Name: "deals", URL: srv.URL + "/deals.csv", DestDir: t.TempDir(), Token: "wrong"})
	var se *StatusError
	if !errors.As(err, &se) || se.Status != http.StatusUnauthorized || se.URL != srv.URL+"/deals.csv" {
		t.Errorf("wrong token: error = %v, want a 401 *StatusError", err)
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("log holds the token:\n%s", logs)
	}
}

func TestFetchConcurrent(t *testing.T) {
	bodies := make([][]byte, 8)
	for i := range bodies {
		bodies[i] = csvBody((i + 1) * 20 << 10)
	}
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		if err != nil || i >= len(bodies) {
			http.NotFound(w, r)
			return
		}
		serveBody(w, bodies[i])
	})
	c := NewClient(testOptions())
	dest := t.TempDir()
	results := make([]*Result, len(bodies))
	errs := make([]error, len(bodies))
	var wg sync.WaitGroup
	for i := range bodies {
		wg.Go(func() {
			results[i], errs[i] = c.Fetch(context.Background(),
				Request{Name: fmt.Sprintf("src%d", i), URL: fmt.Sprintf("%s/%d", srv.URL, i), DestDir: dest})
		})
	}
	wg.Wait()
	for i := range bodies {
		if errs[i] != nil {
			t.Errorf("fetch %d: %v", i, errs[i])
			continue
		}
		checkFile(t, results[i], bodies[i])
	}
}

func TestFetchNeedsDestDir(t *testing.T) {
	_, err := NewClient(testOptions()).Fetch(context.Background(), Request{Name: "pos", URL: "http://127.0.0.1:1/x"})
	var fe *Error
	if !errors.As(err, &fe) || fe.Attempts != 0 {
		t.Fatalf("Fetch without DestDir: error = %v, want an *Error before any attempt", err)
	}
}
