package eval

import (
	"os"
	"path/filepath"
	"testing"
)

// Require returns the folder sub (such as "contoso-ci") of the labelled
// datasets folder, for tests that need real data. It skips tb when the
// folder is missing, unless the environment has CI=true, where a missing
// folder fails tb: CI must not pass by skipping.
func Require(tb testing.TB, sub string) string {
	tb.Helper()
	root, err := FindDatasets()
	if err == nil {
		if _, err = os.Stat(filepath.Join(root, sub)); err == nil {
			return filepath.Join(root, sub)
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("the labelled datasets are required in CI: %v (set %s)", err, EnvDatasets)
	}
	tb.Skipf("labelled datasets not found (%v); set %s to run this test", err, EnvDatasets)
	return ""
}
