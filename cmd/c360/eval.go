package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/contoso/c360/matching/eval"
)

func (a *app) evalCommand() *cobra.Command {
	var cfg eval.Config
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score the default matching model on the labelled datasets",
		Long: `eval runs the one default matching model on every labelled dataset (Contoso CI-ILT, FEBRL 1-4,
Splink fake_1000 and historical_50k), using the labels only to score, and prints pairwise precision,
recall and F1 per dataset. It exits non-zero when a dataset falls below its bar.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
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
	return cmd
}
