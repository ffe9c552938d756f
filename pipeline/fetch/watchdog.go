package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// watchdog is an http.RoundTripper that bounds each round trip twice: the
// response headers must arrive within header, and then the body must never
// go quiet for stall. Either limit cancels only that round trip, through a
// context of its own, so the retry loop sees a transient error rather than
// a cancelled fetch. (The idea is restic's watchdog_roundtripper.)
type watchdog struct {
	next   http.RoundTripper
	header time.Duration
	stall  time.Duration
}

// RoundTrip implements http.RoundTripper.
func (w *watchdog) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancelCause(req.Context())
	timer := time.AfterFunc(w.header, func() { cancel(ErrHeaderTimeout) })
	resp, err := w.next.RoundTrip(req.WithContext(ctx))
	timer.Stop()
	if err != nil {
		if cause := watchdogCause(ctx); cause != nil {
			err = fmt.Errorf("%w (%s)", cause, w.header)
		}
		cancel(nil)
		return nil, err
	}
	resp.Body = newWatchedBody(ctx, cancel, resp.Body, w.stall)
	return resp, nil
}

// CloseIdleConnections closes the wrapped transport's idle connections, so
// that http.Client.CloseIdleConnections reaches it.
func (w *watchdog) CloseIdleConnections() {
	if c, ok := w.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// watchdogCause returns ErrHeaderTimeout or ErrStalled when the watchdog
// cancelled ctx, and nil otherwise (including when the caller did).
func watchdogCause(ctx context.Context) error {
	if ctx.Err() == nil {
		return nil
	}
	cause := context.Cause(ctx)
	if errors.Is(cause, ErrHeaderTimeout) || errors.Is(cause, ErrStalled) {
		return cause
	}
	return nil
}

// watchedBody is a response body whose round trip is cancelled when no
// bytes arrive for stall.
type watchedBody struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	body   io.ReadCloser
	stall  time.Duration
	timer  *time.Timer
}

func newWatchedBody(ctx context.Context, cancel context.CancelCauseFunc, body io.ReadCloser, stall time.Duration) *watchedBody {
	return &watchedBody{
		ctx:    ctx,
		cancel: cancel,
		body:   body,
		stall:  stall,
		timer:  time.AfterFunc(stall, func() { cancel(ErrStalled) }),
	}
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	if n > 0 {
		b.timer.Reset(b.stall)
	}
	if err != nil && err != io.EOF {
		if cause := watchdogCause(b.ctx); cause != nil {
			err = fmt.Errorf("%w: no data for %s", cause, b.stall)
		}
	}
	return n, err
}

// Close stops the watchdog and releases the round trip's context.
func (b *watchedBody) Close() error {
	b.timer.Stop()
	err := b.body.Close()
	b.cancel(nil)
	return err
}
