package pipeline

import (
	"fmt"
	"strings"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/review"
	"github.com/contoso/c360/transform"
)

// reviewedPairs reads the review file beside the config and returns the
// latest verdict on each pair as never-match (different people) and
// always-match (same person) pairs. A decision naming a record that this
// run did not load is not applied: it is counted and warned about. So is a
// decision on a pair the config's never_match or always_match already
// lists: the config wins.
func reviewedPairs(s *State) (never, always []matching.RefPair, err error) {
	path := review.FileFor(s.Config)
	decisions, err := review.Read(path)
	if err != nil || len(decisions) == 0 {
		return nil, nil, err
	}
	// Which of the records the decisions name this run loaded: one pass
	// over the people, remembering only those.
	loaded := make(map[stableid.Ref]bool)
	for _, d := range decisions {
		loaded[d.Left], loaded[d.Right] = false, false
	}
	err = s.eachPerson(nil, func(p *transform.Person) error {
		ref := stableid.Ref{Source: p.Source, ID: p.ID}
		if _, named := loaded[ref]; named {
			loaded[ref] = true
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	configured := make(map[[2]stableid.Ref]bool)
	for _, list := range [][]config.RecordPair{s.Config.Matching.NeverMatch, s.Config.Matching.AlwaysMatch} {
		for _, p := range list {
			configured[review.Decision{Left: p[0], Right: p[1]}.Key()] = true
		}
	}
	var missing, overridden []string
	for _, d := range review.Latest(decisions) {
		if d.Verdict == review.Skip {
			continue
		}
		pair := d.Left.String() + " ~ " + d.Right.String()
		switch {
		case !loaded[d.Left] || !loaded[d.Right]:
			missing = append(missing, pair)
			continue
		case configured[d.Key()]:
			overridden = append(overridden, pair)
			continue
		}
		reason := fmt.Sprintf("review by %s at %s: %s", d.By, d.At.Format("2006-01-02 15:04Z"), d.Verdict)
		rp := refPair(d.Left.Source, d.Left.ID, d.Right.Source, d.Right.ID, reason)
		if d.Verdict == review.Same {
			always = append(always, rp)
		} else {
			never = append(never, rp)
		}
	}
	s.Counts.ReviewApplied = len(never) + len(always)
	s.Counts.ReviewMissing = len(missing)
	if len(missing) > 0 {
		s.warn("%d review decisions in %s name records this run did not load, so they were not applied: %s",
			len(missing), path, firstFew(missing))
	}
	if len(overridden) > 0 {
		s.warn("%d review decisions in %s are on pairs the config's never_match/always_match lists; the config wins: %s",
			len(overridden), path, firstFew(overridden))
	}
	s.Log.Info("review decisions applied", "file", path, "same", len(always), "different", len(never))
	return never, always, nil
}

// firstFew lists up to five items and says how many more there are.
func firstFew(items []string) string {
	if len(items) <= 5 {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:5], ", "), len(items)-5)
}
