package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/contoso/c360/pipeline/eval"
	"github.com/contoso/c360/pipeline/gen"
	"github.com/contoso/c360/pipeline/review"
)

func (a *app) evalCommand() *cobra.Command {
	var (
		cfg     eval.Config
		persons int
		pop     string
		seed    int64
		large   bool
		labels  string
		dbPath  string
	)
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score the default matching model on the labelled datasets",
		Long: `eval runs the one default matching model on every labelled dataset (Contoso CI-ILT, FEBRL 1-4,
Splink fake_1000 and historical_50k) and on generated data (20,000 and 200,000 persons), using the
labels only to score, and prints pairwise precision, recall, F1 and seconds per dataset. It exits
non-zero when a dataset falls below its bar (the generated rows': F1 0.98 and precision 0.97;
the 20,000-person row F1 0.99).

--only generated runs the generated rows alone; --large makes them the 1,000,000-person rows of
both populations; --persons N (with --population and --seed) makes them one row of that size.

With --labels FILE (a review file written by c360 serve), it instead scores the links of
the published model (--config or --db) against the reviewers' latest decisions.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if labels != "" {
				return a.evalLabels(cmd, labels, dbPath)
			}
			population, err := gen.ParsePopulation(pop)
			if err != nil {
				return usageError{fmt.Errorf("--population: %w", err)}
			}
			switch {
			case persons < 0:
				return usageError{fmt.Errorf("--persons is %d, want at least 1", persons)}
			case persons > 0:
				cfg.Generated = []eval.GeneratedRow{eval.CustomRow(persons, population, seed)}
			case large:
				cfg.Generated = eval.LargeRows()
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
	f := cmd.Flags()
	f.StringVar(&cfg.Dir, "datasets", "", "labelled datasets folder (default: $C360_DATASETS, else ../shared/datasets)")
	f.StringSliceVar(&cfg.Only, "only", nil, "run only these datasets (generated: every generated row)")
	f.IntVar(&persons, "persons", 0, "evaluate one generated row of this many persons instead of the default rows")
	f.StringVar(&pop, "population", string(gen.PopulationDefault), "population of the --persons row: default or low-diversity")
	f.Int64Var(&seed, "seed", eval.GeneratedSeed, "seed of the --persons row")
	f.BoolVar(&large, "large", false, "generated rows of 1,000,000 persons of both populations (slow; not for CI)")
	f.StringVar(&labels, "labels", "", "score the published model against this review file instead")
	f.StringVar(&dbPath, "db", "", "with --labels: published database to read (default: the one named by --config)")
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
