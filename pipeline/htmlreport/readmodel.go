package htmlreport

import (
	"context"
	"database/sql"
	"fmt"

	c360sql "github.com/contoso/c360/sql"
)

// clusterHealth says how tightly customers' records hold together, and how
// the model was trained.
type clusterHealth struct {
	Multi, ThreeOrMore int64           // customers of two or more, and three or more, records
	MedianDensity      sql.NullFloat64 // of customers of three or more records
	LowestPair         sql.NullFloat64 // the lowest weight of a scored pair inside any customer
	Weakest            []weakCluster   // the customers with the weakest links inside
	Sessions           []session
	Placeholders       []placeholder
	PlaceholderCount   int64
}

// weakCluster is one customer with the figures of customer_cluster.
type weakCluster struct {
	ID             string
	Records, Links int64
	Density        float64
	MinPair, Link  sql.NullFloat64
}

// session is one training session of the model (match_session).
type session struct {
	Name                string
	Pairs, Training     int64
	Skipped             int64
	Matches, Households float64
	Estimated           string
}

// placeholder is a value treated as missing (match_placeholder).
type placeholder struct {
	Attribute, Value string
	Records          int64
	BuiltIn          bool
}

// listed is how many weak clusters and placeholders the report lists.
const listed = 10

func readClusterHealth(ctx context.Context, db querier) (*clusterHealth, error) {
	h := &clusterHealth{}
	err := db.QueryRowContext(ctx, c360sql.Query("read_htmlreport.sql", "cluster_health")).Scan(&h.Multi, &h.ThreeOrMore, &h.MedianDensity, &h.LowestPair, &h.PlaceholderCount)
	if err != nil {
		return nil, fmt.Errorf("reading the cluster figures: %w", err)
	}
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "weakest_clusters"), []any{listed},
		func(rows *sql.Rows) error {
			var c weakCluster
			err := rows.Scan(&c.ID, &c.Records, &c.Links, &c.Density, &c.MinPair, &c.Link)
			h.Weakest = append(h.Weakest, c)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("reading the weakest clusters: %w", err)
	}
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "sessions"), nil,
		func(rows *sql.Rows) error {
			var s session
			err := rows.Scan(&s.Name, &s.Pairs, &s.Training, &s.Skipped, &s.Matches, &s.Households, &s.Estimated)
			h.Sessions = append(h.Sessions, s)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("reading the training sessions: %w", err)
	}
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "placeholders"), []any{listed},
		func(rows *sql.Rows) error {
			var p placeholder
			err := rows.Scan(&p.Attribute, &p.Value, &p.Records, &p.BuiltIn)
			h.Placeholders = append(h.Placeholders, p)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("reading the placeholders: %w", err)
	}
	return h, nil
}
