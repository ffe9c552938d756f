package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/pipeline/handoff"
)

// scorers holds the Scorer of each hand-off folder a worker process has
// loaded. Beam makes a DoFn instance per bundle processor and stage, and
// serializes only the DoFn's exported fields, so a process-wide cache is
// the one way for the instances of a worker to share the record table
// instead of each loading its own copy. It is the program's only
// package-level state, and is written once per folder.
var scorers = &scorerCache{m: map[string]*scorerEntry{}}

type scorerCache struct {
	mu sync.Mutex
	m  map[string]*scorerEntry
}

type scorerEntry struct {
	once sync.Once
	s    *matching.Scorer
	err  error
}

// get returns the Scorer of the hand-off folder dir, loading it on first use.
func (c *scorerCache) get(ctx context.Context, dir string) (*matching.Scorer, error) {
	c.mu.Lock()
	e := c.m[dir]
	if e == nil {
		e = &scorerEntry{}
		c.m[dir] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.s, e.err = loadScorer(ctx, dir) })
	return e.s, e.err
}

// join joins a folder (a local path or a gs:// or s3:// URL) and a file name.
func join(dir, name string) string { return strings.TrimSuffix(dir, "/") + "/" + name }

// readFile opens path on its Beam file system and passes it to read.
func readFile(ctx context.Context, path string, read func(io.Reader) error) error {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer fs.Close()
	f, err := fs.OpenRead(ctx, path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	return read(f)
}

// readPlan reads the plan of hand-off folder dir.
func readPlan(ctx context.Context, dir string) (*matching.Plan, error) {
	var plan *matching.Plan
	path := join(dir, handoff.PlanFile)
	err := readFile(ctx, path, func(r io.Reader) (err error) {
		plan, err = handoff.ReadPlan(r, path)
		return err
	})
	return plan, err
}

func loadScorer(ctx context.Context, dir string) (*matching.Scorer, error) {
	plan, err := readPlan(ctx, dir)
	if err != nil {
		return nil, err
	}
	path := join(dir, handoff.PeopleFile)
	var s *matching.Scorer
	err = readFile(ctx, path, func(r io.Reader) error {
		people, err := handoff.ReadPeople(r, path)
		if err != nil {
			return err
		}
		s, err = matching.NewScorer(people, plan)
		return err
	})
	return s, err
}
