package main

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contoso/c360/pipeline/report"
)

func (a *app) reportCommand() *cobra.Command {
	var dbPath, format string
	cmd := &cobra.Command{
		Use:   "report " + strings.Join(report.Names(), "|"),
		Short: "Print a report from the published database",
		Long: `report prints one report from the published database named by --config (or --db):
  pipeline     Deals by stage in process order, and won/lost outcomes
  tech-checks  Tech Check compliance per Deal, violations first
  lead-tasks   the lead sequence tasks of corporate accounts, per owner
  measures     business measures and customer measures`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			closeDB, db, err := a.openPublished(cmd, dbPath)
			if err != nil {
				return err
			}
			defer closeDB()
			err = report.Print(cmd.Context(), db.DB, args[0], format, a.catalog, a.stdout)
			if errors.Is(err, report.ErrUnknownReport) || errors.Is(err, report.ErrUnknownFormat) {
				return usageError{err}
			}
			return err
		},
	}
	cmd.Flags().StringVar(&dbPath, "db", "", "published database to read (default: the one named by --config)")
	cmd.Flags().StringVar(&format, "format", "table", "output format: "+strings.Join(report.Formats(), ", "))
	return cmd
}
