package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/contoso/c360/pipeline/config"
)

// editField changes field col of the data line in the middle of a source's
// file (line numbers are computed, as the sample may be regenerated) and
// returns that line's 1-based number in the file.
func editField(t *testing.T, dir, source string, col int, change func(string) string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "in", sampleFiles[source]))
	if err != nil {
		t.Fatal(err)
	}
	at := strings.Count(string(data), "\n") / 2
	editInput(t, dir, source, func(i int, line string) (string, bool) {
		if i != at {
			return line, true
		}
		f := strings.Split(line, ",")
		f[col] = change(f[col])
		return strings.Join(f, ","), true
	})
	return at + 1
}

// headerIndex is the position of a column in a source's header.
func headerIndex(t *testing.T, dir, source, column string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "in", sampleFiles[source]))
	if err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(string(data), "\n")
	for i, h := range strings.Split(strings.TrimSpace(header), ",") {
		if strings.EqualFold(h, column) {
			return i
		}
	}
	t.Fatalf("%s has no column %s", source, column)
	return 0
}

// A stray quote rejects its line, the rest loads, and source_file shows
// where every byte and line went (issue 10, case 1).
func TestRunStrayQuoteRejectsOneLine(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	clean := mustRun(t, cfg, Options{})
	line := editField(t, dir, "contacts", 2, func(s string) string { return `"` + s })
	sum := mustRun(t, cfg, Options{})
	data, err := os.ReadFile(filepath.Join(dir, "in", sampleFiles["contacts"]))
	if err != nil {
		t.Fatal(err)
	}
	lines := int64(strings.Count(string(data), "\n"))
	db := openRead(t, cfg.Database)
	if n := queryInt(t, db, `SELECT count(*) FROM load_reject WHERE run_id = ? AND source = 'contacts' AND line = ? AND error LIKE '%stray "%'`, sum.RunID, line); n != 1 {
		t.Errorf("load_reject rows for line %d = %d, want 1", line, n)
	}
	want := int64(clean.Sources[0].Loaded - 1)
	if clean.Sources[0].Source != "contacts" {
		t.Fatalf("first source is %s", clean.Sources[0].Source)
	}
	if n := queryInt(t, db, `SELECT rows_loaded FROM source_file WHERE source = 'contacts' AND run_id = ?`, sum.RunID); n != want {
		t.Errorf("contacts loaded %d, want %d (all but the bad line)", n, want)
	}
	q := `SELECT count(*) FROM source_file WHERE source = 'contacts' AND run_id = ? AND lines = ? AND lines_rejected = 1 AND
		bytes_skipped + bytes_loaded + bytes_rejected = bytes AND lines_skipped + lines_loaded + lines_rejected = lines`
	if n := queryInt(t, db, q, sum.RunID, lines); n != 1 {
		t.Errorf("source_file does not account for every byte and line of contacts")
	}
	for _, s := range sum.Sources {
		if s.Source == "contacts" && (s.Accounting == nil || s.Accounting.Rejected.Lines != 1) {
			t.Errorf("summary accounting = %+v", s.Accounting)
		}
	}
}

// A byte that is not UTF-8 is rejected and kept, escaped (case 2); a
// source declared latin1 loads it.
func TestRunInvalidBytesKeptEscaped(t *testing.T) {
	dir := copySample(t)
	line := editField(t, dir, "contacts", 2, func(s string) string { return s + "\xe9" })
	cfg := writeConfig(t, dir, "")
	mustRun(t, cfg, Options{})
	db := openRead(t, cfg.Database)
	if n := queryInt(t, db, `SELECT count(*) FROM load_reject WHERE line = ? AND raw_line LIKE '%\xe9%' AND value LIKE '%\xe9'`, line); n != 1 {
		t.Errorf("load_reject lacks line %d with its byte escaped", line)
	}
	runs, _ := filepath.Glob(filepath.Join(cfg.WorkDir, "runs", "*", "rejects.csv"))
	if len(runs) != 1 {
		t.Fatalf("rejects.csv files: %v", runs)
	}
	if data, _ := os.ReadFile(runs[0]); !strings.Contains(string(data), `\xe9`) {
		t.Errorf("rejects.csv lacks the escaped byte:\n%s", data)
	}

	latin := copySample(t)
	editField(t, latin, "loyalty", 2, func(s string) string { return "Zo\xeb" })
	cfg = writeConfig(t, latin, "")
	yaml := mustReadFile(t, cfg.File)
	yaml = strings.Replace(yaml, sampleFiles["loyalty"]+"}", sampleFiles["loyalty"]+", encoding: latin1}", 1)
	cfg = rewriteConfig(t, cfg.File, yaml)
	sum := mustRun(t, cfg, Options{})
	for _, s := range sum.Sources {
		if s.Source == "loyalty" && s.Rejected != 0 {
			t.Errorf("latin1 loyalty rejected %d rows", s.Rejected)
		}
	}
	if n := queryInt(t, openRead(t, cfg.Database), `SELECT count(*) FROM source_loyalty l WHERE l::VARCHAR LIKE '%Zoë%'`); n != 1 {
		t.Errorf("loyalty rows holding Zoë = %d, want 1", n)
	}
}

// An amount beyond DECIMAL(18,2) is rejected at load, naming its line and
// column, and the run publishes (case 4).
func TestRunMoneyOutOfRangeRejected(t *testing.T) {
	dir := copySample(t)
	col := headerIndex(t, dir, "pos", "TotalPrice")
	line := editField(t, dir, "pos", col, func(string) string { return "9999999999999999.99" })
	cfg := writeConfig(t, dir, "")
	mustRun(t, cfg, Options{})
	db := openRead(t, cfg.Database)
	if n := queryInt(t, db, `SELECT count(*) FROM load_reject WHERE source = 'pos' AND line = ? AND column_name = 'TotalPrice' AND column_number = ?`, line, col+1); n != 1 {
		t.Errorf("load_reject lacks pos line %d, column TotalPrice", line)
	}
}

// Every file c360 writes is its owner's alone, whatever the umask (case 3).
func TestRunFilesPrivateUnderPermissiveUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := copySample(t)
	cfg := writeConfig(t, dir, "report: reports/report.html\n")
	if err := os.MkdirAll(filepath.Join(dir, "reports"), 0o700); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "reports", ".report.html-123.tmp") // left by a killed run
	if err := os.WriteFile(stale, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, cfg, Options{})
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale report temp file still there: %v", err)
	}
	files := 0
	for _, root := range []string{filepath.Join(dir, "out"), cfg.WorkDir, filepath.Join(dir, "reports")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			mode := info.Mode().Perm()
			if d.IsDir() && mode != 0o700 || !d.IsDir() && mode&0o077 != 0 {
				t.Errorf("%s: mode %v, want %s", path, mode, map[bool]string{true: "0700", false: "no group or other bits"}[d.IsDir()])
			}
			if !d.IsDir() {
				files++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 10 {
		t.Errorf("only %d files checked", files)
	}
}

func mustReadFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// rewriteConfig replaces the config file at path with yaml and loads it.
func rewriteConfig(t *testing.T, path, yaml string) *config.Config {
	t.Helper()
	if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
