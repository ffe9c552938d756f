package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/pipeline/handoff"
	"github.com/contoso/c360/pipeline/land"
)

// MatchEngine blocks, compares and scores the candidate pairs out of
// process. Score reads the people and the trained plan from the hand-off
// folder dir (handoff.PeopleFile, handoff.PlanFile) and leaves the scored
// pairs there (handoff.KeptFile, BelowFile, SkippedFile). c360 trains the
// model before and clusters, merges and publishes after, as it does with
// the in-process engine.
type MatchEngine interface {
	Name() string
	Score(ctx context.Context, dir string) error
}

// Command is a MatchEngine that runs a program, such as c360-beam:
// Path --handoff DIR Args... Its standard error goes to DIR/engine.log
// (and to Log, when set).
type Command struct {
	Path string
	Args []string
	Log  io.Writer
}

// EngineLog is the file in the hand-off folder that holds what the
// engine program wrote to standard error.
const EngineLog = "engine.log"

// Name returns the program's base name.
func (c Command) Name() string { return filepath.Base(c.Path) }

// Score runs the program on dir. A failure names the program, its exit
// status and the end of what it wrote to standard error.
func (c Command) Score(ctx context.Context, dir string) error {
	logPath := filepath.Join(dir, EngineLog)
	logFile, err := os.Create(logPath)
	if err != nil {
		return fmt.Errorf("match engine: %w", err)
	}
	defer logFile.Close()
	args := append([]string{"--handoff", dir}, c.Args...)
	cmd := exec.CommandContext(ctx, c.Path, args...)
	var tail tailBuffer
	cmd.Stdout = logFile
	cmd.Stderr = io.MultiWriter(&tail, logFile)
	if c.Log != nil {
		cmd.Stderr = io.MultiWriter(&tail, logFile, c.Log)
	}
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("match engine %s (log: %s): %w%s", c.Path, logPath, err, tail.String())
	}
	return nil
}

// tailBuffer keeps the last 2 KB written to it.
type tailBuffer struct{ b []byte }

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 2048 {
		t.b = t.b[len(t.b)-2048:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	s := strings.TrimSpace(string(bytes.ToValidUTF8(t.b, nil)))
	if s == "" {
		return ""
	}
	return ":\n" + s
}

// matchElsewhere trains as Match does, hands the people and the plan to
// the run's MatchEngine in the run folder's match/ folder, and clusters
// the pairs it returns.
func matchElsewhere(ctx context.Context, s *State, opts matching.Options) (*matching.Result, error) {
	engine := s.Options.Engine
	people := s.Matching.People
	plan, err := matching.Train(ctx, people, opts)
	if err != nil {
		return nil, err
	}
	if s.Landing == nil {
		return nil, errors.New("match: no run folder for the match engine's files")
	}
	dir := filepath.Join(s.Landing.Dir, "match")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	err = land.WriteFile(filepath.Join(dir, handoff.PeopleFile), 0o600, func(w io.Writer) error { return handoff.WritePeople(w, people) })
	if err == nil {
		err = land.WriteFile(filepath.Join(dir, handoff.PlanFile), 0o600, func(w io.Writer) error { return handoff.WritePlan(w, plan) })
	}
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	start := time.Now()
	s.Log.Info("scoring pairs with the match engine", "engine", engine.Name(), "folder", dir, "candidate_pairs", plan.Candidates)
	if err := engine.Score(ctx, dir); err != nil {
		return nil, err
	}
	s.Times = append(s.Times, StageTime{"match.engine", time.Since(start).Seconds()})
	if err := checkSkipped(dir, plan); err != nil {
		return nil, err
	}
	kept, err := readKept(dir, len(plan.Model.Comparisons))
	if err != nil {
		return nil, err
	}
	return plan.Finish(ctx, kept, func(yield func(matching.Candidate)) error {
		path := filepath.Join(dir, handoff.BelowFile)
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("match: %w", err)
		}
		defer f.Close()
		return handoff.ReadBelow(f, path, yield)
	})
}

func readKept(dir string, comparisons int) ([]matching.Pair, error) {
	path := filepath.Join(dir, handoff.KeptFile)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("match: %w", err)
	}
	defer f.Close()
	return handoff.ReadKept(f, path, comparisons)
}

// checkSkipped compares the blocks the engine skipped with those blocking
// skipped here: the same number of blocks and records under each rule, or
// the engines compared different pairs.
func checkSkipped(dir string, plan *matching.Plan) error {
	path := filepath.Join(dir, handoff.SkippedFile)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("match: %w", err)
	}
	defer f.Close()
	got, err := handoff.ReadSkipped(f, path)
	if err != nil {
		return err
	}
	type tally struct{ blocks, records int64 }
	there, here := make([]tally, len(plan.Model.Blocking)), make([]tally, len(plan.Model.Blocking))
	for i, b := range got {
		if b.Rule >= len(there) {
			return fmt.Errorf("match: %s line %d: rule %d, the model has %d", path, i+1, b.Rule, len(there))
		}
		there[b.Rule].blocks++
		there[b.Rule].records += b.Size
	}
	for _, b := range plan.Skipped {
		here[b.Rule].blocks++
		here[b.Rule].records += int64(b.Size)
	}
	for rule := range here {
		if here[rule] != there[rule] {
			return fmt.Errorf("match: rule %s: the engine skipped %d blocks of %d records, blocking here %d of %d",
				plan.Model.Blocking[rule].Name, there[rule].blocks, there[rule].records, here[rule].blocks, here[rule].records)
		}
	}
	return nil
}
