package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/contoso/c360/pipeline/bench"
)

func (a *app) benchCommand() *cobra.Command {
	var (
		sizes []int
		seed  int64
		cache string
		out   string
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure whole runs on generated data at several sizes and write BENCHMARKS.md",
		Long: `bench generates Contoso-format data with the generator for each size (cached in --cache),
runs the whole pipeline on it in a child process, and writes per size the rows per source, wall
time per stage, comparisons made, pairs kept, peak RSS, and pairwise precision, recall and F1
against the generator's truth, into the measured section of --out.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(sizes) == 0 {
				return usageError{errors.New("bench: --sizes is empty")}
			}
			self, err := os.Executable()
			if err != nil {
				return err
			}
			results, err := bench.Run(cmd.Context(), bench.Options{
				Sizes: sizes, Seed: seed, Cache: cache, Binary: self,
				Log: func(format string, args ...any) {
					if !a.quiet {
						fmt.Fprintf(a.stderr, "bench: "+format+"\n", args...)
					}
				},
			})
			if err != nil {
				return err
			}
			var b strings.Builder
			command := fmt.Sprintf("c360 bench --sizes %s --seed %d", joinInts(sizes), seed)
			bench.Write(&b, results, command)
			if out == "-" {
				_, err = fmt.Fprint(a.stdout, b.String())
				return err
			}
			if err := bench.Update(out, b.String()); err != nil {
				return err
			}
			if !a.quiet {
				fmt.Fprint(a.stdout, b.String())
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntSliceVar(&sizes, "sizes", []int{10000, 100000, 1000000}, "persons per measured run")
	f.Int64Var(&seed, "seed", 1, "generator seed")
	f.StringVar(&cache, "cache", ".bench", "folder for the generated inputs (kept between runs) and the run outputs")
	f.StringVar(&out, "out", "BENCHMARKS.md", "file whose measured section is rewritten; - prints it instead")
	return cmd
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ",")
}
