package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/contoso/c360/pipeline/explain"
	"github.com/contoso/c360/pipeline/publish"
)

// dbFlag adds --db, which names a published database instead of --config.
func (a *app) openPublished(cmd *cobra.Command, dbPath string) (func() error, *explainDB, error) {
	if dbPath == "" {
		cfg, err := a.loadConfig()
		if err != nil {
			return nil, nil, err
		}
		dbPath = cfg.Database
	}
	db, err := publish.OpenPublished(cmd.Context(), dbPath)
	if err != nil {
		return nil, nil, err
	}
	if db == nil {
		return nil, nil, fmt.Errorf("no database has been published at %s yet; run c360 run first", dbPath)
	}
	return db.Close, &explainDB{db}, nil
}

func (a *app) explainCommand() *cobra.Command {
	var dbPath, format string
	cmd := &cobra.Command{
		Use:   "explain SOURCE:ID | CUSTOMER_ID",
		Short: "Show a customer, its source records and why they were linked",
		Long: `explain prints a customer (found by one of its source records, such as contacts:CNTID_1002,
or by its customer_id), the source records it was built from, and for every scored pair touching
those records the comparisons and the weight each added to the match weight.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError{fmt.Errorf("--format must be text or json, not %q", format)}
			}
			closeDB, db, err := a.openPublished(cmd, dbPath)
			if err != nil {
				return err
			}
			defer closeDB()
			e, err := explain.Find(cmd.Context(), db.DB, args[0])
			if errors.Is(err, explain.ErrNotFound) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			if format == "json" {
				return e.WriteJSON(a.stdout)
			}
			return e.WriteText(a.stdout)
		},
	}
	cmd.Flags().StringVar(&dbPath, "db", "", "published database to read (default: the one named by --config)")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}
