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
	b, err := bindDeclared("run_stage")
	if err != nil {
		return err
	}
	run, stage, seq, seconds := b.Index("run_id"), b.Index("stage"), b.Index("seq"), b.Index("seconds")
	cols, err := b.Columns()
	if err != nil {
		return err
	}
	err = writeRows(ctx, db, "run_stage", cols, len(s.Times), func(w *bulk.Writer, i int) {
		w.String(run, s.ID)
		w.String(stage, s.Times[i].Stage)
		w.Int64(seq, int64(i+1))
		w.Float64(seconds, s.Times[i].Seconds)
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
	b, err := bindDeclared("source_file")
	if err != nil {
		return err
	}
	run, source, url, file, sha, size := b.Index("run_id"), b.Index("source"), b.Index("url"), b.Index("file"), b.Index("sha256"), b.Index("bytes")
	counts := [...]int{b.Index("rows_read"), b.Index("rows_loaded"), b.Index("rows_rejected")}
	reused, status, fetched := b.Index("reused"), b.Index("http_status"), b.Index("fetched_at")
	// where the bytes and lines went (load.Accounting)
	accounting := [...]int{b.Index("lines"), b.Index("bytes_skipped"), b.Index("lines_skipped"),
		b.Index("bytes_loaded"), b.Index("lines_loaded"), b.Index("bytes_rejected"), b.Index("lines_rejected")}
	cols, err := b.Columns()
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
		w.String(run, s.ID)
		w.String(source, names[i])
		w.String(url, f.URL)
		w.String(file, filepath.ToSlash(rel))
		w.String(sha, f.SHA256)
		w.Int64(size, f.Bytes)
		var n [len(counts)]int
		if r != nil {
			n = [...]int{r.Read, r.Loaded, len(r.Rejects)}
		}
		for k, col := range counts {
			w.Int64(col, int64(n[k]))
		}
		w.Bool(reused, f.ReusedFrom != "")
		if f.HTTPStatus != 0 {
			w.Int64(status, int64(f.HTTPStatus))
		} else {
			w.Null(status)
		}
		w.Time(fetched, f.FetchedAt)
		if r == nil {
			for _, col := range accounting {
				w.Null(col)
			}
			return
		}
		a := r.Accounting
		spans := [len(accounting)]int64{a.File.Lines, a.Skipped.Bytes, a.Skipped.Lines, a.Loaded.Bytes, a.Loaded.Lines,
			a.Rejected.Bytes, a.Rejected.Lines}
		for k, col := range accounting {
			w.Int64(col, spans[k])
		}
	})
}

func recordRejects(ctx context.Context, s *State) error {
	var all []*load.RejectError
	for _, r := range s.Loads {
		all = append(all, r.Rejects...)
	}
	b, err := bindDeclared("load_reject")
	if err != nil {
		return err
	}
	run, source, file, line := b.Index("run_id"), b.Index("source"), b.Index("file"), b.Index("line")
	column, position, value, why, raw := b.Index("column_name"), b.Index("column_number"), b.Index("value"), b.Index("error"), b.Index("raw_line")
	cols, err := b.Columns()
	if err != nil {
		return err
	}
	return writeRows(ctx, s.Build.DB, "load_reject", cols, len(all), func(w *bulk.Writer, i int) {
		e := all[i]
		w.String(run, s.ID)
		w.String(source, e.Source)
		w.String(file, e.File)
		w.Int64(line, int64(e.Line))
		w.OptString(column, e.Column)
		if e.Position > 0 {
			w.Int64(position, int64(e.Position))
		} else {
			w.Null(position)
		}
		w.OptString(value, safetext.Escape(e.Value))
		w.String(why, safetext.Escape(e.Err.Error()))
		w.String(raw, safetext.Escape(e.Raw))
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
	b, err := bindDeclared("run")
	if err != nil {
		return err
	}
	id, started, finished, asOf, status, forced, version, hostCol := b.Index("run_id"), b.Index("started_at"), b.Index("finished_at"),
		b.Index("as_of"), b.Index("status"), b.Index("forced"), b.Index("version"), b.Index("host")
	counts := []struct {
		col int
		n   int64
	}{
		{b.Index("rows_read"), read}, {b.Index("rows_rejected"), rejected},
		{b.Index("source_records"), int64(c.SourceRecords)}, {b.Index("customers"), int64(c.Customers)},
		{b.Index("pairs_compared"), c.PairsCompared}, {b.Index("pairs_matched"), int64(c.PairsMatched)},
		{b.Index("purchases"), int64(c.Purchases)}, {b.Index("purchases_unlinked"), int64(c.PurchasesUnlinked)},
		{b.Index("review_applied"), int64(c.ReviewApplied)}, {b.Index("review_missing"), int64(c.ReviewMissing)},
	}
	seconds, warnings := b.Index("seconds"), b.Index("warnings")
	cols, err := b.Columns()
	if err != nil {
		return err
	}
	return writeRows(ctx, s.Build.DB, "run", cols, 1, func(w *bulk.Writer, _ int) {
		w.String(id, s.ID)
		w.Time(started, s.Started)
		w.Time(finished, now)
		w.Time(asOf, s.Config.AsOf)
		w.String(status, "published")
		w.Bool(forced, s.Options.Force)
		w.String(version, s.Options.Version)
		w.String(hostCol, host)
		for _, v := range counts {
			w.Int64(v.col, v.n)
		}
		w.Float64(seconds, now.Sub(s.Started).Seconds())
		w.Strings(warnings, s.Warnings)
	})
}

// createSchema creates the tables the pipeline fills from Go.
func createSchema(ctx context.Context, db *sql.DB) error {
	return c360sql.Exec(ctx, db, "schema.sql")
}
