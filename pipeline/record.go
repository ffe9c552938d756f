package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	c360sql "github.com/contoso/c360/sql"
)

// historyTables are carried from the published database into the new one,
// so that they describe every run, not only the last.
var historyTables = []string{"run", "run_stage", "source_file", "customer_id_history"}

// Record writes the run record: the run, its stages, its input files and
// their rejected rows, after the history of earlier runs. Rejected rows also
// go to rejects.csv in the landing folder.
func Record(ctx context.Context, s *State) error {
	if err := writeRejects(s); err != nil {
		return err
	}
	db := s.Build.DB
	if err := carryHistory(ctx, db, s.Config.Database); err != nil {
		return err
	}
	if err := recordFiles(ctx, s); err != nil {
		return err
	}
	if err := recordRejects(ctx, s); err != nil {
		return err
	}
	err := appendRows(ctx, db, "run_stage", func(app *duckdb.Appender) error {
		for i, t := range s.Times {
			if err := app.AppendRow(s.ID, t.Stage, int32(i+1), t.Seconds); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return recordRun(ctx, s)
}

// carryHistory copies the history tables of the published database, if
// any, into db.
func carryHistory(ctx context.Context, db *sql.DB, published string) error {
	if _, err := os.Stat(published); err != nil {
		return nil
	}
	abs, err := filepath.Abs(published)
	if err != nil {
		return err
	}
	attach := "ATTACH " + quoteLiteral(abs) + " AS published (READ_ONLY)"
	if _, err := db.ExecContext(ctx, attach); err != nil {
		return fmt.Errorf("attach the published database: %w", err)
	}
	defer db.ExecContext(context.WithoutCancel(ctx), "DETACH published")
	for _, t := range historyTables {
		q := fmt.Sprintf("INSERT INTO %s BY NAME SELECT * FROM published.%s", t, t)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("carry %s forward: %w", t, err)
		}
	}
	return nil
}

func recordFiles(ctx context.Context, s *State) error {
	byName := make(map[string][3]int)
	for _, r := range s.Loads {
		byName[r.Source] = [3]int{r.Read, r.Loaded, len(r.Rejects)}
	}
	return appendRows(ctx, s.Build.DB, "source_file", func(app *duckdb.Appender) error {
		for _, name := range sortedFileNames(s.Files) {
			f := s.Files[name]
			n := byName[name]
			rel, err := filepath.Rel(s.Config.WorkDir, f.Path)
			if err != nil {
				rel = f.Path
			}
			var status any
			if f.HTTPStatus != 0 {
				status = int32(f.HTTPStatus)
			}
			err = app.AppendRow(s.ID, name, f.URL, filepath.ToSlash(rel), f.SHA256, f.Bytes,
				int64(n[0]), int64(n[1]), int64(n[2]), f.ReusedFrom != "", status, f.FetchedAt)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func recordRejects(ctx context.Context, s *State) error {
	return appendRows(ctx, s.Build.DB, "load_reject", func(app *duckdb.Appender) error {
		for _, r := range s.Loads {
			for _, e := range r.Rejects {
				var pos any
				if e.Position > 0 {
					pos = int32(e.Position)
				}
				err := app.AppendRow(s.ID, e.Source, e.File, int64(e.Line), nullString(e.Column), pos,
					nullString(e.Value), e.Err.Error(), e.Raw)
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func recordRun(ctx context.Context, s *State) error {
	var read, rejected int64
	for _, r := range s.Loads {
		read += int64(r.Read)
		rejected += int64(len(r.Rejects))
	}
	host, _ := os.Hostname()
	now := s.Options.Now().UTC()
	c := s.Counts
	warnings := s.Warnings
	if warnings == nil {
		warnings = []string{}
	}
	return appendRows(ctx, s.Build.DB, "run", func(app *duckdb.Appender) error {
		return app.AppendRow(s.ID, s.Started, now, s.Config.AsOf, "published", s.Options.Force,
			s.Options.Version, host, read, rejected, int64(c.SourceRecords), int64(c.Customers),
			c.PairsCompared, int64(c.PairsMatched), int64(c.Purchases), int64(c.PurchasesUnlinked),
			now.Sub(s.Started).Seconds(), warnings)
	})
}

// createSchema creates the tables the pipeline fills from Go.
func createSchema(ctx context.Context, db *sql.DB) error {
	return c360sql.Exec(ctx, db, "schema.sql")
}

// quoteLiteral quotes s as a SQL string literal.
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
