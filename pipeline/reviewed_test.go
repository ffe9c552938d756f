package pipeline

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/pipeline/review"
)

// TestRunAppliesReviewDecisions records three decisions beside the config
// (split a linked pair, join a near miss, and one on a record that does not
// exist) and checks that the next run applies the first two, reports the
// third, and counts them in the summary and the run table.
func TestRunAppliesReviewDecisions(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	mustRun(t, cfg, Options{})

	db := openRead(t, cfg.Database)
	pick := func(query string, args ...any) (stableid.Ref, stableid.Ref) {
		t.Helper()
		var l, r stableid.Ref
		if err := db.QueryRow(query, args...).Scan(&l.Source, &l.ID, &r.Source, &r.ID); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return l, r
	}
	// A pair that alone holds a two-record customer together.
	splitL, splitR := pick(`SELECT p.source_l, p.id_l, p.source_r, p.id_r FROM match_pair p
		JOIN customer_source l ON l.source = p.source_l AND l.source_id = p.id_l
		JOIN customer_source r ON r.source = p.source_r AND r.source_id = p.id_r
		JOIN customer c ON c.customer_id = l.customer_id
		WHERE p.matched AND l.customer_id = r.customer_id AND c.record_count = 2
		ORDER BY p.match_weight, p.id_l LIMIT 1`)
	// Two customers of one record each that the model kept apart (the
	// sample has no near misses: every kept pair is a clear match).
	joinL, joinR := pick(`SELECT l.source, l.source_id, r.source, r.source_id
		FROM customer_source l JOIN customer cl USING (customer_id), customer_source r JOIN customer cr USING (customer_id)
		WHERE cl.record_count = 1 AND cr.record_count = 1 AND l.source = 'contacts' AND r.source = 'loyalty'
		ORDER BY l.source_id, r.source_id LIMIT 1`)
	db.Close()
	if customerOf(t, cfg.Database, joinL.Source, joinL.ID) == customerOf(t, cfg.Database, joinR.Source, joinR.ID) {
		t.Fatal("the near miss is already one customer")
	}

	path := review.FileFor(cfg)
	if !strings.HasPrefix(path, dir) || !strings.HasSuffix(path, "c360.review.jsonl") {
		t.Fatalf("review file %s is not beside the config in %s", path, dir)
	}
	at := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	for _, d := range []review.Decision{
		{Left: splitL, Right: splitR, Verdict: review.Same, By: "ana", At: at},
		{Left: splitR, Right: splitL, Verdict: review.Different, By: "ana", At: at.Add(time.Minute)}, // overrides the first
		{Left: joinL, Right: joinR, Verdict: review.Same, By: "bo", At: at},
		{Left: stableid.Ref{Source: "contacts", ID: "NO_SUCH_CONTACT"}, Right: joinR, Verdict: review.Same, By: "bo", At: at},
		{Left: splitL, Right: joinR, Verdict: review.Skip, By: "bo", At: at},
	} {
		if err := review.Append(path, d); err != nil {
			t.Fatal(err)
		}
	}

	sum := mustRun(t, cfg, Options{})
	if sum.Counts.ReviewApplied != 2 || sum.Counts.ReviewMissing != 1 {
		t.Errorf("applied %d and missing %d review decisions, want 2 and 1", sum.Counts.ReviewApplied, sum.Counts.ReviewMissing)
	}
	if len(sum.Warnings) != 1 || !strings.Contains(sum.Warnings[0], "contacts:NO_SUCH_CONTACT") {
		t.Errorf("warnings %q do not name the missing record", sum.Warnings)
	}
	if customerOf(t, cfg.Database, splitL.Source, splitL.ID) == customerOf(t, cfg.Database, splitR.Source, splitR.ID) {
		t.Errorf("%s and %s were reviewed as different people but are still one customer", splitL, splitR)
	}
	if customerOf(t, cfg.Database, joinL.Source, joinL.ID) != customerOf(t, cfg.Database, joinR.Source, joinR.ID) {
		t.Errorf("%s and %s were reviewed as the same person but are two customers", joinL, joinR)
	}
	db = openRead(t, cfg.Database)
	if n := queryInt(t, db, `SELECT review_applied * 10 + review_missing FROM run WHERE run_id = ?`, sum.RunID); n != 21 {
		t.Errorf("run table: review_applied*10 + review_missing = %d, want 21", n)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM run WHERE review_applied = 0`); n != 1 {
		t.Errorf("%d runs without decisions carried in the run table, want 1", n)
	}
}

func TestRunRejectsABadReviewFile(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	bad := `{"left":"contacts:C1","right":"loyalty:L1","verdict":"same","by":"ana","at":"2026-12-03T09:00:00Z"}
{"left":"contacts:C1","right":"loyalty:L2","verdict":"maybe","by":"ana","at":"2026-12-03T09:00:00Z"}
`
	if err := os.WriteFile(review.FileFor(cfg), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Run(t.Context(), cfg, Options{})
	if err == nil || !strings.Contains(err.Error(), "c360.review.jsonl line 2") || !strings.Contains(err.Error(), `"maybe"`) {
		t.Fatalf("err = %v, want one naming line 2 and the bad verdict", err)
	}
}
