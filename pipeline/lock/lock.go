// Package lock lets one run at a time work on a database. The lock is an
// flock(2) on the file <database>.lock, which also names the holder (run
// id, host, pid, start time) as JSON, so "already running" can say who is.
//
// The operating system drops the lock when its process dies, however it
// dies, so a lock file left behind blocks nothing: the next Acquire takes
// the lock and overwrites it. flock locks belong to an open file, not to a
// process: a second Acquire in the same process fails too.
package lock

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// Info says who holds a lock.
type Info struct {
	RunID     string    `json:"run_id"`
	Host      string    `json:"host"`
	PID       int       `json:"pid"`
	StartedAt time.Time `json:"started_at"`
}

// NewInfo describes this process running run runID since startedAt.
func NewInfo(runID string, startedAt time.Time) Info {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	return Info{RunID: runID, Host: host, PID: os.Getpid(), StartedAt: startedAt.UTC()}
}

// HeldError is returned by Acquire when another run holds the lock.
type HeldError struct {
	Database string // the database path given to Acquire
	Holder   Info   // zero when the lock file does not say (yet)
}

// Error names the holder: "database out/c360.duckdb is locked by run
// 20261127T210943Z-3f9a (pid 4242 on host x, started 21:09:43Z)".
func (e *HeldError) Error() string {
	h := e.Holder
	if h.RunID == "" && h.PID == 0 {
		return fmt.Sprintf("database %s is locked by another run (%s names no holder)", e.Database, FileFor(e.Database))
	}
	return fmt.Sprintf("database %s is locked by run %s (pid %d on host %s, started %s)",
		e.Database, h.RunID, h.PID, h.Host, h.StartedAt.UTC().Format("15:04:05Z"))
}

// IsHeld reports whether err is, or wraps, a *HeldError.
func IsHeld(err error) bool {
	var held *HeldError
	return errors.As(err, &held)
}

// FileFor returns the lock file of a database: its path plus ".lock".
func FileFor(database string) string { return database + ".lock" }

// Lock is a held lock on a database.
type Lock struct {
	file  string
	flock *flock.Flock
	info  Info
}

// Acquire takes the lock on database for the run described by info, once,
// without waiting. When another run holds it, the error is a *HeldError
// naming that run. The lock file's directory is created if missing.
func Acquire(database string, info Info) (*Lock, error) {
	file := FileFor(database)
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	fl := flock.New(file, flock.SetPermissions(0o600))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock: locking %s: %w", file, err)
	}
	if !ok {
		return nil, &HeldError{Database: database, Holder: readHolder(file)}
	}
	l := &Lock{file: file, flock: fl, info: info}
	if err := l.writeInfo(); err != nil {
		fl.Close()
		return nil, err
	}
	return l, nil
}

// readHolder reads the holder's Info from a lock file, or the zero Info
// when it cannot (the holder may not have written it yet).
func readHolder(file string) Info {
	var info Info
	data, err := os.ReadFile(file)
	if err != nil || json.Unmarshal(data, &info) != nil {
		return Info{}
	}
	return info
}

// writeInfo replaces the lock file's content by the holder's Info. The file
// is rewritten in place: renaming a new file over it would leave the lock
// on a file nobody else opens.
func (l *Lock) writeInfo() error {
	data, err := json.Marshal(l.info)
	if err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	f, err := os.OpenFile(l.file, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return fmt.Errorf("lock: writing %s: %w", l.file, err)
	}
	_, err = f.Write(append(data, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("lock: writing %s: %w", l.file, err)
	}
	return nil
}

// Info returns the holder information written to the lock file.
func (l *Lock) Info() Info { return l.info }

// File returns the lock file's path.
func (l *Lock) File() string { return l.file }

// Release empties the lock file, so that it no longer names a holder, and
// unlocks it. The file itself stays: deleting a lock file races with a
// process that has just opened it, which would then lock a file no one
// else sees. Releasing twice is harmless.
func (l *Lock) Release() error {
	if !l.flock.Locked() {
		return nil
	}
	terr := os.Truncate(l.file, 0)
	if err := l.flock.Close(); err != nil {
		return fmt.Errorf("lock: releasing %s: %w", l.file, err)
	}
	if terr != nil {
		return fmt.Errorf("lock: emptying %s: %w", l.file, terr)
	}
	return nil
}
