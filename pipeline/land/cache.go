package land

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// CacheEntry is what the last successful fetch of a source left behind,
// kept in work_dir/cache/<source>.json. The fetch step sends its ETag and
// Last-Modified as If-None-Match and If-Modified-Since; on a 304 reply, or
// when the new file has the same SHA-256, Run.Land reuses the landed file.
type CacheEntry struct {
	Source       string    `json:"source"`
	RunID        string    `json:"run_id"` // the run folder that holds the file
	Name         string    `json:"name"`   // the file's name in that folder
	SHA256       string    `json:"sha256"`
	Bytes        int64     `json:"bytes"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	FetchedAt    time.Time `json:"fetched_at"`

	// Path is the landed file, work_dir/runs/<RunID>/<Name>; set by
	// ReadCache, not stored.
	Path string `json:"-"`
}

// cachePath is the cache file of source.
func cachePath(workDir, source string) string {
	return filepath.Join(workDir, "cache", source+".json")
}

// ReadCache returns the cache entry of source in workDir, or nil when there
// is none or its file is gone (retention deleted the run folder holding it).
func ReadCache(workDir, source string) (*CacheEntry, error) {
	if err := checkSourceName(source); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(cachePath(workDir, source))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("land: reading cache of %s: %w", source, err)
	}
	var e CacheEntry
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("land: reading cache of %s: %w", source, err)
	}
	if _, err := ParseRunID(e.RunID); err != nil || e.Source != source || filepath.Base(e.Name) != e.Name {
		return nil, fmt.Errorf("land: cache of %s names run %q, source %q, file %q: not valid", source, e.RunID, e.Source, e.Name)
	}
	e.Path = filepath.Join(workDir, "runs", e.RunID, e.Name)
	if fi, err := os.Stat(e.Path); err != nil || !fi.Mode().IsRegular() {
		return nil, nil
	}
	return &e, nil
}

// WriteCache atomically replaces the cache entry of e.Source in workDir,
// removing temporary files a killed run left for it. Call it under the run
// lock.
func WriteCache(workDir string, e CacheEntry) error {
	if err := checkSourceName(e.Source); err != nil {
		return err
	}
	path := cachePath(workDir, e.Source)
	if err := os.MkdirAll(filepath.Dir(path), DirPerm); err != nil {
		return fmt.Errorf("land: %w", err)
	}
	if err := RemoveStaleTemps(path); err != nil { // runs hold the lock, so any temp file is a killed run's
		return err
	}
	return WriteFile(path, FilePerm, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(e)
	})
}

// checkSourceName refuses source names that cannot be part of a file name.
func checkSourceName(source string) error {
	for _, r := range source {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' || r == '-') {
			return fmt.Errorf("land: bad source name %q (want letters, digits, _ and -)", source)
		}
	}
	if source == "" {
		return errors.New("land: empty source name")
	}
	return nil
}
