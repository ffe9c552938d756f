package land

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// WriteFile writes path atomically, restic-style: write calls fill a
// temporary file in path's directory, which is synced and renamed over path,
// and the directory is synced. On any error the temporary file is removed
// and path is untouched, so a reader sees the old file or the new one,
// never part of one.
func WriteFile(path string, perm fs.FileMode, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*.tmp")
	if err != nil {
		return fmt.Errorf("land: writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return fmt.Errorf("land: writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("land: writing %s: %w", path, err)
	}
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("land: writing %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("land: syncing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("land: closing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("land: renaming into %s: %w", path, err)
	}
	return syncDir(dir)
}

// Permissions of what c360 writes. Files hold personal data, so only their
// owner may read them, whatever the umask; landed files are also read-only.
const (
	LandedPerm fs.FileMode = 0o400 // landed input files and their manifest
	FilePerm   fs.FileMode = 0o600 // every other file: rejects, run.json, cache entries, report
	DirPerm    fs.FileMode = 0o700 // folders c360 creates
)

// RemoveStaleTemps removes the temporary files that WriteFile calls for
// path left behind when the process was killed. Call it only while no
// other WriteFile of path can run (under the run lock).
func RemoveStaleTemps(path string) error {
	stale, err := filepath.Glob(filepath.Join(filepath.Dir(path), "."+globEscape(filepath.Base(path))+"-*.tmp"))
	if err != nil {
		return fmt.Errorf("land: %w", err)
	}
	for _, f := range stale {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("land: removing a stale temporary file: %w", err)
		}
	}
	return nil
}

// globEscape escapes the pattern characters of filepath.Match in s.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Move moves the file src to dst after checking that its SHA-256 is
// wantSHA256 (lowercase hex), makes it read-only to its owner alone (0400:
// landed files hold personal data), then syncs dst's
// directory. It renames when
// it can and otherwise copies (through a synced temporary file beside dst)
// and removes src. dst must not exist. On a checksum mismatch src is left
// in place and the error wraps ErrChecksum.
func Move(src, dst, wantSHA256 string) error {
	if err := mustNotExist(dst); err != nil {
		return err
	}
	got, _, err := hashFile(src)
	if err != nil {
		return err
	}
	if got != wantSHA256 {
		return fmt.Errorf("land: %s: %w: got sha256 %s, want %s", src, ErrChecksum, got, wantSHA256)
	}
	if err := os.Chmod(src, LandedPerm); err != nil {
		return fmt.Errorf("land: %w", err)
	}
	if err := os.Rename(src, dst); err == nil {
		return syncDir(filepath.Dir(dst))
	}
	// Most likely another file system: copy, then remove the original.
	if err := copyVerified(src, dst, wantSHA256); err != nil {
		return err
	}
	if err := os.Remove(src); err != nil {
		return fmt.Errorf("land: removing %s after copying it: %w", src, err)
	}
	return nil
}

// ErrChecksum means a file's content is not what its SHA-256 says.
var ErrChecksum = errors.New("land: checksum mismatch")

// link makes dst a hard link to src after checking src's SHA-256, or a
// verified copy when a link cannot be made (another file system, a file
// system without links). dst must not exist.
func link(src, dst, wantSHA256 string) error {
	if err := mustNotExist(dst); err != nil {
		return err
	}
	got, _, err := hashFile(src)
	if err != nil {
		return err
	}
	if got != wantSHA256 {
		return fmt.Errorf("land: %s: %w: got sha256 %s, want %s", src, ErrChecksum, got, wantSHA256)
	}
	if err := os.Link(src, dst); err == nil {
		// A file landed by an older c360 may still be 0444: close it.
		if err := os.Chmod(dst, LandedPerm); err != nil {
			return fmt.Errorf("land: %w", err)
		}
		return syncDir(filepath.Dir(dst))
	}
	return copyVerified(src, dst, wantSHA256)
}

// copyVerified copies src to dst atomically, checking the SHA-256 of what
// was copied before dst appears.
func copyVerified(src, dst, wantSHA256 string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("land: %w", err)
	}
	defer in.Close()
	return WriteFile(dst, LandedPerm, func(w io.Writer) error {
		h := sha256.New()
		if _, err := io.Copy(io.MultiWriter(w, h), in); err != nil {
			return err
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != wantSHA256 {
			return fmt.Errorf("%w: copy of %s has sha256 %s, want %s", ErrChecksum, src, got, wantSHA256)
		}
		return nil
	})
}

// mustNotExist fails when path exists.
func mustNotExist(path string) error {
	_, err := os.Lstat(path)
	switch {
	case err == nil:
		return fmt.Errorf("land: %s: %w", path, fs.ErrExist)
	case errors.Is(err, fs.ErrNotExist):
		return nil
	default:
		return fmt.Errorf("land: %w", err)
	}
}

// hashFile returns the SHA-256 (lowercase hex) and size of the file at path.
func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("land: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("land: reading %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// syncDir syncs a directory so that a rename or link in it is durable. File
// systems that cannot sync a directory are tolerated.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("land: syncing directory: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return fmt.Errorf("land: syncing directory %s: %w", dir, err)
	}
	return nil
}
