package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/contoso/c360/pipeline/gen"
)

func (a *app) genCommand() *cobra.Command {
	var (
		persons int
		seed    int64
		out     string
		noCRM   bool
		pop     string
	)
	cmd := &cobra.Command{
		Use:   "gen --persons N --seed S --out DIR",
		Short: "Write deterministic sample data in the real source layouts, with a truth file",
		Long: `gen writes contacts.csv, loyalty.csv, pos.csv and online.csv in the layouts of the real
CI-ILT files (Contact.txt, Customer-Loyalty.txt, POSPurchases.txt, OnlinePurchases.txt),
truth.csv (source, source_id, person) and a CRM export in DIR/crm.
The same --persons, --seed, --population and --as-of always give byte-identical files.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usageError{errors.New("gen: --out is required")}
			}
			population, err := gen.ParsePopulation(pop)
			if err != nil {
				return usageError{fmt.Errorf("--population: %w", err)}
			}
			opts := gen.Options{Persons: persons, Seed: seed, CRM: !noCRM, Population: population}
			if a.asOf != "" {
				day, err := time.Parse(time.DateOnly, a.asOf)
				if err != nil {
					return usageError{fmt.Errorf("--as-of: %w", err)}
				}
				opts.AsOf = day
			}
			_, rep, done, err := a.output()
			if err != nil {
				return err
			}
			opts.Progress = rep
			st, err := gen.Write(cmd.Context(), out, opts)
			done()
			if errors.Is(err, gen.ErrInvalidOptions) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			if !a.quiet {
				fmt.Fprintf(a.stdout, "%d persons: %d profile records (%d duplicates), %d purchases (%d with an unknown key) in %s\n",
					st.Persons, st.Profiles, st.Duplicates, st.Purchases, st.OrphanPurchases, out)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&persons, "persons", 2000, "number of persons")
	f.Int64Var(&seed, "seed", 1, "random seed")
	f.StringVar(&out, "out", "", "output directory")
	f.BoolVar(&noCRM, "no-crm", false, "do not write the CRM export")
	f.StringVar(&pop, "population", string(gen.PopulationDefault), "names of the persons: default (US frequencies) or low-diversity (few surnames and given names)")
	return cmd
}
