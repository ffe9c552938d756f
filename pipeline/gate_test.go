package pipeline

import (
	"bytes"
	"context"
	"errors"
	"html"
	"os"
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
