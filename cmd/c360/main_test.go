package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contoso/c360/pipeline/gen"
	"github.com/contoso/c360/pipeline/lock"
	"github.com/contoso/c360/pipeline/pipelinetest"
)

// sampleConfig writes a config for the bundled sample with its outputs in a
// temporary directory, and returns its path and the database path.
func sampleConfig(t *testing.T, extra string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	return pipelinetest.WriteYAML(t, dir, pipelinetest.Setup{Extra: extra}), filepath.Join(dir, "out", "c360.duckdb")
}

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestExitCodes(t *testing.T) {
	good, db := sampleConfig(t, "")
	bad, _ := sampleConfig(t, "urll: x\n")
	query, _ := sampleConfig(t, "")
	os.WriteFile(query, []byte(strings.Replace(mustRead(t, query), "c360.duckdb", "c360.duckdb?access_mode=read_only", 1)), 0o644)
	missing, _ := sampleConfig(t, "")
	os.WriteFile(missing, []byte(strings.Replace(mustRead(t, missing), gen.ContactsFile, "NoSuchFile.txt", 1)), 0o644)

	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown flag", []string{"run", "--bogus"}, exitUsage, "unknown flag"},
		{"unknown key", []string{"run", "--config", bad}, exitUsage, `c360.yaml:8:1: unknown key "urll"`},
		{"bad as-of", []string{"run", "--config", good, "--as-of", "2026-13-01"}, exitUsage, "--as-of"},
		{"bad log format", []string{"run", "--config", good, "--log-format", "xml"}, exitUsage, "--log-format"},
		{"missing input", []string{"run", "--config", missing, "--quiet"}, exitFailed, "NoSuchFile.txt"},
		{"unknown engine", []string{"run", "--config", good, "--match-engine", "spark"}, exitUsage, "--match-engine must be inprocess or beam"},
		{"beam args alone", []string{"run", "--config", good, "--beam-args", "--runner=prism"}, exitUsage, "need --match-engine beam"},
		{"no beam binary", []string{"run", "--config", good, "--quiet", "--match-engine", "beam", "--beam-binary", "/no/such/c360-beam"}, exitFailed, "/no/such/c360-beam"},
		{"unknown command", []string{"bogus"}, exitUsage, `unknown command "bogus"`},
		{"extra argument", []string{"run", "extra", "--config", good}, exitUsage, `unknown command "extra"`},
		{"database path with '?'", []string{"run", "--config", query}, exitUsage, "database path may not contain '?'"},
		{"published", []string{"run", "--config", good, "--quiet"}, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.stderr)
			}
		})
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("the good run published nothing: %v", err)
	}
}

func TestExitCodeWhenLocked(t *testing.T) {
	path, db := sampleConfig(t, "")
	lk, err := lock.Acquire(db, lock.NewInfo("nightly-1", time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Release()
	code, _, stderr := runCLI(t, "run", "--config", path)
	if code != exitLocked || !strings.Contains(stderr, "nightly-1") || strings.Contains(stderr, "c360: c360:") {
		t.Errorf("exit %d, stderr %q; want %d naming the holder", code, stderr, exitLocked)
	}
}

func TestRunPrintsSummary(t *testing.T) {
	path, _ := sampleConfig(t, "")
	code, stdout, stderr := runCLI(t, "run", "--config", path, "--log-format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"contacts", "loyalty", "rows read", "rejected", "customers", "published in"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, `"msg":"run published"`) {
		t.Errorf("JSON log lacks the publish line:\n%s", stderr)
	}
}

func TestGenIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, _, stderr := runCLI(t, "gen", "--persons", "300", "--seed", "7", "--out", dir, "--quiet"); code != exitOK {
			t.Fatalf("gen: exit %d: %s", code, stderr)
		}
	}
	for _, name := range []string{gen.ContactsFile, gen.LoyaltyFile, gen.POSFile, gen.OnlineFile, gen.TruthFile} {
		if mustRead(t, filepath.Join(a, name)) != mustRead(t, filepath.Join(b, name)) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if code, _, _ := runCLI(t, "gen", "--persons", "10"); code != exitUsage {
		t.Errorf("gen without --out: exit %d, want %d", code, exitUsage)
	}
}

func TestPopulationFlags(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // a substring of stdout, when exitOK
		stderr string
	}{
		{"gen unknown population", []string{"gen", "--persons", "10", "--out", dir, "--population", "martian"}, exitUsage, "", "--population"},
		{"eval unknown population", []string{"eval", "--only", "generated", "--persons", "10", "--population", "martian"}, exitUsage, "", "--population"},
		{"eval negative persons", []string{"eval", "--only", "generated", "--persons", "-5"}, exitUsage, "", "--persons"},
		{"eval one generated row", []string{"eval", "--only", "generated", "--persons", "2000", "--population", "low-diversity", "--seed", "3"},
			exitOK, "generated-low-diversity-2k-seed3", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stdout %q, stderr %q; want %q and %q in them", stdout, stderr, tt.stdout, tt.stderr)
			}
		})
	}
	if code, _, stderr := runCLI(t, "gen", "--persons", "300", "--population", "low-diversity", "--out", dir, "--quiet"); code != exitOK {
		t.Fatalf("gen --population low-diversity: exit %d: %s", code, stderr)
	}
	if contacts := mustRead(t, filepath.Join(dir, gen.ContactsFile)); strings.Count(contacts, ",Nguyen,") < 50 {
		t.Errorf("a low-diversity contacts file of 300 persons has %d Nguyens, want over 50", strings.Count(contacts, ",Nguyen,"))
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestReportAndExplainCommands(t *testing.T) {
	path, db := sampleConfig(t, "")
	if code, _, stderr := runCLI(t, "run", "--config", path, "--quiet"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report", "measures", "--config", path}, exitOK, "Avg store purchase"},
		{[]string{"report", "measures", "--db", db, "--format", "json"}, exitOK, `"avg_store_purchase"`},
		{[]string{"report", "measures", "--db", db, "--format", "csv"}, exitOK, "customer_id,lifetime_spend"},
		{[]string{"report", "nonsense", "--db", db}, exitUsage, ""},
		{[]string{"report", "measures", "--db", db, "--format", "xml"}, exitUsage, ""},
		{[]string{"explain", "contacts:CNTID_1000", "--config", path}, exitOK, "Source records"},
		{[]string{"explain", "contacts:CNTID_1000", "--db", db, "--format", "json"}, exitOK, `"evidence"`},
		{[]string{"explain", "contacts:NO_SUCH", "--db", db}, exitUsage, ""},
		{[]string{"report", "measures", "--db", filepath.Join(t.TempDir(), "none.duckdb")}, exitFailed, ""},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(stdout, tt.want) {
			t.Errorf("%v: exit %d (want %d), stdout lacks %q?\n%s%s", tt.args, code, tt.code, tt.want, stdout, stderr)
		}
	}
}

// Text from a source reaching the terminal or the log is escaped: a header
// cannot forge a JSON log line nor send ANSI escapes (issue 10, case 6).
func TestSourceTextCannotForgeLogLines(t *testing.T) {
	sample, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	contacts := mustRead(t, filepath.Join(sample, gen.ContactsFile))
	header, rest, _ := strings.Cut(contacts, "\n")
	forged := "\"x\n{\"\"level\"\":\"\"INFO\"\",\"\"msg\"\":\"\"run published\"\"}\x1b[2J\""
	header = strings.Replace(header, "FirstName", forged, 1) // a required column goes missing
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{gen.LoyaltyFile, gen.POSFile, gen.OnlineFile} {
		os.WriteFile(filepath.Join(in, name), []byte(mustRead(t, filepath.Join(sample, name))), 0o644)
	}
	os.WriteFile(filepath.Join(in, gen.ContactsFile), []byte(header+"\n"+rest), 0o644)
	cfg := filepath.Join(dir, "c360.yaml")
	os.WriteFile(cfg, []byte("database: out/c360.duckdb\nwork_dir: work\n"+gen.SourcesYAML(in, false)), 0o644)

	code, _, stderr := runCLI(t, "run", "--config", cfg, "--log-format", "json")
	if code != exitFailed {
		t.Fatalf("exit %d, want %d: %s", code, exitFailed, stderr)
	}
	if strings.ContainsRune(stderr, 0x1b) {
		t.Errorf("stderr holds a raw ESC: %q", stderr)
	}
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if !strings.HasPrefix(line, "{") && !strings.HasPrefix(line, "c360: ") {
			t.Errorf("stderr line is neither JSON nor the final message: %q", line)
		}
		if strings.HasPrefix(line, `{"level":"INFO","msg":"run published"`) {
			t.Errorf("forged log line: %s", line)
		}
	}
}

func TestServeNeedsATokenOffLocalhost(t *testing.T) {
	cfg, _ := sampleConfig(t, "")
	t.Setenv("C360_SERVE_TOKEN", "")
	for _, tc := range []struct{ addr, stderr string }{
		{"0.0.0.0:8360", "C360_SERVE_TOKEN"},
		{":8360", "C360_SERVE_TOKEN"},
		{"8360", "want host:port"},
	} {
		code, _, stderr := runCLI(t, "serve", "--config", cfg, "--addr", tc.addr)
		if code != exitUsage || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("serve --addr %s: exit %d, stderr %q; want %d naming %s", tc.addr, code, stderr, exitUsage, tc.stderr)
		}
	}
}
