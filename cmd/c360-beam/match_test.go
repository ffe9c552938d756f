package main

import (
	"context"
	"database/sql"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs" // the staged case's workers' folder
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/contoso/c360/pipeline"
	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/gen"
	"github.com/contoso/c360/pipeline/pipelinetest"
)

// TestMain lets the test binary serve as the Beam worker, on prism unless
// --runner says otherwise.
func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// beamEngine runs the Beam pipeline in this process: the c360-beam
// program without the exec, so that a test needs no built binary.
type beamEngine struct {
	shard int
	stage string // a folder to copy the hand-off to and score in
}

func (beamEngine) Name() string { return "c360-beam (in process)" }

func (e beamEngine) Score(ctx context.Context, dir string) error {
	if e.stage != "" {
		return scoreStaged(ctx, dir, e.stage, e.shard)
	}
	return score(ctx, dir, dir, e.shard)
}

// answers is what the same-answers test compares between the engines.
type answers struct {
	customerOf map[string]string  // source/source_id -> customer_id
	weights    map[string]float64 // pair -> match_weight
	matched    int
	rules      []string // match_rule rows
	customers  string   // digest of the customer table, run columns left out
}

func readAnswers(t *testing.T, path string) answers {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := answers{customerOf: map[string]string{}, weights: map[string]float64{}}
	each := func(q string, row func(r *sql.Rows) error) {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := row(rows); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	each(`SELECT source || '/' || source_id, customer_id FROM customer_source`, func(r *sql.Rows) error {
		var k, v string
		err := r.Scan(&k, &v)
		a.customerOf[k] = v
		return err
	})
	each(`SELECT concat_ws('/', source_l, id_l, source_r, id_r, blocking_rule), match_weight, matched FROM match_pair`, func(r *sql.Rows) error {
		var k string
		var w float64
		var m bool
		err := r.Scan(&k, &w, &m)
		a.weights[k] = w
		if m {
			a.matched++
		}
		return err
	})
	each(`SELECT r::VARCHAR FROM match_rule r ORDER BY seq`, func(r *sql.Rows) error {
		var s string
		err := r.Scan(&s)
		a.rules = append(a.rules, s)
		return err
	})
	each(`SELECT md5(string_agg(r::VARCHAR, chr(10) ORDER BY r::VARCHAR)) FROM (SELECT * EXCLUDE (first_seen_at) FROM customer) r`, func(r *sql.Rows) error {
		return r.Scan(&a.customers)
	})
	return a
}

func writeConfig(t *testing.T, dir, inputs string) *config.Config {
	t.Helper()
	return pipelinetest.WriteConfig(t, dir, pipelinetest.Setup{Inputs: inputs, AsOf: pipelinetest.AsOf})
}

// TestSameAnswers runs c360 twice on the same inputs, once scoring in
// process and once on Beam (prism), and compares the links, their weights
// and the customer ids.
func TestSameAnswers(t *testing.T) {
	sample := pipelinetest.Sample(t)
	tests := []struct {
		name    string
		persons int // generated persons; 0: the bundled sample
		shard   int
		stage   string
	}{
		{name: "bundled sample", shard: 1000},
		// The workers' folder is Beam's in-memory file system here, as it
		// would be gs:// on Dataflow: the pairs must come back from it.
		{name: "bundled sample, staged", shard: 700, stage: "memfs://c360-stage/run"},
		{name: "generated 100k persons", persons: 100_000, shard: 20000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.persons > 10_000 && testing.Short() {
				t.Skip("-short: the 100k-person run takes minutes")
			}
			dir := t.TempDir()
			inputs := sample
			if tt.persons > 0 {
				inputs = filepath.Join(dir, "in")
				if _, err := gen.Write(context.Background(), inputs, gen.Options{Persons: tt.persons, Seed: 14}); err != nil {
					t.Fatal(err)
				}
			}
			cfg := writeConfig(t, dir, inputs)
			run := func(engine pipeline.MatchEngine) answers {
				if _, err := pipeline.Run(context.Background(), cfg, pipeline.Options{Engine: engine}); err != nil {
					t.Fatalf("%v: %v", engine, err)
				}
				a := readAnswers(t, cfg.Database)
				if err := os.Remove(cfg.Database); err != nil {
					t.Fatal(err)
				}
				return a
			}
			want := run(nil)
			got := run(beamEngine{shard: tt.shard, stage: tt.stage})
			t.Logf("%d records, %d kept pairs, %d links, %d customers", len(want.customerOf), len(want.weights), want.matched, len(distinct(want.customerOf)))
			compare(t, want, got)
		})
	}
}

func distinct(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for _, v := range m {
		out[v] = true
	}
	return out
}

func compare(t *testing.T, want, got answers) {
	t.Helper()
	if want.matched == 0 || len(want.weights) == 0 {
		t.Fatal("the in-process run found no links: nothing to compare")
	}
	if len(got.weights) != len(want.weights) || got.matched != want.matched {
		t.Errorf("beam kept %d pairs, %d links; in process %d, %d", len(got.weights), got.matched, len(want.weights), want.matched)
	}
	bad := 0
	for k, w := range want.weights {
		g, ok := got.weights[k]
		if !ok || math.Abs(g-w) > 1e-9 {
			if bad++; bad <= 5 {
				t.Errorf("pair %s: beam weight %v (found %v), in process %v", k, g, ok, w)
			}
		}
	}
	if !reflect.DeepEqual(got.customerOf, want.customerOf) {
		diff := 0
		for k, v := range want.customerOf {
			if got.customerOf[k] != v {
				diff++
			}
		}
		t.Errorf("%d of %d records have another customer id on beam", diff, len(want.customerOf))
	}
	if !reflect.DeepEqual(got.rules, want.rules) {
		t.Errorf("match_rule differs:\n beam %v\n here %v", got.rules, want.rules)
	}
	if got.customers != want.customers {
		t.Errorf("customer tables differ")
	}
}
