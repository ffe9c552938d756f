package pipeline

import (
	"context"
	"os"

	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/pipeline/progress"
	"github.com/contoso/c360/transform"
	"github.com/contoso/c360/transform/sources"
)

// normalizeRow returns the load.Options.Row of profile source src: it
// normalizes each loaded row into a transform.Person as the row is read
// and writes it to pw, so that no source's rows are held in memory.
func normalizeRow(s *State, src sources.Source, pw *peopleWriter) func(int, func(string) string) error {
	n := &transform.Normalizer{AsOf: s.Config.AsOf}
	return func(line int, field func(string) string) error {
		p := n.Person(src.Name, field(src.Key), line, src.People, field)
		pw.write(&p)
		return nil
	}
}

// Normalize readies the people that load normalized (every profile
// source's, in load order, in the run's people files) for matching. The
// in-process engine reads them one at a time into its compact columns
// (matchHere), so they stay on disk here; another engine is handed them
// from memory, so they are read in now.
func Normalize(ctx context.Context, s *State) error {
	s.Matching = &MatchOutcome{CrossRefs: crossReferences(s)}
	s.Counts.SourceRecords = countPeople(s.people)
	if s.Options.Engine != nil {
		task := s.Progress.Start("normalize", 0, "records")
		people, err := readPeople(s.people, task)
		task.Done(err)
		if err != nil {
			return err
		}
		s.Matching.People = people
	}
	// The cross-references are made; the loaded columns can go.
	for _, r := range s.Loads {
		r.Kept, r.Lines = nil, nil
	}
	return ctx.Err()
}

// eachPerson passes every person to yield, one at a time: from memory
// when they are there, else from the people files, telling task.
func (s *State) eachPerson(task progress.Task, yield func(*transform.Person) error) error {
	if s.Matching.People != nil || len(s.people) == 0 {
		for i := range s.Matching.People {
			if err := yield(&s.Matching.People[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return eachPerson(s.people, task, yield)
}

// scratchDir is where the run keeps files it removes when it ends: the
// run folder, or the system's temporary folder for a run without one (a
// test's stage list without fetch).
func (s *State) scratchDir() string {
	if s.Landing == nil {
		return os.TempDir()
	}
	return s.Landing.Dir
}

// removePeople deletes the run's people files.
func (s *State) removePeople() {
	for _, f := range s.people {
		if err := f.remove(); err != nil {
			s.Log.Warn("could not remove a people file", "err", err)
		}
	}
	s.people = nil
}

// loaded returns the load result of source name, or nil.
func (s *State) loaded(name string) *load.Result {
	for _, r := range s.Loads {
		if r.Source == name {
			return r
		}
	}
	return nil
}
