package htmlreport

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"

	c360sql "github.com/contoso/c360/sql"
)

// minEvidence is the smallest weight, in either direction, that the report
// lists as evidence; smaller ones would print as 0.00.
const minEvidence = 0.005

// readNear returns the nearCount scored pairs whose weight is nearest
// thresholdWeight, by falling weight, each with the evidence of every
// comparison that added or took away weight.
func readNear(ctx context.Context, db querier, thresholdWeight float64) ([]link, error) {
	comps, err := comparisons(ctx, db)
	if err != nil {
		return nil, err
	}
	labels := make(map[string]string)
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "level_labels"), nil, func(rows *sql.Rows) error {
		var c, label string
		var level int
		err := rows.Scan(&c, &level, &label)
		labels[fmt.Sprintf("%s/%d", c, level)] = label
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the match model: %w", err)
	}
	cols := []string{"source_l || ':' || id_l", "source_r || ':' || id_r", "match_weight", "match_probability", "matched"}
	for _, c := range comps {
		cols = append(cols, c360sql.QuoteIdent(c+"_level"), c360sql.QuoteIdent(c+"_weight"))
	}
	query := `SELECT ` + strings.Join(cols, ", ") + ` FROM match_pair
		ORDER BY abs(match_weight - ?), source_l, id_l, source_r, id_r LIMIT ?`
	var out []link
	err = eachRow(ctx, db, query, []any{thresholdWeight, nearCount}, func(rows *sql.Rows) error {
		l, err := scanLink(rows, comps, labels)
		out = append(out, l)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the links nearest the threshold: %w", err)
	}
	slices.SortStableFunc(out, func(a, b link) int {
		switch {
		case a.Weight > b.Weight:
			return -1
		case a.Weight < b.Weight:
			return 1
		}
		return 0
	})
	return out, nil
}

func scanLink(rows *sql.Rows, comps []string, labels map[string]string) (link, error) {
	var l link
	levels := make([]sql.NullInt64, len(comps))
	weights := make([]sql.NullFloat64, len(comps))
	dest := []any{&l.Left, &l.Right, &l.Weight, &l.Probability, &l.Matched}
	for i := range comps {
		dest = append(dest, &levels[i], &weights[i])
	}
	if err := rows.Scan(dest...); err != nil {
		return l, err
	}
	for i, c := range comps {
		if !weights[i].Valid || math.Abs(weights[i].Float64) < minEvidence {
			continue
		}
		l.Evidence = append(l.Evidence, evidence{
			Comparison: c,
			Label:      labels[fmt.Sprintf("%s/%d", c, levels[i].Int64)],
			Weight:     weights[i].Float64,
		})
	}
	return l, nil
}

// comparisons lists the model's comparisons in match_pair's column order.
func comparisons(ctx context.Context, db querier) ([]string, error) {
	var out []string
	err := eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "comparison_columns"), nil, func(rows *sql.Rows) error {
		var name string
		err := rows.Scan(&name)
		out = append(out, strings.TrimSuffix(name, "_level"))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading match_pair's comparisons: %w", err)
	}
	return out, nil
}
