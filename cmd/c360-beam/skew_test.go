package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/pipeline/handoff"
	"github.com/contoso/c360/transform"
)

// skewedPeople returns n people with their own names, e-mail addresses
// and birth dates who all give one phone number (a shop's, say), plus a
// copy of every tenth person with a typo in the surname: one block of n
// and more under the phone rule, where the other rules find the copies.
func skewedPeople(n int) []transform.Person {
	ok := func(s string) transform.Value { return transform.NewValue(s, s, transform.OK) }
	var out []transform.Person
	for i := range n {
		p := transform.Person{Source: "contacts", ID: fmt.Sprintf("C%d", i), Line: i + 2,
			Given: ok(fmt.Sprintf("given%c%c", 'a'+i%26, 'a'+i/26%26)), Surname: ok(fmt.Sprintf("surname%c%c%c", 'a'+i%26, 'a'+i/26%26, 'a'+i/676%26)),
			Email: ok(fmt.Sprintf("person%d@example.com", i)), Phone: ok("+12025550100"),
			BirthDate: transform.Date{Year: int16(1950 + i%50), Month: int8(1 + i%12), Day: int8(1 + i%28)}, BirthDateStat: transform.OK}
		out = append(out, p)
		if i%10 == 0 {
			q := p
			q.Source, q.ID = "loyalty", fmt.Sprintf("L%d", i)
			q.Surname = ok(p.Surname.Norm() + "x")
			out = append(out, q)
		}
	}
	return out
}

// TestSkewedBlockIsSkipped gives Beam one block ten times the cap: it
// must be skipped and reported, like in process, and the answer must not
// change.
func TestSkewedBlockIsSkipped(t *testing.T) {
	ctx := context.Background()
	people := skewedPeople(3000)
	want, err := matching.Match(ctx, people, matching.Options{})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := matching.Train(ctx, people, matching.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, w func(*os.File) error) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := w(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	write(handoff.PeopleFile, func(f *os.File) error { return handoff.WritePeople(f, people) })
	write(handoff.PlanFile, func(f *os.File) error { return handoff.WritePlan(f, plan) })
	if err := score(ctx, dir, dir, 1000); err != nil {
		t.Fatal(err)
	}
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	skipped, err := handoff.ReadSkipped(open(handoff.SkippedFile), handoff.SkippedFile)
	if err != nil {
		t.Fatal(err)
	}
	phone := slices.IndexFunc(plan.Model.Blocking, func(r spec.BlockingRule) bool { return r.Name == "phone" })
	big := slices.IndexFunc(skipped, func(s handoff.Skipped) bool { return s.Rule == phone && s.Size == int64(len(people)) })
	if big < 0 {
		t.Fatalf("the phone block of %d records is not among the skipped: %+v", len(people), skipped)
	}
	kept, err := handoff.ReadKept(open(handoff.KeptFile), handoff.KeptFile, len(plan.Model.Comparisons))
	if err != nil {
		t.Fatal(err)
	}
	got, err := plan.Finish(ctx, kept, func(yield func(matching.Candidate)) error {
		return handoff.ReadBelow(open(handoff.BelowFile), handoff.BelowFile, yield)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Stats.Matched == 0 || got.Stats.Matched != want.Stats.Matched || !slices.Equal(got.Cluster, want.Cluster) {
		t.Errorf("beam: %d links, in process %d; clusters equal: %v", got.Stats.Matched, want.Stats.Matched, slices.Equal(got.Cluster, want.Cluster))
	}
	t.Logf("%d records, phone block of %d skipped, %d links, %d candidate pairs", len(people), skipped[big].Size, got.Stats.Matched, plan.Candidates)
	if r := want.Stats.Blocking.Rules[phone]; r.SkippedBlocks != 1 || r.SkippedRecords != len(people) {
		t.Errorf("in process the phone rule skipped %d blocks of %d records", r.SkippedBlocks, r.SkippedRecords)
	}
}
