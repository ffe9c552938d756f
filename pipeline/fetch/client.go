package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Request names one file to fetch.
type Request struct {
	// Name is the source's name (contacts, loyalty, ...), used in logs,
	// progress, errors and the temporary file's name.
	Name string
	// URL is the location as written in the config: see ParseSource.
	URL string
	// BaseDir resolves a relative path in URL (the config file's directory).
	BaseDir string
	// DestDir is the existing directory the temporary file is written to.
	DestDir string
	// Token, when set, is sent as "Authorization: Bearer <Token>". net/http
	// drops it when a redirect leaves the original host.
	Token string
	// SASQuery, when set, is appended to the URL's query string (with or
	// without its leading '?').
	SASQuery string
	// Cached describes the file this source gave last time, if any. HTTP
	// requests then carry If-None-Match / If-Modified-Since.
	Cached *Cached
}

// Cached is what a previous fetch of a source left behind. A conditional
// request is sent only when Path is a regular file, SHA256 is set and ETag
// or LastModified is.
type Cached struct {
	Path         string // the cached copy of the file
	SHA256       string // its SHA-256, lowercase hex
	ETag         string // the ETag the server sent with it, quotes included
	LastModified string // the Last-Modified the server sent with it
}

// Result describes a fetched file.
type Result struct {
	URL          string    // final URL after redirects, redacted; a file:// URL for a local file
	Status       int       // HTTP status of the final reply (200, 304, ...); 0 for a local file
	Bytes        int64     // size of the file
	SHA256       string    // SHA-256 of the file, lowercase hex
	ETag         string    // the reply's ETag, for the next conditional request
	LastModified string    // the reply's Last-Modified, for the next conditional request
	ModTime      time.Time // a local file's modification time, or Last-Modified; zero if unknown
	Reused       bool      // the server said 304 Not Modified: Path is Cached.Path
	Attempts     int       // HTTP attempts made; 1 for a local file
	Elapsed      time.Duration
	// Path is the fetched file. Normally it is a new temporary file in
	// DestDir that the caller now owns and moves (or removes). When Reused,
	// it is Cached.Path, which the caller must copy or link, not move.
	Path string
}

// Client fetches sources. Make one per run: it holds the connection pool.
// It is safe for concurrent use by several goroutines.
type Client struct {
	opts Options
	http *http.Client
}

// NewClient returns a Client configured by opts (see Options for defaults).
func NewClient(opts Options) *Client {
	o := opts.withDefaults()
	base := o.Transport
	if base == nil {
		base = newTransport(o.Timeout)
	}
	return &Client{
		opts: o,
		http: &http.Client{
			Transport: &watchdog{next: base, header: o.Timeout, stall: o.Stall},
			CheckRedirect: func(_ *http.Request, via []*http.Request) error {
				if len(via) > o.MaxRedirects {
					return fmt.Errorf("%w (more than %d)", ErrTooManyRedirects, o.MaxRedirects)
				}
				return nil
			},
		},
	}
}

// CloseIdleConnections closes the connections kept for reuse. Call it when
// the run's fetching is over; fetches in flight are not affected.
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }

// newTransport returns a pooled transport whose connect and TLS handshake
// limits are timeout.
func newTransport(timeout time.Duration) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = timeout
	return t
}

// Fetch fetches one source into a temporary file in r.DestDir, within
// Options.Deadline. A failure is an *Error; no temporary file is left
// behind then.
func (c *Client) Fetch(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	src, err := ParseSource(r.URL, r.BaseDir)
	if err != nil {
		return nil, newError(r.Name, r.URL, 0, err)
	}
	if r.DestDir == "" {
		return nil, newError(r.Name, r.URL, 0, errors.New("no destination directory"))
	}
	ctx, cancel := context.WithTimeoutCause(ctx, c.opts.Deadline, ErrDeadline)
	defer cancel()

	task := c.opts.Progress.Start(r.Name, 0, "bytes")
	var res *Result
	if src.Kind == HTTP {
		res, err = c.fetchHTTP(ctx, r, src, task)
	} else {
		res, err = c.fetchFile(ctx, r, src, task)
	}
	task.Done(err)
	if err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(start)
	c.logResult(r.Name, res)
	return res, nil
}

// logResult logs a successful fetch.
func (c *Client) logResult(name string, res *Result) {
	msg := "fetch: fetched"
	if res.Reused {
		msg = "fetch: not modified, reusing the cached file"
	}
	c.opts.Logger.Info(msg, "source", name, "url", res.URL, "status", res.Status,
		"bytes", res.Bytes, "sha256", res.SHA256, "attempts", res.Attempts,
		"elapsed", res.Elapsed.Round(time.Millisecond))
}
