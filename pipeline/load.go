package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/contoso/c360/pipeline/land"
	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/pipeline/safecsv"
	"github.com/contoso/c360/pipeline/safetext"
	"github.com/contoso/c360/transform/sources"
)

// Errors from the load stage's gates.
var (
	// ErrTooManyRejects means a source rejected more rows than
	// max_reject_share allows, and at least min_rejects_to_fail of them.
	ErrTooManyRejects = errors.New("too many rejected rows")
	// ErrRowDrop means a source's row count fell by more than max_row_drop
	// against the last published run; --force publishes anyway.
	ErrRowDrop = errors.New("row count fell too far")
)

// Load loads the four customer sources into the new database, all at once
// on connections of their own, and checks the gates: each source's share of
// rejected rows, and the fall of its row count against the last published
// run. (Run also writes rejected rows to rejects.csv in the landing folder,
// so they survive a failed run.)
func Load(ctx context.Context, s *State) error {
	srcs := sources.Customer()
	results := make([]*load.Result, len(srcs))
	people := make([]*peopleFile, len(srcs))
	fns := make([]func() error, len(srcs))
	for i, src := range srcs {
		f, ok := s.Files[src.Name]
		if !ok {
			return fmt.Errorf("source %s was not fetched", src.Name)
		}
		fns[i] = func() error {
			conn, err := s.Build.DB.Conn(ctx)
			if err != nil {
				return err
			}
			defer conn.Close()
			opts := loadLimits(s)
			opts.Keep, opts.Progress = keptFields(s, src), s.Progress
			var pw *peopleWriter
			if src.People != nil {
				if pw, err = createPeople(s.scratchDir(), src.Name); err != nil {
					return err
				}
				opts.Row = normalizeRow(s, src, pw)
			}
			in := load.Input{Source: src, Path: f.Path, Name: fileName(f), Encoding: s.encoding(src.Name)}
			results[i], err = load.File(ctx, conn, in, opts)
			if pw != nil {
				file, closeErr := pw.close()
				people[i], err = file, errors.Join(err, closeErr)
			}
			return err
		}
	}
	err := parallel(fns...)
	for _, f := range people {
		if f != nil {
			s.people = append(s.people, f) // removed when the run ends
		}
	}
	if err != nil {
		return err
	}
	for _, res := range results {
		s.Loads = append(s.Loads, res)
		s.Log.Info("source loaded", "source", res.Source, "rows_read", res.Read,
			"rows_loaded", res.Loaded, "rows_rejected", len(res.Rejects))
	}
	return checkGates(s, s.Loads)
}

// loadLimits are the load options the config sets: the bounds of a quoted
// field and the date windows (birth dates end at as_of unless the config
// says otherwise).
func loadLimits(s *State) load.Options {
	l := s.Config.Load
	births := load.Window(l.BirthDates)
	if births.Latest.IsZero() {
		births.Latest = s.Config.AsOf
	}
	return load.Options{
		MaxQuotedBytes: int(l.MaxQuotedBytes),
		MaxQuotedLines: l.MaxQuotedLines,
		Dates:          load.Window(l.Dates),
		BirthDates:     births,
	}
}

// encoding is the text encoding the config declares for a source, or "".
func (s *State) encoding(source string) string {
	src, _ := s.Config.Source(source)
	return src.Encoding
}

// fileName is the name a user knows a landed file by: the last element of
// its URL ("Contact.txt", or "Contacts" for https://aka.ms/CI-ILT/Contacts).
func fileName(f land.File) string {
	if u, err := url.Parse(f.URL); err == nil && u.Path != "" {
		if base := path.Base(u.Path); base != "/" && base != "." {
			return base
		}
	}
	return f.Name
}

// keptFields lists the fields of src that the normalize stage needs in
// memory: the config's cross-reference columns, and the key beside them.
// (The person attributes stream into the people file; see normalizeRow.)
func keptFields(s *State, src sources.Source) []string {
	var fields []string
	for _, x := range s.Config.Matching.CrossReference {
		if x.FromSource == src.Name && !slices.Contains(fields, x.FromColumn) {
			fields = append(fields, x.FromColumn)
		}
	}
	if fields != nil {
		fields = append([]string{src.Key}, fields...)
	}
	return fields
}

// checkGates fails the run when a source rejected too many rows (a share
// over max_reject_share and at least min_rejects_to_fail of them; a share
// over it with fewer rows is a warning) or shrank too much since the last
// published run.
func checkGates(s *State, results []*load.Result) error {
	maxShare := s.Config.MaxRejectShare
	for _, r := range results {
		if r.Read == 0 {
			continue
		}
		share := float64(len(r.Rejects)) / float64(r.Read)
		if share <= maxShare {
			continue
		}
		msg := fmt.Sprintf("%s rejected %d of %d rows (%.2f%%), more than max_reject_share %.2f%%; first: %v",
			r.Source, len(r.Rejects), r.Read, 100*share, 100*maxShare, r.Rejects[0])
		if len(r.Rejects) >= s.Config.MinRejectsToFail {
			return fmt.Errorf("%w: %s", ErrTooManyRejects, msg)
		}
		s.warn("%s, but fewer than min_rejects_to_fail (%d), so the run goes on", msg, s.Config.MinRejectsToFail)
	}
	for _, r := range results {
		before, ok := s.Previous.Rows[r.Source]
		if !ok || before == 0 {
			continue
		}
		floor := float64(before) * (1 - s.Config.MaxRowDrop)
		if float64(r.Loaded) >= floor {
			continue
		}
		msg := fmt.Sprintf("%s: %d rows loaded, down from %d in run %s (more than max_row_drop %.0f%%)",
			r.Source, r.Loaded, before, s.Previous.RunID, 100*s.Config.MaxRowDrop)
		if !s.Options.Force {
			return fmt.Errorf("%w: %s; check the source, or rerun with --force to publish anyway", ErrRowDrop, msg)
		}
		s.warn("published with --force although %s", msg)
	}
	return nil
}

// writeRejects writes every rejected row of the run to rejects.csv in the
// landing folder.
func writeRejects(s *State) error {
	if s.Landing == nil {
		return nil
	}
	return land.WriteFile(filepath.Join(s.Landing.Dir, "rejects.csv"), land.FilePerm, func(w io.Writer) error {
		cw := safecsv.NewWriter(w) // a raw line could otherwise run as a spreadsheet formula
		cw.Write([]string{"source", "file", "line", "column_name", "column_number", "value", "error", "raw_line"})
		for _, r := range s.Loads {
			for _, e := range r.Rejects {
				cw.Write([]string{e.Source, e.File, strconv.Itoa(e.Line), e.Column, strconv.Itoa(e.Position),
					safetext.Escape(e.Value), safetext.Escape(e.Err.Error()), safetext.Escape(e.Raw)})
			}
		}
		cw.Flush()
		return cw.Error()
	})
}
