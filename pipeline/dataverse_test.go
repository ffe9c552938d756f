package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/dataverse"
	"github.com/contoso/c360/pipeline/dataverse/dataversetest"
	"github.com/contoso/c360/pipeline/land"
	"github.com/contoso/c360/pipeline/pipelinetest"
	"github.com/contoso/c360/transform/sources"
)

// fakeDataverse serves the CRM exports of the sample in dir as Dataverse
// entity sets, under the default entity set names.
func fakeDataverse(t *testing.T, dir string, faults ...dataversetest.Fault) *dataversetest.Server {
	t.Helper()
	sets := make(map[string][]dataversetest.Record)
	for _, e := range dataverse.Exports(sources.CRM(), config.DefaultEntitySets(), nil) {
		recs, err := dataversetest.FromCSV(filepath.Join(dir, "in", sampleFiles[e.Source]), e)
		if err != nil {
			t.Fatal(err)
		}
		sets[e.Query.EntitySet] = recs
	}
	srv := dataversetest.NewServer(sets, faults...)
	t.Cleanup(srv.Close)
	return srv
}

// writeDataverseConfig writes a config for the customer sources in dir/in
// and the CRM from srv's Web API, with its secrets in the environment.
func writeDataverseConfig(t *testing.T, dir string, srv *dataversetest.Server) *config.Config {
	t.Helper()
	t.Setenv("C360_TEST_DV_TENANT", "tenant")
	t.Setenv("C360_TEST_DV_CLIENT", srv.ClientID)
	t.Setenv("C360_TEST_DV_SECRET", srv.ClientSecret)
	crm := fmt.Sprintf(`crm:
  dataverse:
    url: %s
    tenant_id_env: C360_TEST_DV_TENANT
    client_id_env: C360_TEST_DV_CLIENT
    client_secret_env: C360_TEST_DV_SECRET
    token_url: %s
    page_size: 7
`, srv.URL, srv.TokenURL())
	return pipelinetest.WriteConfig(t, dir, pipelinetest.Setup{Inputs: "in", AsOf: pipelinetest.AsOf, Extra: crm})
}

// TestDataverseRunMatchesCSVExports: the CRM read through the Web API
// (paged, labels from annotations) gives the same tables as the same rows
// exported to CSV; the landed JSON is in the run folder with its sha256;
// no secret reaches the log, run.json or the database.
func TestDataverseRunMatchesCSVExports(t *testing.T) {
	csvDir := copySample(t)
	csvCfg := writeConfig(t, csvDir, "")
	mustRun(t, csvCfg, Options{})
	want := digests(t, csvCfg.Database)

	dir := copySample(t)
	srv := fakeDataverse(t, dir)
	cfg := writeDataverseConfig(t, dir, srv)
	var logs bytes.Buffer
	sum := mustRun(t, cfg, Options{Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	got := digests(t, cfg.Database)
	for _, table := range []string{"crm_account", "deal", "tech_check", "lead", "crm_activity", "pipeline_by_stage",
		"deal_outcome", "tech_check_compliance", "lead_sequence_task", "sequence_violation", "lead_task_summary"} {
		if want[table] == "" || got[table] != want[table] {
			t.Errorf("table %s differs from the CSV run's", table)
		}
	}
	if n := len(srv.Requests()); n < 10 {
		t.Errorf("%d Web API requests: the 7-record pages were not followed", n)
	}

	manifest, err := land.ReadManifest(filepath.Join(cfg.WorkDir, "runs", sum.RunID))
	if err != nil {
		t.Fatal(err)
	}
	landed := 0
	for _, f := range manifest.Files {
		if !strings.HasSuffix(f.Name, ".jsonl") {
			continue
		}
		landed++
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != f.SHA256 || !strings.HasPrefix(f.URL, srv.URL+"/api/data/v9.2/") {
			t.Errorf("%s: sha256 %s url %s; the file hashes to %x", f.Name, f.SHA256, f.URL, sum)
		}
		if !bytes.Contains(data, []byte("@"+dataverse.FormattedValue)) {
			t.Errorf("%s holds no FormattedValue annotation", f.Name)
		}
	}
	if landed != 5 {
		t.Errorf("%d Web API reads landed, want 5", landed)
	}

	runJSON, err := os.ReadFile(filepath.Join(cfg.WorkDir, "runs", sum.RunID, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{srv.ClientSecret, "token-1.sig"} {
		if where := findInDatabase(t, cfg.Database, secret); where != "" {
			t.Errorf("the database holds the secret %q in %s", secret, where)
		}
	}
	for name, text := range map[string][]byte{"the log": logs.Bytes(), "run.json": runJSON} {
		for _, secret := range []string{srv.ClientSecret, "token-1.sig"} {
			if bytes.Contains(text, []byte(secret)) {
				t.Errorf("%s holds the secret %q", name, secret)
			}
		}
	}
	if !bytes.Contains(logs.Bytes(), []byte("dataverse page read")) {
		t.Error("the log has no page lines: the secrets check looked at nothing")
	}
}

// TestDataverseFailureMidwayKeepsTheDatabase: a page failing in the middle
// of an entity set fails the run cleanly, naming the page, and the
// published database stays as it was.
func TestDataverseFailureMidwayKeepsTheDatabase(t *testing.T) {
	dir := copySample(t)
	cfg := writeDataverseConfig(t, dir, fakeDataverse(t, dir))
	mustRun(t, cfg, Options{})
	before := fileDigest(t, cfg.Database)

	failing := fakeDataverse(t, dir, dataversetest.Fault{Request: 3, Status: 500})
	cfg = writeDataverseConfig(t, dir, failing)
	sum, err := Run(context.Background(), cfg, Options{})
	if err == nil || !errors.Is(err, dataverse.ErrStatus) || !strings.Contains(err.Error(), "page 3") {
		t.Fatalf("err = %v, want a Dataverse failure naming page 3", err)
	}
	if sum == nil || sum.Status != "failed" {
		t.Errorf("summary %+v, want failed", sum)
	}
	if fileDigest(t, cfg.Database) != before {
		t.Error("a failed run changed the published database")
	}
	matches, _ := filepath.Glob(filepath.Join(cfg.WorkDir, "runs", sum.RunID, "*.tmp"))
	if len(matches) > 0 {
		t.Errorf("a half-read entity set was left behind: %v", matches)
	}
}

// TestCappedWriter: a Dataverse read stops at fetch.max_bytes.
func TestCappedWriter(t *testing.T) {
	var b bytes.Buffer
	w := &cappedWriter{w: &b, left: 10, source: "accounts"}
	if _, err := w.Write([]byte("0123456789")); err != nil {
		t.Fatalf("10 bytes under a cap of 10: %v", err)
	}
	if _, err := w.Write([]byte("x")); err == nil || !strings.Contains(err.Error(), "fetch.max_bytes") {
		t.Errorf("the 11th byte: err = %v", err)
	}
	if b.String() != "0123456789" {
		t.Errorf("wrote %q", b.String())
	}
}

// findInDatabase returns the first table.column of the database at path
// whose text holds s, or "". Every column is searched as text, since the
// file itself may compress strings.
func findInDatabase(t *testing.T, path, s string) string {
	t.Helper()
	db := openRead(t, path)
	defer db.Close()
	rows, err := db.Query(`SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'`)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var c [2]string
		if err := rows.Scan(&c[0], &c[1]); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	rows.Close()
	if len(cols) < 50 {
		t.Fatalf("only %d columns to search", len(cols))
	}
	for _, c := range cols {
		q := fmt.Sprintf(`SELECT count(*) FROM %q WHERE contains(CAST(%q AS VARCHAR), ?)`, c[0], c[1])
		if n := queryInt(t, db, q, s); n > 0 {
			return c[0] + "." + c[1]
		}
	}
	// A control: the search does find what the database holds.
	if n := queryInt(t, db, `SELECT count(*) FROM source_file WHERE contains(CAST(url AS VARCHAR), ?)`, "/api/data/v9.2/"); n == 0 {
		t.Fatal("control: the Web API URL is not found in source_file; the search proves nothing")
	}
	return ""
}
