package main

import (
	"github.com/spf13/cobra"

	"github.com/contoso/c360/pipeline"
)

func (a *app) runCommand() *cobra.Command {
	var force bool
	var cpuProfile, memProfile string
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Fetch, load, match and publish: the nightly job",
		Long: `run fetches every source named in the config, loads it into a new DuckDB database,
resolves customers, computes measures and reports, and publishes the database by
renaming it into place. It exits 0 only when the database was published.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			log, rep, done, err := a.output()
			if err != nil {
				return err
			}
			limitGoMemory(cfg.MemoryLimit)
			stopProfiles, err := profiles(cpuProfile, memProfile)
			if err != nil {
				return err
			}
			sum, err := pipeline.Run(cmd.Context(), cfg, pipeline.Options{
				Force: force, Version: version(), Logger: log, Progress: rep, Catalog: a.catalog,
			})
			done()
			if perr := stopProfiles(); perr != nil && err == nil {
				err = perr
			}
			if sum != nil && !a.quiet {
				sum.Print(a.stdout)
			}
			return err
		},
	}
	f := cmd.Flags()
	f.BoolVar(&force, "force", false, "publish even when a source's row count fell by more than max_row_drop")
	f.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)")
	f.StringVar(&memProfile, "memprofile", "", "write an allocation profile of the run to this file")
	return cmd
}

func (a *app) fetchCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "fetch",
		Short: "Fetch every source into a new landing folder, without loading",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			log, rep, done, err := a.output()
			if err != nil {
				return err
			}
			sum, err := pipeline.Fetch(cmd.Context(), cfg, pipeline.Options{Version: version(), Logger: log, Progress: rep})
			done()
			if sum != nil && !a.quiet {
				sum.Print(a.stdout)
			}
			return err
		},
	}
}
