package pipeline

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/pipeline/handoff"
)

// goEngine is a second match engine written against the hand-off files
// and matching.Scorer alone, as c360-beam is, grouping blocks in a map:
// it proves the wiring without building Beam (cmd/c360-beam's own test
// runs the Beam pipeline on the same sample).
type goEngine struct{ calls int }

func (g *goEngine) Name() string { return "go-engine" }

func (g *goEngine) Score(ctx context.Context, dir string) error {
	g.calls++
	f, err := os.Open(filepath.Join(dir, handoff.PlanFile))
	if err != nil {
		return err
	}
	plan, err := handoff.ReadPlan(f, handoff.PlanFile)
	f.Close()
	if err != nil {
		return err
	}
	f, err = os.Open(filepath.Join(dir, handoff.PeopleFile))
	if err != nil {
		return err
	}
	people, err := handoff.ReadPeople(f, handoff.PeopleFile)
	f.Close()
	if err != nil {
		return err
	}
	sc, err := matching.NewScorer(people, plan)
	if err != nil {
		return err
	}
	out := map[string]*bufio.Writer{}
	for _, name := range []string{handoff.KeptFile, handoff.BelowFile, handoff.SkippedFile} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		out[name] = bufio.NewWriter(f)
		defer out[name].Flush()
	}
	for rule := range sc.Rules() {
		blocks := map[uint64][]int32{}
		for rec := range int32(sc.Len()) {
			if k := sc.Key(rule, rec); k != 0 {
				blocks[k] = append(blocks[k], rec)
			}
		}
		for k, m := range blocks {
			if len(m) < 2 {
				continue
			}
			if len(m) > sc.MaxBlockSize() || sc.Skipped(matching.BlockKey{Rule: rule, Key: k}) {
				out[handoff.SkippedFile].WriteString(handoff.SkippedLine(handoff.Skipped{Rule: rule, Key: k, Size: int64(len(m))}) + "\n")
				continue
			}
			for x, l := range m {
				for _, r := range m[x+1:] {
					if !sc.Candidate(rule, l, r) {
						continue
					}
					if p, c, ok := sc.Score(l, r, uint8(rule)); ok {
						out[handoff.KeptFile].WriteString(handoff.KeptLine(p) + "\n")
					} else {
						out[handoff.BelowFile].WriteString(handoff.BelowLine(c) + "\n")
					}
				}
			}
		}
	}
	return ctx.Err()
}

func TestMatchEngineGivesTheSameTables(t *testing.T) {
	tests := []struct {
		name  string
		extra string
	}{
		{"sample", ""},
		// A low cluster cap splits components, so the clustering guards
		// are exercised on the returned pairs too.
		{"small clusters", "matching:\n  max_cluster_size: 2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copySample(t)
			cfg := writeConfig(t, dir, tt.extra)
			mustRun(t, cfg, Options{})
			want := engineDigests(t, cfg.Database)
			if err := os.Remove(cfg.Database); err != nil {
				t.Fatal(err)
			}
			engine := &goEngine{}
			sum := mustRun(t, cfg, Options{Engine: engine})
			if engine.calls != 1 {
				t.Fatalf("engine called %d times", engine.calls)
			}
			if got := engineDigests(t, cfg.Database); !reflect.DeepEqual(want, got) {
				for table := range want {
					if want[table] != got[table] {
						t.Errorf("table %s differs between the engines", table)
					}
				}
			}
			kept := filepath.Join(cfg.WorkDir, "runs", sum.RunID, "match", handoff.KeptFile)
			if data, err := os.ReadFile(kept); err != nil || len(data) == 0 {
				t.Errorf("run folder lacks the returned pairs: %v", err)
			}
		})
	}
}

// engineDigests digests every data table of a published database, with
// the columns that name the run (not the engine's answer) left out.
func engineDigests(t *testing.T, path string) map[string]string {
	t.Helper()
	out := digests(t, path)
	db := openRead(t, path)
	defer db.Close()
	for table, query := range map[string]string{
		"customer":            `SELECT * EXCLUDE (first_seen_at) FROM customer`,
		"customer_id_history": `SELECT * EXCLUDE (run_id) FROM customer_id_history`,
	} {
		if _, ok := out[table]; !ok {
			t.Fatalf("no table %s", table)
		}
		var d string
		q := `SELECT md5(string_agg(r::VARCHAR, chr(10) ORDER BY r::VARCHAR)) FROM (` + query + `) r`
		if err := db.QueryRow(q).Scan(&d); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out[table] = d
	}
	return out
}

func TestMatchEngineFailureKeepsPublishedDatabase(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	mustRun(t, cfg, Options{})
	before := fileDigest(t, cfg.Database)
	script := filepath.Join(dir, "engine.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\necho \"worker lost: $1 $2 $3\" >&2\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), cfg, Options{Engine: Command{Path: script, Args: []string{"--runner=prism"}}})
	if err == nil {
		t.Fatal("the run succeeded with a failing engine")
	}
	for _, want := range []string{"engine.sh", "exit status 3", "worker lost: --handoff", "--runner=prism"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	logs, _ := filepath.Glob(filepath.Join(cfg.WorkDir, "runs", "*", "match", EngineLog))
	if len(logs) != 1 || !strings.Contains(mustReadFile(t, logs[0]), "worker lost") {
		t.Errorf("engine logs %v lack the engine's message", logs)
	}
	if after := fileDigest(t, cfg.Database); after != before {
		t.Error("a failed engine changed the published database")
	}
}
