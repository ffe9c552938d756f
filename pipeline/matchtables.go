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
	err := writeRows(ctx, w.s.Build.DB, "match_session", []bulk.Column{
		{Name: "session", Type: bulk.String}, {Name: "pairs", Type: bulk.Int64},
		{Name: "training_pairs", Type: bulk.Int64}, {Name: "skipped_blocks", Type: bulk.Int64},
		{Name: "matches", Type: bulk.Float64}, {Name: "households", Type: bulk.Float64},
		{Name: "estimated", Type: bulk.StringList}, {Name: "converged", Type: bulk.Bool}},
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
	return writeRows(ctx, w.s.Build.DB, "match_placeholder", []bulk.Column{
		{Name: "attribute", Type: bulk.String}, {Name: "value", Type: bulk.String},
		{Name: "records", Type: bulk.Int64}, {Name: "built_in", Type: bulk.Bool}},
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
	return writeRows(ctx, w.s.Build.DB, "customer_cluster", []bulk.Column{
		{Name: "customer_id", Type: bulk.String}, {Name: "records", Type: bulk.Int32},
		{Name: "links", Type: bulk.Int32}, {Name: "density", Type: bulk.Float64},
		{Name: "min_pair_weight", Type: bulk.Float64}, {Name: "weakest_link", Type: bulk.Float64}},
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
