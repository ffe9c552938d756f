package htmlreport

import (
	"context"
	"math"
	"slices"
	"strconv"
	"testing"
	"time"
)

func TestReadRun(t *testing.T) {
	db := fixtureDB(t, false)
	r, err := readRun(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != "R2" || !r.Forced || r.Version != "v1" || r.RowsRead != 12 || r.RowsRejected != 1 {
		t.Errorf("run = %+v, want the latest, R2", r)
	}
	if got := []string{r.Sources[0].Source, r.Sources[1].Source}; !slices.Equal(got, []string{"contacts", "loyalty"}) {
		t.Errorf("sources in order %v, want contacts, loyalty", got)
	}
	if r.Loaded() != 11 || r.Reused() != 1 {
		t.Errorf("loaded %d, reused %d; want 11, 1", r.Loaded(), r.Reused())
	}
	if !slices.Equal(r.Warnings, []string{"loyalty rows fell by 60%", "<b>not bold</b>"}) {
		t.Errorf("warnings %q", r.Warnings)
	}
	if len(r.Rejects) != 1 || r.Rejects[0] != (rejectRow{"loyalty", "Email", "invalid address", 1}) {
		t.Errorf("rejects %+v", r.Rejects)
	}
	var names []string
	for _, s := range chartStages(r.Stages) {
		names = append(names, s.Stage)
	}
	if want := []string{"fetch", "match.block", "match.score"}; !slices.Equal(names, want) {
		t.Errorf("charted stages %v, want %v (match gives way to its parts)", names, want)
	}
}

func TestReadUnification(t *testing.T) {
	db := fixtureDB(t, false)
	u, err := readUnification(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if u.Records != 6 || u.Customers != 3 || u.Links != 16 || u.PairsCompared != 21233411 { // large enough to be written 2.1233411e+07
		t.Errorf("records %d, customers %d, links %d, compared %d; want 6, 3, 16, 21233411",
			u.Records, u.Customers, u.Links, u.PairsCompared)
	}
	if math.Abs(u.ThresholdWeight-math.Log2(9)) > 1e-9 || u.Prior != -10 {
		t.Errorf("threshold weight %v, prior %v", u.ThresholdWeight, u.Prior)
	}
	want := []sourceMatch{{"contacts", 4, 3, 3}, {"loyalty", 2, 2, 2}}
	if !slices.Equal(u.PerSource, want) {
		t.Errorf("per source %+v, want %+v", u.PerSource, want)
	}
	if u.PerSource[0].Rate() != 0.75 {
		t.Errorf("contacts match rate %v, want 0.75", u.PerSource[0].Rate())
	}
	if want := []clusterSize{{1, 1}, {2, 1}, {3, 1}}; !slices.Equal(u.ClusterSizes, want) {
		t.Errorf("cluster sizes %+v, want %+v", u.ClusterSizes, want)
	}
	if len(u.Weights) != 25 || u.Weights[0].Min != -5 || u.Weights[24].Max != 20 {
		t.Fatalf("weight bins %+v, want 25 bins of 1 from -5", u.Weights)
	}
	for _, b := range u.Weights {
		if b.Pairs != 1 {
			t.Errorf("bin %+v, want one pair in each", b)
		}
	}
	// The 20 nearest 3.17 are -5 to 14 (15 to 19 are farther than -5).
	if len(u.Near) != nearCount || u.Near[0].Weight != 14 || u.Near[19].Weight != -5 {
		t.Fatalf("near %d links from %v to %v, want 20 from 14 to -5", len(u.Near), u.Near[0].Weight, u.Near[len(u.Near)-1].Weight)
	}
	l := u.Near[0]
	if l.Left != "contacts:L14" || l.Right != "loyalty:R14" || !l.Matched || u.Near[19].Matched {
		t.Errorf("first link %+v; last matched %v", l, u.Near[19].Matched)
	}
	if len(l.Evidence) != 1 || l.Evidence[0] != (evidence{"email", "e-mails different", -2}) {
		t.Errorf("evidence %+v, want only the e-mail's -2 (the name's 0.001 is too small)", l.Evidence)
	}
}

func TestReadMeasures(t *testing.T) {
	db := fixtureDB(t, false)
	m, err := readMeasures(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if m.Store.Purchases != 4 || m.Online.Purchases != 3 || m.Total() != 400 || m.Unlinked != 2 {
		t.Errorf("measures %+v", m)
	}
	if m.Store.Buyers != 2 || m.Online.Buyers != 2 || m.Mix != (channelMix{StoreOnly: 1, OnlineOnly: 1, Both: 1, None: 1}) {
		t.Errorf("buyers %d/%d, mix %+v", m.Store.Buyers, m.Online.Buyers, m.Mix)
	}
	// Spend 230, 70, 100 in bins of 10 (230/25 = 9.2, rounded up to 10).
	if len(m.Spend) != 24 || m.Spend[0].Min != 0 || m.Spend[7].Pairs != 1 || m.Spend[10].Pairs != 1 || m.Spend[23].Pairs != 1 {
		t.Errorf("spend bins %+v", m.Spend)
	}
	var ids []string
	for _, c := range m.Top {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []string{"C1", "C3", "C2"}) {
		t.Errorf("top customers %v, want C1, C3, C2 (C4 spent nothing)", ids)
	}
}

func TestReadSalesAgainstExpected(t *testing.T) {
	db := fixtureDB(t, true)
	s, err := readSales(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if s == nil {
		t.Fatal("no sales read from a database with CRM reports")
	}
	if !s.AsOf.Equal(time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)) || s.Threshold != 20000 {
		t.Errorf("as of %v, threshold %v", s.AsOf, s.Threshold)
	}
	for i, row := range expected(t, "pipeline_by_stage.csv") {
		got := s.Funnel[i]
		if got.Stage != row["stage"] || strconv.FormatInt(got.Deals, 10) != row["open_deals"] ||
			strconv.FormatFloat(got.Weighted, 'f', 2, 64) != row["weighted_value"] {
			t.Errorf("stage %d = %+v, want %v", i, got, row)
		}
	}
	var violations []string
	required := 0
	for _, row := range expected(t, "tech_check_compliance.csv") {
		if row["violation"] == "true" {
			violations = append(violations, row["deal_id"])
		}
		if row["required"] == "true" || row["violation"] == "true" {
			required++
		}
	}
	if len(s.Checks) != required || int(s.Violations) != len(violations) {
		t.Fatalf("%d checks, %d violations; want %d, %d", len(s.Checks), s.Violations, required, len(violations))
	}
	for i, id := range violations { // violations first, by deal id
		if s.Checks[i].DealID != id || !s.Checks[i].Violation {
			t.Errorf("check %d = %s (violation %v), want violation %s", i, s.Checks[i].DealID, s.Checks[i].Violation, id)
		}
	}
	var overdue []string
	for _, row := range expected(t, "lead_sequence_task.csv") {
		if row["status"] == "overdue" {
			overdue = append(overdue, row["due_on"]+" "+row["lead_id"]+" "+row["step"])
		}
	}
	slices.Sort(overdue)
	if len(s.Overdue) != len(overdue) {
		t.Fatalf("%d overdue tasks, want %d", len(s.Overdue), len(overdue))
	}
	for i, o := range s.Overdue {
		if want := overdue[i][:10]; o.Due.Format(time.DateOnly) != want {
			t.Errorf("overdue %d due %v, want %s", i, o.Due, want)
		}
		if days := int64(s.AsOf.Sub(o.Due).Hours() / 24); o.DaysLate != days {
			t.Errorf("overdue %d is %d days late, want %d", i, o.DaysLate, days)
		}
	}
	for i, row := range expected(t, "lead_task_summary.csv") {
		o := s.Owners[i]
		for _, st := range taskStatuses() {
			if strconv.FormatInt(o.Counts[st], 10) != row[st] {
				t.Errorf("owner %s %s = %d, want %s", o.Owner, st, o.Counts[st], row[st])
			}
		}
	}
}

func TestReadSalesWithoutCRM(t *testing.T) {
	s, err := readSales(context.Background(), fixtureDB(t, false))
	if err != nil || s != nil {
		t.Errorf("readSales = %v, %v; want nil, nil", s, err)
	}
}
