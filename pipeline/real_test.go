package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/pipelinetest"
)

// contosoDir returns the folder of the real Contoso CI-ILT files, or skips
// the test (fails it when CI=true) when the labelled datasets are absent.
func contosoDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(pipelinetest.Datasets(t, "contoso-ci"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRealContosoFilesEndToEnd(t *testing.T) {
	in := contosoDir(t)
	dir := t.TempDir()
	yaml := "database: out/c360.duckdb\nwork_dir: work\nas_of: 2026-11-27\nsources:\n" +
		"  contacts: {url: " + filepath.Join(in, "Contact.txt") + "}\n" +
		"  loyalty:  {url: " + filepath.Join(in, "Customer-Loyalty.txt") + "}\n" +
		"  pos:      {url: " + filepath.Join(in, "POSPurchases.txt") + "}\n" +
		"  online:   {url: " + filepath.Join(in, "OnlinePurchases.txt") + "}\n"
	path := filepath.Join(dir, "c360.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := mustRun(t, cfg, Options{})
	want := map[string]int{"contacts": 5000, "loyalty": 5002, "pos": 20024, "online": 12369}
	for _, s := range sum.Sources {
		if s.Loaded != want[s.Source] || s.Rejected != 0 || s.Read != s.Loaded {
			t.Errorf("%s: read %d loaded %d rejected %d; want %d loaded, none rejected",
				s.Source, s.Read, s.Loaded, s.Rejected, want[s.Source])
		}
	}
	if len(sum.Sources) != len(want) {
		t.Errorf("sources = %+v", sum.Sources)
	}
	// The loyalty file links 5,000 of its 5,002 rows to the 5,000 contacts.
	if sum.Counts.Customers < 5001 || sum.Counts.Customers > 5003 {
		t.Errorf("customers = %d, want 5,002 ± 1", sum.Counts.Customers)
	}
}
