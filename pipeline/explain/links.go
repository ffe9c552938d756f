package explain

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/pipeline/bulk"
	c360sql "github.com/contoso/c360/sql"
)

// links returns the kept pairs touching the customer's records: first the
// pairs inside the customer, then near misses with other customers, each
// group by falling weight.
func links(ctx context.Context, db *sql.DB, id string) ([]Link, error) {
	comps, err := comparisons(ctx, db)
	if err != nil {
		return nil, err
	}
	labels, err := levelLabels(ctx, db)
	if err != nil {
		return nil, err
	}
	// The customer's records first, then the pairs touching them: joining
	// all of match_pair to customer_source before filtering reads both
	// tables whole for every customer.
	return scanLinks(ctx, db, comps, labels, c360sql.Query("read_explain.sql", "customer_links"), id)
}

// Pair explains the scored pair of records a and b, written "source:id",
// in either order. It returns ErrNotFound when the pair was not kept.
func Pair(ctx context.Context, db *sql.DB, a, b string) (*Link, error) {
	refA, _ := stableid.ParseRef(a)
	refB, _ := stableid.ParseRef(b)
	comps, err := comparisons(ctx, db)
	if err != nil {
		return nil, err
	}
	labels, err := levelLabels(ctx, db)
	if err != nil {
		return nil, err
	}
	found, err := scanLinks(ctx, db, comps, labels, c360sql.Query("read_explain.sql", "pair_link"), refA.Source, refA.ID, refB.Source, refB.ID)
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, fmt.Errorf("%w: no scored pair %s ~ %s", ErrNotFound, a, b)
	}
	return &found[0], nil
}

// scanLinks runs query, which returns match_pair rows with a
// within_customer column, and turns each row into a Link.
func scanLinks(ctx context.Context, db *sql.DB, comps []string, labels map[string]level, query string, args ...any) ([]Link, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []Link
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			row[c] = vals[i]
		}
		out = append(out, linkFrom(row, comps, labels))
	}
	return out, rows.Err()
}

func linkFrom(row map[string]any, comps []string, labels map[string]level) Link {
	l := Link{
		Left:         stableid.Ref{Source: fmt.Sprint(row["source_l"]), ID: fmt.Sprint(row["id_l"])}.String(),
		Right:        stableid.Ref{Source: fmt.Sprint(row["source_r"]), ID: fmt.Sprint(row["id_r"])}.String(),
		Weight:       bulk.Float(row["match_weight"]),
		Probability:  bulk.Float(row["match_probability"]),
		Matched:      row["matched"] == true,
		BlockingRule: fmt.Sprint(row["blocking_rule"]),
		Within:       row["within_customer"] == true,
	}
	for _, c := range comps {
		level := int(bulk.Float(row[c+"_level"]))
		ev := Evidence{
			Comparison: c,
			Level:      level,
			Weight:     bulk.Float(row[c+"_weight"]),
		}
		lv := labels[fmt.Sprintf("%s/%d", c, level)]
		ev.Label, ev.Kind, ev.Meaning = lv.label, lv.kind, lv.meaning
		l.Evidence = append(l.Evidence, ev)
	}
	return l
}

// comparisons lists the model's comparisons in match_pair's column order.
func comparisons(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, c360sql.Query("read_explain.sql", "comparisons"))
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, strings.TrimSuffix(c, "_level"))
	}
	return out, rows.Err()
}

// level is a model level's label and kind, as match_model holds them,
// and what the kind means (spec.Kinds).
type level struct{ label, kind, meaning string }

// levelLabels maps "comparison/level" to the level's label, kind and
// meaning.
func levelLabels(ctx context.Context, db *sql.DB) (map[string]level, error) {
	rows, err := db.QueryContext(ctx, c360sql.Query("read_explain.sql", "level_labels"))
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	defer rows.Close()
	out := make(map[string]level)
	for rows.Next() {
		var c, label, kind string
		var n int
		if err := rows.Scan(&c, &n, &label, &kind); err != nil {
			return nil, err
		}
		lv := level{label: label, kind: kind}
		if info, ok := spec.Info(spec.Kind(kind)); ok {
			lv.meaning = info.Meaning
		}
		out[fmt.Sprintf("%s/%d", c, n)] = lv
	}
	return out, rows.Err()
}
