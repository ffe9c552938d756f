package pipeline

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/i18n"
	"github.com/contoso/c360/pipeline/land"
	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/pipeline/progress"
	"github.com/contoso/c360/pipeline/publish"
	"github.com/contoso/c360/transform"
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
	people   []*peopleFile        // profile sources' normalized people, in load order
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

// Previous is what the last published run left that this run builds on:
// its row counts for the safety gate. Merge reads its customer ids.
type Previous struct {
	RunID string         // "" before the first publish
	Rows  map[string]int // rows loaded per source
}

// MatchOutcome holds the people, links and customers the match stages
// produce, for the stages and reports after them.
type MatchOutcome struct {
	People    []transform.Person // every profile record, in load order
	CrossRefs []matching.RefPair // declared cross-reference links (config cross_reference)
	Model     *spec.Model
	Result    *matching.Result
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
