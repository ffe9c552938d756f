package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// Sentinel causes of a failed fetch, for errors.Is.
var (
	// ErrTooLarge: the file is larger than Options.MaxBytes. Not retried.
	ErrTooLarge = errors.New("fetch: file exceeds the size limit")
	// ErrTooManyRedirects: more than Options.MaxRedirects redirects. Not retried.
	ErrTooManyRedirects = errors.New("fetch: too many redirects")
	// ErrShortBody: the body ended before its Content-Length. Retried.
	ErrShortBody = errors.New("fetch: body shorter than Content-Length")
	// ErrHeaderTimeout: no response headers within Options.Timeout. Retried.
	ErrHeaderTimeout = errors.New("fetch: no response within the attempt timeout")
	// ErrStalled: no body bytes for Options.Stall. Retried.
	ErrStalled = errors.New("fetch: download stalled")
	// ErrDeadline: the whole fetch took longer than Options.Deadline.
	ErrDeadline = errors.New("fetch: overall deadline exceeded")
	// ErrUnsupportedScheme: the source URL is neither http(s), file nor a path.
	ErrUnsupportedScheme = errors.New("fetch: unsupported URL scheme")
)

// Error is the error returned by Client.Fetch: which source failed, where
// from, after how many attempts, and why. URL and the message never carry a
// query string.
type Error struct {
	Source   string // Request.Name
	URL      string // the requested location, redacted
	Attempts int    // HTTP attempts made; 0 when none was (a bad URL, a local file)
	Err      error  // the cause: a *StatusError, a sentinel above, a network or file error
}

// Error returns "fetch <source> from <url>: [after n attempts: ]<cause>",
// with every URL in the cause redacted too.
func (e *Error) Error() string {
	msg := "fetch " + e.Source + " from " + e.URL + ": "
	if e.Attempts > 1 {
		msg += fmt.Sprintf("after %d attempts: ", e.Attempts)
	}
	return msg + redactText(e.Err.Error())
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// StatusError is an HTTP reply that is not a success: any 4xx at once, a
// 5xx or 429 once retries are exhausted.
type StatusError struct {
	URL    string // the URL that replied (after redirects), redacted
	Status int    // the HTTP status code
}

// Error returns "HTTP <code> <text> from <url>".
func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s from %s", e.Status, http.StatusText(e.Status), e.URL)
}

// IsNotFound reports whether err comes from a 404 or 410 reply.
func IsNotFound(err error) bool {
	var se *StatusError
	return errors.As(err, &se) && (se.Status == http.StatusNotFound || se.Status == http.StatusGone)
}

// permanentError marks a failure that retrying cannot cure, such as a full
// disk or a 4xx reply. Its text is its cause's.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

func permanent(err error) error { return permanentError{err} }

// isPermanent reports whether err must not be retried.
func isPermanent(err error) bool {
	var pe permanentError
	var se *StatusError
	return errors.As(err, &pe) || errors.As(err, &se) ||
		errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTooManyRedirects)
}

// newError builds the *Error for a failed fetch, first redacting the URL
// that net/http records in a *url.Error, so that the query string cannot
// be read back from the cause either.
func newError(source, rawURL string, attempts int, err error) *Error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = Redact(ue.URL)
	}
	return &Error{Source: source, URL: Redact(rawURL), Attempts: attempts, Err: err}
}
