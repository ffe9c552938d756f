package serve

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/contoso/c360/pipeline/publish"
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
// DuckDB shares one database instance per path within a process, so the old
// database is closed before the new one is opened: a request holds the read
// lock for its whole duration, and reopening takes the write lock.
type published struct {
	path string
	mu   sync.RWMutex
	cur  *snapshot // nil until opened
}

// snapshot is one published database as opened.
type snapshot struct {
	DB   *sql.DB
	info os.FileInfo

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
		p.cur.DB.Close()
		p.cur = nil
	}
	db, err := publish.OpenPublished(ctx, p.path)
	if err != nil {
		return err
	}
	if db == nil {
		return ErrNotPublished
	}
	after, err := os.Stat(p.path)
	if err != nil || !os.SameFile(info, after) {
		db.Close() // replaced while opening: the caller looks again
		return nil
	}
	p.cur = &snapshot{DB: db, info: info}
	// Build the search index now, so that it is ready, or nearly, by the
	// first search. A failure is kept and reported to that search.
	go p.cur.Index(context.WithoutCancel(ctx))
	return nil
}

// Close closes the open database.
func (p *published) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == nil {
		return nil
	}
	err := p.cur.DB.Close()
	p.cur = nil
	return err
}
