package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline"
)

// runOn runs the command line with stderr taken for a terminal or not.
func runOn(t *testing.T, terminal bool, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a := newApp(&stdout, &stderr)
	a.terminal = func(io.Writer) bool { return terminal }
	root := a.rootCommand()
	root.SetArgs(args)
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr.String())
	}
	return stderr.String()
}

// On a terminal the bars say how far a run has got: info lines are held
// back unless --verbose asks for them.
func TestTerminalHoldsBackInfoLinesUnlessVerbose(t *testing.T) {
	path, _ := sampleConfig(t, "")
	quiet := runOn(t, true, "run", "--config", path)
	if strings.Contains(quiet, "level=INFO") {
		t.Errorf("info lines on a terminal without --verbose:\n%s", quiet)
	}
	path, _ = sampleConfig(t, "")
	verbose := runOn(t, true, "run", "--config", path, "--verbose")
	for _, want := range []string{"level=INFO", `msg="stage done"`, "stage=normalize", `msg="run published"`} {
		if !strings.Contains(verbose, want) {
			t.Errorf("--verbose on a terminal: no %q in\n%s", want, verbose)
		}
	}
}

// Off a terminal (cron), stderr is a JSON log with one "stage done" line
// per stage, and no bars.
func TestCronLogsOneJSONLinePerStage(t *testing.T) {
	path, _ := sampleConfig(t, "")
	stderr := runOn(t, false, "run", "--config", path)
	done := map[string]int{}
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		var rec struct{ Msg, Stage string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("stderr line is not JSON (%v): %q", err, line)
		}
		if rec.Msg == "stage done" {
			done[rec.Stage]++
		}
	}
	stages := pipeline.DefaultStages()
	for _, st := range stages {
		if done[st.Name] != 1 {
			t.Errorf("stage %s: %d \"stage done\" lines, want 1", st.Name, done[st.Name])
		}
	}
	if len(done) != len(stages) {
		t.Errorf("\"stage done\" lines for %v, want the %d stages", done, len(stages))
	}
}
