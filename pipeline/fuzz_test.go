package pipeline

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRunContacts runs the whole pipeline on the sample with fuzzed bytes
// inserted into contacts.csv. A run that fails must leave the published
// database byte for byte as it was; a run that publishes must account for
// every byte and line of the file in source_file.
func FuzzRunContacts(f *testing.F) {
	f.Add([]byte(`"`), uint32(5000))
	f.Add([]byte("CNTID_9\x00,a,b,c,1/1/2000,Male,x@y.z,1,1,s,c,s,US,1/1/2020,low,No,1,x,high\n"), uint32(9000))
	f.Add([]byte("\xe9\r\n\n"), uint32(123))
	dir := copySample(f)
	cfg := writeConfig(f, dir, "")
	mustRun(f, cfg, Options{})
	path := filepath.Join(dir, "in", sampleFiles["contacts"])
	sample, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, ins []byte, at uint32) {
		cut := int(at % uint32(len(sample)))
		data := append(append(append([]byte(nil), sample[:cut]...), ins...), sample[cut:]...)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		before := fileDigest(t, cfg.Database)
		sum, err := Run(context.Background(), cfg, Options{})
		if err != nil {
			if after := fileDigest(t, cfg.Database); after != before {
				t.Fatalf("the run failed (%v) and changed the published database", err)
			}
			return
		}
		db, err := sql.Open("duckdb", cfg.Database+"?access_mode=READ_ONLY")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var ok bool
		err = db.QueryRow(`SELECT bytes = ? AND bytes_skipped + bytes_loaded + bytes_rejected = bytes
			AND lines_skipped + lines_loaded + lines_rejected = lines AND rows_read = rows_loaded + rows_rejected
			FROM source_file WHERE run_id = ? AND source = 'contacts'`, len(data), sum.RunID).Scan(&ok)
		if err != nil || !ok {
			t.Fatalf("source_file does not account for contacts.csv (%v)", err)
		}
	})
}
