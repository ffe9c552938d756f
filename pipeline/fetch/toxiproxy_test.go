package fetch

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	toxiproxy "github.com/Shopify/toxiproxy/v2"
	"github.com/rs/zerolog"
)

// newToxiproxy starts an in-process toxiproxy in front of upstream (a
// host:port) and returns it; its Listen field is the address to dial.
func newToxiproxy(t *testing.T, upstream string) *toxiproxy.Proxy {
	t.Helper()
	server := toxiproxy.NewServer(toxiproxy.NewMetricsContainer(nil), zerolog.Nop())
	proxy := toxiproxy.NewProxy(server, t.Name(), "127.0.0.1:0", upstream)
	if err := proxy.Start(); err != nil {
		t.Fatalf("starting toxiproxy: %v", err)
	}
	t.Cleanup(proxy.Stop)
	return proxy
}

// addToxic adds a toxic described in toxiproxy's JSON form.
func addToxic(t *testing.T, proxy *toxiproxy.Proxy, toxicJSON string) {
	t.Helper()
	if _, err := proxy.Toxics.AddToxicJson(strings.NewReader(toxicJSON)); err != nil {
		t.Fatalf("adding toxic %s: %v", toxicJSON, err)
	}
}

// TestFetchThroughToxiproxy breaks the first connection in flight and lets
// the retry through: the server removes the toxic when the second request
// arrives, before it answers.
func TestFetchThroughToxiproxy(t *testing.T) {
	body := csvBody(256 << 10)
	tests := []struct {
		name        string
		toxic       string
		wantLogged  string // in the retry's log line
		partialSent bool   // the first attempt received part of the body
	}{
		{"connection cut mid-body", `{"name":"cut","type":"limit_data","stream":"downstream","attributes":{"bytes":100000}}`,
			"body shorter than Content-Length", true},
		{"connection reset", `{"name":"cut","type":"reset_peer","stream":"downstream","attributes":{"timeout":0}}`,
			"fetch: retrying", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var proxy *toxiproxy.Proxy
			var calls atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 2 {
					if err := proxy.Toxics.RemoveToxic(context.Background(), "cut"); err != nil {
						t.Errorf("removing toxic: %v", err)
					}
				}
				serveBody(w, body)
			})
			proxy = newToxiproxy(t, strings.TrimPrefix(srv.URL, "http://"))
			addToxic(t, proxy, tt.toxic)

			opts := testOptions()
			rec := &recorder{}
			opts.Progress = rec
			log, logs := debugLogger()
			opts.Logger = log
			dest := t.TempDir()
			res, err := NewClient(opts).Fetch(context.Background(),
				Request{Name: "pos", URL: "http://" + proxy.Listen + "/POSPurchases", DestDir: dest})
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			checkFile(t, res, body)
			if res.Attempts != 2 || calls.Load() != 2 {
				t.Errorf("Attempts = %d, server saw %d requests; want 2 and 2", res.Attempts, calls.Load())
			}
			if got := dirEntries(t, dest); len(got) != 1 {
				t.Errorf("DestDir holds %v, want only the fetched file", got)
			}
			if !strings.Contains(logs.String(), tt.wantLogged) {
				t.Errorf("log lacks %q:\n%s", tt.wantLogged, logs)
			}
			task := rec.tasks[0]
			if discarded := task.added - res.Bytes; (discarded > 0) != tt.partialSent || task.added != task.total {
				t.Errorf("progress = %d of %d bytes for a %d-byte file; want partial first attempt = %v and a matching total",
					task.added, task.total, res.Bytes, tt.partialSent)
			}
		})
	}
}

// TestFetchSlowBodyHitsDeadline sends the body steadily but far too slowly:
// the stall watchdog must not fire (bytes keep coming), the overall
// deadline must.
func TestFetchSlowBodyHitsDeadline(t *testing.T) {
	body := csvBody(1 << 20)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { serveBody(w, body) })
	proxy := newToxiproxy(t, strings.TrimPrefix(srv.URL, "http://"))
	addToxic(t, proxy, `{"name":"slow","type":"bandwidth","stream":"downstream","attributes":{"rate":64}}`) // 64 KB/s

	opts := testOptions()
	opts.Stall = time.Hour                 // only the deadline can end it
	opts.Deadline = 300 * time.Millisecond // ~20 KB of a 1 MiB body
	dest := t.TempDir()
	_, err := NewClient(opts).Fetch(context.Background(), Request{Name: "pos", URL: "http://" + proxy.Listen, DestDir: dest})
	if !errors.Is(err, ErrDeadline) {
		t.Fatalf("Fetch error = %v, want ErrDeadline", err)
	}
	if errors.Is(err, ErrStalled) {
		t.Errorf("a steady body was reported as stalled: %v", err)
	}
	if got := dirEntries(t, dest); len(got) != 0 {
		t.Errorf("DestDir holds %v after a failure, want nothing", got)
	}
}
