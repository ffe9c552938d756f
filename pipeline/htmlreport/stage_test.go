package htmlreport_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/i18n"
)

// TestRunWritesReport checks the run's report stage: report.html beside
// the database, in the language of Options.Catalog, readable by its
// owner only, with no temporary file left behind.
func TestRunWritesReport(t *testing.T) {
	dir := t.TempDir()
	cfg := publishSample(t, nil, dir)
	if want := filepath.Join(filepath.Dir(cfg.Database), "report.html"); cfg.Report != want {
		t.Fatalf("report path %s, want %s", cfg.Report, want)
	}
	checkReportFile(t, cfg.Report, "en", "Pipeline by stage (open Deals)")
	es, _ := i18n.ForLang("es")
	publishSample(t, es, dir)
	checkReportFile(t, cfg.Report, "es", "Canalización por fase (ofertas abiertas)")
	entries, err := os.ReadDir(filepath.Dir(cfg.Report))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func checkReportFile(t *testing.T, path, lang, title string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("%s has mode %v, want 0600 (it names customers)", path, info.Mode().Perm())
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<html lang="`+lang+`">`) || !strings.Contains(string(page), title) {
		t.Errorf("%s is not the %s report", path, lang)
	}
}

// TestReportFailureKeepsThePublication: a report that cannot be written is
// a warning; the run still publishes.
func TestReportFailureKeepsThePublication(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "blocker"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, sum := runSample(t, nil, dir, "report: blocker/report.html\n")
	if sum.Status != "published" {
		t.Fatalf("status %s, want published", sum.Status)
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], "HTML report was not written") {
		t.Errorf("warnings %q, want one about the report", sum.Warnings)
	}
	if _, err := os.Stat(cfg.Database); err != nil {
		t.Errorf("database not published: %v", err)
	}
	db := openReadOnly(t, cfg.Database)
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM customer`).Scan(&n); err != nil || n == 0 {
		t.Errorf("published database has %d customers (%v)", n, err)
	}
}
