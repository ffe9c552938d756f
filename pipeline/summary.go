package pipeline

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/contoso/c360/pipeline/land"
	"github.com/contoso/c360/pipeline/load"
	"github.com/contoso/c360/pipeline/safetext"
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
	// Placeholders lists the values matching treated as missing because
	// they stand for "none" (the match_placeholder table holds them too).
	Placeholders []Placeholder `json:"placeholders,omitempty"`
}

// Placeholder is a value treated as missing by matching.
type Placeholder struct {
	Attribute string `json:"attribute"`
	Value     string `json:"value"`
	Records   int    `json:"records"`
	BuiltIn   bool   `json:"built_in"`
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
	// Accounting splits the file's bytes and lines into skipped, loaded
	// and rejected; nil when the file was not loaded.
	Accounting *load.Accounting `json:"accounting,omitempty"`
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
	if s.Matching != nil && s.Matching.Result != nil {
		for _, p := range s.Matching.Result.Stats.Placeholders {
			sum.Placeholders = append(sum.Placeholders, Placeholder{string(p.Attr), p.Value, p.Records, p.BuiltIn})
		}
	}
	loaded := make(map[string]bool)
	for _, r := range s.Loads {
		f := s.Files[r.Source]
		loaded[r.Source] = true
		sum.Sources = append(sum.Sources, SourceSummary{
			Source: r.Source, URL: f.URL, Bytes: f.Bytes, Reused: f.ReusedFrom != "",
			Read: r.Read, Loaded: r.Loaded, Rejected: len(r.Rejects), Accounting: &r.Accounting,
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
	return land.WriteFile(filepath.Join(dir, "run.json"), land.FilePerm, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	})
}

// Print writes the summary as a short human-readable report.
func (sum *Summary) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "source\trows read\tloaded\trejected\tlines\tlines rejected\tbytes rejected\treused\t")
	var read, loaded, rejected int
	var total load.Accounting
	accounted := false
	for _, s := range sum.Sources {
		lines, linesRejected, bytesRejected := "-", "-", "-"
		if a := s.Accounting; a != nil {
			lines, linesRejected, bytesRejected = fmt.Sprint(a.File.Lines), fmt.Sprint(a.Rejected.Lines), fmt.Sprint(a.Rejected.Bytes)
			total.File.Lines += a.File.Lines
			total.Rejected.Lines += a.Rejected.Lines
			total.Rejected.Bytes += a.Rejected.Bytes
			accounted = true
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\t%v\t\n", s.Source, s.Read, s.Loaded, s.Rejected, lines, linesRejected, bytesRejected, s.Reused)
		read, loaded, rejected = read+s.Read, loaded+s.Loaded, rejected+s.Rejected
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t%d\t%d\t\t\n", read, loaded, rejected, total.File.Lines, total.Rejected.Lines, total.Rejected.Bytes)
	if err := tw.Flush(); err != nil {
		return err
	}
	if accounted {
		fmt.Fprintln(w, "every byte and line of each loaded file is accounted for: header and blank lines + loaded + rejected = the file")
	}
	c := sum.Counts
	fmt.Fprintf(w, "\n%d source records -> %d customers (%d links from %d pairs compared)\n",
		c.SourceRecords, c.Customers, c.PairsMatched, c.PairsCompared)
	fmt.Fprintf(w, "%d purchases, %d with no known customer\n", c.Purchases, c.PurchasesUnlinked)
	if c.ReviewApplied > 0 || c.ReviewMissing > 0 {
		fmt.Fprintf(w, "%d review decisions applied, %d naming records no longer loaded\n", c.ReviewApplied, c.ReviewMissing)
	}
	for _, warn := range sum.Warnings {
		fmt.Fprintf(w, "warning: %s\n", safetext.Printable(warn))
	}
	fmt.Fprintf(w, "run %s %s in %.2f s", sum.RunID, sum.Status, sum.Seconds)
	if sum.Status == "published" {
		fmt.Fprintf(w, ": %s", sum.Database)
	}
	fmt.Fprintln(w)
	return nil
}
