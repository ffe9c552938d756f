package load

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/contoso/c360/pipeline/pipelinetest"
	"github.com/contoso/c360/transform/sources"
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

func TestRealContosoFiles(t *testing.T) {
	dir := contosoDir(t)
	files := []struct {
		src  sources.Source
		name string
		rows int
	}{
		{sources.Contacts(), "Contact.txt", 5000},
		{sources.Loyalty(), "Customer-Loyalty.txt", 5002},
		{sources.POS(), "POSPurchases.txt", 20024},
		{sources.Online(), "OnlinePurchases.txt", 12369},
	}
	conn := openDB(t)
	for _, f := range files {
		res, err := File(context.Background(), conn, Input{Source: f.src, Path: filepath.Join(dir, f.name), Name: f.name}, Options{})
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if res.Read != f.rows || res.Loaded != f.rows || len(res.Rejects) != 0 {
			t.Errorf("%s: read %d loaded %d rejected %d (first: %v), want %d loaded and none rejected",
				f.name, res.Read, res.Loaded, len(res.Rejects), first(res.Rejects), f.rows)
		}
	}
	got := queryStrings(t, conn, `SELECT sum(total_price)::VARCHAR FROM source_pos`)
	if len(got) != 1 || got[0] == "" {
		t.Errorf("sum of POS prices = %v", got)
	}
}

func first(r []*RejectError) error {
	if len(r) == 0 {
		return nil
	}
	return r[0]
}
