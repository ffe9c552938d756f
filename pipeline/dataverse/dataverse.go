// Package dataverse reads CRM tables through the Dataverse Web API (OData
// v4), as the CSV exports would hold them.
//
// A Client gets an OAuth 2.0 client-credentials token for the organisation
// (scope ORG/.default) and reads one entity set at a time:
//
//	GET ORG/api/data/v9.2/<entity set>?$select=<the columns the export uses>
//	Prefer: odata.maxpagesize=5000,
//	        odata.include-annotations="OData.Community.Display.V1.FormattedValue"
//
// following @odata.nextLink until the last page. A 429 or 503 reply (the
// service protection limits) is retried after its Retry-After; a 401 gets
// a fresh token once; any other failure, on any page, fails the read, and
// nothing is landed. What was read is written as JSON Lines: a first line
// describing the query, then each record as the server returned it,
// annotations included; ToCSV turns that file into the export's CSV, a
// choice column taking its label from the FormattedValue annotation.
//
// Secrets (the client secret and the tokens) go only into the token
// request and the Authorization header; no error or log line holds them.
package dataverse

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// FormattedValue is the annotation holding a choice's label.
const FormattedValue = "OData.Community.Display.V1.FormattedValue"

// ErrStatus is wrapped by errors for replies the client does not retry.
var ErrStatus = errors.New("dataverse: request failed")

// Options configure a Client. URL, TokenURL, ClientID and ClientSecret are
// required; the rest have defaults.
type Options struct {
	URL          string // the organisation, https://ORG.crm.dynamics.com
	APIVersion   string // default v9.2
	TokenURL     string // OAuth 2.0 token endpoint
	ClientID     string
	ClientSecret string // a secret: never logged
	PageSize     int    // Prefer: odata.maxpagesize; default 5000
	// Retries is how many times one request is retried after a 429, a 503
	// or a connection error; default 5, -1 for none.
	Retries int
	// MaxWait is the longest Retry-After honoured; a longer one fails the
	// read. Default 5 minutes.
	MaxWait time.Duration
	// Timeout bounds each request, body included; default 2 minutes.
	Timeout time.Duration
	// HTTPClient sends the requests; nil means a new client with Timeout.
	HTTPClient *http.Client
	// Sleep waits between attempts; nil waits on a timer, or until ctx ends.
	Sleep func(ctx context.Context, d time.Duration) error
	// Logger receives a line per page and per retry; nil discards them.
	Logger *slog.Logger
}

// Client reads entity sets from one organisation. It is not safe for
// concurrent use: Read one entity set at a time.
type Client struct {
	opts  Options
	base  *url.URL
	http  *http.Client
	creds *clientcredentials.Config
	token *oauth2.Token
	log   *slog.Logger
}

// New returns a client for opts. It does not contact the server.
func New(opts Options) (*Client, error) {
	base, err := url.Parse(strings.TrimRight(opts.URL, "/"))
	if err != nil || base.Host == "" {
		return nil, fmt.Errorf("dataverse: bad organisation URL %q", opts.URL)
	}
	opts.APIVersion = cmp.Or(opts.APIVersion, "v9.2")
	opts.PageSize = cmp.Or(opts.PageSize, 5000)
	opts.MaxWait = cmp.Or(opts.MaxWait, 5*time.Minute)
	opts.Timeout = cmp.Or(opts.Timeout, 2*time.Minute)
	switch opts.Retries {
	case 0:
		opts.Retries = 5
	case -1:
		opts.Retries = 0
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	c := &Client{opts: opts, base: base, http: opts.HTTPClient, log: opts.Logger}
	if c.http == nil {
		c.http = &http.Client{Timeout: opts.Timeout}
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	c.creds = &clientcredentials.Config{
		ClientID:     opts.ClientID,
		ClientSecret: opts.ClientSecret,
		TokenURL:     opts.TokenURL,
		Scopes:       []string{base.Scheme + "://" + base.Host + "/.default"},
		AuthStyle:    oauth2.AuthStyleInParams,
	}
	return c, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Query is one entity set to read.
type Query struct {
	EntitySet  string   // e.g. accounts, opportunities, activitypointers
	Properties []string // the $select list
}

// URL returns the first page's URL of q, without the query string.
func (c *Client) URL(q Query) string {
	return c.base.String() + "/api/data/" + c.opts.APIVersion + "/" + q.EntitySet
}

// header is the first line of a landed file.
type header struct {
	EntitySet string   `json:"entity_set"`
	Select    []string `json:"select"`
	Context   string   `json:"@odata.context,omitempty"`
}

// page is one reply of the Web API.
type page struct {
	Context  string            `json:"@odata.context"`
	Value    []json.RawMessage `json:"value"`
	NextLink string            `json:"@odata.nextLink"`
}

// Read reads every page of q and writes it to w as JSON Lines (see the
// package comment). It returns the number of records. An error on any page
// is returned as is; what was written to w by then must be discarded.
func (c *Client) Read(ctx context.Context, q Query, w io.Writer) (int, error) {
	next := c.URL(q) + "?$select=" + strings.Join(q.Properties, ",")
	records, pages := 0, 0
	for next != "" {
		p, err := c.page(ctx, next)
		if err != nil {
			return records, fmt.Errorf("dataverse: %s page %d: %w", q.EntitySet, pages+1, err)
		}
		if pages == 0 {
			line, _ := json.Marshal(header{EntitySet: q.EntitySet, Select: q.Properties, Context: p.Context})
			if _, err := fmt.Fprintf(w, "%s\n", line); err != nil {
				return records, err
			}
		}
		for _, rec := range p.Value {
			if err := writeCompact(w, rec); err != nil {
				return records, fmt.Errorf("dataverse: %s page %d: %w", q.EntitySet, pages+1, err)
			}
		}
		pages++
		records += len(p.Value)
		c.log.Info("dataverse page read", "entity_set", q.EntitySet, "page", pages, "records", len(p.Value))
		if next, err = c.checkNext(p.NextLink); err != nil {
			return records, fmt.Errorf("dataverse: %s page %d: %w", q.EntitySet, pages, err)
		}
	}
	return records, nil
}

// writeCompact writes one record on one line.
func writeCompact(w io.Writer, rec json.RawMessage) error {
	var b bytes.Buffer
	if err := json.Compact(&b, rec); err != nil {
		return fmt.Errorf("a record is not JSON: %w", err)
	}
	b.WriteByte('\n')
	_, err := b.WriteTo(w)
	return err
}

// checkNext accepts a next link only on the organisation's own host, so
// the token is never sent anywhere else.
func (c *Client) checkNext(link string) (string, error) {
	if link == "" {
		return "", nil
	}
	u, err := url.Parse(link)
	if err != nil {
		return "", fmt.Errorf("bad @odata.nextLink: %w", err)
	}
	if !strings.EqualFold(u.Host, c.base.Host) || u.Scheme != c.base.Scheme {
		return "", fmt.Errorf("@odata.nextLink points to %s://%s, not the organisation %s", u.Scheme, u.Host, c.base.Host)
	}
	return link, nil
}

// page gets one page, retrying 429 and 503 after their Retry-After and
// connection errors after a backoff, and renewing the token once on 401.
func (c *Client) page(ctx context.Context, link string) (*page, error) {
	renewed := false
	for attempt := 0; ; attempt++ {
		if c.token == nil || !c.token.Valid() {
			if err := c.renew(ctx); err != nil {
				return nil, err
			}
		}
		resp, err := c.get(ctx, link)
		var wait time.Duration
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			wait = backoff(attempt)
			c.log.Warn("dataverse request failed; retrying", "err", err, "wait_seconds", wait.Seconds())
		case resp.StatusCode == http.StatusOK:
			defer resp.Body.Close()
			var p page
			if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
				return nil, fmt.Errorf("reading the reply: %w", err)
			}
			return &p, nil
		case resp.StatusCode == http.StatusUnauthorized && !renewed:
			drain(resp)
			renewed = true
			c.log.Info("dataverse token refused; getting a new one")
			if err := c.renew(ctx); err != nil {
				return nil, err
			}
			attempt--
			continue
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
			wait = retryAfter(resp.Header.Get("Retry-After"), time.Now(), backoff(attempt))
			drain(resp)
			c.log.Warn("dataverse asks to wait", "status", resp.StatusCode, "wait_seconds", wait.Seconds())
		default:
			defer resp.Body.Close()
			return nil, statusError(resp)
		}
		if attempt >= c.opts.Retries {
			if err == nil {
				err = fmt.Errorf("%w: still throttled after %d retries", ErrStatus, c.opts.Retries)
			}
			return nil, err
		}
		if wait > c.opts.MaxWait {
			return nil, fmt.Errorf("%w: asked to wait %s, longer than %s", ErrStatus, wait, c.opts.MaxWait)
		}
		if err := c.opts.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// renew gets a new token.
func (c *Client) renew(ctx context.Context) error {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, c.http)
	tok, err := c.creds.Token(ctx)
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.Response != nil {
			return fmt.Errorf("dataverse: token request refused: %s %s", re.Response.Status, re.ErrorCode)
		}
		return fmt.Errorf("dataverse: token request failed: %w", redactErr(err, c.opts.ClientSecret))
	}
	c.token = tok
	return nil
}

// redactErr hides secret in err's text, should a library put it there.
func redactErr(err error, secret string) error {
	if secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), secret, "REDACTED"))
}

func (c *Client) get(ctx context.Context, link string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("OData-MaxVersion", "4.0")
	req.Header.Set("OData-Version", "4.0")
	req.Header.Set("Prefer", fmt.Sprintf(`odata.maxpagesize=%d,odata.include-annotations="%s"`, c.opts.PageSize, FormattedValue))
	req.Header.Set("Authorization", "Bearer "+c.token.AccessToken)
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, fmt.Errorf("%s %s: %w", ue.Op, redactQuery(ue.URL), ue.Err)
		}
		return nil, err
	}
	return resp, nil
}

// redactQuery drops a URL's query string (paging cookies) from messages.
func redactQuery(raw string) string {
	before, _, _ := strings.Cut(raw, "?")
	return before
}

func drain(resp *http.Response) {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
}

// statusError describes a reply that is not retried, with the OData
// error's code and message when the body has one.
func statusError(resp *http.Response) error {
	var body struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if json.Unmarshal(data, &body) == nil && body.Error.Message != "" {
		return fmt.Errorf("%w: %s: %s %s", ErrStatus, resp.Status, body.Error.Code, body.Error.Message)
	}
	return fmt.Errorf("%w: %s", ErrStatus, resp.Status)
}

// backoff is the wait before retry attempt+1 when the server gave none:
// 1s, 2s, 4s, ... up to a minute.
func backoff(attempt int) time.Duration {
	return min(time.Second<<min(attempt, 6), time.Minute)
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date; def
// when it is absent or unreadable.
func retryAfter(v string, now time.Time, def time.Duration) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return def
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return def
}
