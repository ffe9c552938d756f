package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/i18n"
	"github.com/contoso/c360/pipeline/lock"
	"github.com/contoso/c360/pipeline/progress"
)

// app holds the command line's shared flags and outputs.
type app struct {
	stdout, stderr io.Writer
	// terminal says whether w is a terminal, where bars are drawn and info
	// lines are held back; isTerminal but in tests.
	terminal func(w io.Writer) bool

	configPath string
	asOf       string
	logFormat  string
	quiet      bool
	verbose    bool
	lang       string        // --lang; see lang.go
	catalog    *i18n.Catalog // the catalogue of --lang, set before a command runs
}

func newApp(stdout, stderr io.Writer) *app {
	return &app{stdout: stdout, stderr: stderr, terminal: isTerminal}
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "c360",
		Short:         "Build Contoso's single customer view and sales reports in DuckDB",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "c360.yaml", "config file")
	pf.StringVar(&a.asOf, "as-of", "", "compute reports as of this day (YYYY-MM-DD); overrides as_of in the config")
	pf.StringVar(&a.logFormat, "log-format", "", "log format: text or json (default: text on a terminal, json otherwise)")
	pf.BoolVarP(&a.quiet, "quiet", "q", false, "log only warnings and errors, and draw no progress bars")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "on a terminal, log info lines too, above the progress bars (off a terminal they are always logged)")
	a.addLangFlag(root)
	root.AddCommand(a.runCommand(), a.fetchCommand(), a.genCommand(), a.explainCommand(), a.reportCommand(), a.evalCommand(), a.benchCommand(), a.serveCommand(), a.versionCommand())
	// "c360 bogus" is a usage error (exit 2), not a failed run: the root
	// takes no arguments, and shows its help when given none.
	root.Args = func(_ *cobra.Command, args []string) error {
		if len(args) > 0 {
			return fmt.Errorf("unknown command %q (see c360 --help)", args[0])
		}
		return nil
	}
	root.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	argsAreUsage(root)
	return root
}

// argsAreUsage makes the argument checks of cmd and its subcommands return
// usage errors, so an extra positional argument exits 2.
func argsAreUsage(cmd *cobra.Command) {
	if check := cmd.Args; check != nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if err := check(c, args); err != nil {
				return usageError{err}
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		argsAreUsage(sub)
	}
}

// loadConfig reads the config named by --config and applies --as-of.
func (a *app) loadConfig() (*config.Config, error) {
	cfg, err := config.Load(a.configPath)
	if err != nil {
		return nil, err
	}
	if a.asOf != "" {
		if err := cfg.SetAsOf(a.asOf); err != nil {
			return nil, usageError{fmt.Errorf("--as-of: %w", err)}
		}
	}
	return cfg, nil
}

// output sets up logging and progress for a long command. Call the
// returned func when the command ends, to finish drawing bars.
func (a *app) output() (*slog.Logger, progress.Reporter, func(), error) {
	terminal := a.terminal(a.stderr)
	format := a.logFormat
	if format == "" {
		format = "json"
		if terminal {
			format = "text"
		}
	}
	// On a terminal the bars say how far the run has got, so info lines
	// would only push them around; under cron they are the record.
	level := slog.LevelInfo
	if a.quiet || (terminal && !a.verbose) {
		level = slog.LevelWarn
	}
	logTo := a.stderr
	var rep progress.Reporter
	done := func() {}
	if terminal && !a.quiet {
		bars := progress.NewBars(a.stderr)
		logTo, rep, done = bars.Writer(), bars, bars.Wait
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	switch format {
	case "text":
		h = slog.NewTextHandler(logTo, opts)
	case "json":
		h = slog.NewJSONHandler(logTo, opts)
	default:
		return nil, nil, nil, usageError{fmt.Errorf("--log-format must be text or json, not %q", format)}
	}
	log := slog.New(h)
	if rep == nil {
		rep = progress.Log{Logger: log}
	}
	return log, rep, done, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of c360",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(a.stdout, "c360", version())
			return err
		},
	}
}

// version is the module version, or the VCS revision of a development build.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 && (v == "" || v == "(devel)") {
			v = "devel-" + s.Value[:12]
		}
	}
	if v == "" {
		v = "(devel)"
	}
	return v + " " + info.GoVersion
}

func isConfigError(err error) bool {
	var ce *config.Error
	return errors.As(err, &ce)
}

func isLockHeld(err error) bool { return lock.IsHeld(err) }
