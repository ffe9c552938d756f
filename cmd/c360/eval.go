package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/contoso/c360/matching/eval"
	"github.com/contoso/c360/pipeline/review"
)

func (a *app) evalCommand() *cobra.Command {
	var cfg eval.Config
	var labels, dbPath string
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score the default matching model on the labelled datasets",
		Long: `eval runs the one default matching model on every labelled dataset (Contoso CI-ILT, FEBRL 1-4,
Splink fake_1000 and historical_50k), using the labels only to score, and prints pairwise precision,
recall and F1 per dataset. It exits non-zero when a dataset falls below its bar.

With --labels FILE (a review file written by c360 serve), it instead scores the links of
the published model (--config or --db) against the reviewers' latest decisions.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if labels != "" {
				return a.evalLabels(cmd, labels, dbPath)
			}
			results, err := eval.Run(cmd.Context(), cfg, a.stdout)
			if errors.Is(err, eval.ErrNoDatasets) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			return eval.Check(results)
		},
	}
	cmd.Flags().StringVar(&cfg.Dir, "datasets", "", "labelled datasets folder (default: $C360_DATASETS, else ../shared/datasets)")
	cmd.Flags().StringSliceVar(&cfg.Only, "only", nil, "run only these datasets")
	cmd.Flags().StringVar(&labels, "labels", "", "score the published model against this review file instead")
	cmd.Flags().StringVar(&dbPath, "db", "", "with --labels: published database to read (default: the one named by --config)")
	return cmd
}

// evalLabels prints the precision and recall of the published model's links
// against the review decisions in the file labels.
func (a *app) evalLabels(cmd *cobra.Command, labels, dbPath string) error {
	decisions, err := review.Read(labels)
	if err != nil {
		return usageError{err}
	}
	if decisions == nil {
		return usageError{fmt.Errorf("eval: %s holds no review decisions", labels)}
	}
	closeDB, db, err := a.openPublished(cmd, dbPath)
	if err != nil {
		return err
	}
	defer closeDB()
	score, err := review.ScoreModel(cmd.Context(), db.DB, decisions)
	if err != nil {
		return err
	}
	return score.Write(a.stdout)
}
