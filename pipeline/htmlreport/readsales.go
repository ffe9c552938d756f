package htmlreport

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	c360sql "github.com/contoso/c360/sql"
)

// measures is what customers spend.
type measures struct {
	Store, Online channel
	Unlinked      int64
	Mix           channelMix
	Spend         []weightBin // customers by lifetime spend, for those who bought
	Top           []topCustomer
}

// Total is the spend over both channels.
func (m *measures) Total() float64 { return m.Store.Spend + m.Online.Spend }

// Purchases is the number of purchases over both channels.
func (m *measures) Purchases() int64 { return m.Store.Purchases + m.Online.Purchases }

type channel struct {
	Channel   string // store or online
	Purchases int64
	Spend     float64
	Average   sql.NullFloat64
	Buyers    int64
}

// channelMix counts customers by where they buy.
type channelMix struct {
	StoreOnly, OnlineOnly, Both, None int64
}

type topCustomer struct {
	ID, Name, City    string
	Lifetime          float64
	Store, Online     float64
	Purchases, Points int64
	Last              sql.NullTime
}

// topCount is how many customers the top list shows.
const topCount = 10

func readMeasures(ctx context.Context, db querier) (*measures, error) {
	m := &measures{Store: channel{Channel: "store"}, Online: channel{Channel: "online"}}
	err := db.QueryRowContext(ctx, c360sql.Query("read_htmlreport.sql", "business_measure")).Scan(&m.Store.Purchases, &m.Online.Purchases, &m.Store.Spend, &m.Online.Spend,
		&m.Store.Average, &m.Online.Average, &m.Unlinked)
	if err != nil {
		return nil, fmt.Errorf("reading the business measures: %w", err)
	}
	err = db.QueryRowContext(ctx, c360sql.Query("read_htmlreport.sql", "customers_by_channel")).Scan(&m.Store.Buyers, &m.Online.Buyers,
		&m.Mix.StoreOnly, &m.Mix.OnlineOnly, &m.Mix.Both, &m.Mix.None)
	if err != nil {
		return nil, fmt.Errorf("reading the customer measures: %w", err)
	}
	if m.Spend, err = readSpend(ctx, db); err != nil {
		return nil, err
	}
	if m.Top, err = readTop(ctx, db); err != nil {
		return nil, err
	}
	return m, nil
}

// readSpend bins the lifetime spend of customers who bought, from zero, in
// about twenty-five bins of a round width.
func readSpend(ctx context.Context, db querier) ([]weightBin, error) {
	var top sql.NullFloat64
	err := db.QueryRowContext(ctx, c360sql.Query("read_htmlreport.sql", "max_lifetime_spend")).Scan(&top)
	if err != nil || !top.Valid || top.Float64 <= 0 {
		if err != nil {
			err = fmt.Errorf("reading lifetime spend: %w", err)
		}
		return nil, err
	}
	bins, err := histogram(ctx, db, c360sql.Query("read_htmlreport.sql", "lifetime_spends"), 0, roundWidth(top.Float64/25))
	if err != nil {
		return nil, fmt.Errorf("reading lifetime spend: %w", err)
	}
	return bins, nil
}

// roundWidth returns the smallest of 1, 2, 2.5 or 5 times a power of ten
// that is at least w.
func roundWidth(w float64) float64 {
	if w <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(w)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*p >= w {
			return f * p
		}
	}
	return 10 * p
}

func readTop(ctx context.Context, db querier) ([]topCustomer, error) {
	var out []topCustomer
	err := eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "top_customers"), []any{topCount}, func(rows *sql.Rows) error {
		var t topCustomer
		err := rows.Scan(&t.ID, &t.Name, &t.City, &t.Lifetime, &t.Store, &t.Online, &t.Purchases, &t.Points, &t.Last)
		out = append(out, t)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the top customers: %w", err)
	}
	return out, nil
}

// salesTables are the CRM report tables the sales section reads; a
// database built without a crm section has none of them.
var salesTables = []string{"report_parameter", "pipeline_by_stage", "deal_outcome", "tech_check_compliance",
	"lead_task_summary", "lead_sequence_task"}

// sales is the sales process as of AsOf.
type sales struct {
	AsOf        time.Time
	Threshold   float64 // Tech Check threshold
	Funnel      []stageRow
	Won, Lost   int64
	WinRate     sql.NullFloat64
	Checks      []checkRow // deals that need a check, violations first
	NotRequired int64
	Violations  int64
	Owners      []ownerTasks
	Overdue     []overdueTask
}

// OpenDeals is the number of open deals over every stage.
func (s *sales) OpenDeals() int64 {
	var n int64
	for _, r := range s.Funnel {
		n += r.Deals
	}
	return n
}

// OpenValue and WeightedValue add up the stages.
func (s *sales) OpenValue() float64 {
	var v float64
	for _, r := range s.Funnel {
		v += r.Value
	}
	return v
}

// WeightedValue adds up the stages' weighted values.
func (s *sales) WeightedValue() float64 {
	var v float64
	for _, r := range s.Funnel {
		v += r.Weighted
	}
	return v
}

type stageRow struct {
	Stage     string
	Deals     int64
	Value     float64
	Weighted  float64
	AvgDays   sql.NullFloat64
	OverLimit int64
}

type checkRow struct {
	DealID, Deal, Owner, Stage, State, Status string
	Value                                     float64
	Reviewer, Result, Details                 sql.NullString
	Reviewed                                  sql.NullTime
	Violation                                 bool
}

// ownerTasks counts one owner's sequence tasks by status.
type ownerTasks struct {
	Owner  string
	Counts map[string]int64 // status -> tasks
}

type overdueTask struct {
	Owner, Lead, Company, Task string
	Step                       int
	Due                        time.Time
	DaysLate                   int64
}

// taskStatuses are the lead sequence statuses in the order charts stack them.
func taskStatuses() []string {
	return []string{"done_on_time", "done_late", "canceled", "stopped", "due_today", "upcoming", "overdue"}
}

// readSales returns nil when the database has no CRM reports.
func readSales(ctx context.Context, db querier) (*sales, error) {
	for _, t := range salesTables {
		found, err := hasTable(ctx, db, t)
		if err != nil {
			return nil, fmt.Errorf("looking for %s: %w", t, err)
		}
		if !found {
			return nil, nil
		}
	}
	s := &sales{}
	err := db.QueryRowContext(ctx, c360sql.Query("read_htmlreport.sql", "report_parameter")).
		Scan(&s.AsOf, &s.Threshold)
	if err != nil {
		return nil, fmt.Errorf("reading the report parameters: %w", err)
	}
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "pipeline_by_stage"), nil, func(rows *sql.Rows) error {
		var r stageRow
		err := rows.Scan(&r.Stage, &r.Deals, &r.Value, &r.Weighted, &r.AvgDays, &r.OverLimit)
		s.Funnel = append(s.Funnel, r)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the pipeline: %w", err)
	}
	err = db.QueryRowContext(ctx, c360sql.Query("read_htmlreport.sql", "deal_outcome")).Scan(&s.Won, &s.Lost, &s.WinRate)
	if err != nil {
		return nil, fmt.Errorf("reading the deal outcomes: %w", err)
	}
	if err := readChecks(ctx, db, s); err != nil {
		return nil, err
	}
	if err := readTasks(ctx, db, s); err != nil {
		return nil, err
	}
	return s, nil
}

func readChecks(ctx context.Context, db querier, s *sales) error {
	err := db.QueryRowContext(ctx, c360sql.Query("read_htmlreport.sql", "tech_check_counts")).Scan(&s.NotRequired, &s.Violations)
	if err != nil {
		return fmt.Errorf("reading Tech Check compliance: %w", err)
	}
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "deals_needing_a_check"), nil, func(rows *sql.Rows) error {
		var r checkRow
		err := rows.Scan(&r.DealID, &r.Deal, &r.Owner, &r.Stage, &r.State, &r.Status, &r.Value,
			&r.Reviewer, &r.Result, &r.Details, &r.Reviewed, &r.Violation)
		s.Checks = append(s.Checks, r)
		return err
	})
	if err != nil {
		return fmt.Errorf("reading Tech Check compliance: %w", err)
	}
	return nil
}

func readTasks(ctx context.Context, db querier, s *sales) error {
	err := eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "tasks_per_owner"), nil, func(rows *sql.Rows) error {
		o := ownerTasks{Counts: make(map[string]int64)}
		n := make([]int64, len(taskStatuses()))
		dest := []any{&o.Owner}
		for i := range n {
			dest = append(dest, &n[i])
		}
		err := rows.Scan(dest...)
		for i, st := range taskStatuses() {
			o.Counts[st] = n[i]
		}
		s.Owners = append(s.Owners, o)
		return err
	})
	if err != nil {
		return fmt.Errorf("reading the lead task summary: %w", err)
	}
	err = eachRow(ctx, db, c360sql.Query("read_htmlreport.sql", "overdue_tasks"), nil, func(rows *sql.Rows) error {
		var o overdueTask
		err := rows.Scan(&o.Owner, &o.Lead, &o.Company, &o.Task, &o.Step, &o.Due, &o.DaysLate)
		s.Overdue = append(s.Overdue, o)
		return err
	})
	if err != nil {
		return fmt.Errorf("reading the overdue tasks: %w", err)
	}
	return nil
}
