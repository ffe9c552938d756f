package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// writeShort answers with a Content-Length of len(body) but sends only half
// the body before closing the connection.
func writeShort(t *testing.T, w http.ResponseWriter, body []byte) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	defer conn.Close()
	fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nContent-Type: text/csv\r\n\r\n", len(body))
	buf.Write(body[:len(body)/2])
	buf.Flush()
}

func TestFetchShortBody(t *testing.T) {
	body := csvBody(64 << 10)
	tests := []struct {
		name         string
		shortReplies int32 // how many replies are cut short
		wantErr      bool
		wantAttempts int // Retries = 2
	}{
		{"retried then complete", 1, false, 2},
		{"always short", 100, true, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) <= tt.shortReplies {
					writeShort(t, w, body)
					return
				}
				serveBody(w, body)
			})
			opts := testOptions()
			opts.Retries = 2
			rec := &recorder{}
			opts.Progress = rec
			dest := t.TempDir()
			res, err := NewClient(opts).Fetch(context.Background(), Request{Name: "loyalty", URL: srv.URL, DestDir: dest})
			if tt.wantErr {
				var fe *Error
				if !errors.Is(err, ErrShortBody) || !errors.As(err, &fe) || fe.Attempts != tt.wantAttempts {
					t.Fatalf("Fetch error = %v, want ErrShortBody after %d attempts", err, tt.wantAttempts)
				}
				if got := dirEntries(t, dest); len(got) != 0 {
					t.Errorf("DestDir holds %v after a failure, want nothing", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			checkFile(t, res, body)
			if res.Attempts != tt.wantAttempts {
				t.Errorf("Attempts = %d, want %d", res.Attempts, tt.wantAttempts)
			}
			if got := dirEntries(t, dest); len(got) != 1 {
				t.Errorf("DestDir holds %v, want only the fetched file", got)
			}
			// Progress counts the discarded half too, and its total grows to match.
			task := rec.tasks[0]
			if want := int64(len(body) + len(body)/2); task.added != want || task.total != want {
				t.Errorf("progress = %d of %d bytes, want %d of %d", task.added, task.total, want, want)
			}
		})
	}
}

func TestFetchSizeCap(t *testing.T) {
	const limit = 10 << 10
	tests := []struct {
		name    string
		size    int
		chunked bool // no Content-Length: the cap is found while streaming
		wantErr bool
	}{
		{"content-length over the cap", limit + 1, false, true},
		{"chunked over the cap", 3 * limit, true, true},
		{"exactly the cap", limit, false, false},
		{"chunked exactly the cap", limit, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := csvBody(tt.size)[:tt.size]
			var calls atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				if !tt.chunked {
					w.Header().Set("Content-Length", strconv.Itoa(len(body)))
				}
				for i := 0; i < len(body); i += 1 << 10 {
					w.Write(body[i:min(i+1<<10, len(body))])
					http.NewResponseController(w).Flush()
				}
			})
			opts := testOptions()
			opts.MaxBytes = limit
			dest := t.TempDir()
			res, err := NewClient(opts).Fetch(context.Background(), Request{Name: "online", URL: srv.URL, DestDir: dest})
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("Fetch: %v", err)
				}
				checkFile(t, res, body)
				return
			}
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Fetch error = %v, want ErrTooLarge", err)
			}
			if calls.Load() != 1 {
				t.Errorf("server saw %d requests, want 1 (no retry)", calls.Load())
			}
			if got := dirEntries(t, dest); len(got) != 0 {
				t.Errorf("DestDir holds %v after a failure, want nothing", got)
			}
		})
	}
}

func TestFetchStalledBody(t *testing.T) {
	body := csvBody(32 << 10)
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body[:4<<10])
		http.NewResponseController(w).Flush()
		<-r.Context().Done() // then nothing more, until the client gives up
	})
	opts := testOptions()
	opts.Stall = 100 * time.Millisecond
	opts.Retries = 1
	dest := t.TempDir()
	_, err := NewClient(opts).Fetch(context.Background(), Request{Name: "pos", URL: srv.URL, DestDir: dest})
	var fe *Error
	if !errors.Is(err, ErrStalled) || !errors.As(err, &fe) || fe.Attempts != 2 {
		t.Fatalf("Fetch error = %v, want ErrStalled after 2 attempts", err)
	}
	if errors.Is(err, context.Canceled) {
		t.Errorf("a stall must not look like a cancelled fetch: %v", err)
	}
	if calls.Load() != 2 {
		t.Errorf("server saw %d requests, want 2", calls.Load())
	}
	if got := dirEntries(t, dest); len(got) != 0 {
		t.Errorf("DestDir holds %v after a failure, want nothing", got)
	}
}

// TestFetchSteadyBodyOutlastsStall sends a body in small pieces over about
// three times the stall limit: each piece re-arms the watchdog, so the
// fetch succeeds in one attempt.
func TestFetchSteadyBodyOutlastsStall(t *testing.T) {
	body := csvBody(30 << 10)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		for i := 0; i < len(body); i += 1 << 10 {
			w.Write(body[i:min(i+1<<10, len(body))])
			http.NewResponseController(w).Flush()
			time.Sleep(20 * time.Millisecond)
		}
	})
	opts := testOptions()
	opts.Stall = 200 * time.Millisecond
	opts.Retries = -1
	res, err := NewClient(opts).Fetch(context.Background(), Request{Name: "pos", URL: srv.URL, DestDir: t.TempDir()})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	checkFile(t, res, body)
	if res.Attempts != 1 {
		t.Errorf("Attempts = %d, want 1", res.Attempts)
	}
}

func TestFetchHeaderTimeout(t *testing.T) {
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		<-r.Context().Done() // never answers
	})
	opts := testOptions()
	opts.Timeout = 100 * time.Millisecond
	opts.Retries = 1
	_, err := NewClient(opts).Fetch(context.Background(), Request{Name: "pos", URL: srv.URL, DestDir: t.TempDir()})
	if !errors.Is(err, ErrHeaderTimeout) {
		t.Fatalf("Fetch error = %v, want ErrHeaderTimeout", err)
	}
	if calls.Load() != 2 {
		t.Errorf("server saw %d requests, want 2", calls.Load())
	}
}

// TestFetchCancel cancels the caller's context while the fetch waits on the
// network or between attempts. The attempt limits are an hour, so only the
// cancellation can end these fetches.
func TestFetchCancel(t *testing.T) {
	body := csvBody(32 << 10)
	tests := []struct {
		name  string
		reply func(w http.ResponseWriter, r *http.Request)
	}{
		{"during the body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Write(body[:1<<10])
			http.NewResponseController(w).Flush()
		}},
		{"between attempts", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusServiceUnavailable)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			replied := make(chan struct{}, 1)
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				tt.reply(w, r)
				replied <- struct{}{}
				<-r.Context().Done()
			})
			opts := testOptions()
			opts.Timeout, opts.Stall, opts.Deadline, opts.MaxRetryAfter = time.Hour, time.Hour, time.Hour, time.Hour
			dest := t.TempDir()
			done := make(chan error, 1)
			go func() {
				_, err := NewClient(opts).Fetch(ctx, Request{Name: "contacts", URL: srv.URL, DestDir: dest})
				done <- err
			}()
			<-replied
			cancel()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("Fetch error = %v, want context.Canceled", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Fetch ignored the cancelled context")
			}
			if got := dirEntries(t, dest); len(got) != 0 {
				t.Errorf("DestDir holds %v after a cancel, want nothing", got)
			}
		})
	}
}
