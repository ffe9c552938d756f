package fetch

import (
	"context"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
)

// redactedQuery replaces a query string in anything printed.
const redactedQuery = "REDACTED"

// Redact returns rawURL fit for a log line or an error: a query string
// becomes "?REDACTED", a fragment is dropped and a password in the user
// information becomes "xxxxx". A URL that does not parse is cut at its
// first '?' or '#' the same way. Paths without a query come back unchanged.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		cut := strings.IndexAny(rawURL, "?#")
		switch {
		case cut < 0:
			return rawURL
		case rawURL[cut] == '?':
			return rawURL[:cut] + "?" + redactedQuery
		default:
			return rawURL[:cut]
		}
	}
	hasQuery := u.RawQuery != "" || u.ForceQuery
	u.RawQuery, u.ForceQuery = "", false
	u.Fragment, u.RawFragment = "", ""
	s := u.Redacted()
	if hasQuery {
		s += "?" + redactedQuery
	}
	return s
}

// urlInText finds URLs embedded in free text such as an error message
// (net/http quotes them: Get "https://...": ...).
var urlInText = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>]+`)

// redactText redacts every URL found in s.
func redactText(s string) string {
	return urlInText.ReplaceAllStringFunc(s, Redact)
}

// retryLogger adapts a *slog.Logger to retryablehttp.LeveledLogger.
//
// *slog.Logger has the right method set already, but the library logs the
// request URL with its query string (it only masks passwords) and errors
// whose text quotes that URL, which would print a SAS signature. This
// adapter redacts every string, error and URL value. It also logs every
// line at debug level: the library's "request failed" lines describe single
// attempts, and Fetch itself logs retries (warn) and outcomes (info).
type retryLogger struct{ log *slog.Logger }

func (l retryLogger) Error(msg string, kv ...any) { l.debug(msg, kv) }
func (l retryLogger) Warn(msg string, kv ...any)  { l.debug(msg, kv) }
func (l retryLogger) Info(msg string, kv ...any)  { l.debug(msg, kv) }
func (l retryLogger) Debug(msg string, kv ...any) { l.debug(msg, kv) }

func (l retryLogger) debug(msg string, kv []any) {
	if !l.log.Enabled(context.Background(), slog.LevelDebug) {
		return
	}
	args := make([]any, len(kv))
	for i, v := range kv {
		args[i] = redactValue(v)
	}
	l.log.Debug("fetch: retryablehttp: "+redactText(msg), args...)
}

// redactValue redacts the URLs in one logged value.
func redactValue(v any) any {
	switch v := v.(type) {
	case string:
		return redactText(v)
	case error:
		return redactText(v.Error())
	case *url.URL:
		return Redact(v.String())
	default:
		return v
	}
}
