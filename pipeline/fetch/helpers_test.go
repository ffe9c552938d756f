package fetch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/contoso/c360/pipeline/progress"
)

// testOptions are fast options for tests: tiny waits, generous attempt
// limits (the machine is shared), a handful of retries.
func testOptions() Options {
	return Options{
		Timeout:       5 * time.Second,
		Stall:         5 * time.Second,
		Deadline:      20 * time.Second,
		Retries:       3,
		RetryWaitMin:  time.Millisecond,
		RetryWaitMax:  5 * time.Millisecond,
		MaxRetryAfter: 20 * time.Millisecond,
	}
}

// logBuffer collects log output from any goroutine.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// debugLogger logs everything, library lines included, into a buffer.
func debugLogger() (*slog.Logger, *logBuffer) {
	b := &logBuffer{}
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})), b
}

// csvBody returns a CSV file of at least n bytes whose rows differ.
func csvBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString("ContactId,FirstName,LastName,Email\n")
	for i := 1; b.Len() < n; i++ {
		fmt.Fprintf(&b, "%d,First%d,Last%d,person%d@example.com\n", i, i, i, i)
	}
	return b.Bytes()
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// serveBody writes body as a complete 200 reply with a Content-Length.
func serveBody(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("Content-Type", "text/csv")
	w.Write(body)
}

// newServer starts an httptest server closed at the end of the test.
func newServer(tb testing.TB, h http.HandlerFunc) *httptest.Server {
	tb.Helper()
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv
}

// dirEntries lists the names in dir.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names
}

// checkFile asserts that res names a file holding want.
func checkFile(t *testing.T, res *Result, want []byte) {
	t.Helper()
	got, err := os.ReadFile(res.Path)
	if err != nil {
		t.Fatalf("reading fetched file: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("fetched file has %d bytes, want %d (content differs)", len(got), len(want))
	}
	if res.Bytes != int64(len(want)) {
		t.Errorf("Result.Bytes = %d, want %d", res.Bytes, len(want))
	}
	if res.SHA256 != sha256Hex(want) {
		t.Errorf("Result.SHA256 = %s, want %s", res.SHA256, sha256Hex(want))
	}
}

// recorder is a progress.Reporter that remembers what it was told.
type recorder struct {
	mu    sync.Mutex
	tasks []*recordedTask
}

type recordedTask struct {
	name    string
	unit    string
	total   int64
	added   int64
	done    bool
	doneErr error
}

func (r *recorder) Start(name string, total int64, unit string) progress.Task {
	r.mu.Lock()
	defer r.mu.Unlock()
	t := &recordedTask{name: name, unit: unit, total: total}
	r.tasks = append(r.tasks, t)
	return t
}

func (t *recordedTask) Add(n int64)      { t.added += n }
func (t *recordedTask) SetTotal(n int64) { t.total = n }
func (t *recordedTask) Done(err error)   { t.done, t.doneErr = true, err }

// newTLSServer starts an httptest TLS server closed at the end of the test.
func newTLSServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	return srv
}
