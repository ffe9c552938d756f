// Package bench measures whole runs of c360 on generated data at several
// sizes: per size it generates the Contoso-format files once (cached), runs
// the pipeline in a child process (so each size has its own peak RSS), and
// reads back the stage times, the blocking figures and the accuracy against
// the generator's truth. Write renders the figures as Markdown.
package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	"github.com/contoso/c360/pipeline"
	"github.com/contoso/c360/pipeline/gen"
	c360sql "github.com/contoso/c360/sql"
)

// Options say what to measure.
type Options struct {
	Sizes  []int  // persons per measured run
	Seed   int64  // generator seed
	Cache  string // folder for generated inputs and run outputs
	Binary string // the c360 executable to run as the child
	Log    func(format string, args ...any)
}

// Result is the measurement of one size.
type Result struct {
	Persons    int
	Rows       map[string]int // rows loaded per source
	Stages     []pipeline.StageTime
	Seconds    float64 // wall time of the child run
	PeakRSS    int64   // bytes
	Records    int     // profile records matched
	Customers  int
	Candidates int64 // candidate pairs compared
	Kept       int64 // pairs kept in match_pair
	Matched    int64
	PerRecord  float64 // candidate pairs per record
	Spread     [4]int  // pairs a record is in: p50, p90, p99, max
	Rules      []Rule
	Precision  float64
	Recall     float64
	F1         float64
}

// Rule is one blocking rule's figures.
type Rule struct {
	Name                      string
	Candidates, Kept, Matched int64
}

// Run measures every size in order.
func Run(ctx context.Context, opts Options) ([]Result, error) {
	if opts.Log == nil {
		opts.Log = func(string, ...any) {}
	}
	var out []Result
	for _, n := range opts.Sizes {
		r, err := measure(ctx, opts, n)
		if err != nil {
			return out, fmt.Errorf("bench: %d persons: %w", n, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func measure(ctx context.Context, opts Options, persons int) (Result, error) {
	dir, err := filepath.Abs(filepath.Join(opts.Cache, fmt.Sprintf("persons-%d-seed-%d", persons, opts.Seed)))
	if err != nil {
		return Result{}, err
	}
	in := filepath.Join(dir, "in")
	if err := ensureInputs(ctx, opts, in, persons); err != nil {
		return Result{}, err
	}
	cfg, err := writeConfig(dir, in, persons)
	if err != nil {
		return Result{}, err
	}
	out := filepath.Join(dir, "out")
	if err := os.RemoveAll(out); err != nil {
		return Result{}, err
	}
	opts.Log("running %d persons", persons)
	child := exec.CommandContext(ctx, opts.Binary, "run", "--config", cfg, "--quiet", "--log-format", "json")
	child.Stderr = os.Stderr
	start := time.Now()
	if err := child.Run(); err != nil {
		return Result{}, fmt.Errorf("child run: %w", err)
	}
	r := Result{Persons: persons, Seconds: time.Since(start).Seconds()}
	if ru, ok := child.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.PeakRSS = ru.Maxrss * 1024 // kilobytes on Linux
	}
	if err := readRun(ctx, filepath.Join(out, "c360.duckdb"), filepath.Join(in, "truth.csv"), &r); err != nil {
		return Result{}, err
	}
	if err := readStages(filepath.Join(out, "work"), &r); err != nil {
		return Result{}, err
	}
	return r, nil
}

// ensureInputs generates the inputs unless a complete set is cached: the
// marker a finished generation leaves, and every file the run reads.
func ensureInputs(ctx context.Context, opts Options, in string, persons int) error {
	const marker = ".complete"
	cached := true
	for _, name := range []string{marker, gen.ContactsFile, gen.LoyaltyFile, gen.POSFile, gen.OnlineFile, gen.TruthFile} {
		if _, err := os.Stat(filepath.Join(in, name)); err != nil {
			cached = false
		}
	}
	if cached {
		return nil
	}
	opts.Log("generating %d persons into %s", persons, in)
	if err := os.RemoveAll(in); err != nil {
		return err
	}
	if _, err := gen.Write(ctx, in, gen.Options{Persons: persons, Seed: opts.Seed, CRM: true}); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(in, marker), nil, 0o644)
}

// largePersons is where bench raises the run's limits as the README tells a
// user to for such files: above it the files outgrow the default fetch cap
// (2 GiB; online.csv is 2.5 GB at ten million persons) and the run the
// default memory_limit (3 GiB).
const largePersons = 2_000_000

func writeConfig(dir, in string, persons int) (string, error) {
	yaml := "database: out/c360.duckdb\nwork_dir: out/work\nas_of: 2026-11-27\n"
	if persons > largePersons {
		yaml += "memory_limit: 12GiB\nfetch: {max_bytes: 8GiB}\n"
	}
	yaml += gen.SourcesYAML(in, true)
	path := filepath.Join(dir, "c360.yaml")
	return path, os.WriteFile(path, []byte(yaml), 0o644)
}

// readStages takes the stage times from the run's run.json, which, unlike
// table run_stage, includes the stages after the run record was written.
func readStages(work string, r *Result) error {
	paths, err := filepath.Glob(filepath.Join(work, "runs", "*", "run.json"))
	if err != nil || len(paths) == 0 {
		return errors.Join(err, errors.New("no run.json in the landing folder"))
	}
	data, err := os.ReadFile(paths[len(paths)-1])
	if err != nil {
		return err
	}
	var sum pipeline.Summary
	if err := json.Unmarshal(data, &sum); err != nil {
		return fmt.Errorf("run.json: %w", err)
	}
	r.Stages = sum.Stages
	return nil
}

// readRun reads the published database's figures and scores its customers
// against the generator's truth: pairwise precision and recall over the
// profile records.
func readRun(ctx context.Context, database, truth string, r *Result) error {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ATTACH "+c360sql.QuoteLiteral(database)+" AS run (READ_ONLY)"); err != nil {
		return err
	}
	if err := readFigures(ctx, conn, r); err != nil {
		return err
	}
	return score(ctx, conn, truth, r)
}
