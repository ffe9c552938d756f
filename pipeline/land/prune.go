package land

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Prune deletes old run folders in workDir, keeping the newest keep runs
// that have a manifest. A folder without a manifest (a run that failed
// before landing everything) is deleted only once it is older than the
// oldest run kept. The folder of the run in progress, current, is never
// deleted, and entries whose names are not run ids are left alone. Prune
// returns the ids it deleted, oldest first.
func Prune(workDir string, keep int, current string) ([]string, error) {
	if keep < 1 {
		return nil, fmt.Errorf("land: keeping %d runs: want at least 1", keep)
	}
	runs := filepath.Join(workDir, "runs")
	entries, err := os.ReadDir(runs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("land: listing runs: %w", err)
	}
	var ids []string // run folders, newest first
	for _, e := range entries {
		if _, err := ParseRunID(e.Name()); err == nil && e.IsDir() {
			ids = append(ids, e.Name())
		}
	}
	slices.Sort(ids)
	slices.Reverse(ids)

	kept := 0
	var doomed []string
	for _, id := range ids {
		switch {
		case id == current:
		case kept < keep && hasManifest(filepath.Join(runs, id)):
			kept++
		case kept < keep:
			// No manifest, but newer than the oldest run to keep.
		default:
			doomed = append(doomed, id)
		}
	}
	slices.Reverse(doomed)
	var removed []string
	for _, id := range doomed {
		if err := os.RemoveAll(filepath.Join(runs, id)); err != nil {
			return removed, fmt.Errorf("land: deleting run %s: %w", id, err)
		}
		removed = append(removed, id)
	}
	return removed, nil
}

// hasManifest reports whether the run folder dir has a manifest.
func hasManifest(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, ManifestName))
	return err == nil && fi.Mode().IsRegular()
}
