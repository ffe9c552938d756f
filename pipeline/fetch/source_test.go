package fetch

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestParseSource(t *testing.T) {
	base := filepath.FromSlash("/srv/c360/config")
	tests := []struct {
		raw      string
		wantKind Kind
		wantPath string // for File
		wantURL  string // for HTTP
		wantErr  error  // nil: no error; errAny: some error
	}{
		{raw: "https://aka.ms/CI-ILT/Contacts", wantKind: HTTP, wantURL: "https://aka.ms/CI-ILT/Contacts"},
		{raw: "http://example.com/x.csv?sv=1&sig=2", wantKind: HTTP, wantURL: "http://example.com/x.csv?sv=1&sig=2"},
		{raw: "HTTPS://example.com/x.csv", wantKind: HTTP, wantURL: "https://example.com/x.csv"},
		{raw: "file:///data/in/contacts.csv", wantKind: File, wantPath: "/data/in/contacts.csv"},
		{raw: "file://localhost/data/in/contacts.csv", wantKind: File, wantPath: "/data/in/contacts.csv"},
		{raw: "file:crm/deals.csv", wantKind: File, wantPath: "/srv/c360/config/crm/deals.csv"},
		{raw: "file://./crm/deals.csv", wantKind: File, wantPath: "/srv/c360/config/crm/deals.csv"},
		{raw: "file://../shared/deals.csv", wantKind: File, wantPath: "/srv/c360/shared/deals.csv"},
		{raw: "file:///data/in/my%20file.csv", wantKind: File, wantPath: "/data/in/my file.csv"},
		{raw: "crm/accounts.csv", wantKind: File, wantPath: "/srv/c360/config/crm/accounts.csv"},
		{raw: "./crm/../crm/leads.csv", wantKind: File, wantPath: "/srv/c360/config/crm/leads.csv"},
		{raw: "/abs/100%.csv", wantKind: File, wantPath: "/abs/100%.csv"},
		{raw: "/abs/contacts.csv", wantKind: File, wantPath: "/abs/contacts.csv"},
		{raw: "ftp://example.com/x.csv", wantErr: ErrUnsupportedScheme},
		{raw: "file://fileserver/share/x.csv", wantErr: ErrUnsupportedScheme},
		{raw: "https:///no-host", wantErr: errAny},
		{raw: "  ", wantErr: errAny},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := ParseSource(tt.raw, base)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("ParseSource(%q) = %+v, want an error", tt.raw, got)
				}
				if tt.wantErr != errAny && !errors.Is(err, tt.wantErr) {
					t.Fatalf("ParseSource(%q) error = %v, want %v", tt.raw, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSource(%q): %v", tt.raw, err)
			}
			if got.Kind != tt.wantKind {
				t.Errorf("Kind = %v, want %v", got.Kind, tt.wantKind)
			}
			switch tt.wantKind {
			case File:
				if want := filepath.FromSlash(tt.wantPath); got.Path != want {
					t.Errorf("Path = %q, want %q", got.Path, want)
				}
			case HTTP:
				if got.URL.String() != tt.wantURL {
					t.Errorf("URL = %q, want %q", got.URL, tt.wantURL)
				}
			}
		})
	}
}

// errAny stands for "some error" in test tables.
var errAny = errors.New("any error")

func TestSourceStringIsRedacted(t *testing.T) {
	s, err := ParseSource("https://acct.blob.core.windows.net/c/x.csv?sv=2024&sig=s3cr3t", "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.String(), "https://acct.blob.core.windows.net/c/x.csv?REDACTED"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://x.example/y", "https://x.example/y"},
		{"https://x.example/y?sv=2024-01-01&sig=abc%2Fdef", "https://x.example/y?REDACTED"},
		{"https://x.example/y?", "https://x.example/y?REDACTED"},
		{"https://x.example/y#frag", "https://x.example/y"},
		{"https://user:pa55@x.example/y?sig=1", "https://user:xxxxx@x.example/y?REDACTED"},
		{"https://user@x.example/y", "https://user@x.example/y"},
		{"crm/deals.csv", "crm/deals.csv"},
		{"file:///data/x.csv", "file:///data/x.csv"},
		{"https://x.example/%zz?sig=secret", "https://x.example/%zz?REDACTED"}, // does not parse
		{"https://x.example/%zz#sig=secret", "https://x.example/%zz"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedactText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Get "https://h.example/p?sig=abc": dial tcp: connection refused`,
			`Get "https://h.example/p?REDACTED": dial tcp: connection refused`},
		{"GET https://h.example/p?sig=abc (status: 503) and http://o.example/q?t=1",
			"GET https://h.example/p?REDACTED (status: 503) and http://o.example/q?REDACTED"},
		{"no url here", "no url here"},
	}
	for _, tt := range tests {
		if got := redactText(tt.in); got != tt.want {
			t.Errorf("redactText(%q) =\n %q, want\n %q", tt.in, got, tt.want)
		}
	}
}
