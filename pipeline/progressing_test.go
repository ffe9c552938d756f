package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/contoso/c360/pipeline/progress"
)

// recorder is a progress.Reporter that keeps every task it was given.
type recorder struct {
	mu    sync.Mutex
	tasks []*recorded
}

// recorded is one task as a recorder saw it.
type recorded struct {
	name, unit  string
	total, done int64
	ends        int
	err         error
}

func (r *recorder) Start(name string, total int64, unit string) progress.Task {
	t := &recorded{name: name, total: total, unit: unit}
	r.mu.Lock()
	r.tasks = append(r.tasks, t)
	r.mu.Unlock()
	return t
}

func (t *recorded) Add(n int64)      { t.done += n }
func (t *recorded) SetTotal(n int64) { t.total = n }
func (t *recorded) Done(err error)   { t.ends, t.err = t.ends+1, err }

// TestRunReportsEveryLongStep runs the sample with a recording reporter and
// checks that every long step of the run is a task that starts once, in
// stage order, ends once without error, and counts its whole total: the
// records loaded, the pairs compared, the rows of each table written.
func TestRunReportsEveryLongStep(t *testing.T) {
	dir := copySample(t)
	cfg := writeConfig(t, dir, "")
	rec := &recorder{}
	sum := mustRun(t, cfg, Options{Progress: rec})
	db := openRead(t, cfg.Database)
	count := func(table string) int64 { return queryInt(t, db, "SELECT count(*) FROM "+table) }
	size := func(source string) int64 {
		st, err := os.Stat(filepath.Join(dir, "in", sampleFiles[source]))
		if err != nil {
			t.Fatal(err)
		}
		return st.Size()
	}

	records := count("source_contacts") + count("source_loyalty")
	pairs := sum.Counts.PairsCompared
	// Fetch tasks start without a total (a download's size may be
	// unknown); their count is the file's bytes.
	// Tasks of one step may start in any order (the customer sources load
	// at once; the ids, survivorship and the match tables' writes overlap);
	// each step's start after every task of the steps before it.
	type want struct {
		name  string
		total int64
		unit  string
		step  int
	}
	var wants []want
	step := 0
	add := func(name string, total int64, unit string) {
		wants = append(wants, want{name, total, unit, step})
	}
	for _, src := range []string{"contacts", "loyalty", "pos", "online"} {
		add("load "+src, size(src), "bytes")
	}
	for _, w := range []want{
		{"prepare", records, "records", 0},
		{"block", 0, "rules", 0}, // the model's rule count, checked below
		{"block pairs", records, "records", 0},
		{"compare", pairs, "pairs", 0},
		{"train", 5, "steps", 0},
		{"score", pairs, "pairs", 0},
		{"cluster", records, "records", 0},
		{"read back people", records, "records", 0},
	} {
		step++
		add(w.name, w.total, w.unit)
	}
	step++
	add("customer ids", records, "records")
	for _, table := range []string{"customer", "customer_source", "match_pair", "customer_id_history", "customer_cluster"} {
		add("write "+table, count(table), "rows")
	}
	step++
	add("link purchases", count("purchase"), "purchases")
	step++
	add("measures", count("customer_measure"), "customers")
	step++
	for _, src := range []string{"accounts", "deals", "tech_checks", "leads", "activities"} {
		add("load "+src, size(src), "bytes")
	}
	step++
	add("publish", 2, "steps")
	step++
	add("report", 1, "steps")

	if records == 0 || pairs == 0 || count("customer") == 0 || count("customer_id_history") == 0 ||
		count("customer_cluster") == 0 {
		t.Fatalf("the sample should give records (%d), pairs (%d), customers, id history and clusters", records, pairs)
	}
	if int64(sum.Counts.SourceRecords) != records || int64(sum.Counts.Customers) != count("customer") {
		t.Fatalf("summary says %d records and %d customers; the database %d and %d",
			sum.Counts.SourceRecords, sum.Counts.Customers, records, count("customer"))
	}

	byName := map[string]*recorded{}
	var order []string
	for _, task := range rec.tasks {
		if byName[task.name] != nil {
			t.Errorf("task %q started twice", task.name)
		}
		byName[task.name] = task
		order = append(order, task.name)
		if task.ends != 1 || task.err != nil {
			t.Errorf("task %q ended %d times, err %v; want once, nil", task.name, task.ends, task.err)
		}
	}
	for src := range sampleFiles {
		task := byName[src]
		if task == nil {
			t.Errorf("no fetch task for %s", src)
			continue
		}
		if task.done != size(src) || task.unit != "bytes" {
			t.Errorf("fetch %s counted %d %s, want %d bytes", src, task.done, task.unit, size(src))
		}
	}
	lastOfStep := map[int]int{} // step -> the latest start among its tasks
	for _, w := range wants {
		task := byName[w.name]
		if task == nil {
			t.Errorf("no task %q; tasks: %s", w.name, strings.Join(order, ", "))
			continue
		}
		if w.name == "block" {
			w.total = task.total // the rules of the default model
			if w.total < 2 {
				t.Errorf("block counts %d rules", w.total)
			}
		}
		got := fmt.Sprintf("%d of %d %s", task.done, task.total, task.unit)
		if exp := fmt.Sprintf("%d of %d %s", w.total, w.total, w.unit); got != exp {
			t.Errorf("task %q counted %s, want %s", w.name, got, exp)
		}
		lastOfStep[w.step] = max(lastOfStep[w.step], slices.Index(order, w.name))
	}
	for _, w := range wants {
		at := slices.Index(order, w.name)
		for earlier := range w.step {
			if at >= 0 && at < lastOfStep[earlier] {
				t.Errorf("task %q started at %d, before a task of an earlier step (%d): %s",
					w.name, at, lastOfStep[earlier], strings.Join(order, ", "))
			}
		}
	}
	if extra := len(order) - len(wants) - len(sampleFiles); extra != 0 {
		t.Errorf("%d tasks beyond the ones checked: %s", extra, strings.Join(order, ", "))
	}
}
