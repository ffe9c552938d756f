package land

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// at is a fixed clock for run ids.
func at(s string) func() time.Time {
	return func() time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
}

// sum is the SHA-256 of s in lowercase hex.
func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// tempFile writes content to a new file in dir and returns its path.
func tempFile(t *testing.T, dir, content string) string {
	t.Helper()
	f, err := os.CreateTemp(dir, "fetched-*.part")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(content); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

// dirNames lists the names in dir, sorted.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestNewRunIDOrdering(t *testing.T) {
	times := []string{
		"2026-11-27T21:09:43Z", "2026-11-27T21:09:44Z", "2026-11-27T23:59:59Z",
		"2026-11-28T00:00:00Z", "2026-12-01T08:00:00+09:00", "2027-01-01T00:00:00Z",
	}
	var ids []string
	for _, ts := range times {
		id := NewRunID(at(ts))
		got, err := ParseRunID(id)
		if err != nil {
			t.Fatalf("ParseRunID(NewRunID(%s) = %q): %v", ts, id, err)
		}
		if want := at(ts)().UTC(); !got.Equal(want) {
			t.Errorf("ParseRunID(%q) = %v, want %v", id, got, want)
		}
		ids = append(ids, id)
	}
	if !slices.IsSorted(ids) {
		t.Errorf("ids of increasing times do not sort: %q", ids)
	}
	if want := "20261127T210943Z-"; !strings.HasPrefix(ids[0], want) || len(ids[0]) != len(want)+4 {
		t.Errorf("NewRunID = %q, want %sxxxx", ids[0], want)
	}
	if want := "20261130T230000Z-"; !strings.HasPrefix(ids[4], want) {
		t.Errorf("NewRunID of a non-UTC time = %q, want prefix %s", ids[4], want)
	}
	// Ids made in the same second differ in their random part: twenty
	// equal ones would mean there is none (chance 65536^-19).
	same := map[string]bool{}
	for range 20 {
		same[NewRunID(at(times[0]))] = true
	}
	if len(same) < 2 {
		t.Errorf("20 ids in one second were all %q", ids[0])
	}
}

func TestParseRunID(t *testing.T) {
	for _, id := range []string{
		"", "20261127T210943Z", "20261127T210943Z-3f9", "20261127T210943Z-3F9A", "20261127T210943Z_3f9a",
		"20261327T210943Z-3f9a", "20261127T250943Z-3f9a", "../../etc-3f9a", "20261127T210943Z-3f9g",
	} {
		if _, err := ParseRunID(id); err == nil {
			t.Errorf("ParseRunID(%q) succeeded", id)
		}
	}
	got, err := ParseRunID("20261127T210943Z-3f9a")
	if want := time.Date(2026, 11, 27, 21, 9, 43, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("ParseRunID = %v, %v; want %v", got, err, want)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := WriteFile(path, 0o640, write("one")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, path); got != "one" {
		t.Errorf("content = %q, want %q", got, "one")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640", fi.Mode().Perm())
	}

	// A failing writer leaves the old file and no temporary file.
	boom := errors.New("disk on fire")
	err := WriteFile(path, 0o640, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("partial ", 10000))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap %v", err, boom)
	}
	if got := readString(t, path); got != "one" {
		t.Errorf("after a failed write, content = %q, want %q", got, "one")
	}
	if names := dirNames(t, dir); !reflect.DeepEqual(names, []string{"state.json"}) {
		t.Errorf("after a failed write, dir holds %q", names)
	}

	// A new file that fails to write does not appear at all.
	err = WriteFile(filepath.Join(dir, "new.json"), 0o644, func(io.Writer) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap %v", err, boom)
	}
	if names := dirNames(t, dir); !reflect.DeepEqual(names, []string{"state.json"}) {
		t.Errorf("after a failed new write, dir holds %q", names)
	}
}

func TestMove(t *testing.T) {
	dir := t.TempDir()
	src := tempFile(t, dir, "a,b\n1,2\n")
	dst := filepath.Join(dir, "landed.csv")

	err := Move(src, dst, sum("something else"))
	if !errors.Is(err, ErrChecksum) {
		t.Fatalf("Move with a wrong sha256: err = %v, want ErrChecksum", err)
	}
	if _, err := os.Stat(src); err != nil {
		t.Errorf("source gone after a checksum mismatch: %v", err)
	}
	if _, err := os.Stat(dst); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("target exists after a checksum mismatch: %v", err)
	}

	if err := Move(src, dst, sum("a,b\n1,2\n")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, dst); got != "a,b\n1,2\n" {
		t.Errorf("moved content = %q", got)
	}
	if _, err := os.Stat(src); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("source still there after Move: %v", err)
	}
	if fi, _ := os.Stat(dst); fi.Mode().Perm() != LandedPerm {
		t.Errorf("landed file mode = %v, want read-only 0400", fi.Mode().Perm())
	}

	other := tempFile(t, dir, "x")
	if err := Move(other, dst, sum("x")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Move onto an existing file: err = %v, want fs.ErrExist", err)
	}
}

func TestCopyVerified(t *testing.T) {
	dir := t.TempDir()
	src := tempFile(t, dir, "payload")
	bad := filepath.Join(dir, "bad.csv")
	if err := copyVerified(src, bad, sum("other")); !errors.Is(err, ErrChecksum) {
		t.Errorf("copy with a wrong sha256: err = %v, want ErrChecksum", err)
	}
	good := filepath.Join(dir, "good.csv")
	if err := copyVerified(src, good, sum("payload")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, good); got != "payload" {
		t.Errorf("copied content = %q", got)
	}
	want := []string{filepath.Base(src), "good.csv"}
	slices.Sort(want)
	if names := dirNames(t, dir); !reflect.DeepEqual(names, want) {
		t.Errorf("dir holds %q, want %q (no temporary or failed copy)", names, want)
	}
}

func TestRemoveStaleTemps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report[1].html")
	stale := []string{".report[1].html-123.tmp", ".report[1].html-9.tmp"}
	kept := []string{"report[1].html", ".other.html-1.tmp", "x.tmp"}
	for _, name := range append(append([]string(nil), stale...), kept...) {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := RemoveStaleTemps(path); err != nil {
		t.Fatal(err)
	}
	for _, name := range stale {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s: still there (%v)", name, err)
		}
	}
	for _, name := range kept {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
