package pipeline

import (
	"context"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/matching/survive"
)

// Merge gives every cluster its stable customer id, picks each customer's
// attributes by the survivorship policy, and writes customer,
// customer_source, customer_id_history, match_pair and match_model.
func Merge(ctx context.Context, s *State) error {
	m := s.Matching
	refs := make([]stableid.Ref, len(m.People))
	for i, p := range m.People {
		refs[i] = stableid.Ref{Source: p.Source, ID: p.ID}
	}
	ids, err := stableid.Assign(refs, m.Result.Cluster, s.Previous.IDs, stableid.Run{ID: s.ID, Seq: s.Started.UnixMicro()})
	if err != nil {
		return err
	}
	customers, err := survive.Merge(m.People, m.Result.Cluster, s.Config.Matching.Survivorship)
	if err != nil {
		return err
	}
	s.Counts.Customers = len(customers)
	w := &matchWriter{s: s, ids: ids}
	err = parallel(
		func() error { return w.customerTables(ctx, customers) },
		func() error { return w.pairs(ctx) },
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
	logIDChanges(s, ids.Changes)
	return nil
}

func logIDChanges(s *State, changes []stableid.Change) {
	counts := map[stableid.Kind]int{}
	for _, c := range changes {
		counts[c.Kind]++
	}
	s.Log.Info("customer ids", "customers", s.Counts.Customers, "created", counts[stableid.Created],
		"merged", counts[stableid.Merged], "split", counts[stableid.Split], "retired", counts[stableid.Retired])
}
