package serve_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/contoso/c360/pipeline"
	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/gen"
	"github.com/contoso/c360/pipeline/pipelinetest"
)

// publishSample writes a config for the bundled sample (CRM included) in a
// new directory, runs the pipeline once and returns the config.
func publishSample(t testing.TB) *config.Config {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.CopyFS(in, os.DirFS(pipelinetest.Sample(t))); err != nil {
		t.Fatal(err)
	}
	leadWithContactEmail(t, in)
	cfg := pipelinetest.WriteConfig(t, dir, pipelinetest.Setup{Inputs: in, CRM: true, AsOf: pipelinetest.AsOf})
	runPipeline(t, cfg)
	return cfg
}

// leadWithContactEmail gives the first CRM lead in dir the e-mail of the
// first contact, so that the contact's customer has a CRM link (the sample's
// leads are corporate and share no e-mail with a customer).
func leadWithContactEmail(t testing.TB, dir string) {
	t.Helper()
	contacts := readCSV(t, filepath.Join(dir, gen.ContactsFile))
	email := slices.Index(contacts[0], "EMail")
	leadsPath := filepath.Join(dir, gen.CRMDir, gen.LeadsFile)
	leads := readCSV(t, leadsPath)
	leads[1][slices.Index(leads[0], "emailaddress1")] = strings.ToUpper(contacts[1][email])
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(leads); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(leadsPath, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func runPipeline(t testing.TB, cfg *config.Config) *pipeline.Summary {
	t.Helper()
	sum, err := pipeline.Run(context.Background(), cfg, pipeline.Options{})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum
}

// openReadOnly opens the published database for the test's own queries.
// Close it before the server under test opens the same file: DuckDB shares
// one instance per path.
func openReadOnly(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// person is a customer of the sample as the tests look for it.
type person struct {
	ID, First, Last, Email, Phone string
	Records                       []string // "source:id"
}

// twoRecordPeople returns customers built from two records with a name, an
// e-mail and a valid phone, by customer id.
func twoRecordPeople(t testing.TB, db *sql.DB) []person {
	t.Helper()
	rows, err := db.Query(`SELECT c.customer_id, c.first_name, c.last_name, c.email, c.phone,
			list(s.source || ':' || s.source_id ORDER BY s.source, s.source_id)
		FROM customer c JOIN customer_source s USING (customer_id)
		WHERE c.record_count = 2 AND c.first_name IS NOT NULL AND c.last_name IS NOT NULL
			AND c.email IS NOT NULL AND c.phone LIKE '+1%'
		GROUP BY ALL ORDER BY c.customer_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []person
	for rows.Next() {
		var p person
		var recs []any
		if err := rows.Scan(&p.ID, &p.First, &p.Last, &p.Email, &p.Phone, &recs); err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			p.Records = append(p.Records, r.(string))
		}
		out = append(out, p)
	}
	if len(out) < 10 {
		t.Fatalf("only %d two-record customers in the sample", len(out))
	}
	return out
}
