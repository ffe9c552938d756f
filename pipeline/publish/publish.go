// Package publish writes a new DuckDB database beside the published one and
// puts it in place only when every stage succeeded.
//
// A build lives in a private directory (mode 0700) next to the target, so
// the database and its write-ahead log are never readable by others while
// they are written. Commit checkpoints and closes the database, makes the
// file readable by its owner only, syncs it, and renames it over the target:
// readers see either the old database or the new one, never a mixture. A
// failure or a kill at any point before the rename leaves the previous
// database untouched; the leftover build directory is removed by the next
// run (see RemoveStale).
package publish

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// buildPrefix starts the name of every build directory.
const buildPrefix = ".c360-build-"

// Build is a database being written for one run.
type Build struct {
	Target string  // the published database path
	Path   string  // the database being built
	DB     *sql.DB // open on Path until Commit or Abort
	dir    string
}

// Begin creates an empty database for run runID beside target.
func Begin(ctx context.Context, target, runID string) (*Build, error) {
	dir := filepath.Join(filepath.Dir(target), buildPrefix+runID)
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil { // the folders c360 makes hold personal data
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return nil, fmt.Errorf("publish: create build directory: %w", err)
	}
	b := &Build{Target: target, Path: filepath.Join(dir, filepath.Base(target)), dir: dir}
	db, err := sql.Open("duckdb", b.Path)
	if err == nil {
		err = db.PingContext(ctx)
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("publish: open %s: %w", b.Path, err)
	}
	b.DB = db
	return b, nil
}

// Commit puts the built database in place of the target. After Commit the
// Build is closed.
func (b *Build) Commit(ctx context.Context) error {
	if b.DB == nil {
		return errors.New("publish: commit of a closed build")
	}
	if _, err := b.DB.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("publish: checkpoint: %w", err)
	}
	err := b.DB.Close()
	b.DB = nil
	if err != nil {
		return fmt.Errorf("publish: close: %w", err)
	}
	if _, err := os.Stat(b.Path + ".wal"); err == nil {
		return fmt.Errorf("publish: %s.wal is still present after a checkpoint", b.Path)
	}
	if err := os.Chmod(b.Path, 0o600); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	if err := syncPath(b.Path); err != nil {
		return fmt.Errorf("publish: sync: %w", err)
	}
	if err := detachStaleWAL(b.Target); err != nil {
		return err
	}
	if err := os.Rename(b.Path, b.Target); err != nil {
		return fmt.Errorf("publish: rename into place: %w", err)
	}
	if err := syncPath(filepath.Dir(b.Target)); err != nil {
		return fmt.Errorf("publish: sync directory: %w", err)
	}
	return os.RemoveAll(b.dir)
}

// Abort discards the build. It is safe to call after Commit (it does nothing).
func (b *Build) Abort() error {
	if b.DB != nil {
		b.DB.Close()
		b.DB = nil
	}
	if b.dir == "" {
		return nil
	}
	err := os.RemoveAll(b.dir)
	b.dir = ""
	return err
}

// detachStaleWAL moves aside a write-ahead log left next to the target by a
// crashed writer, so DuckDB never replays it onto the new file.
func detachStaleWAL(target string) error {
	wal := target + ".wal"
	if _, err := os.Stat(wal); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err := os.Rename(wal, wal+".stale"); err != nil {
		return fmt.Errorf("publish: move aside stale %s: %w", wal, err)
	}
	return nil
}

// RemoveStale deletes build directories that runs killed before they
// finished left next to target. Call it only while holding the run lock.
func RemoveStale(target string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Dir(target))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	var removed []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), buildPrefix) {
			p := filepath.Join(filepath.Dir(target), e.Name())
			if err := os.RemoveAll(p); err != nil {
				return removed, fmt.Errorf("publish: remove stale build: %w", err)
			}
			removed = append(removed, p)
		}
	}
	return removed, nil
}

// OpenPublished opens the published database read-only. It returns
// (nil, nil) when nothing has been published yet.
func OpenPublished(ctx context.Context, target string) (*sql.DB, error) {
	if _, err := os.Stat(target); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	db, err := sql.Open("duckdb", target+"?access_mode=READ_ONLY")
	if err == nil {
		err = db.PingContext(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("publish: open the published database %s: %w", target, err)
	}
	return db, nil
}

func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
