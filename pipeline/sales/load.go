package sales

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/pipeline/progress"
	"github.com/contoso/c360/pipeline/salesprocess"
	"github.com/contoso/c360/transform/sources"
)

// File names one CRM export on disk.
type File struct {
	Path     string // the local file to read
	Name     string // the file name shown in messages, e.g. "deals.csv"
	Encoding string // its text encoding (see load.Input); "" is UTF-8
}

// Options tune Load. The zero value is ready to use.
type Options struct {
	// Progress receives the progress of each file; nil means progress.Discard.
	Progress progress.Reporter
	// Process supplies the accepted labels of the rule-bearing columns
	// (see salesprocess.Process.Sources); nil means salesprocess.Default().
	Process *salesprocess.Process
	// Load holds the limits every file is read with (quoted-field bounds,
	// date windows); LoadCRM sets its Keys, CollectKeys and Progress.
	Load load.Options
}

// Load loads the CRM exports into their tables (crm_account, deal,
// tech_check, lead, crm_activity), replacing any tables of those names.
// files maps each CRM source name ("accounts", "deals", "tech_checks",
// "leads", "activities") to its file; all five are required.
//
// The files are loaded in dependency order and each file's ids are checked
// against the keys of the files before it. The results, rejects included,
// are returned in that order. An error is returned only when a file is
// missing from files, cannot be read, lacks a required column, or DuckDB
// fails; bad rows are rejects, not errors.
func LoadCRM(ctx context.Context, conn *sql.Conn, files map[string]File, opts Options) ([]*load.Result, error) {
	p := opts.Process
	if p == nil {
		p = salesprocess.Default()
	}
	srcs := p.Sources()
	if err := checkFiles(srcs, files); err != nil {
		return nil, err
	}
	keys := make(map[string]map[string]struct{}, len(srcs))
	results := make([]*load.Result, 0, len(srcs))
	for _, src := range srcs {
		f := files[src.Name]
		lo := opts.Load
		lo.Keys, lo.CollectKeys, lo.Progress = keys, true, opts.Progress
		res, err := load.File(ctx, conn, load.Input{Source: src, Path: f.Path, Name: f.Name, Encoding: f.Encoding}, lo)
		if err != nil {
			return nil, fmt.Errorf("sales: %w", err)
		}
		keys[src.Name] = res.Keys
		results = append(results, res)
	}
	return results, nil
}

// checkFiles reports files missing for a source, or named for no source.
func checkFiles(srcs []sources.Source, files map[string]File) error {
	var names, missing, unknown []string
	for _, src := range srcs {
		names = append(names, src.Name)
		if _, ok := files[src.Name]; !ok {
			missing = append(missing, src.Name)
		}
	}
	for name := range files {
		if !slices.Contains(names, name) {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	switch {
	case len(missing) > 0:
		return fmt.Errorf("sales: no file given for %s", strings.Join(missing, ", "))
	case len(unknown) > 0:
		return fmt.Errorf("sales: %s: not a CRM source (want %s)",
			strings.Join(unknown, ", "), strings.Join(names, ", "))
	}
	return nil
}
