package pipeline

import (
	"context"
	"fmt"
	"strings"

	"github.com/contoso/c360/pipeline/sales"
	"github.com/contoso/c360/pipeline/salesprocess"
	"github.com/contoso/c360/transform/sources"
)

// CRM loads the CRM exports, when the config names them, and builds the
// sales-process reports as of the run's as_of date, under the config's
// sales process.
func CRM(ctx context.Context, s *State) error {
	if len(s.Config.CRM) == 0 && s.Config.Dataverse == nil {
		s.Log.Info("no crm section in the config; sales reports skipped")
		return nil
	}
	files, err := crmFiles(s)
	if err != nil {
		return err
	}
	conn, err := s.Build.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	process := s.Config.SalesProcess
	if process == nil { // a Config not made by config.Load
		process = salesprocess.Default()
	}
	results, err := sales.LoadCRM(ctx, conn, files, sales.Options{Progress: s.Progress, Process: process, Load: loadLimits(s)})
	if err != nil {
		return err
	}
	s.Loads = append(s.Loads, results...)
	for _, r := range results {
		s.Log.Info("source loaded", "source", r.Source, "rows_read", r.Read,
			"rows_loaded", r.Loaded, "rows_rejected", len(r.Rejects))
	}
	if err := checkGates(s, results); err != nil {
		return err
	}
	return sales.ReportsFor(ctx, conn, s.Config.AsOf, process)
}

// crmFiles returns the CRM export files to load: the landed CSV exports,
// or the CSVs made from the landed Dataverse reads.
func crmFiles(s *State) (map[string]sales.File, error) {
	if s.Config.Dataverse != nil {
		return dataverseFiles(s)
	}
	files := make(map[string]sales.File)
	var missing []string
	for _, src := range sources.CRM() {
		f, ok := s.Files[src.Name]
		if !ok {
			missing = append(missing, src.Name)
			continue
		}
		files[src.Name] = sales.File{Path: f.Path, Name: fileName(f), Encoding: s.encoding(src.Name)}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("the crm section must name all five exports; missing: %s", strings.Join(missing, ", "))
	}
	return files, nil
}
