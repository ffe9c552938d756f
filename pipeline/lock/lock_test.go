package lock

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// helperEnv, when set in the environment, makes the test binary act as
// another c360 process holding the lock on the database it names: it
// prints "locked", then holds the lock until its stdin closes and exits
// without releasing, as a crashed run would.
const helperEnv = "C360_LOCK_TEST_HOLD"

func TestMain(m *testing.M) {
	if db := os.Getenv(helperEnv); db != "" {
		os.Exit(holdLock(db))
	}
	os.Exit(m.Run())
}

// holdLock is the helper process's main.
func holdLock(database string) int {
	started := time.Date(2026, 11, 27, 21, 9, 43, 0, time.UTC)
	if _, err := Acquire(database, NewInfo("20261127T210943Z-c41d", started)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println("locked")
	io.Copy(io.Discard, os.Stdin)
	return 0
}

func TestAcquireTwiceInOneProcess(t *testing.T) {
	db := filepath.Join(t.TempDir(), "out", "c360.duckdb")
	started := time.Date(2026, 11, 27, 21, 9, 43, 0, time.UTC)
	first, err := Acquire(db, Info{RunID: "20261127T210943Z-3f9a", Host: "x", PID: 4242, StartedAt: started})
	if err != nil {
		t.Fatal(err)
	}
	// flock(2) locks belong to the open file description: a second open of
	// the same file in the same process conflicts with the first.
	_, err = Acquire(db, NewInfo("20261127T211000Z-0001", started))
	var held *HeldError
	if !errors.As(err, &held) || !IsHeld(err) {
		t.Fatalf("second Acquire: err = %v (%T), want *HeldError", err, err)
	}
	want := "database " + db + " is locked by run 20261127T210943Z-3f9a (pid 4242 on host x, started 21:09:43Z)"
	if err.Error() != want {
		t.Errorf("message:\ngot  %s\nwant %s", err, want)
	}
	if held.Holder != first.Info() {
		t.Errorf("Holder = %+v, want %+v", held.Holder, first.Info())
	}
	if IsHeld(fmt.Errorf("run: %w", errors.New("other"))) {
		t.Error("IsHeld of an unrelated error")
	}
	if !IsHeld(fmt.Errorf("run: %w", err)) {
		t.Error("IsHeld of a wrapped HeldError is false")
	}

	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if err := first.Release(); err != nil {
		t.Errorf("second Release: %v", err)
	}
	if data, err := os.ReadFile(FileFor(db)); err != nil || len(data) != 0 {
		t.Errorf("lock file after Release = %q, %v; want it kept and empty", data, err)
	}
	again, err := Acquire(db, NewInfo("20261127T211000Z-0002", started))
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	defer again.Release()
	if got := readHolder(FileFor(db)); got != again.Info() {
		t.Errorf("lock file names %+v, want %+v", got, again.Info())
	}
}

func TestHeldErrorWithoutHolder(t *testing.T) {
	err := &HeldError{Database: "out/c360.duckdb"}
	want := "database out/c360.duckdb is locked by another run (out/c360.duckdb.lock names no holder)"
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
}

func TestAcquireHeldByAnotherProcess(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c360.duckdb")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+db)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "locked\n" {
		t.Fatalf("helper said %q, %v; stderr: %s", line, err, stderr.String())
	}

	_, err = Acquire(db, NewInfo("20261127T211500Z-0003", time.Now()))
	var held *HeldError
	if !errors.As(err, &held) {
		t.Fatalf("Acquire while another process holds the lock: err = %v, want *HeldError", err)
	}
	host, _ := os.Hostname()
	want := Info{RunID: "20261127T210943Z-c41d", Host: host, PID: cmd.Process.Pid, StartedAt: time.Date(2026, 11, 27, 21, 9, 43, 0, time.UTC)}
	if held.Holder != want {
		t.Errorf("Holder = %+v, want %+v", held.Holder, want)
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("pid %d on host %s", cmd.Process.Pid, host)) {
		t.Errorf("message does not name the holder: %s", err)
	}

	// The helper exits without releasing: the OS drops its lock, and the
	// file it left behind is taken over.
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v; stderr: %s", err, stderr.String())
	}
	var left Info
	if data, err := os.ReadFile(FileFor(db)); err != nil || json.Unmarshal(data, &left) != nil || left.PID != cmd.Process.Pid {
		t.Fatalf("the helper's lock file is not left behind: %q, %v", data, err)
	}
	mine := NewInfo("20261127T211600Z-0004", time.Now())
	l, err := Acquire(db, mine)
	if err != nil {
		t.Fatalf("Acquire after the holder died: %v", err)
	}
	defer l.Release()
	if got := readHolder(FileFor(db)); got != mine {
		t.Errorf("lock file names %+v, want %+v", got, mine)
	}
}
