package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/matching/survive"
	"github.com/contoso/c360/pipeline/bulk"
	c360sql "github.com/contoso/c360/sql"
	"github.com/contoso/c360/transform"
)

// matchWriter writes the match stages' tables.
type matchWriter struct {
	s   *State
	ids stableid.Result
}

// customerTables writes customer_source, and customer from the TEMP table
// customer_stage, all on one connection (the only one that sees the stage).
func (w *matchWriter) customerTables(ctx context.Context, customers *survive.Merger) error {
	conn, err := w.s.Build.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := c360sql.Exec(ctx, conn, "customer_stage.sql"); err != nil {
		return err
	}
	// The stage (on conn) and customer_source (on a connection of its own)
	// are written at once; customer.sql joins them. The "write customer"
	// task ends when customer.sql has.
	var done func(error)
	err = parallel(
		func() (err error) { done, err = w.customers(ctx, conn, customers); return err },
		func() error { return w.customerSources(ctx) })
	if err != nil {
		if done != nil {
			done(err)
		}
		return err
	}
	err = c360sql.Exec(ctx, conn, "customer.sql")
	done(err)
	return err
}

// customers writes customer_stage, from which customer.sql builds the
// customer table once customer_source is written. Unless it fails, it
// returns the "write customer" task's done, for the caller to call when
// the customer table is built.
func (w *matchWriter) customers(ctx context.Context, conn *sql.Conn, customers *survive.Merger) (func(error), error) {
	people := w.s.Matching.People
	attrs := survive.Attributes()
	b, err := bindDeclared("customer_stage")
	if err != nil {
		return nil, err
	}
	id := b.Index("customer_id")
	value, from := make([]int, len(attrs)), make([]int, len(attrs)) // attribute k's column and its record's
	for k, a := range attrs {
		value[k], from[k] = b.Index(a.String()), b.Index(a.String()+"_from")
	}
	born := b.Index("first_seen_at")
	records, sources := b.Index("record_count"), b.Index("sources")
	cols, err := b.Columns()
	if err != nil {
		return nil, err
	}
	lists, err := newSourceLists(w.s.Matching.Result.Stats.Sources)
	if err != nil {
		return nil, err
	}
	var c survive.Customer
	row, done := trackedRows(w.s.Progress, "write customer", customers.Len(), func(bw *bulk.Writer, ci int) {
		customers.Build(ci, &c)
		members := customers.Members(ci)
		bw.String(id, w.ids.IDs[c.Cluster])
		bw.Int64(records, int64(len(members)))
		bw.String(sources, lists.of(people, members))
		for k, a := range attrs {
			if a == survive.DateOfBirth {
				writeDate(bw, value[k], c.DateOfBirth)
			} else {
				bw.OptString(value[k], c.Value(a))
			}
			if r := c.From[a]; r >= 0 {
				bw.Ref(from[k], people[r].Source, people[r].ID)
			} else {
				bw.Null(from[k])
			}
		}
		bw.Int64(born, w.ids.Born[c.Cluster]) // microseconds, as Run.Seq
	})
	if err := writeRowsOn(ctx, conn, "customer_stage", cols, customers.Len(), row); err != nil {
		done(err)
		return nil, err
	}
	return done, nil
}

// sourceLists gives the names of the sources of a customer's records,
// sorted and joined by commas: one string for each set of sources, however
// many customers share it.
type sourceLists struct {
	bit    map[string]uint // source name -> its bit in a set
	names  []string        // by bit
	joined map[uint64]string
}

// newSourceLists takes the names of every source the people come from
// (matching's Stats.Sources).
func newSourceLists(names []string) (*sourceLists, error) {
	if len(names) > 64 {
		return nil, fmt.Errorf("customer sources: %d profile sources, at most 64", len(names))
	}
	l := &sourceLists{bit: map[string]uint{}, names: names, joined: map[uint64]string{}}
	for b, name := range names {
		l.bit[name] = uint(b)
	}
	return l, nil
}

// of returns the list of the records members of people.
func (l *sourceLists) of(people []transform.Person, members []int32) string {
	var set uint64
	for _, r := range members {
		set |= 1 << l.bit[people[r].Source]
	}
	s, ok := l.joined[set]
	if !ok {
		var in []string
		for b, name := range l.names {
			if set&(1<<b) != 0 {
				in = append(in, name)
			}
		}
		slices.Sort(in)
		s = strings.Join(in, ",")
		l.joined[set] = s
	}
	return s
}

// writeDate sets column col to d, or NULL when d is unknown.
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
	b, err := bindDeclared("customer_source")
	if err != nil {
		return err
	}
	id, source, sourceID, line := b.Index("customer_id"), b.Index("source"), b.Index("source_id"), b.Index("source_line")
	cols, err := b.Columns()
	if err != nil {
		return err
	}
	row, done := trackedRows(w.s.Progress, "write customer_source", len(people), func(bw *bulk.Writer, i int) {
		bw.String(id, w.ids.IDs[cluster[i]])
		bw.String(source, people[i].Source)
		bw.String(sourceID, people[i].ID)
		bw.Int64(line, int64(people[i].Line))
	})
	err = writeRows(ctx, w.s.Build.DB, "customer_source", cols, len(people), row)
	done(err)
	return err
}

func (w *matchWriter) history(ctx context.Context) error {
	ch := w.ids.Changes
	b, err := bindDeclared("customer_id_history")
	if err != nil {
		return err
	}
	id, previous, change, run := b.Index("customer_id"), b.Index("previous_customer_id"), b.Index("change"), b.Index("run_id")
	cols, err := b.Columns()
	if err != nil {
		return err
	}
	row, done := trackedRows(w.s.Progress, "write customer_id_history", len(ch), func(bw *bulk.Writer, i int) {
		bw.OptString(id, ch[i].CustomerID)
		bw.OptString(previous, ch[i].PreviousID)
		bw.String(change, string(ch[i].Kind))
		bw.String(run, ch[i].RunID)
	})
	err = writeRows(ctx, w.s.Build.DB, "customer_id_history", cols, len(ch), row)
	done(err)
	return err
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
	b, err := bindDeclared("match_pair", names...)
	if err != nil {
		return err
	}
	sourceL, idL, sourceR, idR := b.Index("source_l"), b.Index("id_l"), b.Index("source_r"), b.Index("id_r")
	weight, prob, matched, blockingRule := b.Index("match_weight"), b.Index("match_probability"), b.Index("matched"), b.Index("blocking_rule")
	level, levelWeight := b.Template("{comparison}_level"), b.Template("{comparison}_weight") // one per comparison
	cols, err := b.Columns()
	if err != nil {
		return err
	}
	rules := m.Model.Blocking
	pairs := m.Result.Pairs
	row, done := trackedRows(w.s.Progress, "write match_pair", len(pairs), func(bw *bulk.Writer, i int) {
		p := &pairs[i]
		l, r := &m.People[p.L], &m.People[p.R]
		bw.String(sourceL, l.Source)
		bw.String(idL, l.ID)
		bw.String(sourceR, r.Source)
		bw.String(idR, r.ID)
		bw.Float64(weight, p.Weight)
		bw.Float64(prob, p.Prob)
		bw.Bool(matched, p.Matched)
		rule := ""
		if int(p.Rule) < len(rules) {
			rule = rules[p.Rule].Name
		}
		bw.String(blockingRule, rule)
		for k := range comps {
			bw.Int64(level[k], int64(p.Levels[k]))
			bw.Float64(levelWeight[k], float64(p.Weights[k]))
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
	b, err := bindDeclared("match_param")
	if err != nil {
		return err
	}
	name, value := b.Index("name"), b.Index("value")
	cols, err := b.Columns()
	if err != nil {
		return err
	}
	err = writeRows(ctx, w.s.Build.DB, "match_param", cols,
		len(scalars), func(bw *bulk.Writer, i int) {
			bw.String(name, scalars[i].name)
			bw.Float64(value, scalars[i].value)
		})
	if err != nil {
		return err
	}
	rules := m.Result.Stats.Rules
	skipped := make(map[string][2]int)
	for _, r := range m.Result.Stats.Blocking.Rules {
		skipped[r.Name] = [2]int{r.SkippedBlocks, r.SkippedRecords}
	}
	if b, err = bindDeclared("match_rule"); err != nil {
		return err
	}
	rule, seq, candidates, kept, matched := b.Index("rule"), b.Index("seq"), b.Index("candidates"), b.Index("kept"), b.Index("matched")
	skippedBlocks, skippedRecords := b.Index("skipped_blocks"), b.Index("skipped_records")
	if cols, err = b.Columns(); err != nil {
		return err
	}
	err = writeRows(ctx, w.s.Build.DB, "match_rule", cols, len(rules), func(bw *bulk.Writer, i int) {
		bw.String(rule, rules[i].Name)
		bw.Int64(seq, int64(i+1))
		bw.Int64(candidates, rules[i].Candidates)
		bw.Int64(kept, rules[i].Kept)
		bw.Int64(matched, rules[i].Matched)
		bw.Int64(skippedBlocks, int64(skipped[rules[i].Name][0]))
		bw.Int64(skippedRecords, int64(skipped[rules[i].Name][1]))
	})
	if err != nil {
		return err
	}
	type level struct {
		comp, attr, label, kind string
		l                       int
		m, u, weight, matches   float64
	}
	var levels []level
	for k, c := range m.Model.Comparisons {
		for l, lp := range params.Comparisons[k].Levels {
			levels = append(levels, level{c.Name, string(c.Attr), lp.Label, string(c.Levels[l].Kind), l, lp.M, lp.U, lp.Weight, lp.Matches})
		}
	}
	if b, err = bindDeclared("match_model"); err != nil {
		return err
	}
	comparison, attribute, lvl, label, kind := b.Index("comparison"), b.Index("attribute"), b.Index("level"), b.Index("label"), b.Index("kind")
	mCol, uCol, weight, matches := b.Index("m"), b.Index("u"), b.Index("weight"), b.Index("training_matches")
	if cols, err = b.Columns(); err != nil {
		return err
	}
	return writeRows(ctx, w.s.Build.DB, "match_model", cols, len(levels), func(bw *bulk.Writer, i int) {
		v := levels[i]
		bw.String(comparison, v.comp)
		bw.String(attribute, v.attr)
		bw.Int64(lvl, int64(v.l))
		bw.String(label, v.label)
		bw.String(kind, v.kind)
		bw.Float64(mCol, v.m)
		bw.Float64(uCol, v.u)
		bw.Float64(weight, v.weight)
		bw.Float64(matches, v.matches)
	})
}

// training writes how the model was trained and what it set aside:
// match_session and match_placeholder.
func (w *matchWriter) training(ctx context.Context) error {
	m := w.s.Matching
	sessions := m.Result.Params.Sessions
	b, err := bindDeclared("match_session")
	if err != nil {
		return err
	}
	session, pairs, training, skipped := b.Index("session"), b.Index("pairs"), b.Index("training_pairs"), b.Index("skipped_blocks")
	matches, households, estimated, converged := b.Index("matches"), b.Index("households"), b.Index("estimated"), b.Index("converged")
	cols, err := b.Columns()
	if err != nil {
		return err
	}
	err = writeRows(ctx, w.s.Build.DB, "match_session", cols,
		len(sessions), func(bw *bulk.Writer, i int) {
			s := sessions[i]
			bw.String(session, s.Name)
			bw.Int64(pairs, s.Pairs)
			bw.Int64(training, s.TrainingPairs)
			bw.Int64(skipped, int64(s.SkippedBlocks))
			bw.Float64(matches, s.Matches)
			bw.Float64(households, s.Households)
			bw.Strings(estimated, s.Estimated)
			bw.Bool(converged, s.Converged)
		})
	if err != nil {
		return err
	}
	found := m.Result.Stats.Placeholders
	if b, err = bindDeclared("match_placeholder"); err != nil {
		return err
	}
	attribute, value, records, builtIn := b.Index("attribute"), b.Index("value"), b.Index("records"), b.Index("built_in")
	if cols, err = b.Columns(); err != nil {
		return err
	}
	return writeRows(ctx, w.s.Build.DB, "match_placeholder", cols,
		len(found), func(bw *bulk.Writer, i int) {
			p := found[i]
			bw.String(attribute, string(p.Attr))
			bw.String(value, p.Value)
			bw.Int64(records, int64(p.Records))
			bw.Bool(builtIn, p.BuiltIn)
		})
}

// clusters writes customer_cluster: how tightly each customer's records
// hold together.
func (w *matchWriter) clusters(ctx context.Context) error {
	stats := w.s.Matching.Result.Clusters
	b, err := bindDeclared("customer_cluster")
	if err != nil {
		return err
	}
	id, records, links, density := b.Index("customer_id"), b.Index("records"), b.Index("links"), b.Index("density")
	minWeight, weakest := b.Index("min_pair_weight"), b.Index("weakest_link")
	cols, err := b.Columns()
	if err != nil {
		return err
	}
	row, done := trackedRows(w.s.Progress, "write customer_cluster", len(stats), func(bw *bulk.Writer, i int) {
		c := stats[i]
		bw.String(id, w.ids.IDs[c.Cluster])
		bw.Int64(records, int64(c.Size))
		bw.Int64(links, int64(c.Links))
		bw.Float64(density, c.Density)
		optFloat(bw, minWeight, c.MinWeight)
		optFloat(bw, weakest, c.WeakestLink)
	})
	err = writeRows(ctx, w.s.Build.DB, "customer_cluster", cols, len(stats), row)
	done(err)
	return err
}

// optFloat sets column i to v, or NULL when v is not a number.
func optFloat(bw *bulk.Writer, i int, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		bw.Null(i)
		return
	}
	bw.Float64(i, v)
}
