package bench

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/contoso/c360/pipeline"
	"github.com/contoso/c360/transform/sources"
)

// Section markers: Update replaces what lies between them and keeps the rest
// of the file (the hand-written notes around the measured tables).
const (
	BeginMarker = "<!-- bench:begin (written by c360 bench; do not edit by hand) -->"
	EndMarker   = "<!-- bench:end -->"
)

// stageOrder lists the stages of results in the order of a run
// (pipeline.DefaultStages), each stage's timed parts ("match.block", ...)
// before it as the run recorded them; other stages follow as they come.
func stageOrder(results []Result) []string {
	var names []string
	add := func(keep func(stage string) bool) {
		for _, r := range results {
			for _, s := range r.Stages {
				if keep(s.Stage) && !contains(names, s.Stage) {
					names = append(names, s.Stage)
				}
			}
		}
	}
	for _, st := range pipeline.DefaultStages() {
		add(func(stage string) bool { return strings.HasPrefix(stage, st.Name+".") })
		names = append(names, st.Name)
	}
	add(func(string) bool { return true })
	return names
}

// Write renders results as the measured section, with the command that
// produced them and the machine they ran on.
func Write(w io.Writer, results []Result, command string) {
	fmt.Fprintln(w, BeginMarker)
	fmt.Fprintf(w, "Produced by `%s` on %s.\n\n", command, Machine())
	writeRows(w, results)
	writeStages(w, results)
	writeMatching(w, results)
	writeScaling(w, results)
	if len(results) > 0 {
		writeRules(w, results[len(results)-1])
	}
	fmt.Fprintln(w, EndMarker)
}

func header(w io.Writer, first string, results []Result) {
	fmt.Fprintf(w, "| %s |", first)
	for _, r := range results {
		fmt.Fprintf(w, " %s persons |", thousands(int64(r.Persons)))
	}
	fmt.Fprint(w, "\n|---|")
	for range results {
		fmt.Fprint(w, "---:|")
	}
	fmt.Fprintln(w)
}

func row(w io.Writer, name string, results []Result, cell func(r Result) string) {
	fmt.Fprintf(w, "| %s |", name)
	for _, r := range results {
		fmt.Fprintf(w, " %s |", cell(r))
	}
	fmt.Fprintln(w)
}

func writeRows(w io.Writer, results []Result) {
	fmt.Fprintln(w, "### Rows loaded per source")
	fmt.Fprintln(w)
	header(w, "source", results)
	for _, src := range sources.Names(sources.All()) {
		row(w, src, results, func(r Result) string { return thousands(int64(r.Rows[src])) })
	}
	fmt.Fprintln(w)
}

func writeStages(w io.Writer, results []Result) {
	fmt.Fprintln(w, "### Wall time per stage (seconds)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "`match` includes its four steps listed above it (`match.*`).")
	fmt.Fprintln(w)
	header(w, "stage", results)
	for _, name := range stageOrder(results) {
		row(w, name, results, func(r Result) string {
			for _, s := range r.Stages {
				if s.Stage == name {
					return fmt.Sprintf("%.2f", s.Seconds)
				}
			}
			return "–"
		})
	}
	row(w, "**whole run** (process wall time)", results, func(r Result) string { return fmt.Sprintf("**%.1f**", r.Seconds) })
	row(w, "match stages (normalize + match)", results, func(r Result) string {
		return fmt.Sprintf("%.1f", stage(r, "normalize")+stage(r, "match"))
	})
	fmt.Fprintln(w)
}

func writeMatching(w io.Writer, results []Result) {
	fmt.Fprintln(w, "### Matching, memory and accuracy against the generator's truth")
	fmt.Fprintln(w)
	header(w, "", results)
	row(w, "profile records", results, func(r Result) string { return thousands(int64(r.Records)) })
	row(w, "customers", results, func(r Result) string { return thousands(int64(r.Customers)) })
	row(w, "candidate pairs compared", results, func(r Result) string { return thousands(r.Candidates) })
	row(w, "compared per record (mean)", results, func(r Result) string { return fmt.Sprintf("%.2f", r.PerRecord) })
	row(w, "pairs a record is in: p50 / p90 / p99 / max", results, func(r Result) string {
		return fmt.Sprintf("%d / %d / %d / %d", r.Spread[0], r.Spread[1], r.Spread[2], r.Spread[3])
	})
	row(w, "pairs kept (match_pair)", results, func(r Result) string { return thousands(r.Kept) })
	row(w, "pairs matched", results, func(r Result) string { return thousands(r.Matched) })
	row(w, "peak RSS", results, func(r Result) string { return fmt.Sprintf("%.2f GiB", float64(r.PeakRSS)/(1<<30)) })
	row(w, "pairwise precision", results, func(r Result) string { return fmt.Sprintf("%.4f", r.Precision) })
	row(w, "pairwise recall", results, func(r Result) string { return fmt.Sprintf("%.4f", r.Recall) })
	row(w, "pairwise F1", results, func(r Result) string { return fmt.Sprintf("**%.4f**", r.F1) })
	fmt.Fprintln(w)
}

func writeScaling(w io.Writer, results []Result) {
	if len(results) < 2 {
		return
	}
	fmt.Fprintln(w, "### Scaling")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| from → to | persons × | whole run × | match stages × |")
	fmt.Fprintln(w, "|---|---:|---:|---:|")
	for i := 1; i < len(results); i++ {
		a, b := results[i-1], results[i]
		ma, mb := stage(a, "normalize")+stage(a, "match"), stage(b, "normalize")+stage(b, "match")
		fmt.Fprintf(w, "| %s → %s | %.1f | %.2f | %.2f |\n", thousands(int64(a.Persons)), thousands(int64(b.Persons)),
			float64(b.Persons)/float64(a.Persons), b.Seconds/a.Seconds, mb/ma)
	}
	fmt.Fprintln(w)
}

func writeRules(w io.Writer, r Result) {
	fmt.Fprintf(w, "### Blocking rules at %s persons\n\n", thousands(int64(r.Persons)))
	fmt.Fprintln(w, "Each pair is counted for the first rule that finds it.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| rule | candidates | kept | matched |")
	fmt.Fprintln(w, "|---|---:|---:|---:|")
	for _, x := range r.Rules {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", x.Name, thousands(x.Candidates), thousands(x.Kept), thousands(x.Matched))
	}
	fmt.Fprintln(w)
}

func stage(r Result, name string) float64 {
	for _, s := range r.Stages {
		if s.Stage == name {
			return s.Seconds
		}
	}
	return 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// thousands formats n with commas.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Machine describes the computer: CPU model, cores, memory, Go version.
func Machine() string {
	model, mem := "unknown CPU", "unknown memory"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var kb int64
			if _, err := fmt.Sscanf(sc.Text(), "MemTotal: %d kB", &kb); err == nil {
				mem = fmt.Sprintf("%.0f GiB", float64(kb)/(1<<20))
				break
			}
		}
		f.Close()
	}
	return fmt.Sprintf("%d cores (%s), %s RAM, %s/%s, %s", runtime.NumCPU(), model, mem, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// Update writes section into the file at path between the markers, keeping
// everything else; a file without markers gets the section at its end.
func Update(path, section string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	text := string(old)
	begin, end := strings.Index(text, BeginMarker), strings.Index(text, EndMarker)
	switch {
	case begin >= 0 && end > begin:
		text = text[:begin] + section + text[end+len(EndMarker)+1:]
	default:
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		text += section
	}
	return os.WriteFile(path, []byte(text), 0o644)
}
