package land

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// newRun makes the folder of a run started at ts in workDir.
func newRun(t *testing.T, workDir, ts string) *Run {
	t.Helper()
	r, err := NewRun(workDir, NewRunID(at(ts)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLandManifestRoundTrip(t *testing.T) {
	work := t.TempDir()
	r := newRun(t, work, "2026-11-27T21:09:43Z")
	fetchedAt := time.Date(2026, 11, 27, 21, 10, 0, 0, time.UTC)
	contacts := "ContactId,FirstName\nCNTID_1,Ann\n"
	loyalty := "LoyaltyId,FirstName\nLOYID_9,Ann\n"

	// Land loyalty first: the manifest is sorted by source all the same.
	gotLoyalty, err := r.Land(Fetched{
		Source: "loyalty", URL: "https://store.example/Customer-Loyalty.TXT?sv=1&sig=SECRET",
		TempPath: tempFile(t, work, loyalty), SHA256: sum(loyalty), FetchedAt: fetchedAt,
		ETag: `"abc"`, HTTPStatus: 200,
	})
	if err != nil {
		t.Fatal(err)
	}
	gotContacts, err := r.Land(Fetched{
		Source: "contacts", URL: "https://aka.ms/CI-ILT/Contacts", FinalURL: "https://cdn.example/x/Contact.txt?token=SECRET",
		TempPath: tempFile(t, work, contacts), SHA256: sum(contacts), FetchedAt: fetchedAt,
		LastModified: "Tue, 24 Nov 2026 10:00:00 GMT", HTTPStatus: 200,
	})
	if err != nil {
		t.Fatal(err)
	}
	wantContacts := File{
		Source: "contacts", Name: "contacts-" + sum(contacts)[:12] + ".txt",
		URL: "https://aka.ms/CI-ILT/Contacts", FinalURL: "https://cdn.example/x/Contact.txt?REDACTED",
		SHA256: sum(contacts), Bytes: int64(len(contacts)), FetchedAt: fetchedAt,
		LastModified: "Tue, 24 Nov 2026 10:00:00 GMT", HTTPStatus: 200,
		Path: filepath.Join(r.Dir, "contacts-"+sum(contacts)[:12]+".txt"),
	}
	wantLoyalty := File{
		Source: "loyalty", Name: "loyalty-" + sum(loyalty)[:12] + ".txt",
		URL:    "https://store.example/Customer-Loyalty.TXT?REDACTED",
		SHA256: sum(loyalty), Bytes: int64(len(loyalty)), FetchedAt: fetchedAt, ETag: `"abc"`, HTTPStatus: 200,
		Path: filepath.Join(r.Dir, "loyalty-"+sum(loyalty)[:12]+".txt"),
	}
	if !reflect.DeepEqual(gotContacts, wantContacts) {
		t.Errorf("Land contacts:\ngot  %+v\nwant %+v", gotContacts, wantContacts)
	}
	if !reflect.DeepEqual(gotLoyalty, wantLoyalty) {
		t.Errorf("Land loyalty:\ngot  %+v\nwant %+v", gotLoyalty, wantLoyalty)
	}
	if got := readString(t, wantContacts.Path); got != contacts {
		t.Errorf("landed contacts = %q", got)
	}

	m, err := r.Commit()
	if err != nil {
		t.Fatal(err)
	}
	want := Manifest{RunID: r.ID, Files: []File{wantContacts, wantLoyalty}}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("Commit:\ngot  %+v\nwant %+v", m, want)
	}
	read, err := ReadManifest(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(read, want) {
		t.Errorf("ReadManifest:\ngot  %+v\nwant %+v", read, want)
	}
	if raw := readString(t, filepath.Join(r.Dir, ManifestName)); containsAny(raw, "SECRET", "sig=") {
		t.Errorf("manifest shows a secret:\n%s", raw)
	}
	wantNames := []string{wantContacts.Name, wantLoyalty.Name, ManifestName}
	if names := dirNames(t, r.Dir); !reflect.DeepEqual(names, wantNames) {
		t.Errorf("run folder holds %q, want %q", names, wantNames)
	}
	if names := dirNames(t, work); !reflect.DeepEqual(names, []string{"cache", "runs"}) {
		t.Errorf("work dir holds %q: temporary files left behind?", names)
	}
}

func containsAny(s string, subs ...string) bool {
	return slices.ContainsFunc(subs, func(sub string) bool { return strings.Contains(s, sub) })
}

func TestLandReusesUnchangedFiles(t *testing.T) {
	work := t.TempDir()
	content := "ContactId\nCNTID_1\n"
	first := newRun(t, work, "2026-11-26T21:00:00Z")
	landed, err := first.Land(Fetched{
		Source: "contacts", URL: "https://aka.ms/CI-ILT/Contacts", TempPath: tempFile(t, work, content),
		SHA256: sum(content), ETag: `"v1"`, HTTPStatus: 200, FetchedAt: time.Date(2026, 11, 26, 21, 0, 1, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}

	// A 304 reply: the file of the first run is linked into the second.
	second := newRun(t, work, "2026-11-27T21:00:00Z")
	got, err := second.Land(Fetched{Source: "contacts", URL: "https://aka.ms/CI-ILT/Contacts", NotModified: true, HTTPStatus: 304})
	if err != nil {
		t.Fatal(err)
	}
	if got.ReusedFrom != first.ID || got.SHA256 != sum(content) || got.Bytes != int64(len(content)) || got.ETag != `"v1"` || got.HTTPStatus != 304 {
		t.Errorf("Land after 304 = %+v, want reused from %s with the cached sha256, size and ETag", got, first.ID)
	}
	assertSameFile(t, landed.Path, got.Path)

	// A full download with the same content: reused too, and the
	// temporary file is dropped.
	third := newRun(t, work, "2026-11-28T21:00:00Z")
	temp := tempFile(t, work, content)
	got, err = third.Land(Fetched{Source: "contacts", URL: "https://aka.ms/CI-ILT/Contacts", TempPath: temp, SHA256: sum(content), ETag: `"v2"`, HTTPStatus: 200})
	if err != nil {
		t.Fatal(err)
	}
	if got.ReusedFrom != second.ID || got.ETag != `"v2"` {
		t.Errorf("Land of unchanged content = %+v, want reused from %s with ETag v2", got, second.ID)
	}
	assertSameFile(t, landed.Path, got.Path)
	if _, err := os.Stat(temp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary file kept: %v", err)
	}
	cached, err := ReadCache(work, "contacts")
	if err != nil || cached == nil || cached.RunID != third.ID || cached.ETag != `"v2"` {
		t.Errorf("cache after reuse = %+v, %v; want run %s, ETag v2", cached, err, third.ID)
	}

	// Changed content lands as a new file.
	changed := content + "CNTID_2\n"
	fourth := newRun(t, work, "2026-11-29T21:00:00Z")
	got, err = fourth.Land(Fetched{Source: "contacts", URL: "https://aka.ms/CI-ILT/Contacts", TempPath: tempFile(t, work, changed), SHA256: sum(changed), HTTPStatus: 200})
	if err != nil {
		t.Fatal(err)
	}
	if got.ReusedFrom != "" || readString(t, got.Path) != changed {
		t.Errorf("Land of changed content = %+v, want a new file", got)
	}
}

func assertSameFile(t *testing.T, a, b string) {
	t.Helper()
	fa, err := os.Stat(a)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := os.Stat(b)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(fa, fb) {
		t.Errorf("%s is not a hard link to %s", b, a)
	}
}

func TestLandFailures(t *testing.T) {
	work := t.TempDir()
	r := newRun(t, work, "2026-11-27T21:00:00Z")
	if _, err := r.Land(Fetched{Source: "pos", URL: "pos.csv", NotModified: true}); err == nil {
		t.Error("Land of a 304 with nothing cached succeeded")
	}

	temp := tempFile(t, work, "real content")
	_, err := r.Land(Fetched{Source: "pos", URL: "pos.csv", TempPath: temp, SHA256: sum("claimed content")})
	if !errors.Is(err, ErrChecksum) {
		t.Errorf("Land with a wrong sha256: err = %v, want ErrChecksum", err)
	}
	if _, err := os.Stat(temp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary file kept after a failed Land: %v", err)
	}
	if names := dirNames(t, r.Dir); len(names) != 0 {
		t.Errorf("run folder holds %q after a failed Land", names)
	}
	if _, err := r.Land(Fetched{Source: "../x", URL: "x.csv", TempPath: tempFile(t, work, "x"), SHA256: sum("x")}); err == nil {
		t.Error("Land of source ../x succeeded")
	}

	// The failed source can land again, but only once.
	ok := Fetched{Source: "pos", URL: "pos.csv", TempPath: tempFile(t, work, "ok"), SHA256: sum("ok")}
	if _, err := r.Land(ok); err != nil {
		t.Fatalf("Land after a failed attempt: %v", err)
	}
	ok.TempPath = tempFile(t, work, "ok2")
	ok.SHA256 = sum("ok2")
	if _, err := r.Land(ok); err == nil {
		t.Error("a source landed twice in one run")
	}
	if _, err := NewRun(work, r.ID); err == nil {
		t.Error("NewRun of an existing run folder succeeded")
	}
	if _, err := NewRun(work, "../escape"); err == nil {
		t.Error("NewRun with a bad id succeeded")
	}
}

func TestCacheRoundTrip(t *testing.T) {
	work := t.TempDir()
	if e, err := ReadCache(work, "online"); e != nil || err != nil {
		t.Fatalf("ReadCache with no cache = %+v, %v; want nil, nil", e, err)
	}
	id := "20261127T210943Z-3f9a"
	if err := os.MkdirAll(filepath.Join(work, "runs", id), 0o755); err != nil {
		t.Fatal(err)
	}
	name := "online-0123456789ab.csv"
	if err := os.WriteFile(filepath.Join(work, "runs", id, name), []byte("x"), 0o444); err != nil {
		t.Fatal(err)
	}
	want := CacheEntry{
		Source: "online", RunID: id, Name: name, SHA256: sum("x"), Bytes: 1,
		ETag: `W/"5e1"`, LastModified: "Tue, 24 Nov 2026 10:00:00 GMT",
		FetchedAt: time.Date(2026, 11, 27, 21, 10, 0, 0, time.UTC),
	}
	if err := WriteCache(work, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadCache(work, "online")
	if err != nil {
		t.Fatal(err)
	}
	want.Path = filepath.Join(work, "runs", id, name)
	if got == nil || !reflect.DeepEqual(*got, want) {
		t.Errorf("ReadCache = %+v, want %+v", got, want)
	}
	if names := dirNames(t, filepath.Join(work, "cache")); !reflect.DeepEqual(names, []string{"online.json"}) {
		t.Errorf("cache dir holds %q", names)
	}

	// Once retention deletes the run folder, there is nothing to reuse.
	if err := os.RemoveAll(filepath.Join(work, "runs", id)); err != nil {
		t.Fatal(err)
	}
	if got, err := ReadCache(work, "online"); got != nil || err != nil {
		t.Errorf("ReadCache of a deleted file = %+v, %v; want nil, nil", got, err)
	}
	if err := WriteCache(work, CacheEntry{Source: "../../etc/passwd"}); err == nil {
		t.Error("WriteCache with a path as source succeeded")
	}
}

func TestPruneKeepsNewestRuns(t *testing.T) {
	work := t.TempDir()
	var ids []string
	for day := 1; day <= 10; day++ {
		r := newRun(t, work, time.Date(2026, 11, day, 21, 0, 0, 0, time.UTC).Format(time.RFC3339))
		if _, err := r.Commit(); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	removed, err := Prune(work, 7, "")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(removed, ids[:3]) {
		t.Errorf("Prune removed %q, want the 3 oldest %q", removed, ids[:3])
	}
	if names := dirNames(t, filepath.Join(work, "runs")); !reflect.DeepEqual(names, ids[3:]) {
		t.Errorf("runs left: %q, want %q", names, ids[3:])
	}
	if removed, err := Prune(work, 7, ""); err != nil || len(removed) != 0 {
		t.Errorf("second Prune removed %q, %v; want nothing", removed, err)
	}
}

func TestPruneManifestsAndCurrentRun(t *testing.T) {
	work := t.TempDir()
	mk := func(day int, commit bool) string {
		r := newRun(t, work, time.Date(2026, 11, day, 21, 0, 0, 0, time.UTC).Format(time.RFC3339))
		if commit {
			if _, err := r.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		return r.ID
	}
	oldFailed := mk(1, false) // no manifest, older than every kept run: deleted
	oldest := mk(2, true)     // beyond the 2 kept: deleted
	kept1 := mk(3, true)      // kept
	midFailed := mk(4, false) // no manifest, newer than a kept run: left
	kept2 := mk(5, true)      // kept
	current := mk(6, false)   // in progress: never deleted
	oldCurrent := oldFailed   // as the current run, even an old folder is kept
	for _, extra := range []string{"notes", "20261101T000000Z-zzzz"} {
		if err := os.Mkdir(filepath.Join(work, "runs", extra), 0o755); err != nil {
			t.Fatal(err)
		}
	}

	removed, err := Prune(work, 2, oldCurrent)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{oldest}; !reflect.DeepEqual(removed, want) {
		t.Errorf("Prune with current=%s removed %q, want %q", oldCurrent, removed, want)
	}
	removed, err = Prune(work, 2, current)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{oldFailed}; !reflect.DeepEqual(removed, want) {
		t.Errorf("Prune removed %q, want %q", removed, want)
	}
	want := []string{"20261101T000000Z-zzzz", kept1, midFailed, kept2, current, "notes"}
	slices.Sort(want)
	if names := dirNames(t, filepath.Join(work, "runs")); !reflect.DeepEqual(names, want) {
		t.Errorf("runs left: %q, want %q", names, want)
	}
	if _, err := Prune(work, 0, ""); err == nil {
		t.Error("Prune keeping 0 runs succeeded")
	}
}

func TestLandConcurrently(t *testing.T) {
	work := t.TempDir()
	r := newRun(t, work, "2026-11-27T21:00:00Z")
	sources := []string{"online", "pos", "contacts", "loyalty"}
	errs := make(chan error, len(sources))
	for _, src := range sources {
		content := "rows of " + src + "\n"
		temp := tempFile(t, work, content)
		go func() {
			_, err := r.Land(Fetched{Source: src, URL: src + ".csv", TempPath: temp, SHA256: sum(content)})
			errs <- err
		}()
	}
	for range sources {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	m, err := r.Commit()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range m.Files {
		got = append(got, f.Source)
		if content := readString(t, f.Path); content != "rows of "+f.Source+"\n" {
			t.Errorf("%s holds %q", f.Name, content)
		}
	}
	if want := []string{"contacts", "loyalty", "online", "pos"}; !reflect.DeepEqual(got, want) {
		t.Errorf("manifest sources = %q, want %q", got, want)
	}
}
