// Package eval measures matching accuracy on labelled datasets: it reads
// each dataset named by an embedded spec (specs/*.yaml), hands the matcher
// normalized records under opaque ids with the one default model, derives
// predicted pairs from the clusters, and scores pairwise precision, recall
// and F1 against the truth. Labels are read only to score.
package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/matching/spec"
)

// EnvDatasets names the environment variable that overrides where the
// labelled datasets are.
const EnvDatasets = "C360_DATASETS"

// ErrNoDatasets means the datasets folder was not found.
var ErrNoDatasets = errors.New("eval: datasets folder not found")

// Config configures Run.
type Config struct {
	// Dir is the datasets folder. Empty means $C360_DATASETS, else
	// ../shared/datasets beside the module root (see FindDatasets).
	Dir string
	// Only limits the run to the named datasets; empty runs all.
	Only []string
	// Model overrides the default model; nil means spec.Default().
	Model   *spec.Model
	Workers int
	// Generated lists the generated rows; nil means GeneratedRows(). In
	// Only, Generated ("generated") selects all of them.
	Generated []GeneratedRow
}

// Result is the score of one dataset.
type Result struct {
	Dataset        string
	Task           string
	Records        int
	TruePairs      int
	PredictedPairs int
	TruePositives  int
	Precision      float64
	Recall         float64
	F1             float64
	Customers      int // predicted clusters
	Seconds        float64
	// Match holds the matcher's statistics.
	Match matching.Stats
}

// FindDatasets returns the datasets folder: $C360_DATASETS when set, else
// the folder shared/datasets beside the directory holding go.mod, found by
// walking up from the working directory (so it works from the repository
// root and from a package's test directory alike).
func FindDatasets() (string, error) {
	if d := os.Getenv(EnvDatasets); d != "" {
		if isDir(d) {
			return d, nil
		}
		return "", fmt.Errorf("%w: %s=%s", ErrNoDatasets, EnvDatasets, d)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("eval: %w", err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			d := filepath.Join(dir, "..", "shared", "datasets")
			if isDir(d) {
				return d, nil
			}
			return "", fmt.Errorf("%w: %s", ErrNoDatasets, d)
		}
		if filepath.Dir(dir) == dir {
			return "", fmt.Errorf("%w: no go.mod above %s", ErrNoDatasets, wd)
		}
	}
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// Run evaluates the labelled datasets, then the generated rows (see
// Config.Generated), and writes a table of the results to w (nil writes
// nothing).
func Run(ctx context.Context, cfg Config, w io.Writer) ([]Result, error) {
	sets, err := Datasets()
	if err != nil {
		return nil, err
	}
	want := func(name string) bool { return len(cfg.Only) == 0 || slices.Contains(cfg.Only, name) }
	labelled := slices.ContainsFunc(sets, func(d Dataset) bool { return want(d.Name) })
	dir := cfg.Dir
	if dir == "" && labelled { // the generated rows need no folder
		if dir, err = FindDatasets(); err != nil {
			return nil, err
		}
	}
	var out []Result
	for i := range sets {
		if !want(sets[i].Name) {
			continue
		}
		o, err := evaluate(ctx, &sets[i], dir, cfg)
		if err != nil {
			return out, err
		}
		out = append(out, o.Result)
	}
	rows := cfg.Generated
	if rows == nil {
		rows = GeneratedRows()
	}
	for _, row := range rows {
		if !want(row.Name) && !want(Generated) {
			continue
		}
		o, err := evaluateGenerated(ctx, row, cfg)
		if err != nil {
			return out, err
		}
		out = append(out, o.Result)
	}
	if w != nil {
		if err := WriteTable(w, out); err != nil {
			return out, err
		}
	}
	return out, nil
}

// WriteTable writes results as an aligned text table.
func WriteTable(w io.Writer, results []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "dataset\trecords\ttrue pairs\tpredicted pairs\tprecision\trecall\tF1\tcustomers\tseconds\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.4f\t%.4f\t%.4f\t%d\t%.1f\t\n", r.Dataset, r.Records,
			r.TruePairs, r.PredictedPairs, r.Precision, r.Recall, r.F1, r.Customers, r.Seconds)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("eval: write table: %w", err)
	}
	return nil
}

// outcome is a dataset's evaluation with what produced it, for diagnosis.
type outcome struct {
	Result
	data  *data
	match *matching.Result
	truth map[uint64]bool
}

// evaluate runs one dataset.
func evaluate(ctx context.Context, ds *Dataset, dir string, cfg Config) (*outcome, error) {
	start := time.Now()
	d, err := load(ds, dir)
	if err != nil {
		return nil, err
	}
	res, err := matching.Match(ctx, d.people, matching.Options{Model: cfg.Model, Mode: ds.Mode(), Workers: cfg.Workers})
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", ds.Name, err)
	}
	o := score(ds, d, res)
	o.Seconds = time.Since(start).Seconds()
	return o, nil
}

// score compares the clusters of res with the truth of d.
func score(ds *Dataset, d *data, res *matching.Result) *outcome {
	o := &outcome{data: d, match: res, truth: d.truth}
	r := &o.Result
	r.Dataset, r.Task, r.Records = ds.Name, ds.Task, len(d.people)
	r.TruePairs, r.Customers, r.Match = len(d.truth), res.Stats.Clusters, res.Stats
	forEachPredicted(res.Cluster, d, ds.Task == "link", func(i, j int32) {
		r.PredictedPairs++
		if d.truth[pairKey(i, j)] {
			r.TruePositives++
		}
	})
	if r.PredictedPairs > 0 {
		r.Precision = float64(r.TruePositives) / float64(r.PredictedPairs)
	}
	if r.TruePairs > 0 {
		r.Recall = float64(r.TruePositives) / float64(r.TruePairs)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return o
}

// forEachPredicted calls f for every pair of records sharing a cluster
// (i < j); across limits it to pairs from different sources.
func forEachPredicted(clusters []int32, d *data, across bool, f func(i, j int32)) {
	members := map[int32][]int32{}
	for i, c := range clusters {
		members[c] = append(members[c], int32(i))
	}
	for _, m := range members {
		for a := 0; a < len(m); a++ {
			for b := a + 1; b < len(m); b++ {
				if across && d.people[m[a]].Source == d.people[m[b]].Source {
					continue
				}
				f(m[a], m[b])
			}
		}
	}
}

func pairKey(i, j int32) uint64 {
	if i > j {
		i, j = j, i
	}
	return uint64(i)<<32 | uint64(uint32(j))
}
