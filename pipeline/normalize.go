package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/transform"
	"github.com/contoso/c360/transform/sources"
)

// profileSources are the sources whose rows are people, in load order.
func profileSources() []sources.Source {
	var out []sources.Source
	for _, src := range sources.Customer() {
		if src.People != nil {
			out = append(out, src)
		}
	}
	return out
}

// Normalize turns every loaded profile row into a transform.Person.
func Normalize(ctx context.Context, s *State) error {
	n := &transform.Normalizer{AsOf: s.Config.AsOf}
	srcs := profileSources()
	total := 0
	for _, src := range srcs {
		r := s.loaded(src.Name)
		if r == nil {
			return fmt.Errorf("source %s was not loaded", src.Name)
		}
		total += r.Loaded
	}
	// One slice for every source: people are ~600 bytes each, and filling
	// parts that are then appended together copied (and faulted in) them twice.
	people := make([]transform.Person, total)
	task := &sharedTask{task: s.Progress.Start("normalize", int64(total), "records")}
	off := 0
	for _, src := range srcs {
		r := s.loaded(src.Name)
		normalizeRows(n, src, r, people[off:off+r.Loaded], task.add)
		off += r.Loaded
	}
	task.task.Done(nil)
	s.Matching = &MatchOutcome{People: people, CrossRefs: crossReferences(s)}
	s.Counts.SourceRecords = len(people)
	// The people hold what matching needs; the loaded columns can go.
	for _, r := range s.Loads {
		r.Kept, r.Lines = nil, nil
	}
	return ctx.Err()
}

// normalizeRows fills out[i] from loaded row i, splitting the rows among
// one goroutine per CPU, and tells add how many are done as it goes.
func normalizeRows(n *transform.Normalizer, src sources.Source, r *load.Result, out []transform.Person, add func(int64)) {
	keys := r.Kept[src.Key]
	workers := runtime.GOMAXPROCS(0)
	chunk := (len(out) + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < len(out); lo += chunk {
		hi := min(lo+chunk, len(out))
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := transform.NewInterner() // one a goroutine: names repeat across the whole file
			for i := lo; i < hi; i++ {
				get := func(field string) string {
					if col, ok := r.Kept[field]; ok {
						return col[i]
					}
					return ""
				}
				out[i] = n.Person(src.Name, keys[i], r.Lines[i], src.People, get)
				in.Person(&out[i])
				if (i-lo+1)%reportEvery == 0 {
					add(reportEvery)
				}
			}
			add(int64((hi - lo) % reportEvery))
		}()
	}
	wg.Wait()
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
