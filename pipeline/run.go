// Package pipeline runs c360's nightly job: it fetches the sources, lands
// them, loads them into a new DuckDB database, resolves customers, computes
// measures and reports, and publishes the database atomically with a record
// of the run.
//
// Run is the one place the order of the stages is written:
//
//	fetch ──> load ──> normalize ──> match ──> merge ──> measures ──> crm ──> record ──> publish
//	(fetch,   (load/)  (transform/)  (matching/: block,  (stable    (sql/)     (sql/)   (run,     (publish/:
//	 land/)                           score, cluster)     ids,                          source_   rename)
//	                                                      survive)                      file ...)
//
// Every stage works on one State. Nothing is written next to the published
// database until the publish stage renames the finished file into place, so
// a failed or killed run leaves the last published database untouched.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/i18n"
	"github.com/contoso/c360/pipeline/land"
	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/pipeline/lock"
	"github.com/contoso/c360/pipeline/progress"
	"github.com/contoso/c360/pipeline/publish"
)

// Options are the run's settings that do not come from the config file.
type Options struct {
	// Force publishes even when a safety gate (a source's row count fell by
	// more than max_row_drop) would stop the run.
	Force bool
	// Version is recorded in the run table.
	Version string
	// Logger receives the run's log lines; nil discards them.
	Logger *slog.Logger
	// Progress shows long tasks; nil means progress.Discard.
	Progress progress.Reporter
	// Now returns the current time; nil means time.Now. Tests fix it.
	Now func() time.Time
	// Stages replaces the default stage list; tests use it to stop early.
	Stages []Stage
	// Catalog is the language of the HTML report; nil means English.
	Catalog *i18n.Catalog
	// Engine scores the candidate pairs out of process (c360-beam, see
	// Command); nil scores them in process.
	Engine MatchEngine
}

// State is what the stages of one run share. Each stage reads what earlier
// stages set and adds its own part.
type State struct {
	ID       string
	Config   *config.Config
	Options  Options
	Log      *slog.Logger
	Progress progress.Reporter
	Started  time.Time

	Previous *Previous            // the last published run's state; empty on the first run
	Build    *publish.Build       // the database being built
	Landing  *land.Run            // this run's landing folder
	Files    map[string]land.File // landed files by source name
	Loads    []*load.Result       // one per loaded file, in load order
	Matching *MatchOutcome        // customers and links, set by the match stages
	Counts   Counts               // figures for the run table and summary
	Warnings []string
	Times    []StageTime
}

// Counts are the run's headline figures.
type Counts struct {
	SourceRecords     int
	Customers         int
	PairsCompared     int64
	PairsMatched      int
	Purchases         int
	PurchasesUnlinked int
	// ReviewApplied counts the review decisions (same person, different
	// people) given to matching; ReviewMissing those naming a record this
	// run did not load, which were not applied.
	ReviewApplied int
	ReviewMissing int
}

// DefaultStages lists the stages of a run in order.
func DefaultStages() []Stage {
	return []Stage{
		{"fetch", Acquire},
		{"load", Load},
		{"normalize", Normalize},
		{"match", Match},
		{"merge", Merge},
		{"measures", Measures},
		{"crm", CRM},
		{"record", Record},
		{"publish", Publish},
		{"report", Report},
	}
}

// Run runs the pipeline once with cfg. It returns the run's summary, also
// when the run failed (then with the error); the database is published only
// when the error is nil. A run that cannot take the database's lock fails at
// once with an error for which lock.IsHeld is true.
func Run(ctx context.Context, cfg *config.Config, opts Options) (*Summary, error) {
	s := newState(cfg, opts)
	lk, err := lock.Acquire(cfg.Database, lock.NewInfo(s.ID, s.Started))
	if err != nil {
		return nil, err
	}
	defer lk.Release()
	if removed, err := publish.RemoveStale(cfg.Database); err != nil {
		return nil, err
	} else if len(removed) > 0 {
		s.Log.Warn("removed builds left by killed runs", "paths", removed)
	}
	s.Previous, err = readPrevious(ctx, cfg.Database)
	if err != nil {
		return nil, err
	}
	s.Build, err = publish.Begin(ctx, cfg.Database, s.ID)
	if err != nil {
		return nil, err
	}
	defer s.Build.Abort()
	if cfg.MemoryLimit > 0 {
		duck, _ := MemoryBudget(cfg.MemoryLimit)
		if err := limitDuckDB(ctx, s.Build.DB, duck); err != nil {
			return nil, err
		}
	}
	if err := createSchema(ctx, s.Build.DB); err != nil {
		return nil, err
	}

	stages := opts.Stages
	if stages == nil {
		stages = DefaultStages()
	}
	err = runStages(ctx, s, stages)
	sum := s.summary(err)
	if err != nil {
		if werr := writeRejects(s); werr != nil {
			s.Log.Warn("writing rejects.csv failed", "err", werr)
		}
		s.Log.Error("run failed; the published database is unchanged", "err", err)
		s.writeRunFile(sum)
		return sum, err
	}
	s.writeRunFile(sum)
	if pruned, err := land.Prune(cfg.WorkDir, cfg.KeepRuns, s.ID); err != nil {
		s.Log.Warn("pruning old run folders failed", "err", err)
	} else if len(pruned) > 0 {
		s.Log.Info("pruned old run folders", "count", len(pruned))
	}
	s.Log.Info("run published", "database", cfg.Database, "seconds", round3(sum.Seconds))
	return sum, nil
}

func newState(cfg *config.Config, opts Options) *State {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	opts.Now = now
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	rep := opts.Progress
	if rep == nil {
		rep = progress.Discard
	}
	id := land.NewRunID(now)
	return &State{
		ID:       id,
		Config:   cfg,
		Options:  opts,
		Log:      log.With("run_id", id),
		Progress: rep,
		Started:  now().UTC(),
		Previous: &Previous{},
	}
}

// warn records a warning for the run table and logs it.
func (s *State) warn(msg string, args ...any) {
	s.Warnings = append(s.Warnings, fmt.Sprintf(msg, args...))
	s.Log.Warn(fmt.Sprintf(msg, args...))
}

// writeRunFile leaves the run's summary in its landing folder, so a failed
// run, which publishes nothing, still says what happened.
func (s *State) writeRunFile(sum *Summary) {
	if s.Landing == nil {
		return
	}
	if err := sum.writeJSON(s.Landing.Dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		s.Log.Warn("writing run.json failed", "err", err)
	}
}

// Fetch fetches and lands every source, as the first stage of Run does, and
// stops there: nothing is loaded or published. It takes the same lock as Run.
func Fetch(ctx context.Context, cfg *config.Config, opts Options) (*Summary, error) {
	s := newState(cfg, opts)
	lk, err := lock.Acquire(cfg.Database, lock.NewInfo(s.ID, s.Started))
	if err != nil {
		return nil, err
	}
	defer lk.Release()
	err = runStages(ctx, s, []Stage{{"fetch", Acquire}})
	sum := s.summary(err)
	if err == nil {
		sum.Status = "fetched"
	}
	s.writeRunFile(sum)
	return sum, err
}
