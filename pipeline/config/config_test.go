package config

import (
	"github.com/contoso/c360/matching/survive"

	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/contoso/c360/pipeline/salesprocess"
)

// fixedNow is the clock used by tests: 2026-11-27 21:09:43 UTC.
func fixedNow() time.Time { return time.Date(2026, 11, 27, 21, 9, 43, 0, time.UTC) }

// envOf returns a lookup function over a fixed environment.
func envOf(vars map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
}

// minimal is the smallest valid config.
const minimal = `database: out/c360.duckdb
work_dir: out/work
sources:
  contacts: {url: https://aka.ms/CI-ILT/Contacts}
  loyalty:  {url: https://aka.ms/CI-ILT/LoyaltySchemeCustomers}
  pos:      {url: https://aka.ms/CI-ILT/POSPurchases}
  online:   {url: https://aka.ms/CI-ILT/OnlinePurchases}
`

func TestLoadExample(t *testing.T) {
	t.Setenv("C360_TEST_TOKEN", " tok-123\n")
	t.Setenv("C360_TEST_SAS", "?sv=2024&sig=abc")
	got, err := Load(filepath.Join("testdata", "c360.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	threshold := 0.85
	want := &Config{
		File:     filepath.Join("testdata", "c360.yaml"),
		Dir:      dir,
		Database: filepath.Join(dir, "out", "c360.duckdb"),
		WorkDir:  filepath.Join(dir, "out", "work"),
		Report:   filepath.Join(dir, "reports", "latest.html"),
		AsOf:     time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC),
		Sources: []Source{
			{Name: "contacts", URL: "https://aka.ms/CI-ILT/Contacts", Original: "https://aka.ms/CI-ILT/Contacts",
				TokenEnv: "C360_TEST_TOKEN", token: "tok-123"},
			{Name: "loyalty", URL: "https://aka.ms/CI-ILT/LoyaltySchemeCustomers", Original: "https://aka.ms/CI-ILT/LoyaltySchemeCustomers",
				SASEnv: "C360_TEST_SAS", sas: "sv=2024&sig=abc"},
			{Name: "pos", URL: "file:///srv/exports/POSPurchases.csv", Path: "/srv/exports/POSPurchases.csv",
				Original: "file:///srv/exports/POSPurchases.csv", Encoding: "windows-1252"},
			{Name: "online", URL: "file://" + dir + "/exports/OnlinePurchases.csv", Path: filepath.Join(dir, "exports", "OnlinePurchases.csv"),
				Original: "exports/OnlinePurchases.csv"},
		},
		CRM: []Source{
			{Name: "accounts", URL: "file://" + dir + "/crm/accounts.csv", Path: filepath.Join(dir, "crm", "accounts.csv"),
				Original: "crm/accounts.csv"},
			{Name: "deals", URL: "file://" + dir + "/crm/deals.csv", Path: filepath.Join(dir, "crm", "deals.csv"),
				Original: "file:crm/deals.csv"},
		},
		SalesProcess:     salesprocess.Default(),
		KeepRuns:         10,
		MaxRejectShare:   0.02,
		MinRejectsToFail: DefaultMinRejects,
		MaxRowDrop:       0.25,
		MemoryLimit:      3 << 30,
		Fetch:            Fetch{Timeout: 10 * time.Second, Stall: 2 * time.Minute, Deadline: time.Hour, Retries: 3, MaxBytes: 512 << 20},
		Matching: Matching{
			Threshold:  &threshold,
			NeverMatch: []RecordPair{{{Source: "contacts", ID: "CNTID_1"}, {Source: "loyalty", ID: "LOYID_9"}}},
			AlwaysMatch: []RecordPair{
				{{Source: "contacts", ID: "CNTID_2"}, {Source: "loyalty", ID: "LOYID_7"}},
				{{Source: "loyalty", ID: "LOYID_8"}, {Source: "contacts", ID: "CNTID_3"}},
			},
			CrossReference: []CrossReference{{FromSource: "loyalty", FromColumn: "contact_id", To: "contacts"}},
			Survivorship: survive.Policy{
				survive.Email: {{Kind: survive.MostRecent}, {Kind: survive.MostFrequent}},
				survive.Phone: {{Kind: survive.MostComplete}},
			},
			MaxClusterSize: 40,
		},
		Load: Loading{
			MaxQuotedBytes: 4 << 10,
			MaxQuotedLines: 3,
			Dates:          DateWindow{day(1950, 1, 1), day(2030, 12, 31)},
			BirthDates:     DateWindow{day(1910, 1, 1), day(2020, 12, 31)},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load:\ngot  %+v\nwant %+v", *got, *want)
		for i := range min(len(got.Sources), len(want.Sources)) {
			if !reflect.DeepEqual(got.Sources[i], want.Sources[i]) {
				t.Errorf("source %d: got %#v want %#v", i, got.Sources[i], want.Sources[i])
			}
		}
	}
}

func TestParseDefaults(t *testing.T) {
	cfg, err := parse([]byte(minimal), "c360.yaml", "/etc/c360", envOf(nil), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"File", cfg.File, "c360.yaml"},
		{"Dir", cfg.Dir, "/etc/c360"},
		{"Database", cfg.Database, "/etc/c360/out/c360.duckdb"},
		{"WorkDir", cfg.WorkDir, "/etc/c360/out/work"},
		{"Report", cfg.Report, "/etc/c360/out/report.html"},
		{"AsOf", cfg.AsOf, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)},
		{"KeepRuns", cfg.KeepRuns, 7},
		{"MaxRejectShare", cfg.MaxRejectShare, 0.01},
		{"MinRejectsToFail", cfg.MinRejectsToFail, 5},
		{"SalesProcess", cfg.SalesProcess, salesprocess.Default()},
		{"Dataverse", cfg.Dataverse, (*Dataverse)(nil)},
		{"MemoryLimit", cfg.MemoryLimit, int64(DefaultMemoryLimit)},
		{"MaxRowDrop", cfg.MaxRowDrop, 0.5},
		{"Fetch", cfg.Fetch, Fetch{Timeout: 30 * time.Second, Stall: time.Minute, Deadline: 30 * time.Minute, Retries: 5, MaxBytes: 2 << 30}},
		{"Matching", cfg.Matching, Matching{}},
		{"CRM", cfg.CRM, []Source(nil)},
		{"source names", names(cfg.Sources), []string{"contacts", "loyalty", "pos", "online"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func names(ss []Source) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	return out
}

// TestParseAsOfDefaultIsUTCDay checks that the default as_of is the UTC day,
// not the local one: 23:30 on the 26th in New York is the 27th in UTC.
func TestParseAsOfDefaultIsUTCDay(t *testing.T) {
	ny := time.FixedZone("EST", -5*3600)
	now := func() time.Time { return time.Date(2026, 11, 26, 23, 30, 0, 0, ny) }
	cfg, err := parse([]byte(minimal), "c360.yaml", "/etc/c360", envOf(nil), now)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC); !cfg.AsOf.Equal(want) || cfg.AsOf.Location() != time.UTC {
		t.Errorf("AsOf = %v, want %v", cfg.AsOf, want)
	}
}

func TestSetAsOf(t *testing.T) {
	cfg, err := parse([]byte("as_of: 2026-01-31\n"+minimal), "c360.yaml", "/etc/c360", envOf(nil), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC); !cfg.AsOf.Equal(want) {
		t.Fatalf("AsOf from file = %v, want %v", cfg.AsOf, want)
	}
	if err := cfg.SetAsOf("2025-02-28"); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC); !cfg.AsOf.Equal(want) {
		t.Errorf("AsOf after SetAsOf = %v, want %v", cfg.AsOf, want)
	}
	for _, bad := range []string{"2025-02-29", "2026-13-01", "27/11/2026", ""} {
		if err := cfg.SetAsOf(bad); err == nil {
			t.Errorf("SetAsOf(%q) succeeded", bad)
		}
	}
	if want := time.Date(2025, 2, 28, 0, 0, 0, 0, time.UTC); !cfg.AsOf.Equal(want) {
		t.Errorf("a failed SetAsOf changed AsOf to %v", cfg.AsOf)
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.yaml")
	_, err := Load(path)
	var cerr *Error
	if !errors.As(err, &cerr) {
		t.Fatalf("err = %v (%T), want *Error", err, err)
	}
	if want := path + ": cannot read config: no such file or directory"; err.Error() != want {
		t.Errorf("err = %s, want %s", err, want)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want it to wrap fs.ErrNotExist", err)
	}
}

func TestParseUsesProcessEnvironment(t *testing.T) {
	t.Setenv("C360_TEST_PARSE_TOKEN", "from-env")
	src := strings.Replace(minimal, "Contacts}", "Contacts, token_env: C360_TEST_PARSE_TOKEN}", 1)
	cfg, err := Parse([]byte(src), "c360.yaml", "/etc/c360")
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Sources[0].Token(); got != "from-env" {
		t.Errorf("Token() = %q, want %q", got, "from-env")
	}
}

func TestSecrets(t *testing.T) {
	src := strings.Replace(minimal, "Contacts}", "Contacts, token_env: TOKEN_VAR}", 1)
	src = strings.Replace(src, "POSPurchases}", "POSPurchases?x=1, sas_env: SAS_VAR}", 1)
	src = strings.Replace(src, "OnlinePurchases}", "OnlinePurchases, sas_env: SAS_VAR}", 1)
	env := envOf(map[string]string{"TOKEN_VAR": "s3cr3t-token", "SAS_VAR": "?sig=s3cr3t-sig"})
	cfg, err := parse([]byte(src), "c360.yaml", "/etc/c360", env, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	contacts, pos, online := cfg.Sources[0], cfg.Sources[2], cfg.Sources[3]
	for _, c := range []struct{ name, got, want string }{
		{"contacts Token", contacts.Token(), "s3cr3t-token"},
		{"contacts SAS", contacts.SAS(), ""},
		{"contacts FetchURL", contacts.FetchURL(), "https://aka.ms/CI-ILT/Contacts"},
		{"pos SAS", pos.SAS(), "sig=s3cr3t-sig"},
		{"pos FetchURL", pos.FetchURL(), "https://aka.ms/CI-ILT/POSPurchases?x=1&sig=s3cr3t-sig"},
		{"online FetchURL", online.FetchURL(), "https://aka.ms/CI-ILT/OnlinePurchases?sig=s3cr3t-sig"},
		{"pos String", pos.String(), "pos https://aka.ms/CI-ILT/POSPurchases?REDACTED (SAS from $SAS_VAR)"},
		{"contacts String", contacts.String(), "contacts https://aka.ms/CI-ILT/Contacts (token from $TOKEN_VAR)"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}

	// No way of printing a config or a source shows a secret.
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	logger.Info("fetch", "source", pos, "other", contacts)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("fetch", "source", online)
	js, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	printed := strings.Join([]string{
		fmt.Sprintf("%v", cfg), fmt.Sprintf("%+v", *cfg), fmt.Sprintf("%#v", *cfg),
		fmt.Sprint(cfg.Sources), logs.String(), string(js),
	}, "\n")
	for _, secret := range []string{"s3cr3t", "x=1"} {
		if strings.Contains(printed, secret) {
			t.Errorf("printed config shows %q:\n%s", secret, printed)
		}
	}
	if !strings.Contains(logs.String(), `"token_env":"TOKEN_VAR"`) {
		t.Errorf("log lacks the token variable name:\n%s", logs.String())
	}
}

func TestResolveURL(t *testing.T) {
	tests := []struct {
		raw, wantURL, wantPath string
	}{
		{"https://aka.ms/CI-ILT/Contacts", "https://aka.ms/CI-ILT/Contacts", ""},
		{"http://example.com/a.csv?x=1", "http://example.com/a.csv?x=1", ""},
		{"crm/accounts.csv", "file:///etc/c360/crm/accounts.csv", "/etc/c360/crm/accounts.csv"},
		{"../data/a b.csv", "file:///etc/data/a%20b.csv", "/etc/data/a b.csv"},
		{"/srv/a.csv", "file:///srv/a.csv", "/srv/a.csv"},
		{"file:///srv/a.csv", "file:///srv/a.csv", "/srv/a.csv"},
		{"file://localhost/srv/a.csv", "file:///srv/a.csv", "/srv/a.csv"},
		{"file:crm/a%20b.csv", "file:///etc/c360/crm/a%20b.csv", "/etc/c360/crm/a b.csv"},
		{"file://./a.csv", "file:///etc/c360/a.csv", "/etc/c360/a.csv"},
		{"file:crm/a.csv", "file:///etc/c360/crm/a.csv", "/etc/c360/crm/a.csv"},
	}
	for _, tt := range tests {
		gotURL, gotPath, err := resolveURL(tt.raw, "/etc/c360")
		if err != nil || gotURL != tt.wantURL || gotPath != tt.wantPath {
			t.Errorf("resolveURL(%q) = %q, %q, %v; want %q, %q", tt.raw, gotURL, gotPath, err, tt.wantURL, tt.wantPath)
		}
	}
	for _, raw := range []string{"ftp://host/a.csv", "https:///nohost", "file://", "file://crm/a.csv", "file://server/share/a.csv"} {
		if u, p, err := resolveURL(raw, "/etc/c360"); err == nil {
			t.Errorf("resolveURL(%q) = %q, %q; want an error", raw, u, p)
		}
	}
}

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"1", 1}, {"1048576", 1 << 20}, {"512MiB", 512 << 20}, {"2GiB", 2 << 30},
		{"2 GiB", 2 << 30}, {"1KiB", 1024}, {"3TiB", 3 << 40}, {"100B", 100},
	}
	for _, tt := range tests {
		if got, err := parseByteSize(tt.in); err != nil || got != tt.want {
			t.Errorf("parseByteSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "GiB", "0", "-1KiB", "1.5GiB", "2GB", "2 gib", "+5", "9000000TiB"} {
		if got, err := parseByteSize(bad); err == nil {
			t.Errorf("parseByteSize(%q) = %d, want an error", bad, got)
		}
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestSurvivorshipCheckedAtLoad: a survivorship rule the merge stage could
// not apply fails Load, at its line, before anything is fetched.
func TestSurvivorshipCheckedAtLoad(t *testing.T) {
	tests := []struct{ rules, want string }{
		{"email: [most_recent, bogus]", `c360.yaml:10:26: survive: invalid policy: email: rule 2: unknown rule "bogus"`},
		{"nose: [most_recent]", `c360.yaml:10:11: survive: unknown attribute "nose"`},
		{"email: [most_recent, most_recent]", `c360.yaml:10:26: survive: invalid policy: email: rule 2: most_recent appears twice`},
		{"phone: [source_priority]", `c360.yaml:10:13: survive: invalid policy: phone: rule 1: source_priority needs sources`},
		{"email: [most_recent, ' ']", `c360.yaml:10:26: empty rule name for email`},
		{"email: []", `c360.yaml:10:12: survive: invalid policy: email: no rules`},
	}
	for _, tt := range tests {
		src := minimal + "matching:\n  survivorship:\n    " + tt.rules + "\n"
		_, err := parse([]byte(src), "c360.yaml", "/etc/c360", envOf(nil), fixedNow)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v, want %s", tt.rules, err, tt.want)
		}
	}
}
