package review

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	c360sql "github.com/contoso/c360/sql"
)

// Score is how the published model's links agree with the reviewers.
// The model links a pair when match_pair says matched (its probability
// reached the threshold); a pair the model did not keep is not linked.
// Links forced by earlier decisions do not count, so a decision that a run
// applied does not score itself.
type Score struct {
	Same, Different int // latest decisions per pair, skips left out
	Missing         int // decisions naming a record the database does not hold; not scored
	TruePositive    int // reviewers: same; model: linked
	FalsePositive   int // reviewers: different; model: linked
	FalseNegative   int // reviewers: same; model: not linked
	TrueNegative    int // reviewers: different; model: not linked
}

// Precision is the share of the model's links among the decided pairs that
// the reviewers called the same person; 0 when the model linked none.
func (s Score) Precision() float64 {
	return ratio(s.TruePositive, s.TruePositive+s.FalsePositive)
}

// Recall is the share of the pairs the reviewers called the same person
// that the model linked; 0 when there are none.
func (s Score) Recall() float64 {
	return ratio(s.TruePositive, s.TruePositive+s.FalseNegative)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// ScoreModel scores the model published in db against the latest verdict
// on each pair in ds.
func ScoreModel(ctx context.Context, db *sql.DB, ds []Decision) (Score, error) {
	var s Score
	for _, d := range Latest(ds) {
		if d.Verdict == Skip {
			continue
		}
		found, err := bothExist(ctx, db, d)
		if err != nil {
			return s, err
		}
		if !found {
			s.Missing++
			continue
		}
		linked, err := modelLinks(ctx, db, d)
		if err != nil {
			return s, err
		}
		same := d.Verdict == Same
		if same {
			s.Same++
		} else {
			s.Different++
		}
		switch {
		case same && linked:
			s.TruePositive++
		case !same && linked:
			s.FalsePositive++
		case same:
			s.FalseNegative++
		default:
			s.TrueNegative++
		}
	}
	return s, nil
}

func bothExist(ctx context.Context, db *sql.DB, d Decision) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, c360sql.Query("read_review.sql", "records_exist"),
		d.Left.Source, d.Left.ID, d.Right.Source, d.Right.ID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("review: %w", err)
	}
	return n == 2, nil
}

func modelLinks(ctx context.Context, db *sql.DB, d Decision) (bool, error) {
	var matched bool
	err := db.QueryRowContext(ctx, c360sql.Query("read_review.sql", "pair_matched"),
		d.Left.Source, d.Left.ID, d.Right.Source, d.Right.ID).Scan(&matched)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("review: %w", err)
	}
	return matched, nil
}

// Write prints the score for a reader.
func (s Score) Write(w io.Writer) error {
	_, err := fmt.Fprintf(w, `reviewed pairs: %d same person, %d different people (%d not in the database, not scored)
model links: %d true, %d false; missed links: %d; rightly apart: %d
precision %.4f  recall %.4f
`, s.Same, s.Different, s.Missing, s.TruePositive, s.FalsePositive, s.FalseNegative, s.TrueNegative, s.Precision(), s.Recall())
	return err
}
