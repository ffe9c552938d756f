package publish

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func build(t *testing.T, target, runID, value string) *Build {
	t.Helper()
	ctx := context.Background()
	b, err := Begin(ctx, target, runID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.DB.ExecContext(ctx, "CREATE TABLE t AS SELECT ? AS v", value); err != nil {
		t.Fatal(err)
	}
	return b
}

func readValue(t *testing.T, target string) string {
	t.Helper()
	db, err := OpenPublished(context.Background(), target)
	if err != nil || db == nil {
		t.Fatalf("open published: %v (db %v)", err, db)
	}
	defer db.Close()
	var v string
	if err := db.QueryRow("SELECT v FROM t").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCommitReplacesTarget(t *testing.T) {
	target := filepath.Join(t.TempDir(), "out", "c360.duckdb")
	if db, err := OpenPublished(context.Background(), target); db != nil || err != nil {
		t.Fatalf("nothing published yet: got %v, %v", db, err)
	}
	if err := build(t, target, "r1", "first").Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := readValue(t, target); got != "first" {
		t.Errorf("v = %q", got)
	}
	st, err := os.Stat(target)
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode = %v, want 0600 (the database holds personal data)", perm)
	}
	b := build(t, target, "r2", "second")
	if got := readValue(t, target); got != "first" {
		t.Errorf("during a build the published value = %q, want first", got)
	}
	if err := b.Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := readValue(t, target); got != "second" {
		t.Errorf("after commit v = %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(target))
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the database", len(entries))
	}
}

func TestAbortKeepsTarget(t *testing.T) {
	target := filepath.Join(t.TempDir(), "c360.duckdb")
	if err := build(t, target, "r1", "first").Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	b := build(t, target, "r2", "second")
	if err := b.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := readValue(t, target); got != "first" {
		t.Errorf("after abort v = %q, want first", got)
	}
	if _, err := os.Stat(b.dir); !os.IsNotExist(err) && b.dir != "" {
		t.Errorf("build directory left behind")
	}
}

func TestBuildDirectoryIsPrivate(t *testing.T) {
	target := filepath.Join(t.TempDir(), "c360.duckdb")
	b := build(t, target, "r1", "x")
	defer b.Abort()
	st, err := os.Stat(filepath.Dir(b.Path))
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o700 {
		t.Errorf("build directory mode = %v, want 0700", perm)
	}
}

func TestRemoveStale(t *testing.T) {
	target := filepath.Join(t.TempDir(), "c360.duckdb")
	b := build(t, target, "killed", "x")
	b.DB.Close() // as if the process died: nothing cleaned up
	b.DB = nil
	removed, err := RemoveStale(target)
	if err != nil || len(removed) != 1 {
		t.Fatalf("removed %v, %v", removed, err)
	}
	if _, err := os.Stat(b.Path); !os.IsNotExist(err) {
		t.Errorf("stale build still present: %v", err)
	}
}

func TestStaleWALIsDetached(t *testing.T) {
	target := filepath.Join(t.TempDir(), "c360.duckdb")
	if err := build(t, target, "r1", "first").Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target+".wal", []byte("garbage from a crashed writer"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := build(t, target, "r2", "second").Commit(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := readValue(t, target); got != "second" {
		t.Errorf("v = %q", got)
	}
	if _, err := os.Stat(target + ".wal.stale"); err != nil {
		t.Errorf("stale WAL not kept aside: %v", err)
	}
}
