package review_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/pipeline/review"
)

func TestReadReportsLineAndColumn(t *testing.T) {
	good := `{"left":"contacts:C1","right":"loyalty:L1","verdict":"same","by":"ana","at":"2026-12-03T09:00:00Z"}`
	for _, tc := range []struct{ name, text, want string }{
		{"syntax", good + "\n{\"left\": \"contacts:C1\",,}\n", "line 2 column 24"},
		{"verdict", strings.Replace(good, `"same"`, `"maybe"`, 1), `line 1 column 1: verdict "maybe"`},
		{"source", strings.Replace(good, "loyalty:L1", "pos:P1", 1), `right: bad record "pos:P1": unknown source "pos"`},
		{"ref", strings.Replace(good, "contacts:C1", "C1", 1), `left: bad record "C1"`},
		{"self", strings.Replace(good, "loyalty:L1", "contacts:C1", 1), "paired with itself"},
		{"who", strings.Replace(good, `"ana"`, `""`, 1), "no reviewer"},
		{"when", strings.Replace(good, `,"at":"2026-12-03T09:00:00Z"`, "", 1), "no time"},
		{"unknown key", strings.Replace(good, `"by"`, `"who"`, 1), `unknown field "who"`},
		{"two objects", good + good, "found more"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c360.review.jsonl")
			if err := os.WriteFile(path, []byte(tc.text), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := review.Read(path)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("err = %v, want one naming %s and %q", err, path, tc.want)
			}
		})
	}
}

func TestAppendKeepsHistoryAndLatestWins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c360.review.jsonl")
	if ds, err := review.Read(path); err != nil || ds != nil {
		t.Fatalf("a missing file: %v, %v; want no decisions and no error", ds, err)
	}
	a, _ := review.ParseRef("contacts:C1")
	b, _ := review.ParseRef("loyalty:L1")
	c, _ := review.ParseRef("loyalty:L2")
	at := time.Date(2026, 12, 3, 9, 0, 0, 0, time.FixedZone("CET", 3600))
	steps := []review.Decision{
		{Left: a, Right: b, Verdict: review.Same, By: "ana", At: at},
		{Left: a, Right: c, Verdict: review.Different, By: "bo", At: at},
		{Left: b, Right: a, Verdict: review.Different, By: "bo", At: at.Add(time.Hour)},
	}
	for _, d := range steps {
		if err := review.Append(path, d); err != nil {
			t.Fatal(err)
		}
	}
	all, err := review.Read(path)
	if err != nil || len(all) != 3 {
		t.Fatalf("read %d decisions (%v), want 3", len(all), err)
	}
	if all[0].At.Location() != time.UTC || !all[0].At.Equal(at) {
		t.Errorf("time read back as %v, want %v in UTC", all[0].At, at)
	}
	latest := review.Latest(all)
	if len(latest) != 2 || latest[0].Verdict != review.Different || latest[0].By != "bo" || latest[1].Right != c {
		t.Errorf("latest = %+v; want a~b different by bo, then a~c", latest)
	}
	if err := review.Append(path, review.Decision{Left: a, Right: b, Verdict: "maybe", By: "x", At: at}); err == nil {
		t.Error("a bad verdict was written")
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("review file mode %v (%v), want 0600", info.Mode(), err)
	}
}

// TestAppendConcurrent checks that writers never lose each other's decisions.
func TestAppendConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c360.review.jsonl")
	a, _ := review.ParseRef("contacts:C1")
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			b := stableid.Ref{Source: "loyalty", ID: "L" + strings.Repeat("x", i+1)}
			if err := review.Append(path, review.Decision{Left: a, Right: b, Verdict: review.Same, By: "ana", At: time.Now()}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if all, err := review.Read(path); err != nil || len(all) != 20 {
		t.Errorf("%d decisions kept of 20 (%v)", len(all), err)
	}
}
