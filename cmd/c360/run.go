package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/contoso/c360/pipeline"
	"github.com/contoso/c360/pipeline/config"
)

// job is pipeline.Run or pipeline.FetchOnly.
type job func(ctx context.Context, cfg *config.Config, opts pipeline.Options) (*pipeline.Summary, error)

// runJob loads the config, sets up logs and progress, runs j and prints its
// summary. profile, when set, wraps the job in CPU and heap profiles.
func (a *app) runJob(cmd *cobra.Command, j job, opts pipeline.Options, profile [2]string) error {
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	log, rep, done, err := a.output()
	if err != nil {
		return err
	}
	limitGoMemory(cfg.MemoryLimit)
	stopProfiles, err := profiles(profile[0], profile[1])
	if err != nil {
		return err
	}
	opts.Version, opts.Logger, opts.Progress, opts.Catalog = version(), log, rep, a.catalog
	sum, err := j(cmd.Context(), cfg, opts)
	done()
	if perr := stopProfiles(); perr != nil {
		// The run's outcome stands; a lost profile does not change it.
		fmt.Fprintln(a.stderr, "c360: warning:", perr)
	}
	if sum != nil && !a.quiet {
		sum.Print(a.stdout)
	}
	return err
}

func (a *app) runCommand() *cobra.Command {
	var force bool
	var profile [2]string
	var ef engineFlags
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Fetch, load, match and publish: the nightly job",
		Long: `run fetches every source named in the config, loads it into a new DuckDB database,
resolves customers, computes measures and reports, and publishes the database by
renaming it into place. It exits 0 only when the database was published.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			engine, err := a.matchEngine(ef)
			if err != nil {
				return err
			}
			return a.runJob(cmd, pipeline.Run, pipeline.Options{Force: force, Engine: engine}, profile)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&force, "force", false, "publish even when a source's row count fell by more than max_row_drop")
	f.StringVar(&profile[0], "cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)")
	f.StringVar(&profile[1], "memprofile", "", "write an allocation profile of the run to this file")
	f.StringVar(&ef.engine, "match-engine", "inprocess", "where candidate pairs are scored: inprocess, or beam (runs c360-beam)")
	f.StringVar(&ef.binary, "beam-binary", "", "the c360-beam program (default: beside c360, else on PATH)")
	f.StringVar(&ef.args, "beam-args", "", `options for c360-beam and its Beam runner, such as "--runner=dataflow --project=..."`)
	return cmd
}

func (a *app) fetchCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "fetch",
		Short: "Fetch every source into a new landing folder, without loading",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runJob(cmd, pipeline.FetchOnly, pipeline.Options{}, [2]string{})
		},
	}
}
