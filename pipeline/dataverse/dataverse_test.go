package dataverse_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/contoso/c360/pipeline/dataverse"
	"github.com/contoso/c360/pipeline/dataverse/dataversetest"
)

// accounts is a small accounts entity set: five records, one with a label
// the organisation added (Residential) and one without a type.
func accounts() []dataversetest.Record {
	var recs []dataversetest.Record
	for i, typ := range []string{"Corporate", "Residential", "Partner", "", "Corporate"} {
		r := dataversetest.Record{
			"accountid":      fmt.Sprintf("a-%d", i+1),
			"name":           fmt.Sprintf("Account, number %d", i+1),
			"_ownerid_value": "u-1",
			"createdon":      "2026-01-0" + fmt.Sprint(i+1) + "T10:00:00Z",
		}
		if typ != "" {
			r["customertypecode"] = 100000000 + i
			r["customertypecode@"+dataverse.FormattedValue] = typ
		} else {
			r["customertypecode"] = nil
		}
		recs = append(recs, r)
	}
	return recs
}

var accountsExport = dataverse.Export{
	Source: "accounts",
	Query:  dataverse.Query{EntitySet: "accounts", Properties: []string{"accountid", "name", "customertypecode", "_ownerid_value", "createdon"}},
	Columns: []dataverse.Column{
		{Header: "accountid", Property: "accountid"},
		{Header: "name", Property: "name"},
		{Header: "customertypecode", Property: "customertypecode", Choice: true},
		{Header: "ownerid", Property: "_ownerid_value"},
		{Header: "createdon", Property: "createdon"},
	},
}

const accountsCSV = `accountid,name,customertypecode,ownerid,createdon
a-1,"Account, number 1",Corporate,u-1,2026-01-01T10:00:00Z
a-2,"Account, number 2",Residential,u-1,2026-01-02T10:00:00Z
a-3,"Account, number 3",Partner,u-1,2026-01-03T10:00:00Z
a-4,"Account, number 4",,u-1,2026-01-04T10:00:00Z
a-5,"Account, number 5",Corporate,u-1,2026-01-05T10:00:00Z
`

// harness is a client on a fake server, recording its waits and log.
type harness struct {
	srv    *dataversetest.Server
	client *dataverse.Client
	waits  []time.Duration
	log    bytes.Buffer
}

func newHarness(t *testing.T, opts dataverse.Options, faults ...dataversetest.Fault) *harness {
	t.Helper()
	h := &harness{srv: dataversetest.NewServer(map[string][]dataversetest.Record{"accounts": accounts()}, faults...)}
	t.Cleanup(h.srv.Close)
	opts.URL, opts.TokenURL = h.srv.URL, h.srv.TokenURL()
	opts.ClientID = h.srv.ClientID
	if opts.ClientSecret == "" {
		opts.ClientSecret = h.srv.ClientSecret
	}
	opts.PageSize = 2
	opts.Sleep = func(_ context.Context, d time.Duration) error { h.waits = append(h.waits, d); return nil }
	opts.Logger = slog.New(slog.NewTextHandler(&h.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, err := dataverse.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	h.client = c
	return h
}

// read reads the accounts and converts them to CSV.
func (h *harness) read(t *testing.T) (string, error) {
	t.Helper()
	var landed bytes.Buffer
	n, err := h.client.Read(context.Background(), accountsExport.Query, &landed)
	if err != nil {
		return "", err
	}
	if n != 5 {
		t.Errorf("Read returned %d records, want 5", n)
	}
	var out bytes.Buffer
	if _, err := dataverse.ToCSV(&landed, accountsExport, &out); err != nil {
		t.Fatal(err)
	}
	return out.String(), nil
}

// noSecrets checks that neither the client secret nor a token reached the
// log or the error.
func (h *harness) noSecrets(t *testing.T, err error) {
	t.Helper()
	text := h.log.String()
	if err != nil {
		text += err.Error()
	}
	for _, secret := range []string{h.srv.ClientSecret, "token-1", "token-2"} {
		if strings.Contains(text, secret) {
			t.Errorf("a secret (%s) reached the log or the error:\n%s", secret, text)
		}
	}
}

func TestReadPagesSelectAndAnnotations(t *testing.T) {
	h := newHarness(t, dataverse.Options{})
	got, err := h.read(t)
	if err != nil {
		t.Fatal(err)
	}
	if got != accountsCSV {
		t.Errorf("CSV\n%s\nwant\n%s", got, accountsCSV)
	}
	reqs := h.srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3 pages of at most 2: %q", len(reqs), reqs)
	}
	if want := "/api/data/v9.2/accounts?$select=accountid,name,customertypecode,_ownerid_value,createdon"; reqs[0] != want {
		t.Errorf("first request %s, want %s", reqs[0], want)
	}
	if !strings.Contains(reqs[2], "%24skiptoken=4") {
		t.Errorf("the last request %s does not follow @odata.nextLink", reqs[2])
	}
	for _, p := range h.srv.Prefers() {
		if !strings.Contains(p, "odata.maxpagesize=2") || !strings.Contains(p, `odata.include-annotations="`+dataverse.FormattedValue+`"`) {
			t.Errorf("Prefer %q lacks the page size or the annotations", p)
		}
	}
	if h.srv.TokensIssued() != 1 {
		t.Errorf("%d tokens for one read, want 1", h.srv.TokensIssued())
	}
	h.noSecrets(t, nil)
}

// TestFaults: throttling is waited out as the server says, an expired
// token is renewed once, and any other failure on any page fails the read.
func TestFaults(t *testing.T) {
	tests := []struct {
		name      string
		faults    []dataversetest.Fault
		opts      dataverse.Options
		waits     []time.Duration
		tokens    int
		wantErr   string // "" means the read succeeds
		errStatus bool
	}{
		{name: "429 then 503, with Retry-After", faults: []dataversetest.Fault{
			{Request: 1, Status: 429, RetryAfter: "7"}, {Request: 3, Status: 503, RetryAfter: "2"}},
			waits: []time.Duration{7 * time.Second, 2 * time.Second}, tokens: 1},
		{name: "503 without Retry-After backs off", faults: []dataversetest.Fault{{Request: 2, Status: 503}},
			waits: []time.Duration{time.Second}, tokens: 1},
		{name: "token expires on page 2", faults: []dataversetest.Fault{{Request: 2, ExpireToken: true}}, tokens: 2},
		{name: "page 2 fails", faults: []dataversetest.Fault{{Request: 2, Status: 500}}, tokens: 1,
			wantErr: "accounts page 2", errStatus: true},
		{name: "asked to wait too long", faults: []dataversetest.Fault{{Request: 1, Status: 429, RetryAfter: "3600"}},
			tokens: 1, wantErr: "longer than 5m0s", errStatus: true},
		{name: "throttled past the retries", opts: dataverse.Options{Retries: 1}, faults: []dataversetest.Fault{
			{Request: 1, Status: 429, RetryAfter: "1"}, {Request: 2, Status: 429, RetryAfter: "1"}},
			waits: []time.Duration{time.Second}, tokens: 1, wantErr: "still throttled after 1 retries", errStatus: true},
		{name: "wrong secret", opts: dataverse.Options{ClientSecret: "not-the-secret-4471"},
			wantErr: "token request refused: 401 Unauthorized invalid_client"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.opts, tc.faults...)
			got, err := h.read(t)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("read: %v", err)
			case tc.wantErr == "" && got != accountsCSV:
				t.Errorf("CSV\n%s\nwant\n%s", got, accountsCSV)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("err = %v, want one saying %q", err, tc.wantErr)
			case tc.wantErr != "" && errors.Is(err, dataverse.ErrStatus) != tc.errStatus:
				t.Errorf("errors.Is(err, ErrStatus) = %v, want %v", !tc.errStatus, tc.errStatus)
			}
			if fmt.Sprint(h.waits) != fmt.Sprint(tc.waits) {
				t.Errorf("waited %v, want %v", h.waits, tc.waits)
			}
			if h.srv.TokensIssued() != tc.tokens {
				t.Errorf("%d tokens issued, want %d", h.srv.TokensIssued(), tc.tokens)
			}
			h.noSecrets(t, err)
			if strings.Contains(h.log.String()+fmt.Sprint(err), "not-the-secret-4471") {
				t.Error("the wrong secret reached the log or the error")
			}
		})
	}
}

// TestToCSVChecksTheFile: a landed file of another entity set is refused.
func TestToCSVChecksTheFile(t *testing.T) {
	landed := `{"entity_set":"leads","select":["leadid"]}` + "\n"
	_, err := dataverse.ToCSV(strings.NewReader(landed), accountsExport, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `holds entity set "leads"`) {
		t.Errorf("err = %v", err)
	}
}
