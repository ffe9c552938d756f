package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/gen"
	"github.com/contoso/c360/pipeline/pipelinetest"
)

// sampleFiles maps each source to its file in the bundled sample.
var sampleFiles = map[string]string{
	"contacts":    gen.ContactsFile,
	"loyalty":     gen.LoyaltyFile,
	"pos":         gen.POSFile,
	"online":      gen.OnlineFile,
	"accounts":    gen.CRMDir + "/" + gen.AccountsFile,
	"deals":       gen.CRMDir + "/" + gen.DealsFile,
	"tech_checks": gen.CRMDir + "/" + gen.TechChecksFile,
	"leads":       gen.CRMDir + "/" + gen.LeadsFile,
	"activities":  gen.CRMDir + "/" + gen.ActivitiesFile,
}

// copySample copies the bundled sample into a new directory and returns it,
// so a test may change the inputs.
func copySample(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range sampleFiles {
		data, err := os.ReadFile(filepath.Join(pipelinetest.Sample(t), name))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, "in", name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writeConfig writes a config for the inputs in dir/in (see copySample),
// with the database and work folder in dir, and loads it.
func writeConfig(t testing.TB, dir string, extra string) *config.Config {
	t.Helper()
	return pipelinetest.WriteConfig(t, dir, pipelinetest.Setup{Inputs: "in", CRM: true, AsOf: pipelinetest.AsOf, Extra: extra})
}

// editInput rewrites one input file of dir through edit, line by line
// (the header is line 0).
func editInput(t *testing.T, dir, source string, edit func(i int, line string) (string, bool)) {
	t.Helper()
	path := filepath.Join(dir, "in", sampleFiles[source])
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		if l, keep := edit(i, line); keep {
			out = append(out, l)
		}
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyBack restores one input file of dir from the bundled sample.
func copyBack(t *testing.T, dir, source string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(pipelinetest.Sample(t), sampleFiles[source]))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "in", sampleFiles[source]), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// appendLine adds a line at the end of one input file of dir.
func appendLine(t *testing.T, dir, source, line string) {
	t.Helper()
	editInput(t, dir, source, func(_ int, l string) (string, bool) { return l, true }) // ends it with a newline
	f, err := os.OpenFile(filepath.Join(dir, "in", sampleFiles[source]), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(line + "\n"); err != nil {
		t.Fatal(err)
	}
}

func mustRun(t testing.TB, cfg *config.Config, opts Options) *Summary {
	t.Helper()
	sum, err := Run(context.Background(), cfg, opts)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum
}

// openRead opens a published database read-only for the test's queries.
func openRead(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryInt(t *testing.T, db *sql.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// digests returns an md5 of each table's contents, in a stable row order,
// for the tables that describe data rather than the run.
func digests(t *testing.T, path string) map[string]string {
	t.Helper()
	db := openRead(t, path)
	defer db.Close() // at once: DuckDB caches open databases by path
	rows, err := db.Query(`SELECT table_name FROM information_schema.tables
		WHERE table_name NOT IN ('run', 'run_stage', 'source_file', 'load_reject') ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	out := make(map[string]string)
	for _, table := range tables {
		var d sql.NullString
		q := fmt.Sprintf(`SELECT md5(string_agg(r::VARCHAR, chr(10) ORDER BY r::VARCHAR)) FROM %q r`, table)
		if err := db.QueryRow(q).Scan(&d); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out[table] = d.String
	}
	return out
}

func fileDigest(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", data) // compared whole: the file is small
}
