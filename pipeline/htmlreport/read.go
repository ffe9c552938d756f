package htmlreport

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/contoso/c360/matching/score"
	c360sql "github.com/contoso/c360/sql"
	"github.com/contoso/c360/transform/sources"
)

// querier is what the readers need from a database.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// eachRow runs query and calls scan for every row.
func eachRow(ctx context.Context, db querier, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// hasTable reports whether table is in db's main schema.
func hasTable(ctx context.Context, db querier, table string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx,
		c360sql.Query("read_htmlreport.sql", "has_table"), table).Scan(&n)
	return n > 0, err
}

// runInfo is the published run the report is about: the latest in the
// run table.
type runInfo struct {
	ID           string
	Started      time.Time
	AsOf         time.Time
	Status       string
	Forced       bool
	Version      string
	Seconds      float64
	RowsRead     int64
	RowsRejected int64
	Sources      []sourceRow
	Stages       []stageTime
	Warnings     []string
	Rejects      []rejectRow
}

// Loaded is the rows loaded over every source.
func (r *runInfo) Loaded() int64 {
	var n int64
	for _, s := range r.Sources {
		n += s.Loaded
	}
	return n
}

// Reused is how many sources were reused from the download cache.
func (r *runInfo) Reused() int {
	n := 0
	for _, s := range r.Sources {
		if s.Reused {
			n++
		}
	}
	return n
}

type sourceRow struct {
	Source                 string
	URL                    string
	Bytes                  int64
	Read, Loaded, Rejected int64
	Reused                 bool
	HTTPStatus             sql.NullInt64
}

type stageTime struct {
	Stage   string
	Seconds float64
}

type rejectRow struct {
	Source, Column, Error string
	Rows                  int64
}

// sourceRank is the place of source s in the order sources are listed in
// (load order); unknown sources come last.
func sourceRank(s string) int {
	order := sources.Names(sources.All())
	if i := slices.Index(order, s); i >= 0 {
		return i
	}
	return len(order)
}

func readRun(ctx context.Context, db querier) (*runInfo, error) {
	r := &runInfo{}
	err := db.QueryRowContext(ctx, c360sql.Query("read_htmlreport.sql", "latest_run")).Scan(
		&r.ID, &r.Started, &r.AsOf, &r.Status, &r.Forced, &r.Version, &r.Seconds, &r.RowsRead, &r.RowsRejected)
	if err != nil {
		return nil, fmt.Errorf("reading the run: %w", err)
	}
	args := []any{r.ID}
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "run_files"), args, func(rows *sql.Rows) error {
		var s sourceRow
		err := rows.Scan(&s.Source, &s.URL, &s.Bytes, &s.Read, &s.Loaded, &s.Rejected, &s.Reused, &s.HTTPStatus)
		r.Sources = append(r.Sources, s)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the run's files: %w", err)
	}
	slices.SortStableFunc(r.Sources, func(a, b sourceRow) int { return sourceRank(a.Source) - sourceRank(b.Source) })
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "run_stages"), args,
		func(rows *sql.Rows) error {
			var s stageTime
			err := rows.Scan(&s.Stage, &s.Seconds)
			r.Stages = append(r.Stages, s)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("reading the run's stages: %w", err)
	}
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "run_warnings"), args, func(rows *sql.Rows) error {
		var w string
		err := rows.Scan(&w)
		r.Warnings = append(r.Warnings, w)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the run's warnings: %w", err)
	}
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "run_rejects"), args,
		func(rows *sql.Rows) error {
			var x rejectRow
			err := rows.Scan(&x.Source, &x.Column, &x.Error, &x.Rows)
			r.Rejects = append(r.Rejects, x)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("reading the run's rejects: %w", err)
	}
	return r, nil
}

// chartStages returns the stages to draw: a stage whose parts were timed
// too ("match" with "match.score", ...) gives way to its parts, so that
// the bars add up to the run.
func chartStages(stages []stageTime) []stageTime {
	var out []stageTime
	for _, s := range stages {
		split := slices.ContainsFunc(stages, func(o stageTime) bool { return strings.HasPrefix(o.Stage, s.Stage+".") })
		if !split {
			out = append(out, s)
		}
	}
	return out
}

// unification is how source records became customers.
type unification struct {
	Records         int64
	Customers       int64
	Links           int64 // scored pairs that were linked
	PairsCompared   int64
	Threshold       float64 // match probability
	ThresholdWeight float64
	Prior           float64
	PerSource       []sourceMatch
	ClusterSizes    []clusterSize // sizes 1 to the largest, with zeros
	Weights         []weightBin
	Near            []link // nearest the threshold, by falling weight
	Health          *clusterHealth
}

// sourceMatch is, for one source, how many of its records share their
// customer with another record.
type sourceMatch struct {
	Source    string
	Records   int64
	Linked    int64
	Customers int64
}

// Rate is the share of the source's records linked to another record.
func (s sourceMatch) Rate() float64 {
	if s.Records == 0 {
		return 0
	}
	return float64(s.Linked) / float64(s.Records)
}

type clusterSize struct {
	Records   int
	Customers int64
}

type weightBin struct {
	Min, Max float64
	Pairs    int64
}

// link is one scored pair with its evidence.
type link struct {
	Left, Right string
	Weight      float64
	Probability float64
	Matched     bool
	Evidence    []evidence
}

type evidence struct {
	Comparison string
	Label      string
	Weight     float64
}

// nearCount is how many links nearest the threshold the report lists.
const nearCount = 20

func readUnification(ctx context.Context, db querier) (*unification, error) {
	u := &unification{}
	err := db.QueryRowContext(ctx, c360sql.Query("read_htmlreport.sql", "unification")).Scan(
		&u.Records, &u.Customers, &u.Links, &u.PairsCompared, &u.Threshold, &u.Prior)
	if err != nil {
		return nil, fmt.Errorf("reading the matching figures: %w", err)
	}
	u.ThresholdWeight = score.WeightOf(u.Threshold)
	if err := readSourceMatch(ctx, db, u); err != nil {
		return nil, err
	}
	if err := readClusterSizes(ctx, db, u); err != nil {
		return nil, err
	}
	if u.Health, err = readClusterHealth(ctx, db); err != nil {
		return nil, err
	}
	if err := readWeights(ctx, db, u); err != nil {
		return nil, err
	}
	near, err := readNear(ctx, db, u.ThresholdWeight)
	if err != nil {
		return nil, err
	}
	u.Near = near
	return u, nil
}

func readSourceMatch(ctx context.Context, db querier, u *unification) error {
	err := eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "linked_per_source"), nil, func(rows *sql.Rows) error {
		var m sourceMatch
		err := rows.Scan(&m.Source, &m.Records, &m.Linked, &m.Customers)
		u.PerSource = append(u.PerSource, m)
		return err
	})
	if err != nil {
		return fmt.Errorf("reading the match rate per source: %w", err)
	}
	slices.SortStableFunc(u.PerSource, func(a, b sourceMatch) int { return sourceRank(a.Source) - sourceRank(b.Source) })
	return nil
}

func readClusterSizes(ctx context.Context, db querier, u *unification) error {
	counts := make(map[int]int64)
	largest := 0
	err := eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "cluster_sizes"), nil,
		func(rows *sql.Rows) error {
			var n int
			var c int64
			err := rows.Scan(&n, &c)
			counts[n] = c
			largest = max(largest, n)
			return err
		})
	if err != nil {
		return fmt.Errorf("reading the cluster sizes: %w", err)
	}
	for n := 1; n <= largest; n++ {
		u.ClusterSizes = append(u.ClusterSizes, clusterSize{Records: n, Customers: counts[n]})
	}
	return nil
}

// readWeights bins the match weights in bins one unit (one bit of odds)
// wide, or wider to keep at most maxBins.
func readWeights(ctx context.Context, db querier, u *unification) error {
	const maxBins = 80
	var lo, hi sql.NullFloat64
	if err := db.QueryRowContext(ctx, c360sql.Query("read_htmlreport.sql", "weight_range")).Scan(&lo, &hi); err != nil {
		return fmt.Errorf("reading the match weights: %w", err)
	}
	if !lo.Valid {
		return nil
	}
	start := math.Floor(min(lo.Float64, u.ThresholdWeight))
	width := math.Max(1, math.Ceil((math.Max(hi.Float64, u.ThresholdWeight)-start+1)/maxBins))
	bins, err := histogram(ctx, db, c360sql.Query("read_htmlreport.sql", "weights"), start, width)
	if err != nil {
		return fmt.Errorf("reading the match weights: %w", err)
	}
	u.Weights = bins
	return nil
}

// histogram counts the values the query selects in bins of width from
// start, up to the last non-empty bin.
func histogram(ctx context.Context, db querier, values string, start, width float64) ([]weightBin, error) {
	counts := make(map[int64]int64)
	var last int64 = -1
	err := eachRow(ctx, db, `SELECT CAST(floor((v - ?) / ?) AS BIGINT) AS b, count(*)
		FROM (`+values+`) AS t(v) WHERE v IS NOT NULL GROUP BY b`, []any{start, width},
		func(rows *sql.Rows) error {
			var b, n int64
			err := rows.Scan(&b, &n)
			counts[b] = n
			last = max(last, b)
			return err
		})
	if err != nil {
		return nil, err
	}
	bins := make([]weightBin, 0, last+1)
	for b := int64(0); b <= last; b++ {
		lo := start + float64(b)*width
		bins = append(bins, weightBin{Min: lo, Max: lo + width, Pairs: counts[b]})
	}
	return bins, nil
}
