package pipeline

import (
	"context"
	"fmt"
	"runtime/debug"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/transform"
	"github.com/contoso/c360/transform/sources"
)

// Match scores candidate pairs and clusters the people into customers with
// the default model, adjusted by the config's matching section.
func Match(ctx context.Context, s *State) error {
	model := spec.Default()
	mc := s.Config.Matching
	if mc.Threshold != nil {
		model.Threshold = *mc.Threshold
		model.ReviewFloor = min(model.ReviewFloor, model.Threshold)
	}
	if mc.MaxClusterSize > 0 {
		model.MaxClusterSize = mc.MaxClusterSize
	}
	opts := matching.Options{Model: model, Mode: matching.LinkAndDedupe, Progress: matchProgress(s.Progress)}
	for _, p := range mc.NeverMatch {
		opts.Never = append(opts.Never, refPair(p[0].Source, p[0].ID, p[1].Source, p[1].ID, "never_match in the config"))
	}
	for _, p := range mc.AlwaysMatch {
		opts.Always = append(opts.Always, refPair(p[0].Source, p[0].ID, p[1].Source, p[1].ID, "always_match in the config"))
	}
	opts.Always = append(opts.Always, s.Matching.CrossRefs...)
	never, always, err := reviewedPairs(s)
	if err != nil {
		return err
	}
	opts.Never, opts.Always = append(opts.Never, never...), append(opts.Always, always...)
	var res *matching.Result
	if s.Options.Engine != nil {
		res, err = matchElsewhere(ctx, s, opts)
	} else {
		res, err = matchHere(ctx, s, opts)
	}
	if err != nil {
		return err
	}
	s.Matching.Model, s.Matching.Result = model, res
	st := res.Stats
	s.Counts.PairsCompared = st.Candidates
	s.Counts.PairsMatched = st.Matched
	t := st.Timings
	s.Times = append(s.Times,
		StageTime{"match.block", (t.Prepare + t.Block).Seconds()},
		StageTime{"match.compare", t.Compare.Seconds()},
		StageTime{"match.score", (t.Train + t.Score).Seconds()},
		StageTime{"match.cluster", t.Cluster.Seconds()})
	s.Log.Info("matched", "records", st.Records, "candidate_pairs", st.Candidates,
		"pairs_per_record", round3(st.PerRecord), "kept", st.Kept, "matched", st.Matched,
		"clusters", st.Clusters, "cut_links", st.CutLinks,
		"pairs_of_a_record_p50", st.Spread.P50, "p99", st.Spread.P99, "max", st.Spread.Max,
		"seconds", map[string]float64{"prepare": round3(t.Prepare.Seconds()), "block": round3(t.Block.Seconds()),
			"compare": round3(t.Compare.Seconds()), "train": round3(t.Train.Seconds()),
			"score": round3(t.Score.Seconds()), "cluster": round3(t.Cluster.Seconds())})
	for _, r := range st.Rules {
		s.Log.Debug("blocking rule", "rule", r.Name, "candidates", r.Candidates, "kept", r.Kept, "matched", r.Matched)
	}
	for _, r := range st.Blocking.Rules {
		if r.SkippedBlocks > 0 {
			s.Log.Info("blocks too large to compare were skipped; other rules still pair their records",
				"rule", r.Name, "blocks", r.SkippedBlocks, "records", r.SkippedRecords, "largest_block", r.LargestBlock)
		}
	}
	for _, msg := range res.Params.Warnings {
		s.warn("matching model health: %s", msg)
	}
	if n := len(st.Placeholders); n > 0 {
		s.Log.Info("values that stand for none were treated as missing (see match_placeholder)", "values", n)
	}
	if st.UnknownRefs > 0 {
		s.warn("%d always/never-match pairs name records that are not in the sources", st.UnknownRefs)
	}
	return nil
}

// matchHere matches in process. Matching reads the people one at a time
// from their files into its compact columns, and they are read into memory
// only after, for merge, so that they are not in memory while matching
// runs: at ten million persons they are some 8 GB.
func matchHere(ctx context.Context, s *State, opts matching.Options) (*matching.Result, error) {
	if len(s.people) == 0 { // a test's own people, with no files behind them
		return matching.Match(ctx, s.Matching.People, opts)
	}
	s.Matching.People = nil
	each := func(yield func(*transform.Person) error) error { return eachPerson(s.people, nil, yield) }
	prep, err := matching.PrepareFrom(ctx, countPeople(s.people), each, opts)
	if err != nil {
		return nil, err
	}
	res, err := prep.Match()
	if err != nil {
		return nil, err
	}
	// The candidate pairs and the columns are garbage now: collect them and
	// hand their memory back before the people return, or the heap would
	// grow to hold both until the collector's next cycle: the peak of a
	// ten-million-person run, 17.1 GB, came here.
	debug.FreeOSMemory()
	task := s.Progress.Start("read back people", 0, "records")
	s.Matching.People, err = readPeople(s.people, task)
	task.Done(err)
	if err != nil {
		return nil, err
	}
	return res, nil
}

func refPair(srcA, idA, srcB, idB, reason string) matching.RefPair {
	return matching.RefPair{A: stableid.Ref{Source: srcA, ID: idA}, B: stableid.Ref{Source: srcB, ID: idB}, Reason: reason}
}

// crossReferences turns declared cross-reference columns (a loyalty row's
// ContactId, say) into always-match pairs. They are off unless the config
// declares them.
func crossReferences(s *State) []matching.RefPair {
	var out []matching.RefPair
	for _, x := range s.Config.Matching.CrossReference {
		r := s.loaded(x.FromSource)
		if r == nil {
			continue
		}
		var key string
		for _, src := range sources.Customer() {
			if src.Name == x.FromSource {
				key = src.Key
			}
		}
		reason := fmt.Sprintf("cross_reference %s.%s", x.FromSource, x.FromColumn)
		for i, to := range r.Kept[x.FromColumn] {
			if to != "" {
				out = append(out, refPair(x.FromSource, r.Kept[key][i], x.To, to, reason))
			}
		}
	}
	return out
}
