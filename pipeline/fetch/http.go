package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/contoso/c360/pipeline/progress"
)

// httpFetch is the state of one HTTP fetch across its attempts. It is used
// by one goroutine: retryablehttp calls its hooks in sequence.
type httpFetch struct {
	c        *Client
	req      Request
	log      *slog.Logger
	task     progress.Task
	cached   *Cached // set when the request is conditional
	attempts int
	counted  int64 // bytes reported to task over all attempts
	lastErr  error // why the latest attempt failed
	result   *Result
}

// fetchHTTP fetches an http(s) source.
func (c *Client) fetchHTTP(ctx context.Context, r Request, src Source, task progress.Task) (*Result, error) {
	target := withQuery(src.URL, r.SASQuery)
	f := &httpFetch{c: c, req: r, task: task, log: c.opts.Logger.With("source", r.Name)}

	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, newError(r.Name, target, 0, err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	if usableCache(r.Cached) {
		f.cached = r.Cached
		if r.Cached.ETag != "" {
			req.Header.Set("If-None-Match", r.Cached.ETag)
		}
		if r.Cached.LastModified != "" {
			req.Header.Set("If-Modified-Since", r.Cached.LastModified)
		}
	}
	req.SetResponseHandler(f.handle)

	resp, err := f.retryClient().Do(req)
	if err != nil {
		if ctx.Err() != nil {
			err = contextError(ctx, f.lastErr)
		}
		return nil, newError(r.Name, target, f.attempts, err)
	}
	resp.Body.Close()
	if f.result == nil { // retryablehttp returns success only after handle succeeded
		return nil, newError(r.Name, target, f.attempts, errors.New("reply was not handled"))
	}
	f.result.Attempts = f.attempts
	return f.result, nil
}

// retryClient returns the retry loop for this fetch. The hooks of a
// retryablehttp.Client take no per-request argument, so each fetch gets its
// own small Client whose hooks close over the fetch's state; all of them
// share the run's http.Client and so its connection pool.
func (f *httpFetch) retryClient() *retryablehttp.Client {
	o := f.c.opts
	return &retryablehttp.Client{
		HTTPClient:     f.c.http,
		Logger:         retryLogger{f.log},
		RetryWaitMin:   o.RetryWaitMin,
		RetryWaitMax:   o.RetryWaitMax,
		RetryMax:       o.Retries,
		RequestLogHook: func(_ retryablehttp.Logger, _ *http.Request, retry int) { f.attempts = retry + 1 },
		CheckRetry:     f.checkRetry,
		Backoff:        f.backoff,
		ErrorHandler:   f.giveUp,
	}
}

// checkRetry decides whether an attempt is retried: never once the fetch's
// context is done or after a permanent failure; otherwise as
// retryablehttp.DefaultRetryPolicy decides (connection errors, 429, 5xx
// except 501), with truncated and stalled bodies counting as connection
// errors.
func (f *httpFetch) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, contextError(ctx, f.lastErr)
	}
	if err != nil {
		f.lastErr = err
		if isPermanent(err) {
			return false, err
		}
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	retry, _ := retryablehttp.DefaultRetryPolicy(ctx, resp, nil)
	if retry {
		f.lastErr = statusError(resp)
	}
	return retry, nil
}

// backoff returns the wait before the next attempt and logs the retry.
func (f *httpFetch) backoff(lo, hi time.Duration, retry int, resp *http.Response) time.Duration {
	wait := retryWait(lo, hi, f.c.opts.MaxRetryAfter, retry, resp, time.Now())
	f.log.Warn("fetch: retrying", "attempt", f.attempts, "wait", wait, "error", redactValue(f.lastErr))
	return wait
}

// giveUp turns the final failed attempt into the error Do returns: a
// *StatusError when retries ran out on a 429 or 5xx reply.
func (f *httpFetch) giveUp(resp *http.Response, err error, _ int) (*http.Response, error) {
	if resp != nil {
		resp.Body.Close()
		if err == nil {
			err = statusError(resp)
		}
	}
	if err == nil {
		err = f.lastErr
	}
	return nil, err
}

// handle reads a reply that is not retried as such: it downloads a 2xx
// body, reuses the cache on 304, and fails on anything else. An error it
// returns goes through checkRetry like a connection error.
func (f *httpFetch) handle(resp *http.Response) error {
	defer resp.Body.Close()
	switch code := resp.StatusCode; {
	case code == http.StatusNotModified && f.cached != nil:
		return f.reuse(resp)
	case code >= 200 && code < 300 && code != http.StatusPartialContent:
		return f.download(resp)
	default:
		io.CopyN(io.Discard, resp.Body, 4<<10) // let the connection be reused
		return permanent(statusError(resp))
	}
}

// download streams a 2xx body into a temporary file.
func (f *httpFetch) download(resp *http.Response) error {
	length, limit := resp.ContentLength, f.c.opts.MaxBytes
	if length > limit {
		return fmt.Errorf("%w: Content-Length %d, limit %d", ErrTooLarge, length, limit)
	}
	if length >= 0 {
		f.task.SetTotal(f.counted + length) // bytes of failed attempts stay counted
	}
	tmp, err := writeTemp(f.req.DestDir, f.req.Name, resp.Body, limit, f.added)
	switch {
	case err != nil && length >= 0 && errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: got %d of %d bytes: %w", ErrShortBody, tmp.bytes, length, err)
	case err != nil:
		return fmt.Errorf("reading body after %d bytes: %w", tmp.bytes, err)
	case length >= 0 && tmp.bytes != length:
		os.Remove(tmp.path)
		return fmt.Errorf("%w: got %d of %d bytes", ErrShortBody, tmp.bytes, length)
	}
	f.result = &Result{
		URL:          Redact(resp.Request.URL.String()),
		Status:       resp.StatusCode,
		Bytes:        tmp.bytes,
		SHA256:       tmp.sha256,
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		ModTime:      parseHTTPTime(resp.Header.Get("Last-Modified")),
		Path:         tmp.path,
	}
	return nil
}

// added reports n more bytes received.
func (f *httpFetch) added(n int64) {
	f.counted += n
	f.task.Add(n)
}

// reuse answers a 304 reply with the cached file.
func (f *httpFetch) reuse(resp *http.Response) error {
	info, err := os.Stat(f.cached.Path)
	if err != nil {
		return permanent(fmt.Errorf("not modified, but the cached file is gone: %w", err))
	}
	lastModified := firstNonEmpty(resp.Header.Get("Last-Modified"), f.cached.LastModified)
	f.result = &Result{
		URL:          Redact(resp.Request.URL.String()),
		Status:       resp.StatusCode,
		Bytes:        info.Size(),
		SHA256:       f.cached.SHA256,
		ETag:         firstNonEmpty(resp.Header.Get("ETag"), f.cached.ETag),
		LastModified: lastModified,
		ModTime:      parseHTTPTime(lastModified),
		Reused:       true,
		Path:         f.cached.Path,
	}
	return nil
}

// usableCache reports whether a conditional request can be sent: there is
// a validator, a checksum, and a regular file to fall back on.
func usableCache(c *Cached) bool {
	if c == nil || c.SHA256 == "" || (c.ETag == "" && c.LastModified == "") {
		return false
	}
	info, err := os.Stat(c.Path)
	return err == nil && info.Mode().IsRegular()
}

// retryWait is the wait before retry number retry (0 for the first): the
// server's Retry-After on a 429 or 503 reply, capped at maxRetryAfter, or
// else lo doubled per retry, capped at hi, and jittered into [d/2, d].
func retryWait(lo, hi, maxRetryAfter time.Duration, retry int, resp *http.Response, now time.Time) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
			return min(d, maxRetryAfter)
		}
	}
	d := lo
	for i := 0; i < retry && d < hi; i++ {
		d *= 2
	}
	if d > hi || d <= 0 {
		d = hi
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(time.Duration(1<<63-1)/time.Second) {
			return time.Duration(1<<63 - 1), true
		}
		return time.Duration(secs) * time.Second, true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(at.Sub(now), 0), true
}

// statusError describes a reply's status.
func statusError(resp *http.Response) *StatusError {
	return &StatusError{URL: Redact(resp.Request.URL.String()), Status: resp.StatusCode}
}

// contextError explains why a fetch's context ended, naming the last
// attempt's failure when there was one.
func contextError(ctx context.Context, last error) error {
	cause := context.Cause(ctx)
	if last == nil || errors.Is(last, cause) {
		return cause
	}
	return fmt.Errorf("%w (last attempt: %s)", cause, redactText(last.Error()))
}

// withQuery returns u with a SAS query string appended to its own.
func withQuery(u *url.URL, query string) string {
	query = strings.TrimPrefix(query, "?")
	if query == "" {
		return u.String()
	}
	v := *u
	if v.RawQuery == "" {
		v.RawQuery = query
	} else {
		v.RawQuery += "&" + query
	}
	return v.String()
}

// parseHTTPTime parses an HTTP date, returning the zero time if it cannot.
func parseHTTPTime(v string) time.Time {
	t, err := http.ParseTime(v)
	if err != nil {
		return time.Time{}
	}
	return t
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
