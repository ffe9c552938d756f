package fetch

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/contoso/c360/pipeline/progress"
)

// Defaults used by NewClient for Options fields left at their zero value.
const (
	DefaultTimeout       = 30 * time.Second
	DefaultStall         = 60 * time.Second
	DefaultDeadline      = 30 * time.Minute
	DefaultRetries       = 5
	DefaultRetryWaitMin  = 1 * time.Second
	DefaultRetryWaitMax  = 30 * time.Second
	DefaultMaxRetryAfter = 2 * time.Minute
	DefaultMaxBytes      = 2 << 30 // 2 GiB
	DefaultMaxRedirects  = 10
	DefaultUserAgent     = "c360-fetch"
)

// Options configure a Client. A zero field selects the default named in its
// comment.
type Options struct {
	// Timeout bounds one attempt from its start until the response headers
	// arrive: connecting, the TLS handshake and the server's think time.
	// Default DefaultTimeout.
	Timeout time.Duration

	// Stall cancels an attempt when no body bytes arrive for this long. A
	// slow but steady download is not a stall. Default DefaultStall.
	Stall time.Duration

	// Deadline bounds a whole Fetch: every attempt and every wait between
	// them. Default DefaultDeadline.
	Deadline time.Duration

	// Retries is how many times a failed attempt is retried, so a fetch
	// makes at most Retries+1 attempts. Negative means no retries.
	// Default DefaultRetries.
	Retries int

	// RetryWaitMin and RetryWaitMax bound the wait before a retry: it
	// doubles from RetryWaitMin with each attempt up to RetryWaitMax and is
	// jittered down to half its value. Defaults DefaultRetryWaitMin and
	// DefaultRetryWaitMax.
	RetryWaitMin, RetryWaitMax time.Duration

	// MaxRetryAfter caps the wait a server asks for in a Retry-After header
	// of a 429 or 503 reply. Default DefaultMaxRetryAfter.
	MaxRetryAfter time.Duration

	// MaxBytes is the largest file accepted; a larger one fails with
	// ErrTooLarge and is not retried. Default DefaultMaxBytes.
	MaxBytes int64

	// MaxRedirects is how many redirects one attempt follows. Negative
	// means none. Default DefaultMaxRedirects.
	MaxRedirects int

	// UserAgent is sent with every HTTP request. Default DefaultUserAgent.
	UserAgent string

	// Logger receives each retry (warn), each successful fetch (info) and
	// the retry library's own lines (debug), all with URLs redacted.
	// Failures are returned, not logged. Default: discard.
	Logger *slog.Logger

	// Progress is told the bytes received by each fetch. Default
	// progress.Discard.
	Progress progress.Reporter

	// Transport carries the HTTP requests. nil means a pooled transport
	// cloned from http.DefaultTransport, whose connect and TLS handshake
	// limits are set to Timeout. Tests set it to reach httptest TLS servers.
	// The attempt watchdog wraps it either way.
	Transport http.RoundTripper
}

// withDefaults returns o with every zero field set to its default and the
// "negative means none" fields set to zero.
func (o Options) withDefaults() Options {
	setDuration := func(d *time.Duration, def time.Duration) {
		if *d <= 0 {
			*d = def
		}
	}
	setDuration(&o.Timeout, DefaultTimeout)
	setDuration(&o.Stall, DefaultStall)
	setDuration(&o.Deadline, DefaultDeadline)
	setDuration(&o.RetryWaitMin, DefaultRetryWaitMin)
	setDuration(&o.RetryWaitMax, DefaultRetryWaitMax)
	setDuration(&o.MaxRetryAfter, DefaultMaxRetryAfter)
	if o.RetryWaitMax < o.RetryWaitMin {
		o.RetryWaitMax = o.RetryWaitMin
	}
	switch {
	case o.Retries == 0:
		o.Retries = DefaultRetries
	case o.Retries < 0:
		o.Retries = 0
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = DefaultMaxRedirects
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Progress == nil {
		o.Progress = progress.Discard
	}
	return o
}
