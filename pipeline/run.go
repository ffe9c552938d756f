package pipeline

import (
	"context"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/land"
	"github.com/contoso/c360/pipeline/lock"
	"github.com/contoso/c360/pipeline/publish"
)

// DefaultStages lists the stages of a run in order. Fetch comes first:
// FetchOnly runs it alone.
func DefaultStages() []Stage {
	return []Stage{
		{"fetch", Fetch},
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
	defer s.removePeople()
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

// FetchOnly fetches and lands every source, as the first stage of Run
// does, and stops there: nothing is loaded or published. It takes the same
// lock as Run.
func FetchOnly(ctx context.Context, cfg *config.Config, opts Options) (*Summary, error) {
	s := newState(cfg, opts)
	lk, err := lock.Acquire(cfg.Database, lock.NewInfo(s.ID, s.Started))
	if err != nil {
		return nil, err
	}
	defer lk.Release()
	err = runStages(ctx, s, DefaultStages()[:1]) // the fetch stage
	sum := s.summary(err)
	if err == nil {
		sum.Status = "fetched"
	}
	s.writeRunFile(sum)
	return sum, err
}
