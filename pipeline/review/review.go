// Package review keeps the decisions people make about doubtful links: two
// source records are the same person, different people, or skipped for
// now. Decisions live in a review file beside the config (see FileFor), one
// JSON object a line, oldest first; a later decision on the same pair
// overrides an earlier one, and the history stays in the file.
//
// The file is rewritten whole for every new decision, through a temporary
// file that is synced and renamed over it (land.WriteFile), under an flock
// on a sibling lock file: a crash leaves the old file or the new one, and
// two writers never lose each other's decisions.
//
// The next run reads the latest decision of each pair as an always-match
// (same) or never-match (different) pair; eval scores the published model
// against them (Score).
package review

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/pipeline/config"
	"github.com/contoso/c360/pipeline/land"
	"github.com/contoso/c360/transform/sources"
)

// Verdict is what a reviewer decided about a pair.
type Verdict string

// The verdicts.
const (
	Same      Verdict = "same"      // the two records are one person
	Different Verdict = "different" // the two records are different people
	Skip      Verdict = "skip"      // not decided; the pair stays in the queue's history only
)

// ParseRef parses "source:id"; the source must be a customer source.
func ParseRef(s string) (stableid.Ref, error) {
	r, ok := stableid.ParseRef(strings.TrimSpace(s))
	if !ok {
		return stableid.Ref{}, fmt.Errorf("bad record %q: want source:id, such as contacts:CNTID_1", s)
	}
	for _, c := range sources.Customer() {
		if c.Name == r.Source && c.People != nil {
			return r, nil
		}
	}
	return stableid.Ref{}, fmt.Errorf("bad record %q: unknown source %q", s, r.Source)
}

// Decision is one reviewer's verdict on a pair of records.
type Decision struct {
	Left    stableid.Ref
	Right   stableid.Ref
	Verdict Verdict
	By      string    // who decided: a name the reviewer gave, else the OS user
	At      time.Time // when, UTC
}

// Key returns the pair with its records in a fixed order, so that a pair
// written either way round is one pair.
func (d Decision) Key() [2]stableid.Ref {
	if d.Right.String() < d.Left.String() {
		return [2]stableid.Ref{d.Right, d.Left}
	}
	return [2]stableid.Ref{d.Left, d.Right}
}

// line is a decision as written in the file.
type line struct {
	Left    string    `json:"left"`
	Right   string    `json:"right"`
	Verdict Verdict   `json:"verdict"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

// Check reports what is wrong with d, if anything.
func (d Decision) Check() error {
	switch {
	case d.Verdict != Same && d.Verdict != Different && d.Verdict != Skip:
		return fmt.Errorf("verdict %q: want same, different or skip", d.Verdict)
	case d.Left == d.Right:
		return fmt.Errorf("record %s is paired with itself", d.Left)
	case strings.TrimSpace(d.By) == "":
		return errors.New("no reviewer: want a name in \"by\"")
	case d.At.IsZero():
		return errors.New("no time: want an RFC 3339 time in \"at\"")
	}
	return nil
}

// FileFor returns the review file of the config: beside the config file,
// named after it (c360.yaml -> c360.review.jsonl).
func FileFor(cfg *config.Config) string {
	base := filepath.Base(cfg.File)
	if cfg.File == "" {
		base = "c360.yaml"
	}
	return filepath.Join(cfg.Dir, strings.TrimSuffix(base, filepath.Ext(base))+".review.jsonl")
}

// Read returns the decisions in the file at path, oldest first. A missing
// file holds no decisions. A bad line is an error naming the file, line and
// column.
func Read(path string) ([]Decision, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	return parse(path, data)
}

func parse(path string, data []byte) ([]Decision, error) {
	var out []Decision
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		d, col, err := parseLine(text)
		if err != nil {
			return nil, fmt.Errorf("review: %s line %d column %d: %w", path, n, col, err)
		}
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("review: %s: %w", path, err)
	}
	return out, nil
}

// parseLine decodes one line; col is where a syntax error is, else 1.
func parseLine(text []byte) (Decision, int, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.DisallowUnknownFields()
	var l line
	if err := dec.Decode(&l); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return Decision{}, int(se.Offset), fmt.Errorf("want one JSON object a line: %w", err)
		}
		return Decision{}, 1, fmt.Errorf("want {\"left\", \"right\", \"verdict\", \"by\", \"at\"}: %w", err)
	}
	if dec.More() {
		return Decision{}, int(dec.InputOffset()) + 1, errors.New("want one JSON object a line, found more")
	}
	left, err := ParseRef(l.Left)
	if err != nil {
		return Decision{}, 1, fmt.Errorf("left: %w", err)
	}
	right, err := ParseRef(l.Right)
	if err != nil {
		return Decision{}, 1, fmt.Errorf("right: %w", err)
	}
	d := Decision{Left: left, Right: right, Verdict: l.Verdict, By: l.By, At: l.At.UTC()}
	if err := d.Check(); err != nil {
		return Decision{}, 1, err
	}
	return d, 1, nil
}

// Latest returns the last decision on each pair, in the order of the pairs'
// first decisions. Skips count: a pair skipped after a verdict has no verdict.
func Latest(ds []Decision) []Decision {
	at := make(map[[2]stableid.Ref]int)
	var out []Decision
	for _, d := range ds {
		if i, ok := at[d.Key()]; ok {
			out[i] = d
			continue
		}
		at[d.Key()] = len(out)
		out = append(out, d)
	}
	return out
}

// Append adds d to the file at path, atomically and under the file's lock.
func Append(path string, d Decision) error {
	if err := d.Check(); err != nil {
		return fmt.Errorf("review: %w", err)
	}
	lk := flock.New(path + ".lock")
	if err := lk.Lock(); err != nil {
		return fmt.Errorf("review: lock %s: %w", path, err)
	}
	defer lk.Unlock()
	old, err := Read(path)
	if err != nil {
		return err
	}
	all := append(slices.Clip(old), d)
	return land.WriteFile(path, 0o600, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		for _, d := range all {
			l := line{Left: d.Left.String(), Right: d.Right.String(), Verdict: d.Verdict, By: d.By, At: d.At.UTC()}
			if err := enc.Encode(l); err != nil {
				return err
			}
		}
		return nil
	})
}
