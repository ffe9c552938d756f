package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/contoso/c360/pipeline/htmlreport"
	"github.com/contoso/c360/pipeline/i18n"
	"github.com/contoso/c360/pipeline/land"
	"github.com/contoso/c360/pipeline/publish"
)

// Report writes the HTML report of the run to the config's report path
// (report.html beside the database by default), from the database the
// publish stage just put in place, opened read-only. It runs after
// publish, so it cannot unpublish anything: a report that cannot be
// written is a warning in the run's summary and log, and Report returns
// nil. The run table, written before publish, does not hold that warning.
//
// The report speaks the language of Options.Catalog (the command's
// --lang), English by default. The file
// is written atomically and, like the database, is readable by its owner
// only: it names customers.
func Report(ctx context.Context, s *State) error {
	if s.Config.Report == "" { // a Config not made by config.Load
		s.Log.Debug("no report path; HTML report skipped")
		return nil
	}
	cat := s.Options.Catalog
	if cat == nil {
		cat = i18n.English()
	}
	err := whole(s.Progress, "report", 1, "steps", func() error {
		return writeReport(ctx, s.Config.Database, s.Config.Report, cat)
	})
	if err != nil {
		s.warn("the HTML report was not written: %v", err)
		return nil
	}
	s.Log.Info("report written", "path", s.Config.Report, "lang", cat.Lang())
	return nil
}

func writeReport(ctx context.Context, database, path string, cat *i18n.Catalog) error {
	db, err := publish.OpenPublished(ctx, database)
	if err != nil {
		return err
	}
	if db == nil {
		return fmt.Errorf("no database at %s", database)
	}
	defer db.Close()
	if err := os.MkdirAll(filepath.Dir(path), land.DirPerm); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := land.RemoveStaleTemps(path); err != nil { // left by a run that was killed
		return fmt.Errorf("report: %w", err)
	}
	return land.WriteFile(path, land.FilePerm, func(w io.Writer) error {
		return htmlreport.Write(ctx, db, cat, w)
	})
}
