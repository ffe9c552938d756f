package sales

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/contoso/c360/pipeline/gen"
)

// TestGeneratedCRM loads the generator's CRM sample, which must load
// without a single reject, and checks the reports' shape against it.
func TestGeneratedCRM(t *testing.T) {
	dir := t.TempDir()
	if _, err := gen.Write(context.Background(), dir, gen.Options{Persons: 3000, Seed: 11, CRM: true, AsOf: fixtureAsOf}); err != nil {
		t.Fatal(err)
	}
	files := make(map[string]File)
	for name, file := range map[string]string{
		"accounts": gen.AccountsFile, "deals": gen.DealsFile, "tech_checks": gen.TechChecksFile,
		"leads": gen.LeadsFile, "activities": gen.ActivitiesFile,
	} {
		files[name] = File{Path: filepath.Join(dir, gen.CRMDir, file), Name: file}
	}
	ctx := context.Background()
	conn := openConn(t)
	results, err := LoadCRM(ctx, conn, files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if len(r.Rejects) > 0 || r.Loaded == 0 {
			t.Errorf("%s: loaded %d, rejected %d (first: %v)", r.Source, r.Loaded, len(r.Rejects), r.Rejects)
		}
	}
	if err := Reports(ctx, conn, fixtureAsOf); err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, query, want string }{
		{"five stages in order", `SELECT string_agg(stage, '|' ORDER BY stage_order) FROM pipeline_by_stage`,
			"Qualify|Develop|Quote|Tech Check|Close"},
		{"every open deal in a stage", `SELECT (SELECT sum(open_deals) FROM pipeline_by_stage) =
			(SELECT count(*) FROM deal WHERE state = 'Open')`, "true"},
		{"one compliance row per deal", `SELECT (SELECT count(*) FROM tech_check_compliance) =
			(SELECT count(*) FROM deal)`, "true"},
		{"violations exist", `SELECT count(*) > 0 FROM tech_check_compliance WHERE violation`, "true"},
		{"four tasks per corporate lead", `SELECT (SELECT count(*) FROM lead_sequence_task) =
			4 * (SELECT count(*) FROM lead JOIN crm_account USING (account_id) WHERE customer_type = 'Corporate')`, "true"},
		{"statuses known", `SELECT bool_and(status IN ('done_on_time', 'done_late', 'canceled', 'stopped',
			'overdue', 'due_today', 'upcoming')) AND count(DISTINCT status) >= 5 FROM lead_sequence_task`, "true"},
		{"exactly 20,000.00 needs no check", `SELECT count(*) > 0 AND bool_and(status = 'not_required')
			FROM tech_check_compliance WHERE estimated_value = 20000.00`, "true"},
		// The generator schedules each step's activity on the day it falls
		// due, chaining through actual completions as the report does.
		{"due dates agree with the generator", `SELECT count(*) > 0 AND bool_and(t.due_on = CAST(a.scheduled_end AS DATE))
			FROM lead_sequence_task AS t JOIN crm_activity AS a USING (activity_id)`, "true"},
		{"non-corporate sequence activities listed", `SELECT count(*) > 0 FROM sequence_violation`, "true"},
		{"summary covers every task", `SELECT (SELECT sum(tasks) FROM lead_task_summary) =
			(SELECT count(*) FROM lead_sequence_task)`, "true"},
	}
	for _, c := range checks {
		if got := queryCSV(t, conn, c.query); got[1][0] != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got[1][0], c.want)
		}
	}
}
