package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/pipeline/review"
)

// TestEvalLabels scores the published model against a review file with one
// decision of each kind: a link the reviewers confirm (true positive), a
// link they reject (false positive), a pair kept apart that they join
// (false negative), one they keep apart (true negative), a skip and a
// decision on a record that does not exist. Precision and recall are 1/2.
func TestEvalLabels(t *testing.T) {
	cfgPath, dbPath := sampleConfig(t, "")
	if code, _, stderr := runCLI(t, "run", "--config", cfgPath, "--quiet"); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	db, err := sql.Open("duckdb", dbPath+"?access_mode=READ_ONLY")
	if err != nil {
		t.Fatal(err)
	}
	var linked [2][2]stableid.Ref
	rows, err := db.Query(`SELECT source_l, id_l, source_r, id_r FROM match_pair WHERE matched ORDER BY id_l, id_r LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; rows.Next(); i++ {
		rows.Scan(&linked[i][0].Source, &linked[i][0].ID, &linked[i][1].Source, &linked[i][1].ID)
	}
	rows.Close()
	var apart [2][2]stableid.Ref
	rows, err = db.Query(`SELECT l.source, l.source_id, r.source, r.source_id FROM customer_source l, customer_source r
		WHERE l.source = 'contacts' AND r.source = 'loyalty' AND l.customer_id <> r.customer_id
		ORDER BY l.source_id, r.source_id LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; rows.Next(); i++ {
		rows.Scan(&apart[i][0].Source, &apart[i][0].ID, &apart[i][1].Source, &apart[i][1].ID)
	}
	rows.Close()
	db.Close()

	labels := filepath.Join(t.TempDir(), "labels.jsonl")
	at := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	for _, d := range []review.Decision{
		{Left: linked[0][0], Right: linked[0][1], Verdict: review.Same},
		{Left: linked[1][0], Right: linked[1][1], Verdict: review.Different},
		{Left: apart[0][0], Right: apart[0][1], Verdict: review.Same},
		{Left: apart[1][0], Right: apart[1][1], Verdict: review.Different},
		{Left: apart[1][0], Right: linked[0][1], Verdict: review.Skip},
		{Left: stableid.Ref{Source: "contacts", ID: "GONE"}, Right: apart[0][1], Verdict: review.Same},
	} {
		d.By, d.At = "ana", at
		if err := review.Append(labels, d); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr := runCLI(t, "eval", "--config", cfgPath, "--labels", labels)
	if code != exitOK {
		t.Fatalf("eval --labels: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"2 same person, 2 different people (1 not in the database", "1 true, 1 false; missed links: 1; rightly apart: 1", "precision 0.5000  recall 0.5000"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runCLI(t, "eval", "--config", cfgPath, "--labels", filepath.Join(t.TempDir(), "none.jsonl")); code != exitUsage {
		t.Errorf("an empty label file: exit %d, want %d", code, exitUsage)
	}
}
