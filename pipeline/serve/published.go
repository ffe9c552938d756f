package serve

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"sync"

	c360sql "github.com/contoso/c360/sql"
	"github.com/duckdb/duckdb-go/v2"
)

// ErrNotPublished means no database has been published at the path yet.
var ErrNotPublished = errors.New("serve: no database has been published yet; run c360 run first")

// published holds the published database open read-only and opens it
// again when a run has replaced it. A run publishes by renaming a finished
// file over the old one, so a file's identity (device and inode), size and
// modification time say whether it is still the one opened; an open
// database keeps reading the file it opened, so a request never sees half
// of one run and half of another.
//
// A request holds the read lock for its whole duration, and reopening takes
// the write lock, so the old database is closed only when no request reads
// it; see reopen for how the new one is opened.
type published struct {
	path string
	mu   sync.RWMutex
	cur  *snapshot // nil until opened
}

// snapshot is one published database as opened.
type snapshot struct {
	DB   *sql.DB
	info os.FileInfo
	file *os.File // the published file as opened; DuckDB reads it

	indexOnce sync.Once
	index     *Index
	indexErr  error

	queueOnce sync.Once
	queue     *reviewCandidates
	queueErr  error
}

// Index returns the search index of the snapshot, built on first use.
func (s *snapshot) Index(ctx context.Context) (*Index, error) {
	s.indexOnce.Do(func() { s.index, s.indexErr = BuildIndex(context.WithoutCancel(ctx), s.DB) })
	return s.index, s.indexErr
}

// current reports whether the file at path is still the one s opened.
func (s *snapshot) current(info os.FileInfo) bool {
	return s != nil && os.SameFile(s.info, info) && s.info.Size() == info.Size() && s.info.ModTime().Equal(info.ModTime())
}

// use runs fn with the current published database, opening it first when
// it is not open or a run has replaced it.
func (p *published) use(ctx context.Context, fn func(*snapshot) error) error {
	for range 3 {
		info, err := os.Stat(p.path)
		if errors.Is(err, os.ErrNotExist) {
			return ErrNotPublished
		}
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		p.mu.RLock()
		if p.cur.current(info) {
			defer p.mu.RUnlock()
			return fn(p.cur)
		}
		p.mu.RUnlock()
		if err := p.reopen(ctx, info); err != nil {
			return err
		}
	}
	return errors.New("serve: the published database keeps changing; try again")
}

// reopen closes the database open now, if any, and opens the file at path
// when it is still the one described by info.
func (p *published) reopen(ctx context.Context, info os.FileInfo) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur.current(info) {
		return nil // another request reopened it meanwhile
	}
	if p.cur != nil {
		p.cur.close()
		p.cur = nil
	}
	f, err := os.Open(p.path)
	if errors.Is(err, os.ErrNotExist) {
		return ErrNotPublished
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	opened, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("serve: %w", err)
	}
	path := p.path
	if fdPath := fmt.Sprintf("/proc/self/fd/%d", f.Fd()); fileIs(fdPath, opened) {
		path = fdPath
	}
	db, err := openReadOnly(ctx, path)
	if err != nil {
		f.Close()
		return fmt.Errorf("serve: open the published database %s: %w", p.path, err)
	}
	p.cur = &snapshot{DB: db, info: opened, file: f}
	// Build the search index now, so that it is ready, or nearly, by the
	// first search. A failure is kept and reported to that search.
	go p.cur.Index(context.WithoutCancel(ctx))
	return nil
}

// openReadOnly opens the DuckDB file at path read-only, in a DuckDB of its
// own: an in-memory database that attaches the file and makes it the
// default. sql.Open of a path would share one DuckDB per path within the
// process (duckdb-go's instance cache), and when something else in the
// process still held the file that used to be at the path (a run's report
// stage, say), hand that old database back. path is the file the server
// opened and checked (/proc/self/fd/N on Linux), so DuckDB reads exactly it.
func openReadOnly(ctx context.Context, path string) (*sql.DB, error) {
	attach := "ATTACH IF NOT EXISTS " + c360sql.QuoteLiteral(path) + " AS published (READ_ONLY)"
	connector, err := duckdb.NewConnector("", func(ex driver.ExecerContext) error {
		for _, stmt := range []string{attach, "USE published"} {
			if _, err := ex.ExecContext(context.Background(), stmt, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	db := sql.OpenDB(connector)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// fileIs reports whether path names the file described by info.
func fileIs(path string, info os.FileInfo) bool {
	other, err := os.Stat(path)
	return err == nil && os.SameFile(other, info)
}

// close closes the snapshot's database and file.
func (s *snapshot) close() error {
	err := s.DB.Close()
	if s.file != nil {
		s.file.Close()
	}
	return err
}

// Close closes the open database.
func (p *published) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == nil {
		return nil
	}
	err := p.cur.close()
	p.cur = nil
	return err
}
