package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLang checks --lang: the run's HTML report and c360 report speak
// Spanish with --lang es, English by default, and an unknown language is
// a usage error.
func TestLang(t *testing.T) {
	crm, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sample", "crm"))
	if err != nil {
		t.Fatal(err)
	}
	extra := "as_of: 2026-11-27\ncrm:\n"
	for _, name := range []string{"accounts", "deals", "tech_checks", "leads", "activities"} {
		extra += "  " + name + ": {url: " + filepath.Join(crm, name+".csv") + "}\n"
	}
	cfg, db := sampleConfig(t, extra)
	if code, _, stderr := runCLI(t, "run", "--config", cfg, "--quiet", "--lang", "es"); code != exitOK {
		t.Fatalf("run --lang es: exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(filepath.Dir(db), "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<html lang="es">`) || !strings.Contains(string(page), "Comprobación técnica") {
		t.Error("run --lang es did not write a Spanish report")
	}

	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report", "pipeline", "--db", db, "--lang", "es"}, exitOK, "Comprobación técnica"},
		{[]string{"--lang", "es", "report", "lead-tasks", "--db", db}, exitOK, "Llamada de presentación"},
		{[]string{"report", "pipeline", "--db", db}, exitOK, "Tech Check"},
		{[]string{"report", "pipeline", "--db", db, "--lang", "fr"}, exitUsage, "--lang"},
	}
	for _, tc := range tests {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stdout+stderr, tc.want) {
			t.Errorf("c360 %s: exit %d, want %d with %q in\n%s%s", strings.Join(tc.args, " "), code, tc.code, tc.want, stdout, stderr)
		}
	}
}
