// Package pipelinetest helps tests run c360: where the bundled sample and
// the labelled datasets are, and a config written and loaded in a test's
// folder. Only tests import it; it takes the part of testing.TB it uses,
// so that it does not import package testing itself.
package pipelinetest

import (
	"os"
	"path/filepath"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/eval"
	"github.com/contoso/c360/pipeline/gen"
)

// TB is the part of testing.TB the helpers use.
type TB interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
}

// AsOf is the date tests compute the bundled sample's reports as of.
const AsOf = "2026-11-27"

// Sample returns the absolute path of the bundled sample (testdata/sample
// of the repository), found by walking up from the working directory, so
// that it works from any package of the repository, the Beam module's
// included.
func Sample(tb TB) string {
	tb.Helper()
	wd, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		sample := filepath.Join(dir, "testdata", "sample")
		if _, err := os.Stat(filepath.Join(sample, "c360.yaml")); err == nil {
			return sample
		}
		if filepath.Dir(dir) == dir {
			tb.Fatalf("no testdata/sample/c360.yaml above %s", wd)
			return ""
		}
	}
}

// Setup says what WriteYAML writes.
type Setup struct {
	// Inputs is the folder of the source files, absolute or relative to
	// the config's folder; "" is the bundled sample.
	Inputs string
	// CRM reads the CRM exports too, from Inputs/crm.
	CRM bool
	// Database is the published database; "" is out/c360.duckdb.
	Database string
	// AsOf is the config's as_of; "" leaves it out (today).
	AsOf string
	// Extra is more YAML, appended as is.
	Extra string
}

// WriteYAML writes c360.yaml in dir, with the work folder dir/work, and
// returns its path.
func WriteYAML(tb TB, dir string, s Setup) string {
	tb.Helper()
	if s.Inputs == "" {
		s.Inputs = Sample(tb)
	}
	if s.Database == "" {
		s.Database = "out/c360.duckdb"
	}
	yaml := "database: " + s.Database + "\nwork_dir: work\n"
	if s.AsOf != "" {
		yaml += "as_of: " + s.AsOf + "\n"
	}
	yaml += gen.SourcesYAML(s.Inputs, s.CRM) + s.Extra
	path := filepath.Join(dir, "c360.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// WriteConfig writes c360.yaml in dir as WriteYAML does and loads it.
func WriteConfig(tb TB, dir string, s Setup) *config.Config {
	tb.Helper()
	cfg, err := config.Load(WriteYAML(tb, dir, s))
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}

// Datasets returns the folder sub (such as "contoso-ci") of the labelled
// datasets folder (eval.FindDatasets), for tests that need real data. It
// skips tb when the folder is missing, unless the environment has
// CI=true, where a missing folder fails tb: CI must not pass by skipping.
func Datasets(tb TB, sub string) string {
	tb.Helper()
	root, err := eval.FindDatasets()
	if err == nil {
		if _, err = os.Stat(filepath.Join(root, sub)); err == nil {
			return filepath.Join(root, sub)
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("the labelled datasets are required in CI: %v (set %s)", err, eval.EnvDatasets)
	}
	tb.Skipf("labelled datasets not found (%v); set %s to run this test", err, eval.EnvDatasets)
	return ""
}
