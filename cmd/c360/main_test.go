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
)

// sampleConfig writes a config for the bundled sample with its outputs in a
// temporary directory, and returns its path and the database path.
func sampleConfig(t *testing.T, extra string) (string, string) {
	t.Helper()
	sample, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sample"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	yaml := "database: out/c360.duckdb\nwork_dir: work\n" + gen.SourcesYAML(sample, false) + extra
	path := filepath.Join(dir, "c360.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, filepath.Join(dir, "out", "c360.duckdb")
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
	if code != exitLocked || !strings.Contains(stderr, "nightly-1") {
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
