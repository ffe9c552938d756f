package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/lock"
	"github.com/contoso/c360/pipeline/progress"
)

// childEnv names the config a re-executed test binary runs as a child run.
const childEnv = "C360_TEST_CHILD_CONFIG"

func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		os.Exit(childRun(path))
	}
	os.Exit(m.Run())
}

// childRun runs the pipeline with a progress reporter that, once the POS
// file is being loaded, says "mid-load" on stdout and blocks until killed.
func childRun(path string) int {
	cfg, err := config.Load(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	_, err = Run(context.Background(), cfg, Options{Progress: blockingReporter{}})
	fmt.Fprintln(os.Stderr, "child run ended:", err)
	return 1
}

type blockingReporter struct{}

func (blockingReporter) Start(name string, _ int64, _ string) progress.Task {
	if name == "load pos" {
		return blockingTask{}
	}
	return progress.Discard.Start(name, 0, "")
}

type blockingTask struct{}

func (blockingTask) Add(int64) {
	fmt.Println("mid-load")
	select {} // until killed
}
func (blockingTask) SetTotal(int64) {}
func (blockingTask) Done(error)     {}

func TestKillMidLoadKeepsPublishedDatabase(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	mustRun(t, cfg, Options{})
	before := digests(t, cfg.Database)
	beforeBytes := fileDigest(t, cfg.Database)

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), childEnv+"="+filepath.Join(dir, "c360.yaml"))
	child.Stderr = os.Stderr
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	said := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		said <- strings.TrimSpace(line)
	}()
	select {
	case line := <-said:
		if line != "mid-load" {
			child.Process.Kill()
			t.Fatalf("child said %q", line)
		}
	case <-time.After(2 * time.Minute):
		child.Process.Kill()
		t.Fatal("the child run never reached the POS load")
	}
	builds, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg.Database), ".c360-build-*"))
	if len(builds) != 1 {
		t.Fatalf("mid-load there should be one build in progress, found %v", builds)
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Wait()

	if fileDigest(t, cfg.Database) != beforeBytes {
		t.Fatal("killing a run mid-load changed the published database file")
	}
	if after := digests(t, cfg.Database); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatal("the published database reads differently after the kill")
	}
	lk, err := lock.Acquire(cfg.Database, lock.NewInfo("after-kill", time.Now()))
	if err != nil {
		t.Fatalf("the killed run's lock was not released by the OS: %v", err)
	}
	lk.Release()
	mustRun(t, cfg, Options{})
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg.Database), ".c360-build-*")); len(left) != 0 {
		t.Errorf("the next run left the killed build in place: %v", left)
	}
}
