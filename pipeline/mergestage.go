package pipeline

import (
	"context"
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/matching/survive"
	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/transform"
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
	ids, err := stableid.Assign(refs, m.Result.Cluster, s.Previous.IDs, stableid.Run{ID: s.ID, Seq: s.Started.Unix()})
	if err != nil {
		return err
	}
	policy, err := survivorship(s)
	if err != nil {
		return err
	}
	customers, err := survive.Merge(m.People, m.Result.Cluster, policy)
	if err != nil {
		return err
	}
	s.Counts.Customers = len(customers)
	w := &matchWriter{s: s, ids: ids}
	for _, write := range []func(context.Context, []survive.Customer) error{
		w.customers, w.customerSources, w.history, w.pairs, w.model,
	} {
		if err := write(ctx, customers); err != nil {
			return err
		}
	}
	logIDChanges(s, ids.Changes)
	return nil
}

// survivorship builds the policy from the config's rule names; attributes
// the config does not name keep the default rules.
func survivorship(s *State) (survive.Policy, error) {
	p := survive.Policy{}
	for name, rules := range s.Config.Matching.Survivorship {
		a, err := survive.ParseAttribute(name)
		if err != nil {
			return nil, s.Config.ErrorAt("matching.survivorship."+name, "%v", err)
		}
		for _, r := range rules {
			p[a] = append(p[a], survive.Rule{Kind: survive.RuleKind(r)})
		}
	}
	if err := p.Validate(); err != nil {
		return nil, s.Config.ErrorAt("matching.survivorship", "%v", err)
	}
	return p, nil
}

func logIDChanges(s *State, changes []stableid.Change) {
	counts := map[stableid.Kind]int{}
	for _, c := range changes {
		counts[c.Kind]++
	}
	s.Log.Info("customer ids", "customers", s.Counts.Customers, "created", counts[stableid.Created],
		"merged", counts[stableid.Merged], "split", counts[stableid.Split], "retired", counts[stableid.Retired])
}

// matchWriter writes the match stages' tables.
type matchWriter struct {
	s   *State
	ids stableid.Result
}

func (w *matchWriter) customers(ctx context.Context, customers []survive.Customer) error {
	people := w.s.Matching.People
	members := make([][]string, len(customers)) // sources per cluster
	counts := make([]int32, len(customers))
	for i, c := range w.s.Matching.Result.Cluster {
		counts[c]++
		if !slices.Contains(members[c], people[i].Source) {
			members[c] = append(members[c], people[i].Source)
		}
	}
	return appendRows(ctx, w.s.Build.DB, "customer", func(app *duckdb.Appender) error {
		row := make([]driver.Value, 0, survive.NumAttributes+5)
		for ci := range customers {
			c := &customers[ci]
			row = append(row[:0], w.ids.IDs[c.Cluster])
			lineage := make(map[string]any, survive.NumAttributes)
			for _, a := range survive.Attributes() {
				if a == survive.DateOfBirth {
					row = append(row, dateValue(c.DateOfBirth))
				} else {
					row = append(row, nullString(c.Value(a)))
				}
				var from any
				if p := c.Record(a, people); p != nil {
					from = p.Source + ":" + p.ID
				}
				lineage[a.String()] = from
			}
			srcs := slices.Sorted(slices.Values(members[c.Cluster]))
			born := time.Unix(w.ids.Born[c.Cluster], 0).UTC()
			row = append(row, counts[c.Cluster], srcs, born, lineage)
			if err := app.AppendRow(row...); err != nil {
				return err
			}
		}
		return nil
	})
}

func dateValue(d transform.Date) driver.Value {
	if d.IsZero() {
		return nil
	}
	return time.Date(int(d.Year), time.Month(d.Month), int(d.Day), 0, 0, 0, 0, time.UTC)
}

func (w *matchWriter) customerSources(ctx context.Context, _ []survive.Customer) error {
	cluster := w.s.Matching.Result.Cluster
	return appendRows(ctx, w.s.Build.DB, "customer_source", func(app *duckdb.Appender) error {
		for i, p := range w.s.Matching.People {
			if err := app.AppendRow(w.ids.IDs[cluster[i]], p.Source, p.ID, int64(p.Line)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (w *matchWriter) history(ctx context.Context, _ []survive.Customer) error {
	return appendRows(ctx, w.s.Build.DB, "customer_id_history", func(app *duckdb.Appender) error {
		for _, c := range w.ids.Changes {
			if err := app.AppendRow(nullString(c.CustomerID), nullString(c.PreviousID), string(c.Kind), c.RunID); err != nil {
				return err
			}
		}
		return nil
	})
}

// pairs writes match_pair: every kept pair with its weight, probability and,
// for each comparison, the level reached and the weight it added.
func (w *matchWriter) pairs(ctx context.Context, _ []survive.Customer) error {
	m := w.s.Matching
	var b strings.Builder
	b.WriteString(`CREATE TABLE match_pair (source_l VARCHAR NOT NULL, id_l VARCHAR NOT NULL,
		source_r VARCHAR NOT NULL, id_r VARCHAR NOT NULL, match_weight DOUBLE NOT NULL,
		match_probability DOUBLE NOT NULL, matched BOOLEAN NOT NULL, blocking_rule VARCHAR NOT NULL`)
	for _, c := range m.Model.Comparisons {
		fmt.Fprintf(&b, ", %s TINYINT, %s DOUBLE", load.QuoteIdent(c.Name+"_level"), load.QuoteIdent(c.Name+"_weight"))
	}
	b.WriteString(")")
	if _, err := w.s.Build.DB.ExecContext(ctx, b.String()); err != nil {
		return fmt.Errorf("create match_pair: %w", err)
	}
	rules := m.Model.Blocking
	return appendRows(ctx, w.s.Build.DB, "match_pair", func(app *duckdb.Appender) error {
		row := make([]driver.Value, 0, 8+2*len(m.Model.Comparisons))
		for _, p := range m.Result.Pairs {
			l, r := &m.People[p.L], &m.People[p.R]
			rule := ""
			if int(p.Rule) < len(rules) {
				rule = rules[p.Rule].Name
			}
			row = append(row[:0], l.Source, l.ID, r.Source, r.ID, p.Weight, p.Prob, p.Matched, rule)
			for k := range m.Model.Comparisons {
				row = append(row, p.Levels[k], float64(p.Weights[k]))
			}
			if err := app.AppendRow(row...); err != nil {
				return err
			}
		}
		return nil
	})
}

func (w *matchWriter) model(ctx context.Context, _ []survive.Customer) error {
	m := w.s.Matching
	params := m.Result.Params
	err := appendRows(ctx, w.s.Build.DB, "match_param", func(app *duckdb.Appender) error {
		for _, p := range []struct {
			name  string
			value float64
		}{
			{"threshold", m.Model.Threshold},
			{"review_floor", m.Model.ReviewFloor},
			{"lambda", params.Lambda},
			{"prior_weight", params.PriorWeight()},
			{"candidate_pairs", float64(params.CandidatePairs)},
			{"em_iterations", float64(params.Iterations)},
		} {
			if err := app.AppendRow(p.name, p.value); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return appendRows(ctx, w.s.Build.DB, "match_model", func(app *duckdb.Appender) error {
		for k, c := range m.Model.Comparisons {
			for l, lp := range params.Comparisons[k].Levels {
				if err := app.AppendRow(c.Name, string(c.Attr), int8(l), lp.Label, lp.M, lp.U, lp.Weight); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
