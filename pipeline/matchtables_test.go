package pipeline

import (
	"testing"
)

// TestMatchDiagnosticTables checks the tables that say how the model was
// trained and how each customer's records hold together, against the
// customer and customer_source tables of the same run.
func TestMatchDiagnosticTables(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	sum := mustRun(t, cfg, Options{Version: "test"})
	db := openRead(t, cfg.Database)
	// One customer_cluster row per customer of two or more records, with
	// their number of records.
	if n := queryInt(t, db, `SELECT count(*) FROM (SELECT customer_id, count(*) AS n FROM customer_source
		GROUP BY customer_id HAVING n > 1) s FULL JOIN customer_cluster c USING (customer_id)
		WHERE c.customer_id IS NULL OR s.customer_id IS NULL OR c.records <> s.n`); n != 0 {
		t.Errorf("%d customers disagree between customer_source and customer_cluster", n)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM customer_cluster`); n == 0 {
		t.Error("no customer of two or more records in the sample")
	}
	if n := queryInt(t, db, `SELECT count(*) FROM customer_cluster WHERE density <= 0 OR density > 1
		OR links < 1 OR weakest_link < (SELECT value FROM match_param WHERE name = 'prior_weight') - 1000`); n != 0 {
		t.Errorf("%d customer_cluster rows out of range", n)
	}
	// The links a cluster counts are the matched pairs inside it.
	if n := queryInt(t, db, `SELECT count(*) FROM customer_cluster c JOIN (
			SELECT a.customer_id, count(*) AS links FROM match_pair p
			JOIN customer_source a ON a.source = p.source_l AND a.source_id = p.id_l
			JOIN customer_source b ON b.source = p.source_r AND b.source_id = p.id_r
			WHERE p.matched AND a.customer_id = b.customer_id GROUP BY a.customer_id) l USING (customer_id)
		WHERE l.links <> c.links`); n != 0 {
		t.Errorf("%d clusters count links other than their matched pairs", n)
	}
	// Every training session of the default model is recorded, and the
	// full-name and birth-date sessions found pairs in the sample.
	if n := queryInt(t, db, `SELECT count(*) FROM match_session`); n != 5 {
		t.Errorf("%d training sessions recorded, want 5", n)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM match_session WHERE session IN ('full name', 'birth date')
		AND pairs > 0 AND matches > 0 AND len(estimated) > 0`); n != 2 {
		t.Errorf("%d of the full-name and birth-date sessions trained on pairs", n)
	}
	// A level's training_matches are the matching pairs of the sessions
	// that estimated its comparison that reached it: over a comparison's
	// levels they add up to at most those sessions' matches (pairs with a
	// value missing reach no weighed level), and to more than nothing.
	const perComparison = `WITH t AS (SELECT comparison, sum(training_matches) AS levels FROM match_model GROUP BY ALL),
		s AS (SELECT e AS comparison, sum(matches) AS sessions FROM match_session, unnest(estimated) AS u(e) GROUP BY ALL)
		SELECT count(*) FROM t JOIN s USING (comparison)`
	if n := queryInt(t, db, perComparison); n < 4 {
		t.Errorf("%d comparisons estimated by the sessions, want at least 4", n)
	}
	if n := queryInt(t, db, perComparison+` WHERE levels <= 0 OR levels > sessions * 1.000001`); n != 0 {
		t.Errorf("%d comparisons whose levels' training matches are not a part of their sessions' matches", n)
	}
	// The sample's clerks typed placeholder e-mails and phones for many
	// customers; they are listed and never count as evidence.
	if n := queryInt(t, db, `SELECT count(*) FROM match_placeholder`); n == 0 {
		t.Error("no placeholder found in the sample")
	}
	if n := queryInt(t, db, `SELECT count(*) FROM match_placeholder`); int(n) != len(sum.Placeholders) {
		t.Errorf("run summary lists %d placeholders, match_placeholder %d", len(sum.Placeholders), n)
	}
	// (000-000-0000 has no digits to compare at all: it is missing already.)
	if n := queryInt(t, db, `SELECT count(*) FROM match_placeholder WHERE attribute = 'phone' AND built_in
		AND value IN ('5555555555', '1234567890', '1111111111', '9999999999')`); n != 4 {
		t.Errorf("%d of the four placeholder phones the sample's clerks typed are listed", n)
	}
}
