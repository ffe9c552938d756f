// Package land keeps each run's input files in a landing folder,
// work_dir/runs/<run id>/, named by their SHA-256 and described by a
// manifest.json, so a run can always be traced back to, and re-run from,
// exactly what it read.
//
// Layout of work_dir:
//
//	runs/20261127T210943Z-3f9a/contacts-1f2e3d4c5b6a.csv   landed files, read-only
//	runs/20261127T210943Z-3f9a/manifest.json              written once every source landed
//	cache/contacts.json                                   last successful fetch per source
//
// Every file is written restic-style (temporary name beside the target,
// fsync, rename, fsync of the directory), so a crash never leaves a
// half-written file under a real name. A run folder counts as complete, and
// for retention, only once it has a manifest.
package land

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/contoso/c360/pipeline/fetch"
)

// ManifestName is the name of a run folder's manifest.
const ManifestName = "manifest.json"

// Manifest describes the files of one run folder.
type Manifest struct {
	RunID string `json:"run_id"`
	Files []File `json:"files"` // sorted by source
}

// File is one landed file.
type File struct {
	Source       string    `json:"source"`
	Name         string    `json:"name"`                // <source>-<sha256 first 12 hex><ext>, in the run folder
	URL          string    `json:"url"`                 // the configured URL, query string redacted
	FinalURL     string    `json:"final_url,omitempty"` // where redirects ended, redacted
	SHA256       string    `json:"sha256"`
	Bytes        int64     `json:"bytes"`
	FetchedAt    time.Time `json:"fetched_at"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	HTTPStatus   int       `json:"http_status,omitempty"` // 0 for a local file
	// ReusedFrom is the run whose file was reused, when the server said 304
	// Not Modified or the SHA-256 had not changed; "" for a new file.
	ReusedFrom string `json:"reused_from,omitempty"`

	// Path is the landed file's absolute path; not stored.
	Path string `json:"-"`
}

// Fetched is a file fetched for a source, ready to land.
type Fetched struct {
	Source       string    // contacts, loyalty, ...
	URL          string    // the configured URL; redacted before it is recorded
	FinalURL     string    // where redirects ended, if elsewhere
	TempPath     string    // the fetched file; Land moves it in or removes it
	SHA256       string    // its SHA-256 as computed while fetching, checked again here
	FetchedAt    time.Time // when the fetch finished
	ETag         string    // the reply's validators, for the next conditional request
	LastModified string
	HTTPStatus   int // 0 for a local file
	// NotModified means the server replied 304 to a conditional request:
	// there is no TempPath, and the cached file (see ReadCache) is reused.
	NotModified bool
	// Ext, when set, is the landed file's extension (".jsonl"), for files
	// whose URL does not say what they hold, such as a Web API query.
	Ext string
}

// Run is the landing folder of one run. Its methods are safe for
// concurrent use, so sources may land as their fetches finish.
type Run struct {
	ID      string
	Dir     string // work_dir/runs/<ID>
	WorkDir string

	mu    sync.Mutex
	files []File
}

// NewRun creates the folder of run id (see NewRunID) in workDir. The folder
// must not exist yet.
func NewRun(workDir, id string) (*Run, error) {
	if _, err := ParseRunID(id); err != nil {
		return nil, err
	}
	runs := filepath.Join(workDir, "runs")
	if err := os.MkdirAll(runs, DirPerm); err != nil {
		return nil, fmt.Errorf("land: %w", err)
	}
	// Folders made by an older c360, or before a umask was tightened, are
	// closed too: they hold personal data.
	for _, d := range []string{workDir, runs} {
		if err := os.Chmod(d, DirPerm); err != nil {
			return nil, fmt.Errorf("land: %w", err)
		}
	}
	dir := filepath.Join(runs, id)
	if err := os.Mkdir(dir, DirPerm); err != nil {
		return nil, fmt.Errorf("land: creating run folder: %w", err)
	}
	if err := syncDir(runs); err != nil {
		return nil, err
	}
	return &Run{ID: id, Dir: dir, WorkDir: workDir}, nil
}

// Land puts a fetched file into the run folder and updates the source's
// cache entry. A new file is moved in after its SHA-256 is checked; a file
// the server did not modify, or whose SHA-256 equals the cached one, is
// hard-linked (or copied) from the run folder that holds it, and recorded
// with ReusedFrom. The temporary file is gone afterwards, on success or not.
func (r *Run) Land(f Fetched) (File, error) {
	if f.TempPath != "" {
		defer os.Remove(f.TempPath) // a no-op once moved
	}
	if err := checkSourceName(f.Source); err != nil {
		return File{}, err
	}
	prev, err := ReadCache(r.WorkDir, f.Source)
	if err != nil {
		return File{}, err
	}
	out, err := r.describe(f, prev)
	if err != nil {
		return File{}, err
	}
	if err := r.claim(out); err != nil {
		return File{}, err
	}
	if out.ReusedFrom != "" {
		err = link(prev.Path, out.Path, prev.SHA256)
		if err != nil && !f.NotModified {
			// The cached copy is unusable, but the new one is at hand.
			out.ReusedFrom, out.ETag, out.LastModified = "", f.ETag, f.LastModified
			err = r.moveIn(f.TempPath, &out)
		}
	} else {
		err = r.moveIn(f.TempPath, &out)
	}
	if err != nil {
		r.release(out.Source)
		return File{}, fmt.Errorf("land: %s: %w", f.Source, err)
	}
	r.update(out)
	return out, WriteCache(r.WorkDir, CacheEntry{
		Source: out.Source, RunID: r.ID, Name: out.Name, SHA256: out.SHA256, Bytes: out.Bytes,
		ETag: out.ETag, LastModified: out.LastModified, FetchedAt: out.FetchedAt,
	})
}

// describe returns the File that f will land as. prev is the source's
// cache entry, or nil; ReusedFrom is set when its file is to be reused.
func (r *Run) describe(f Fetched, prev *CacheEntry) (File, error) {
	out := File{
		Source: f.Source, URL: fetch.Redact(f.URL), FetchedAt: f.FetchedAt.UTC(),
		ETag: f.ETag, LastModified: f.LastModified, HTTPStatus: f.HTTPStatus, SHA256: f.SHA256,
	}
	if f.FinalURL != "" && f.FinalURL != f.URL {
		out.FinalURL = fetch.Redact(f.FinalURL)
	}
	switch {
	case f.NotModified && prev == nil:
		return File{}, fmt.Errorf("land: %s: the server said not modified but nothing is cached", f.Source)
	case f.NotModified || (prev != nil && prev.SHA256 == f.SHA256):
		out.SHA256, out.Bytes, out.ReusedFrom = prev.SHA256, prev.Bytes, prev.RunID
		out.ETag = firstNonEmpty(f.ETag, prev.ETag)
		out.LastModified = firstNonEmpty(f.LastModified, prev.LastModified)
	case f.TempPath == "" || len(f.SHA256) != 64:
		return File{}, fmt.Errorf("land: %s: a fetched file needs a TempPath and a 64-hex SHA-256", f.Source)
	}
	out.Name = fileName(f.Source, out.SHA256, f.URL, f.FinalURL)
	if f.Ext != "" {
		out.Name = f.Source + "-" + out.SHA256[:12] + f.Ext
	}
	out.Path = filepath.Join(r.Dir, out.Name)
	return out, nil
}

// firstNonEmpty returns the first non-empty string.
func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// moveIn moves a newly fetched file into place and records its size.
func (r *Run) moveIn(temp string, out *File) error {
	fi, err := os.Stat(temp)
	if err != nil {
		return err
	}
	out.Bytes = fi.Size()
	return Move(temp, out.Path, out.SHA256)
}

// claim records that f's source is landing in this run; a source lands once.
func (r *Run) claim(f File) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if slices.ContainsFunc(r.files, func(g File) bool { return g.Source == f.Source }) {
		return fmt.Errorf("land: %s landed twice in run %s", f.Source, r.ID)
	}
	r.files = append(r.files, f)
	return nil
}

// update replaces the recorded file of f's source by f.
func (r *Run) update(f File) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.files {
		if r.files[i].Source == f.Source {
			r.files[i] = f
		}
	}
}

// release forgets a source whose landing failed.
func (r *Run) release(source string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files = slices.DeleteFunc(r.files, func(g File) bool { return g.Source == source })
}

// Files returns the files landed so far, sorted by source.
func (r *Run) Files() []File {
	r.mu.Lock()
	defer r.mu.Unlock()
	files := slices.Clone(r.files)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Source, b.Source) })
	return files
}

// Commit writes the run folder's manifest.json, which marks the landing as
// complete. Call it once every source has landed.
func (r *Run) Commit() (Manifest, error) {
	m := Manifest{RunID: r.ID, Files: r.Files()}
	err := WriteFile(filepath.Join(r.Dir, ManifestName), LandedPerm, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
	return m, err
}

// ReadManifest reads the manifest of the run folder dir. File.Path is set.
func ReadManifest(dir string) (Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return Manifest{}, fmt.Errorf("land: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return Manifest{}, fmt.Errorf("land: reading %s: %w", filepath.Join(dir, ManifestName), err)
	}
	for i, f := range m.Files {
		if filepath.Base(f.Name) != f.Name || f.Name == "." || f.Name == ".." {
			return Manifest{}, errors.New("land: manifest names a file outside its folder: " + f.Name)
		}
		m.Files[i].Path = filepath.Join(dir, f.Name)
	}
	return m, nil
}

// fileName is <source>-<first 12 hex of sha256><ext>, where ext is the
// extension of the configured URL, else of the final URL, else ".csv".
func fileName(source, sha256, rawURL, finalURL string) string {
	ext := extension(rawURL)
	if ext == "" {
		ext = extension(finalURL)
	}
	if ext == "" {
		ext = ".csv"
	}
	return source + "-" + sha256[:12] + ext
}

// extension returns the lowercased extension of a URL's or path's last
// element, with an inner one kept before a compression suffix
// (".csv.gz"), or "" when there is none or it looks odd.
func extension(raw string) string {
	p := raw
	if u, err := url.Parse(raw); err == nil {
		p = firstNonEmpty(u.Path, u.Opaque)
	}
	base := path.Base(filepath.ToSlash(p))
	ext := strings.ToLower(path.Ext(base))
	switch ext {
	case ".gz", ".zst", ".bz2", ".xz", ".zip":
		ext = strings.ToLower(path.Ext(strings.TrimSuffix(base, path.Ext(base)))) + ext
	}
	if len(ext) < 2 || len(ext) > 12 || ext == base || strings.ContainsFunc(ext[1:], func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '.')
	}) {
		return ""
	}
	return ext
}
