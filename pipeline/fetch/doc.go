// Package fetch downloads a run's input files into a directory the caller
// names.
//
// A source location is an http:// or https:// URL, a file:// URL or a plain
// path; ParseSource picks the kind from the scheme and resolves relative
// paths against a base directory (the config file's directory). One Client
// serves a whole run and may be used by several goroutines at once.
//
// Every fetch streams into a temporary file in Request.DestDir while
// computing its SHA-256, so a file is never held in memory. The Result names
// that file; the caller moves it where it belongs (the landing folder).
//
// HTTP fetches go through github.com/hashicorp/go-retryablehttp:
//
//   - connection errors, attempt timeouts, truncated bodies, 5xx and 429
//     replies are retried with jittered exponential backoff; a Retry-After
//     header is honoured up to Options.MaxRetryAfter;
//   - any other 4xx fails at once with a *StatusError;
//   - redirects are followed up to Options.MaxRedirects;
//   - each attempt must receive its response headers within Options.Timeout
//     and is cancelled when its body stops flowing for Options.Stall (a
//     watchdog, so a large but steady download is never cut short), while
//     Options.Deadline bounds the whole fetch, waits included;
//   - given the previous fetch's validators (Request.Cached), the request is
//     conditional, and a 304 reply reuses the cached file (Result.Reused).
//
// Secrets (a bearer token, a SAS query string) are sent but never printed:
// every URL in a log line or an error has its query string replaced by
// "REDACTED" (see Redact).
package fetch
