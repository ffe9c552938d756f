package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/contoso/c360/pipeline/bulk"
	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/pipeline/safetext"
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
	cols, err := declaredColumns("run_stage")
	if err != nil {
		return err
	}
	err = writeRows(ctx, db, "run_stage", cols, len(s.Times), func(w *bulk.Writer, i int) {
		w.String(0, s.ID)
		w.String(1, s.Times[i].Stage)
		w.Int64(2, int64(i+1))
		w.Float64(3, s.Times[i].Seconds)
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
	attach := "ATTACH " + c360sql.QuoteLiteral(abs) + " AS published (READ_ONLY)"
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
	byName := make(map[string]*load.Result)
	for _, r := range s.Loads {
		byName[r.Source] = r
	}
	names := sortedFileNames(s.Files)
	cols, err := declaredColumns("source_file")
	if err != nil {
		return err
	}
	return writeRows(ctx, s.Build.DB, "source_file", cols, len(names), func(w *bulk.Writer, i int) {
		f := s.Files[names[i]]
		r := byName[names[i]]
		rel, err := filepath.Rel(s.Config.WorkDir, f.Path)
		if err != nil {
			rel = f.Path
		}
		w.String(0, s.ID)
		w.String(1, names[i])
		w.String(2, f.URL)
		w.String(3, filepath.ToSlash(rel))
		w.String(4, f.SHA256)
		w.Int64(5, f.Bytes)
		var counts [3]int
		if r != nil {
			counts = [3]int{r.Read, r.Loaded, len(r.Rejects)}
		}
		for k, n := range counts {
			w.Int64(6+k, int64(n))
		}
		w.Bool(9, f.ReusedFrom != "")
		if f.HTTPStatus != 0 {
			w.Int64(10, int64(f.HTTPStatus))
		} else {
			w.Null(10)
		}
		w.Time(11, f.FetchedAt)
		for k := 12; k < len(cols); k++ { // where the bytes and lines went (load.Accounting)
			if r == nil {
				w.Null(k)
				continue
			}
			a := r.Accounting
			w.Int64(k, []int64{a.File.Lines, a.Skipped.Bytes, a.Skipped.Lines, a.Loaded.Bytes, a.Loaded.Lines,
				a.Rejected.Bytes, a.Rejected.Lines}[k-12])
		}
	})
}

func recordRejects(ctx context.Context, s *State) error {
	var all []*load.RejectError
	for _, r := range s.Loads {
		all = append(all, r.Rejects...)
	}
	cols, err := declaredColumns("load_reject")
	if err != nil {
		return err
	}
	return writeRows(ctx, s.Build.DB, "load_reject", cols, len(all), func(w *bulk.Writer, i int) {
		e := all[i]
		w.String(0, s.ID)
		w.String(1, e.Source)
		w.String(2, e.File)
		w.Int64(3, int64(e.Line))
		w.OptString(4, e.Column)
		if e.Position > 0 {
			w.Int64(5, int64(e.Position))
		} else {
			w.Null(5)
		}
		w.OptString(6, safetext.Escape(e.Value))
		w.String(7, safetext.Escape(e.Err.Error()))
		w.String(8, safetext.Escape(e.Raw))
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
	cols, err := declaredColumns("run")
	if err != nil {
		return err
	}
	return writeRows(ctx, s.Build.DB, "run", cols, 1, func(w *bulk.Writer, _ int) {
		w.String(0, s.ID)
		w.Time(1, s.Started)
		w.Time(2, now)
		w.Time(3, s.Config.AsOf)
		w.String(4, "published")
		w.Bool(5, s.Options.Force)
		w.String(6, s.Options.Version)
		w.String(7, host)
		for i, v := range []int64{read, rejected, int64(c.SourceRecords), int64(c.Customers),
			c.PairsCompared, int64(c.PairsMatched), int64(c.Purchases), int64(c.PurchasesUnlinked)} {
			w.Int64(8+i, v)
		}
		w.Float64(16, now.Sub(s.Started).Seconds())
		w.Strings(17, s.Warnings)
		w.Int64(18, int64(c.ReviewApplied))
		w.Int64(19, int64(c.ReviewMissing))
	})
}

// createSchema creates the tables the pipeline fills from Go.
func createSchema(ctx context.Context, db *sql.DB) error {
	return c360sql.Exec(ctx, db, "schema.sql")
}
