package fetch

import (
	"context"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFetchFile(t *testing.T) {
	base := t.TempDir()
	if err := os.MkdirAll(filepath.Join(base, "crm"), 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(base, "crm", "deals.csv")
	content := []byte("abc") // SHA-256 test vector from FIPS 180-2
	const wantSHA = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2026, 11, 26, 18, 30, 0, 0, time.UTC)
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()

	tests := []struct{ name, url string }{
		{"relative path", "crm/deals.csv"},
		{"dot relative path", "./crm/deals.csv"},
		{"absolute path", path},
		{"file URL", fileURL},
		{"relative file URL", "file:crm/deals.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			opts := testOptions()
			opts.Progress = rec
			dest := t.TempDir()
			res, err := NewClient(opts).Fetch(context.Background(), Request{Name: "deals", URL: tt.url, BaseDir: base, DestDir: dest})
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			checkFile(t, res, content)
			if res.SHA256 != wantSHA {
				t.Errorf("SHA256 = %s, want %s", res.SHA256, wantSHA)
			}
			if !res.ModTime.Equal(mtime) {
				t.Errorf("ModTime = %v, want %v", res.ModTime, mtime)
			}
			if res.URL != fileURL || res.Status != 0 || res.Reused || res.Attempts != 1 {
				t.Errorf("Result = %+v, want URL %s, status 0, not reused, 1 attempt", res, fileURL)
			}
			if filepath.Dir(res.Path) != dest || res.Path == path {
				t.Errorf("Path = %s, want a copy in %s", res.Path, dest)
			}
			if task := rec.tasks[0]; task.added != 3 || task.total != 3 || !task.done {
				t.Errorf("progress = %+v, want 3 of 3 bytes, done", task)
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("the source file is gone: %v", err)
			}
		})
	}
}

func TestFetchFileErrors(t *testing.T) {
	base := t.TempDir()
	big := filepath.Join(base, "big.csv")
	if err := os.WriteFile(big, csvBody(4<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		url     string
		ctx     context.Context
		wantErr error // errAny: some error
	}{
		{"missing file", "nope.csv", context.Background(), fs.ErrNotExist},
		{"directory", ".", context.Background(), errAny},
		{"over the size cap", "big.csv", context.Background(), ErrTooLarge},
		{"cancelled", "big.csv", cancelled, context.Canceled},
		{"unsupported scheme", "ftp://example.com/big.csv", context.Background(), ErrUnsupportedScheme},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			opts.MaxBytes = 1 << 10
			if tt.name == "cancelled" {
				opts.MaxBytes = 0 // default: the cap is not what stops it
			}
			dest := t.TempDir()
			_, err := NewClient(opts).Fetch(tt.ctx, Request{Name: "accounts", URL: tt.url, BaseDir: base, DestDir: dest})
			var fe *Error
			if !errors.As(err, &fe) || fe.Source != "accounts" {
				t.Fatalf("Fetch error = %v, want an *Error for accounts", err)
			}
			if tt.wantErr != errAny && !errors.Is(err, tt.wantErr) {
				t.Errorf("Fetch error = %v, want %v", err, tt.wantErr)
			}
			if got := dirEntries(t, dest); len(got) != 0 {
				t.Errorf("DestDir holds %v after a failure, want nothing", got)
			}
		})
	}
}
