package pipeline

import (
	"bytes"
	"context"
	"errors"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/load"
)

// TestRejectGateNeedsShareAndCount: a source fails the run only when its
// rejects exceed max_reject_share and number at least min_rejects_to_fail;
// a share over the limit with fewer rows is a warning.
func TestRejectGateNeedsShareAndCount(t *testing.T) {
	tests := []struct {
		name          string
		read, rejects int
		minRejects    int
		fail, warn    bool
	}{
		{"the issue's 3-row accounts file with one odd row", 3, 1, 5, false, true},
		{"four of 100: over the share, under the count", 100, 4, 5, false, true},
		{"five of 100: over both", 100, 5, 5, true, false},
		{"five of 1000: under the share", 1000, 5, 5, false, false},
		{"one of 3 with min_rejects_to_fail 1", 3, 1, 1, true, false},
		{"none", 3, 0, 5, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := &config.Config{MaxRejectShare: 0.01, MinRejectsToFail: tc.minRejects, MaxRowDrop: 0.5}
			s := newState(cfg, Options{})
			r := &load.Result{Source: "accounts", Read: tc.read, Loaded: tc.read - tc.rejects}
			for i := range tc.rejects {
				r.Rejects = append(r.Rejects, &load.RejectError{Source: "accounts", File: "accounts.csv", Line: i + 2,
					Column: "name", Err: load.ErrRequired})
			}
			err := checkGates(s, []*load.Result{r})
			if got := errors.Is(err, ErrTooManyRejects); got != tc.fail {
				t.Errorf("err = %v, want failure %v", err, tc.fail)
			}
			if got := len(s.Warnings) == 1 && strings.Contains(s.Warnings[0], "min_rejects_to_fail"); got != tc.warn {
				t.Errorf("warnings = %q, want a warning %v", s.Warnings, tc.warn)
			}
		})
	}
}

// TestOddCRMRowWarnsInRunSummaryAndReport: one odd row in the sample's
// 40-row accounts export is over the 1% share but under five rows, so the
// run publishes, and the warning is in the run table, the printed summary
// and the HTML report.
func TestOddCRMRowWarnsInRunSummaryAndReport(t *testing.T) {
	dir := copySample(t)
	appendLine(t, dir, "accounts", "acc-odd,,Corporate,owner-1,2026-01-05T10:00:00Z") // no name
	cfg := writeConfig(t, dir, "")
	sum := mustRun(t, cfg, Options{})
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], "accounts rejected 1 of 41 rows") {
		t.Fatalf("warnings = %q, want one about accounts", sum.Warnings)
	}
	warning := sum.Warnings[0]
	var printed bytes.Buffer
	if err := sum.Print(&printed); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(printed.String(), "warning: "+warning) {
		t.Errorf("the summary does not print the warning:\n%s", printed.String())
	}
	db := openRead(t, cfg.Database)
	if n := queryInt(t, db, `SELECT count(*) FROM run WHERE list_contains(warnings, ?)`, warning); n != 1 {
		t.Errorf("run rows holding the warning = %d, want 1", n)
	}
	page, err := os.ReadFile(cfg.Report)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), html.EscapeString(warning)) {
		t.Errorf("report.html does not show the warning %q", warning)
	}

	// The same row with min_rejects_to_fail 1 fails the run, and the
	// published database stays as it was.
	before := fileDigest(t, cfg.Database)
	strict := writeConfig(t, dir, "min_rejects_to_fail: 1\n")
	if _, err := Run(context.Background(), strict, Options{}); !errors.Is(err, ErrTooManyRejects) {
		t.Fatalf("err = %v, want ErrTooManyRejects", err)
	}
	if fileDigest(t, cfg.Database) != before {
		t.Error("a failed run changed the published database")
	}
}

// TestIssueResidentialAccount is the issue's night, as a new user met it:
// a three-row accounts export whose household account has the type
// Residential, a label the organisation added, with a lead that has
// sequence activities. The account, lead and activity load, the run
// publishes without a warning, and the activity is a sequence_violation.
// With one truly odd row instead, the run warns and still publishes.
func TestIssueResidentialAccount(t *testing.T) {
	dir := copySample(t)
	crm := map[string]string{
		"accounts": "accountid,name,customertypecode,ownerid,createdon\n" +
			"ACC-1,Fabrikam Hotels,Corporate,U-ANA,2023-05-04T10:00:00Z\n" +
			"ACC-2,Adatum Retail,Partner,U-CAL,2022-11-30T14:00:00Z\n" +
			"ACC-3,The Millers,Residential,U-DAN,2026-03-10T10:00:00Z\n",
		"deals": "opportunityid,name,parentaccountid,ownerid,estimatedvalue,closeprobability,estimatedclosedate,activestage,activestagestartedon,statecode,createdon,actualclosedate,actualvalue\n" +
			"D01,Cameras,ACC-1,U-ANA,25000.00,50,2027-01-15,Tech Check,2026-11-17T09:00:00Z,Open,2026-11-01T09:00:00Z,,\n",
		"tech_checks": "techcheckid,opportunityid,reviewedby,reviewedon,result,details\n",
		"leads": "leadid,subject,firstname,lastname,companyname,emailaddress1,telephone1,parentaccountid,ownerid,createdon,statecode\n" +
			"LEAD-1,Doorbell,Sam,Miller,The Millers,sam@millers.example,+1-425-555-0111,ACC-3,U-DAN,2026-11-18T09:00:00Z,Open\n",
		"activities": "activityid,activitytypecode,subject,regardingobjectid,ownerid,scheduledend,actualend,statecode,sequencestep\n" +
			"ACT-1,phonecall,Introduction call,LEAD-1,U-DAN,2026-11-18T17:00:00Z,2026-11-18T15:00:00Z,Completed,1\n",
	}
	for name, text := range crm {
		if err := os.WriteFile(filepath.Join(dir, "in", sampleFiles[name]), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := writeConfig(t, dir, "")
	sum := mustRun(t, cfg, Options{})
	if len(sum.Warnings) != 0 {
		t.Errorf("warnings %q, want none", sum.Warnings)
	}
	for _, s := range sum.Sources {
		if s.Rejected != 0 {
			t.Errorf("%s rejected %d rows", s.Source, s.Rejected)
		}
	}
	db := openRead(t, cfg.Database)
	var activity, customerType, reason string
	err := db.QueryRow(`SELECT activity_id, customer_type, reason FROM sequence_violation`).Scan(&activity, &customerType, &reason)
	if err != nil || activity != "ACT-1" || customerType != "Residential" || reason != "not_corporate" {
		t.Errorf("sequence_violation = %s %s %s (%v), want ACT-1 Residential not_corporate", activity, customerType, reason, err)
	}
	db.Close()

	// One odd row (no name) in the three: 33% of the file but one row, so
	// a warning, and the night goes on.
	editInput(t, dir, "accounts", func(i int, line string) (string, bool) {
		return strings.Replace(line, "Adatum Retail", "", 1), true
	})
	sum = mustRun(t, cfg, Options{})
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], "accounts rejected 1 of 3 rows") {
		t.Errorf("warnings %q, want one about accounts", sum.Warnings)
	}
}
