package pipeline

import (
	"context"
	"runtime/debug"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/matching/survive"
)

// Merge gives every cluster its stable customer id, picks each customer's
// attributes by the survivorship policy, and writes customer,
// customer_source, customer_id_history, match_pair and match_model.
func Merge(ctx context.Context, s *State) error {
	w := &matchWriter{s: s}
	// match_pair needs neither the ids nor the customers, so it is written
	// while they are worked out (each of the two takes a core for a second
	// or two at a million persons); the other tables wait for the ids.
	err := parallel(
		func() error { return w.pairs(ctx) },
		func() error { return w.customerSide(ctx) })
	if err != nil {
		return err
	}
	// The stages after merge read the database, and the summary only the
	// match statistics: the people and the pairs (over 6 GB at ten million
	// persons) can go, and their memory back to the system for DuckDB's
	// joins in measures.
	m := s.Matching
	m.People, m.Result.Pairs, m.Result.Cluster, m.Result.Clusters = nil, nil, nil, nil
	debug.FreeOSMemory()
	return nil
}

// customerSide works out the stable ids and groups the records by
// customer at once, then writes the tables that need them. Survivorship
// picks each customer's attributes as its row is written, so the customers
// are never all held (some 2.5 GB at ten million persons).
func (w *matchWriter) customerSide(ctx context.Context) error {
	s, m := w.s, w.s.Matching
	var customers *survive.Merger
	err := parallel(
		func() error {
			return whole(s.Progress, "customer ids", len(m.People), "records", func() (err error) {
				w.ids, err = assignIDs(ctx, s)
				return err
			})
		},
		func() (err error) {
			customers, err = survive.NewMerger(m.People, m.Result.Cluster, s.Config.Matching.Survivorship)
			return err
		})
	if err != nil {
		return err
	}
	s.Counts.Customers = customers.Len()
	err = parallel(
		func() error { return w.customerTables(ctx, customers) },
		func() error {
			if err := w.history(ctx); err != nil {
				return err
			}
			if err := w.model(ctx); err != nil {
				return err
			}
			if err := w.training(ctx); err != nil {
				return err
			}
			return w.clusters(ctx)
		})
	if err != nil {
		return err
	}
	logIDChanges(s, w.ids.Changes)
	return nil
}

// assignIDs gives every cluster its stable customer id, reading the last
// published run's ids for it.
func assignIDs(ctx context.Context, s *State) (stableid.Result, error) {
	prev, err := readPreviousIDs(ctx, s.Config.Database)
	if err != nil {
		return stableid.Result{}, err
	}
	m := s.Matching
	refs := make([]stableid.Ref, len(m.People))
	for i, p := range m.People {
		refs[i] = stableid.Ref{Source: p.Source, ID: p.ID}
	}
	return stableid.Assign(refs, m.Result.Cluster, prev, stableid.Run{ID: s.ID, Seq: s.Started.UnixMicro()})
}

func logIDChanges(s *State, changes []stableid.Change) {
	counts := map[stableid.Kind]int{}
	for _, c := range changes {
		counts[c.Kind]++
	}
	s.Log.Info("customer ids", "customers", s.Counts.Customers, "created", counts[stableid.Created],
		"merged", counts[stableid.Merged], "split", counts[stableid.Split], "retired", counts[stableid.Retired])
}
