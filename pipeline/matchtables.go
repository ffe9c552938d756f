package pipeline

import (
	"context"
	"math"

	"github.com/contoso/c360/pipeline/bulk"
)

// training writes how the model was trained and what it set aside:
// match_session and match_placeholder.
func (w *matchWriter) training(ctx context.Context) error {
	m := w.s.Matching
	sessions := m.Result.Params.Sessions
	cols, err := declaredColumns("match_session")
	if err != nil {
		return err
	}
	err = writeRows(ctx, w.s.Build.DB, "match_session", cols,
		len(sessions), func(bw *bulk.Writer, i int) {
			s := sessions[i]
			bw.String(0, s.Name)
			bw.Int64(1, s.Pairs)
			bw.Int64(2, s.TrainingPairs)
			bw.Int64(3, int64(s.SkippedBlocks))
			bw.Float64(4, s.Matches)
			bw.Float64(5, s.Households)
			bw.Strings(6, s.Estimated)
			bw.Bool(7, s.Converged)
		})
	if err != nil {
		return err
	}
	found := m.Result.Stats.Placeholders
	if cols, err = declaredColumns("match_placeholder"); err != nil {
		return err
	}
	return writeRows(ctx, w.s.Build.DB, "match_placeholder", cols,
		len(found), func(bw *bulk.Writer, i int) {
			p := found[i]
			bw.String(0, string(p.Attr))
			bw.String(1, p.Value)
			bw.Int64(2, int64(p.Records))
			bw.Bool(3, p.BuiltIn)
		})
}

// clusters writes customer_cluster: how tightly each customer's records
// hold together.
func (w *matchWriter) clusters(ctx context.Context) error {
	stats := w.s.Matching.Result.Clusters
	cols, err := declaredColumns("customer_cluster")
	if err != nil {
		return err
	}
	return writeRows(ctx, w.s.Build.DB, "customer_cluster", cols,
		len(stats), func(bw *bulk.Writer, i int) {
			c := stats[i]
			bw.String(0, w.ids.IDs[c.Cluster])
			bw.Int64(1, int64(c.Size))
			bw.Int64(2, int64(c.Links))
			bw.Float64(3, c.Density)
			optFloat(bw, 4, c.MinWeight)
			optFloat(bw, 5, c.WeakestLink)
		})
}

// optFloat sets column i to v, or NULL when v is not a number.
func optFloat(bw *bulk.Writer, i int, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		bw.Null(i)
		return
	}
	bw.Float64(i, v)
}
