package bench

import (
	"context"
	"database/sql"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline"
	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/gen"
)

// A large size raises exactly the limits the README documents for it.
func TestWriteConfigRaisesLimitsForLargeFiles(t *testing.T) {
	for _, tc := range []struct {
		persons       int
		limit, fetchB int64
	}{
		{1_000_000, config.DefaultMemoryLimit, 2 << 30},
		{10_000_000, 12 << 30, 8 << 30},
	} {
		dir := t.TempDir()
		path, err := writeConfig(dir, filepath.Join(dir, "in"), tc.persons)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := config.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.MemoryLimit != tc.limit || cfg.Fetch.MaxBytes != tc.fetchB {
			t.Errorf("%d persons: memory_limit %d, fetch.max_bytes %d; want %d and %d",
				tc.persons, cfg.MemoryLimit, cfg.Fetch.MaxBytes, tc.limit, tc.fetchB)
		}
	}
}

// TestReadRunScoresAgainstTruth runs the pipeline on generated data and
// checks the figures bench reads back against the run's own summary.
func TestReadRunScoresAgainstTruth(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if _, err := gen.Write(ctx, in, gen.Options{Persons: 500, Seed: 3, CRM: true}); err != nil {
		t.Fatal(err)
	}
	path, err := writeConfig(dir, in, 500)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := pipeline.Run(ctx, cfg, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := Result{Persons: 500}
	if err := readRun(ctx, cfg.Database, filepath.Join(in, "truth.csv"), &r); err != nil {
		t.Fatal(err)
	}
	if err := readStages(cfg.WorkDir, &r); err != nil {
		t.Fatal(err)
	}
	if r.Records != sum.Counts.SourceRecords || r.Customers != sum.Counts.Customers || r.Candidates != sum.Counts.PairsCompared {
		t.Errorf("figures %+v disagree with the run's summary %+v", r, sum.Counts)
	}
	if r.Rows["contacts"]+r.Rows["loyalty"] != r.Records || r.Rows["pos"] == 0 || len(r.Rules) == 0 || len(r.Stages) < 8 {
		t.Errorf("rows %v, %d rules, %d stages", r.Rows, len(r.Rules), len(r.Stages))
	}
	if r.Precision < 0.99 || r.Recall < 0.99 {
		t.Errorf("precision %.4f recall %.4f on easy data", r.Precision, r.Recall)
	}
	var b strings.Builder
	Write(&b, []Result{r}, "c360 bench --sizes 500")
	for _, want := range []string{BeginMarker, EndMarker, "| contacts |", "**whole run**", "pairwise F1", "`c360 bench --sizes 500`"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("section lacks %q", want)
		}
	}
}

func TestUpdateKeepsHandWrittenText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")
	before := "# Benchmarks\n\nnotes above\n\n" + BeginMarker + "\nold figures\n" + EndMarker + "\n\nnotes below\n"
	if err := os.WriteFile(path, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	section := BeginMarker + "\nnew figures\n" + EndMarker + "\n"
	if err := Update(path, section); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := "# Benchmarks\n\nnotes above\n\n" + section + "\nnotes below\n"
	if string(got) != want {
		t.Errorf("file =\n%s\nwant\n%s", got, want)
	}
	fresh := filepath.Join(t.TempDir(), "new.md")
	if err := Update(fresh, section); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(fresh); string(got) != section {
		t.Errorf("a new file = %q", got)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1415592: "1,415,592", -21233411: "-21,233,411"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestScoreKnownAnswer scores a hand-made assignment: person 1 has three
// records, person 2 one; the customers split person 1 and wrongly join one
// of its records with person 2's. True pairs 3, predicted 2, correct 1.
func TestScoreKnownAnswer(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	truth := filepath.Join(dir, "truth.csv")
	csv := "source,source_id,person\ncontacts,c1,1\ncontacts,c2,1\nloyalty,l1,1\ncontacts,c3,2\npos,p1,1\n"
	if err := os.WriteFile(truth, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", filepath.Join(dir, "run.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`CREATE TABLE customer_source AS SELECT * FROM (VALUES
		('X', 'contacts', 'c1'), ('X', 'contacts', 'c2'), ('Y', 'loyalty', 'l1'), ('Y', 'contacts', 'c3'))
		AS v(customer_id, source, source_id)`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	mem, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	conn, err := mem.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH '"+filepath.Join(dir, "run.duckdb")+"' AS run (READ_ONLY)"); err != nil {
		t.Fatal(err)
	}
	var r Result
	if err := score(ctx, conn, truth, &r); err != nil {
		t.Fatal(err)
	}
	if r.Precision != 0.5 || math.Abs(r.Recall-1.0/3) > 1e-12 || math.Abs(r.F1-0.4) > 1e-12 {
		t.Errorf("precision %v recall %v F1 %v; want 1/2, 1/3, 2/5", r.Precision, r.Recall, r.F1)
	}
}

func TestStageOrderFollowsTheRun(t *testing.T) {
	st := func(names ...string) []pipeline.StageTime {
		var out []pipeline.StageTime
		for _, n := range names {
			out = append(out, pipeline.StageTime{Stage: n})
		}
		return out
	}
	// As a run records them: the stage's parts are appended before the
	// stage's own time; a stage unknown to the run order comes last.
	results := []Result{
		{Stages: st("fetch", "load", "normalize", "match.block", "match.compare", "match.score", "match.cluster", "match", "merge")},
		{Stages: st("later", "publish", "record")},
	}
	want := []string{"fetch", "load", "normalize", "match.block", "match.compare", "match.score",
		"match.cluster", "match", "merge", "measures", "crm", "record", "publish", "report", "later"}
	if got := stageOrder(results); !slices.Equal(got, want) {
		t.Errorf("stageOrder = %v,\nwant %v", got, want)
	}
}
