package pipeline

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/contoso/c360/pipeline/land"
	"github.com/contoso/c360/transform/sources"
)

// Summary tells what a run did. It is printed by the command, written to
// run.json in the run's landing folder, and mirrored in the run tables.
type Summary struct {
	RunID     string          `json:"run_id"`
	Status    string          `json:"status"` // published or failed
	Error     string          `json:"error,omitempty"`
	Database  string          `json:"database"`
	StartedAt time.Time       `json:"started_at"`
	Seconds   float64         `json:"seconds"`
	Sources   []SourceSummary `json:"sources"`
	Counts    Counts          `json:"counts"`
	Stages    []StageTime     `json:"stages"`
	Warnings  []string        `json:"warnings,omitempty"`
}

// SourceSummary is what happened to one input file.
type SourceSummary struct {
	Source   string `json:"source"`
	URL      string `json:"url"`
	Bytes    int64  `json:"bytes"`
	Reused   bool   `json:"reused"`
	Read     int    `json:"rows_read"`
	Loaded   int    `json:"rows_loaded"`
	Rejected int    `json:"rows_rejected"`
}

func (s *State) summary(err error) *Summary {
	sum := &Summary{
		RunID:     s.ID,
		Status:    "published",
		Database:  s.Config.Database,
		StartedAt: s.Started,
		Seconds:   s.Options.Now().Sub(s.Started).Seconds(),
		Counts:    s.Counts,
		Stages:    s.Times,
		Warnings:  s.Warnings,
	}
	if err != nil {
		sum.Status, sum.Error = "failed", err.Error()
	}
	loaded := make(map[string]bool)
	for _, r := range s.Loads {
		f := s.Files[r.Source]
		loaded[r.Source] = true
		sum.Sources = append(sum.Sources, SourceSummary{
			Source: r.Source, URL: f.URL, Bytes: f.Bytes, Reused: f.ReusedFrom != "",
			Read: r.Read, Loaded: r.Loaded, Rejected: len(r.Rejects),
		})
	}
	for _, name := range sortedFileNames(s.Files) {
		if !loaded[name] {
			f := s.Files[name]
			sum.Sources = append(sum.Sources, SourceSummary{Source: name, URL: f.URL, Bytes: f.Bytes, Reused: f.ReusedFrom != ""})
		}
	}
	return sum
}

func sortedFileNames(files map[string]land.File) []string {
	var names []string
	for _, src := range append(sources.Customer(), sources.CRM()...) {
		if _, ok := files[src.Name]; ok {
			names = append(names, src.Name)
		}
	}
	return names
}

func (sum *Summary) writeJSON(dir string) error {
	return land.WriteFile(filepath.Join(dir, "run.json"), 0o644, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	})
}

// Print writes the summary as a short human-readable report.
func (sum *Summary) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "source\trows read\tloaded\trejected\treused\t")
	var read, loaded, rejected int
	for _, s := range sum.Sources {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%v\t\n", s.Source, s.Read, s.Loaded, s.Rejected, s.Reused)
		read, loaded, rejected = read+s.Read, loaded+s.Loaded, rejected+s.Rejected
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t\t\n", read, loaded, rejected)
	if err := tw.Flush(); err != nil {
		return err
	}
	c := sum.Counts
	fmt.Fprintf(w, "\n%d source records -> %d customers (%d links from %d pairs compared)\n",
		c.SourceRecords, c.Customers, c.PairsMatched, c.PairsCompared)
	fmt.Fprintf(w, "%d purchases, %d with no known customer\n", c.Purchases, c.PurchasesUnlinked)
	if c.ReviewApplied > 0 || c.ReviewMissing > 0 {
		fmt.Fprintf(w, "%d review decisions applied, %d naming records no longer loaded\n", c.ReviewApplied, c.ReviewMissing)
	}
	for _, warn := range sum.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	fmt.Fprintf(w, "run %s %s in %.2f s", sum.RunID, sum.Status, sum.Seconds)
	if sum.Status == "published" {
		fmt.Fprintf(w, ": %s", sum.Database)
	}
	fmt.Fprintln(w)
	return nil
}
