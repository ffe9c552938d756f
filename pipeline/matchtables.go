package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/matching/survive"
	"github.com/contoso/c360/pipeline/bulk"
	c360sql "github.com/contoso/c360/sql"
	"github.com/contoso/c360/transform"
)

// matchWriter writes the match stages' tables.
type matchWriter struct {
	s    *State
	ids  stableid.Result
	refs []string // "source:id" of each person, for lineage
}

// customerTables writes customer_source, and customer from the TEMP table
// customer_stage, all on one connection (the only one that sees the stage).
func (w *matchWriter) customerTables(ctx context.Context, customers []survive.Customer) error {
	conn, err := w.s.Build.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := c360sql.Exec(ctx, conn, "customer_stage.sql"); err != nil {
		return err
	}
	// The stage (on conn) and customer_source (on a connection of its own)
	// are written at once; customer.sql joins them.
	err = parallel(
		func() error { return w.customers(ctx, conn, customers) },
		func() error { return w.customerSources(ctx) })
	if err != nil {
		return err
	}
	return c360sql.Exec(ctx, conn, "customer.sql")
}

// customers writes customer_stage, from which customer.sql builds the
// customer table once customer_source is written.
func (w *matchWriter) customers(ctx context.Context, conn *sql.Conn, customers []survive.Customer) error {
	people := w.s.Matching.People
	w.refs = make([]string, len(people))
	for i, p := range people {
		w.refs[i] = p.Source + ":" + p.ID
	}
	attrs := survive.Attributes()
	cols, err := declaredColumns("customer_stage")
	if err != nil {
		return err
	}
	n := len(attrs)
	for k, a := range attrs { // the writer sets attribute k at 1+k and its record at 1+n+k
		if cols[1+k].Name != a.String() || cols[1+n+k].Name != a.String()+"_from" {
			return fmt.Errorf("customer_stage declares %s and %s where the writer puts %s", cols[1+k].Name, cols[1+n+k].Name, a)
		}
	}
	row, done := trackedRows(w.s.Progress, "write customer", len(customers), func(bw *bulk.Writer, ci int) {
		c := &customers[ci]
		bw.String(0, w.ids.IDs[c.Cluster])
		for k, a := range attrs {
			if a == survive.DateOfBirth {
				writeDate(bw, 1+k, c.DateOfBirth)
			} else {
				bw.OptString(1+k, c.Value(a))
			}
			if from := c.From[a]; from >= 0 {
				bw.String(1+n+k, w.refs[from])
			} else {
				bw.Null(1 + n + k)
			}
		}
		bw.Int64(1+2*n, w.ids.Born[c.Cluster]) // microseconds, as Run.Seq
	})
	err = writeRowsOn(ctx, conn, "customer_stage", cols, len(customers), row)
	done(err)
	return err
}

func writeDate(w *bulk.Writer, col int, d transform.Date) {
	if d.IsZero() {
		w.Null(col)
		return
	}
	w.Time(col, time.Date(int(d.Year), time.Month(d.Month), int(d.Day), 0, 0, 0, 0, time.UTC))
}

func (w *matchWriter) customerSources(ctx context.Context) error {
	people := w.s.Matching.People
	cluster := w.s.Matching.Result.Cluster
	cols, err := declaredColumns("customer_source")
	if err != nil {
		return err
	}
	row, done := trackedRows(w.s.Progress, "write customer_source", len(people), func(bw *bulk.Writer, i int) {
		bw.String(0, w.ids.IDs[cluster[i]])
		bw.String(1, people[i].Source)
		bw.String(2, people[i].ID)
		bw.Int64(3, int64(people[i].Line))
	})
	err = writeRows(ctx, w.s.Build.DB, "customer_source", cols, len(people), row)
	done(err)
	return err
}

func (w *matchWriter) history(ctx context.Context) error {
	ch := w.ids.Changes
	cols, err := declaredColumns("customer_id_history")
	if err != nil {
		return err
	}
	return writeRows(ctx, w.s.Build.DB, "customer_id_history", cols, len(ch), func(bw *bulk.Writer, i int) {
		bw.OptString(0, ch[i].CustomerID)
		bw.OptString(1, ch[i].PreviousID)
		bw.String(2, string(ch[i].Kind))
		bw.String(3, ch[i].RunID)
	})
}

// pairs writes match_pair: every kept pair with its weight, probability and,
// for each comparison, the level reached and the weight it added. A pair is
// kept when it is a link or a near miss, of probability at least the model's
// review floor (0.01, within 6.6 bits of the 0.5 threshold): what review and
// explain read. The other candidates are only counted (README, "What
// match_pair keeps").
func (w *matchWriter) pairs(ctx context.Context) error {
	m := w.s.Matching
	comps := m.Model.Comparisons
	names := make([]string, len(comps))
	for k, c := range comps {
		names[k] = c.Name
	}
	if err := addTemplateColumns(ctx, w.s.Build.DB, "match_pair", names); err != nil {
		return err
	}
	cols, err := declaredColumns("match_pair", names...)
	if err != nil {
		return err
	}
	rules := m.Model.Blocking
	pairs := m.Result.Pairs
	row, done := trackedRows(w.s.Progress, "write match_pair", len(pairs), func(bw *bulk.Writer, i int) {
		p := &pairs[i]
		l, r := &m.People[p.L], &m.People[p.R]
		bw.String(0, l.Source)
		bw.String(1, l.ID)
		bw.String(2, r.Source)
		bw.String(3, r.ID)
		bw.Float64(4, p.Weight)
		bw.Float64(5, p.Prob)
		bw.Bool(6, p.Matched)
		rule := ""
		if int(p.Rule) < len(rules) {
			rule = rules[p.Rule].Name
		}
		bw.String(7, rule)
		for k := range comps {
			bw.Int64(8+2*k, int64(p.Levels[k]))
			bw.Float64(9+2*k, float64(p.Weights[k]))
		}
	})
	err = writeRows(ctx, w.s.Build.DB, "match_pair", cols, len(pairs), row)
	done(err)
	return err
}

func (w *matchWriter) model(ctx context.Context) error {
	m := w.s.Matching
	params := m.Result.Params
	scalars := []struct {
		name  string
		value float64
	}{
		{"threshold", m.Model.Threshold},
		{"review_floor", m.Model.ReviewFloor},
		{"lambda", params.Lambda},
		{"prior_weight", params.PriorWeight()},
		{"candidate_pairs", float64(params.CandidatePairs)},
		{"em_iterations", float64(params.Iterations)},
		{"household_lambda", params.HouseholdLambda},
		{"linkage_cuts", float64(m.Result.Stats.LinkageCuts)},
		{"contradiction_cuts", float64(m.Result.Stats.ContradictionCuts)},
		{"placeholders", float64(len(m.Result.Stats.Placeholders))},
		{"pairs_per_record", m.Result.Stats.PerRecord},
		{"pairs_of_a_record_p50", float64(m.Result.Stats.Spread.P50)},
		{"pairs_of_a_record_p90", float64(m.Result.Stats.Spread.P90)},
		{"pairs_of_a_record_p99", float64(m.Result.Stats.Spread.P99)},
		{"pairs_of_a_record_max", float64(m.Result.Stats.Spread.Max)},
	}
	cols, err := declaredColumns("match_param")
	if err != nil {
		return err
	}
	err = writeRows(ctx, w.s.Build.DB, "match_param", cols,
		len(scalars), func(bw *bulk.Writer, i int) {
			bw.String(0, scalars[i].name)
			bw.Float64(1, scalars[i].value)
		})
	if err != nil {
		return err
	}
	rules := m.Result.Stats.Rules
	skipped := make(map[string][2]int)
	for _, r := range m.Result.Stats.Blocking.Rules {
		skipped[r.Name] = [2]int{r.SkippedBlocks, r.SkippedRecords}
	}
	if cols, err = declaredColumns("match_rule"); err != nil {
		return err
	}
	err = writeRows(ctx, w.s.Build.DB, "match_rule", cols, len(rules), func(bw *bulk.Writer, i int) {
		bw.String(0, rules[i].Name)
		bw.Int64(1, int64(i+1))
		bw.Int64(2, rules[i].Candidates)
		bw.Int64(3, rules[i].Kept)
		bw.Int64(4, rules[i].Matched)
		bw.Int64(5, int64(skipped[rules[i].Name][0]))
		bw.Int64(6, int64(skipped[rules[i].Name][1]))
	})
	if err != nil {
		return err
	}
	type level struct {
		comp, attr, label, kind string
		l                       int
		m, u, weight            float64
	}
	var levels []level
	for k, c := range m.Model.Comparisons {
		for l, lp := range params.Comparisons[k].Levels {
			levels = append(levels, level{c.Name, string(c.Attr), lp.Label, string(c.Levels[l].Kind), l, lp.M, lp.U, lp.Weight})
		}
	}
	if cols, err = declaredColumns("match_model"); err != nil {
		return err
	}
	return writeRows(ctx, w.s.Build.DB, "match_model", cols, len(levels), func(bw *bulk.Writer, i int) {
		v := levels[i]
		bw.String(0, v.comp)
		bw.String(1, v.attr)
		bw.Int64(2, int64(v.l))
		bw.String(3, v.label)
		bw.String(4, v.kind)
		bw.Float64(5, v.m)
		bw.Float64(6, v.u)
		bw.Float64(7, v.weight)
	})
}

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
