package htmlreport_test

import (
	"context"
	"database/sql"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/contoso/c360/pipeline"
	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/i18n"
	"github.com/contoso/c360/pipeline/pipelinetest"
)

// publishSample runs the pipeline on the bundled sample, CRM exports
// included, in dir, with ctx (which may carry a language), and returns the
// run's config. The run must publish without warnings.
func publishSample(t testing.TB, cat *i18n.Catalog, dir string) *config.Config {
	t.Helper()
	cfg, sum := runSample(t, cat, dir, "")
	if len(sum.Warnings) > 0 {
		t.Fatalf("run warned: %q", sum.Warnings)
	}
	return cfg
}

// runSample runs the pipeline on the bundled sample in dir with extra
// lines of config; the run must publish.
func runSample(t testing.TB, cat *i18n.Catalog, dir, extra string) (*config.Config, *pipeline.Summary) {
	t.Helper()
	cfg := pipelinetest.WriteConfig(t, dir, pipelinetest.Setup{CRM: true, Database: "c360.duckdb", AsOf: pipelinetest.AsOf, Extra: extra})
	sum, err := pipeline.Run(context.Background(), cfg, pipeline.Options{Catalog: cat})
	if err != nil {
		t.Fatal(err)
	}
	return cfg, sum
}

// openReadOnly opens a published database read-only for the test.
func openReadOnly(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
