package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/pipeline/lock"
)

func TestRunPublishesRecord(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	sum := mustRun(t, cfg, Options{Version: "test"})
	if sum.Status != "published" {
		t.Fatalf("status %s", sum.Status)
	}
	db := openRead(t, cfg.Database)
	if n := queryInt(t, db, `SELECT count(*) FROM run WHERE run_id = ? AND status = 'published'`, sum.RunID); n != 1 {
		t.Errorf("run rows = %d", n)
	}
	for _, s := range sum.Sources {
		if s.Read != s.Loaded+s.Rejected {
			t.Errorf("%s: read %d != loaded %d + rejected %d", s.Source, s.Read, s.Loaded, s.Rejected)
		}
	}
	// A customer's record count and sources (counted in Go) are its records'.
	agree := queryInt(t, db, `SELECT count(*) FROM customer c JOIN (
		SELECT customer_id, count(*) AS n, list(DISTINCT source ORDER BY source) AS s
		FROM customer_source GROUP BY customer_id) r USING (customer_id)
		WHERE c.record_count = r.n AND c.sources = r.s`)
	several := queryInt(t, db, `SELECT count(*) FROM customer WHERE len(sources) = 2 AND record_count >= 2`)
	if total := queryInt(t, db, `SELECT count(*) FROM customer`); agree != total || several == 0 {
		t.Errorf("%d of %d customers have the record count and sources of their records (%d of two sources)", agree, total, several)
	}
	// source_file tells what was read and its sha256.
	data, err := os.ReadFile(filepath.Join(dir, "in", sampleFiles["contacts"]))
	if err != nil {
		t.Fatal(err)
	}
	want := sha256.Sum256(data)
	var sha, url string
	var bytes, read, loaded int64
	err = db.QueryRow(`SELECT sha256, url, bytes, rows_read, rows_loaded FROM source_file WHERE source = 'contacts'`).
		Scan(&sha, &url, &bytes, &read, &loaded)
	if err != nil {
		t.Fatal(err)
	}
	if sha != hex.EncodeToString(want[:]) || bytes != int64(len(data)) {
		t.Errorf("source_file sha256 %s bytes %d; want %x %d", sha, bytes, want, len(data))
	}
	if lines := int64(strings.Count(string(data), "\n")) - 1; read != lines || loaded != lines {
		t.Errorf("contacts rows read %d loaded %d, want %d", read, loaded, lines)
	}
	st, err := os.Stat(cfg.Database)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v, want 0600", st.Mode().Perm())
	}
	manifest := filepath.Join(cfg.WorkDir, "runs", sum.RunID, "manifest.json")
	if _, err := os.Stat(manifest); err != nil {
		t.Errorf("landing folder lacks its manifest: %v", err)
	}
	// The people set aside during matching are read back and removed.
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(manifest), "people-*")); len(left) != 0 {
		t.Errorf("the run left its people set aside: %v", left)
	}
}

func TestRunTwiceGivesIdenticalTables(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	mustRun(t, cfg, Options{})
	first := digests(t, cfg.Database)
	second := mustRun(t, cfg, Options{})
	if got := digests(t, cfg.Database); !reflect.DeepEqual(first, got) {
		for table := range first {
			if first[table] != got[table] {
				t.Errorf("table %s changed between two runs on unchanged inputs", table)
			}
		}
	}
	for _, s := range second.Sources {
		if !s.Reused {
			t.Errorf("%s: the unchanged file was not reported as reused", s.Source)
		}
	}
	db := openRead(t, cfg.Database)
	if n := queryInt(t, db, `SELECT count(*) FROM run`); n != 2 {
		t.Errorf("run table holds %d runs, want both", n)
	}
	if len(first) < 8 {
		t.Errorf("only %d data tables were compared: %v", len(first), first)
	}
}

func TestRunFailsWhenLocked(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	lk, err := lock.Acquire(cfg.Database, lock.NewInfo("holder-run", time.Now()))
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Release()
	_, err = Run(context.Background(), cfg, Options{})
	if !lock.IsHeld(err) {
		t.Fatalf("err = %v, want a held lock", err)
	}
	if !strings.Contains(err.Error(), "holder-run") {
		t.Errorf("message %q does not name the holder", err)
	}
}

func TestRowDropGate(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	mustRun(t, cfg, Options{})
	before := fileDigest(t, cfg.Database)
	editInput(t, dir, "contacts", func(i int, line string) (string, bool) { return line, i < 500 })

	_, err := Run(context.Background(), cfg, Options{})
	if !errors.Is(err, ErrRowDrop) || !strings.Contains(err.Error(), "contacts") {
		t.Fatalf("err = %v, want ErrRowDrop naming contacts", err)
	}
	if fileDigest(t, cfg.Database) != before {
		t.Fatal("a failed run changed the published database")
	}
	sum, err := Run(context.Background(), cfg, Options{Force: true})
	if err != nil {
		t.Fatalf("--force: %v", err)
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], "--force") {
		t.Errorf("warnings = %q", sum.Warnings)
	}
	db := openRead(t, cfg.Database)
	if n := queryInt(t, db, `SELECT count(*) FROM run WHERE forced AND len(warnings) = 1`); n != 1 {
		t.Errorf("forced runs recorded = %d", n)
	}
}

func TestRejectsAreKeptAndGated(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	// One bad date: under the 1% share, so the run publishes and records it.
	editInput(t, dir, "loyalty", func(i int, line string) (string, bool) {
		if i == 7 {
			f := strings.Split(line, ",")
			f[5] = "1990-02-31"
			return strings.Join(f, ","), true
		}
		return line, true
	})
	sum := mustRun(t, cfg, Options{})
	db := openRead(t, cfg.Database)
	var line int64
	var column, raw, msg string
	err := db.QueryRow(`SELECT line, column_name, raw_line, error FROM load_reject WHERE source = 'loyalty'`).Scan(&line, &column, &raw, &msg)
	if err != nil {
		t.Fatal(err)
	}
	if line != 8 || column != "DateOfBirth" || !strings.Contains(raw, "1990-02-31") || msg != load.ErrDate.Error() {
		t.Errorf("reject = line %d column %s raw %q error %q", line, column, raw, msg)
	}
	db.Close()
	before := fileDigest(t, cfg.Database)

	// Every fifth contact with a bad date: far over 1%, so the run fails.
	editInput(t, dir, "contacts", func(i int, line string) (string, bool) {
		if i > 0 && i%5 == 0 {
			f := strings.Split(line, ",")
			f[4] = "13/45/1990"
			return strings.Join(f, ","), true
		}
		return line, true
	})
	failed, err := Run(context.Background(), cfg, Options{})
	if !errors.Is(err, ErrTooManyRejects) {
		t.Fatalf("err = %v, want ErrTooManyRejects", err)
	}
	if fileDigest(t, cfg.Database) != before {
		t.Fatal("a failed run changed the published database")
	}
	rejects, err := os.ReadFile(filepath.Join(cfg.WorkDir, "runs", failed.RunID, "rejects.csv"))
	if err != nil {
		t.Fatalf("a failed run must keep its rejects: %v", err)
	}
	if n := strings.Count(string(rejects), "13/45/1990"); n < 300 {
		t.Errorf("rejects.csv holds %d bad contacts", n)
	}
	_ = sum
}

func TestMissingColumnFailsClearly(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	editInput(t, dir, "pos", func(i int, line string) (string, bool) {
		if i == 0 {
			return strings.Replace(line, "TotalPrice", "Price", 1), true
		}
		return line, true
	})
	_, err := Run(context.Background(), cfg, Options{})
	var he *load.HeaderError
	if !errors.As(err, &he) || !reflect.DeepEqual(he.Missing, []string{"TotalPrice"}) {
		t.Fatalf("err = %v, want a header error naming TotalPrice", err)
	}
	if _, err := os.Stat(cfg.Database); !os.IsNotExist(err) {
		t.Errorf("a failed first run published a database")
	}
}

// TestFetchOnlyLandsAndPublishesNothing: the fetch command's job runs the
// first stage alone, lands every source and leaves no database.
func TestFetchOnlyLandsAndPublishesNothing(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	sum, err := FetchOnly(context.Background(), cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Status != "fetched" || len(sum.Stages) != 1 || sum.Stages[0].Stage != "fetch" {
		t.Errorf("status %q, stages %+v: want fetched after the fetch stage alone", sum.Status, sum.Stages)
	}
	if len(sum.Sources) != len(sampleFiles) {
		t.Errorf("%d sources landed, want %d", len(sum.Sources), len(sampleFiles))
	}
	if _, err := os.Stat(cfg.Database); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("database %s: %v, want none published", cfg.Database, err)
	}
}
