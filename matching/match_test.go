package matching

import (
	"context"
	"errors"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/contoso/c360/matching/score"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/transform"
)

// quick is the default model with a smaller random sample, to keep unit
// tests fast; the sample size changes u estimates only slightly.
func quick() *spec.Model {
	m := spec.Default()
	m.Training.RandomPairs = 100_000
	return m
}

// f1 scores clusters against the generator's truth, pair by pair.
func f1(t *testing.T, s *synthetic, clusters []int32) (precision, recall float64) {
	t.Helper()
	truth := s.truth()
	members := map[int32][]int32{}
	for i, c := range clusters {
		members[c] = append(members[c], int32(i))
	}
	predicted, hits := 0, 0
	for _, m := range members {
		for a := range m {
			for b := a + 1; b < len(m); b++ {
				predicted++
				if truth[[2]int32{m[a], m[b]}] {
					hits++
				}
			}
		}
	}
	return float64(hits) / float64(predicted), float64(hits) / float64(len(truth))
}

func TestMatchSynthetic(t *testing.T) {
	s := newSynthetic(3000, 1)
	res, err := Match(context.Background(), s.people, Options{Model: quick()})
	if err != nil {
		t.Fatal(err)
	}
	p, r := f1(t, s, res.Cluster)
	t.Logf("precision %.4f recall %.4f, %d candidates (%.1f per record), %d clusters",
		p, r, res.Stats.Candidates, res.Stats.PerRecord, res.Stats.Clusters)
	if p < 0.99 || r < 0.97 {
		t.Errorf("precision %.4f recall %.4f, want at least 0.99 and 0.97", p, r)
	}
	if res.Stats.PerRecord > 20 {
		t.Errorf("%.1f comparisons per record, budget 20", res.Stats.PerRecord)
	}
	if !res.Params.Converged {
		t.Errorf("EM did not converge in %d iterations", res.Params.Iterations)
	}
	for _, pair := range res.Pairs {
		if pair.L >= pair.R || len(pair.Levels) != len(res.Params.Comparisons) || len(pair.Weights) != len(pair.Levels) {
			t.Fatalf("malformed pair %+v", pair)
		}
		if pair.Matched != (pair.Prob >= 0.5) {
			t.Fatalf("pair %+v: matched flag disagrees with probability", pair)
		}
		sum := res.Params.PriorWeight()
		for _, w := range pair.Weights {
			sum += float64(w)
		}
		if d := sum - pair.Weight; d > 1e-3 || d < -1e-3 {
			t.Fatalf("pair weight %v is not the prior plus its parts (%v)", pair.Weight, sum)
		}
	}
}

func TestMatchDeterministic(t *testing.T) {
	s := newSynthetic(1500, 2)
	first, err := Match(context.Background(), s.people, Options{Model: quick(), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 4} {
		again, err := Match(context.Background(), s.people, Options{Model: quick(), Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(first.Cluster, again.Cluster) {
			t.Errorf("workers %d: clusters differ between runs", workers)
		}
		if len(first.Pairs) != len(again.Pairs) {
			t.Fatalf("workers %d: %d pairs, then %d", workers, len(first.Pairs), len(again.Pairs))
		}
		for i := range first.Pairs {
			a, b := first.Pairs[i], again.Pairs[i]
			if a.L != b.L || a.R != b.R || a.Weight != b.Weight {
				t.Fatalf("workers %d: pair %d differs: %+v vs %+v", workers, i, a, b)
			}
		}
	}
}

// Prepare keeps nothing of the people: with them wiped out before Match
// runs, the answer is Match's on the people.
func TestPrepareKeepsNoPeople(t *testing.T) {
	s := newSynthetic(1500, 4)
	want, err := Match(context.Background(), s.people, Options{Model: quick()})
	if err != nil {
		t.Fatal(err)
	}
	people := slices.Clone(s.people)
	p, err := Prepare(context.Background(), people, Options{Model: quick()})
	if err != nil {
		t.Fatal(err)
	}
	clear(people)
	got, err := p.Match()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Cluster, want.Cluster) || len(got.Pairs) != len(want.Pairs) || len(want.Pairs) == 0 {
		t.Errorf("after the people went: %d pairs and other clusters, want %d pairs", len(got.Pairs), len(want.Pairs))
	}
	if _, err := p.Match(); err == nil {
		t.Error("a second Match of one Prepared succeeded")
	}
}

// TestPrepareFromOnePersonAtATime feeds PrepareFrom as pipeline does,
// decoding each person into the same variable from bytes that are then
// overwritten, with an always- and a never-match pair, and checks that it
// matches as Match does on the slice.
func TestPrepareFromOnePersonAtATime(t *testing.T) {
	s := newSynthetic(1500, 5)
	opts := Options{Model: quick(),
		Always: []RefPair{{A: refOf(s.people[3]), B: refOf(s.people[900]), Reason: "test"}},
		Never:  []RefPair{{A: refOf(s.people[0]), B: refOf(s.people[1]), Reason: "test"}}}
	want, err := Match(context.Background(), s.people, opts)
	if err != nil {
		t.Fatal(err)
	}
	var encoded [][]byte
	for i := range s.people {
		encoded = append(encoded, transform.AppendPerson(nil, &s.people[i]))
	}
	each := func(yield func(*transform.Person) error) error {
		d := transform.NewPersonDecoder()
		var p transform.Person
		buf := make([]byte, 0, 1024)
		for _, b := range encoded {
			buf = append(buf[:0], b...)
			if err := d.Decode(buf, &p); err != nil {
				return err
			}
			if err := yield(&p); err != nil {
				return err
			}
			clear(buf) // whatever the table kept of the bytes is gone
		}
		return nil
	}
	prep, err := PrepareFrom(context.Background(), len(s.people), each, opts)
	if err != nil {
		t.Fatal(err)
	}
	got, err := prep.Match()
	if err != nil {
		t.Fatal(err)
	}
	got.Stats.Timings, want.Stats.Timings = Timings{}, Timings{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("from one person at a time: %d pairs, %d clusters, %d forced; want %d, %d, %d",
			len(got.Pairs), got.Stats.Clusters, len(got.Forced), len(want.Pairs), want.Stats.Clusters, len(want.Forced))
	}
	if len(want.Forced) != 2 {
		t.Errorf("%d forced pairs, want 2", len(want.Forced))
	}
	for _, n := range []int{len(s.people) - 1, len(s.people) + 1} {
		if _, err := PrepareFrom(context.Background(), n, each, opts); err == nil {
			t.Errorf("%d people announced, %d given: no error", n, len(s.people))
		}
	}
	stop := errors.New("the file went away")
	_, err = PrepareFrom(context.Background(), len(s.people), func(yield func(*transform.Person) error) error { return stop }, opts)
	if !errors.Is(err, stop) {
		t.Errorf("each failing: %v, want %v", err, stop)
	}
}

func refOf(p transform.Person) stableid.Ref { return stableid.Ref{Source: p.Source, ID: p.ID} }

func TestMatchModes(t *testing.T) {
	s := newSynthetic(1500, 3)
	for _, mode := range []Mode{LinkOnly, DedupeOnly} {
		res, err := Match(context.Background(), s.people, Options{Model: quick(), Mode: mode})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range res.Pairs {
			same := s.people[p.L].Source == s.people[p.R].Source
			if same == (mode == LinkOnly) {
				t.Fatalf("%v: pair %d-%d of sources %s and %s", mode, p.L, p.R, s.people[p.L].Source, s.people[p.R].Source)
			}
		}
		if len(res.Pairs) == 0 {
			t.Errorf("%v: no pairs kept", mode)
		}
	}
}

func TestMatchNeverAlways(t *testing.T) {
	s := newSynthetic(1500, 4)
	base, err := Match(context.Background(), s.people, Options{Model: quick()})
	if err != nil {
		t.Fatal(err)
	}
	// A matched pair to keep apart, and two unrelated records to join.
	var split Pair
	for _, p := range base.Pairs {
		if p.Matched && base.Cluster[p.L] == base.Cluster[p.R] {
			split = p
			break
		}
	}
	a, b := int32(0), int32(1)
	if base.Cluster[a] == base.Cluster[b] {
		t.Fatal("records 0 and 1 already share a cluster; pick others")
	}
	ref := func(i int32) stableid.Ref { return stableid.Ref{Source: s.people[i].Source, ID: s.people[i].ID} }
	res, err := Match(context.Background(), s.people, Options{
		Model:  quick(),
		Never:  []RefPair{{A: ref(split.L), B: ref(split.R), Reason: "test: different people"}},
		Always: []RefPair{{A: ref(a), B: ref(b), Reason: "declared cross-reference"}, {A: ref(a), B: stableid.Ref{Source: "nowhere", ID: "x"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Cluster[split.L] == res.Cluster[split.R] {
		t.Error("never-match pair shares a cluster")
	}
	if res.Cluster[a] != res.Cluster[b] {
		t.Error("always-match pair is apart")
	}
	if res.Stats.UnknownRefs != 1 {
		t.Errorf("unknown refs %d, want 1", res.Stats.UnknownRefs)
	}
	if len(res.Forced) != 2 || res.Forced[1].Reason != "declared cross-reference" || !res.Forced[0].Never {
		t.Errorf("forced pairs %+v", res.Forced)
	}
}

func TestMatchErrors(t *testing.T) {
	if _, err := Match(context.Background(), nil, Options{Model: quick()}); !errors.Is(err, ErrNoRecords) {
		t.Errorf("no records: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := newSynthetic(200, 5)
	if _, err := Match(ctx, s.people, Options{Model: quick()}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	people := []transform.Person{{Source: "a", ID: "1"}, {Source: "a", ID: "2"}}
	res, err := Match(context.Background(), people, Options{Model: quick()})
	if err != nil {
		t.Fatalf("records without attributes: %v", err)
	}
	if res.Stats.Clusters != 2 {
		t.Errorf("records without attributes: %d clusters, want 2", res.Stats.Clusters)
	}
}

func TestMatchTermFrequency(t *testing.T) {
	// The synthetic surnames are Zipf-like: sharing a common one must weigh
	// less than sharing a rare one.
	s := newSynthetic(3000, 6)
	res, err := Match(context.Background(), s.people, Options{Model: quick()})
	if err != nil {
		t.Fatal(err)
	}
	k := slices.IndexFunc(res.Params.Comparisons, func(c score.ComparisonParams) bool { return c.Name == "surname" })
	count := map[string]int{}
	for _, p := range s.people {
		count[p.Surname.Norm()]++
	}
	type seen struct {
		count  int
		weight float32
	}
	var exact []seen
	for _, p := range res.Pairs {
		if res.Params.Comparisons[k].Levels[p.Levels[k]].Label == "surnames equal" {
			exact = append(exact, seen{count[s.people[p.L].Surname.Norm()], p.Weights[k]})
		}
	}
	slices.SortFunc(exact, func(a, b seen) int { return a.count - b.count })
	if len(exact) < 100 || exact[0].count == exact[len(exact)-1].count {
		t.Fatalf("only %d pairs agree on surname, counts %v..%v", len(exact), exact[0], exact[len(exact)-1])
	}
	for i := 1; i < len(exact); i++ {
		if exact[i].count > exact[i-1].count && exact[i].weight > exact[i-1].weight+1e-4 {
			t.Fatalf("surname held by %d records weighs %v, more than one held by %d (%v)",
				exact[i].count, exact[i].weight, exact[i-1].count, exact[i-1].weight)
		}
	}
	if first, last := exact[0], exact[len(exact)-1]; !(first.weight > last.weight+2) {
		t.Errorf("rare surname weighs %v, common one %v: want a clear difference", first.weight, last.weight)
	}
}

func TestMatchHouseholds(t *testing.T) {
	// Housemates agree on surname, phone and e-mail: three strong pieces of
	// evidence that, counted as independent, outweigh a different given
	// name and birth date. The household comparison must keep them apart
	// without costing the customers' own duplicates.
	s := newSynthetic(3000, 12)
	housemates := s.addHouseholds(400, 13)
	records := map[int32][]int32{} // entity -> records
	for i, e := range s.entity {
		records[e] = append(records[e], int32(i))
	}
	merged := func(res *Result) int {
		n := 0
		for _, h := range housemates {
			clusters := map[int32]bool{}
			for _, i := range records[s.entity[h[0]]] {
				clusters[res.Cluster[i]] = true
			}
			for _, j := range records[s.entity[h[1]]] {
				if clusters[res.Cluster[j]] {
					n++
					break
				}
			}
		}
		return n
	}
	res, err := Match(context.Background(), s.people, Options{Model: quick()})
	if err != nil {
		t.Fatal(err)
	}
	p, r := f1(t, s, res.Cluster)
	n := merged(res)
	t.Logf("with households: precision %.4f recall %.4f, %d of %d housemates merged; household share of candidates %.4f",
		p, r, n, len(housemates), res.Params.CandidateHouseholdLambda)
	if !res.Params.Households() {
		t.Error("households not modelled")
	}
	if p < 0.99 || r < 0.97 || n > len(housemates)/100 {
		t.Errorf("precision %.4f recall %.4f, %d housemates merged; want at least 0.99 and 0.97, at most %d merged",
			p, r, n, len(housemates)/100)
	}

	// The same data without the household comparison merges most of them.
	m := quick()
	m.Comparisons = slices.DeleteFunc(m.Comparisons, func(c spec.Comparison) bool { return c.IsHousehold() })
	plain, err := Match(context.Background(), s.people, Options{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	n = merged(plain)
	t.Logf("without: %d of %d housemates merged", n, len(housemates))
	if n < len(housemates)/2 {
		t.Errorf("without the household comparison only %d of %d housemates merged; the test no longer shows the problem", n, len(housemates))
	}
}

func TestSpread(t *testing.T) {
	// Records 0..4 are in 3, 2, 2, 1 and 0 pairs.
	got := spreadOf([]int32{3, 2, 2, 1, 0})
	want := Spread{P50: 2, P90: 3, P99: 3, Max: 3, Histogram: []int{1, 1, 3}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spread %+v, want %+v", got, want)
	}
}

func TestStatsPerRule(t *testing.T) {
	s := newSynthetic(1500, 14)
	res, err := Match(context.Background(), s.people, Options{Model: quick()})
	if err != nil {
		t.Fatal(err)
	}
	st := res.Stats
	if len(st.Rules) != len(quick().Blocking) {
		t.Fatalf("%d rule outcomes, want %d", len(st.Rules), len(quick().Blocking))
	}
	var candidates, kept, matched int64
	for _, r := range st.Rules {
		if r.Kept > r.Candidates || r.Matched > r.Kept {
			t.Errorf("rule %s: %d candidates, %d kept, %d matched", r.Name, r.Candidates, r.Kept, r.Matched)
		}
		candidates, kept, matched = candidates+r.Candidates, kept+r.Kept, matched+r.Matched
	}
	if candidates != st.Candidates || kept != int64(st.Kept) || matched != int64(st.Matched) {
		t.Errorf("rules add up to %d/%d/%d, stats say %d/%d/%d", candidates, kept, matched, st.Candidates, st.Kept, st.Matched)
	}
	records := 0
	for _, n := range st.Spread.Histogram {
		records += n
	}
	if records != st.Records || st.Spread.P50 > st.Spread.P90 || st.Spread.P90 > st.Spread.Max {
		t.Errorf("spread %+v over %d records", st.Spread, st.Records)
	}
}

func TestSoftplusTable(t *testing.T) {
	table := newSoftplusTable()
	for h := -80.0; h <= 80; h += 0.013 {
		want := -score.HouseholdTerm(h)
		if got := table.at(h); math.Abs(got-want) > 1e-5 {
			t.Fatalf("softplus(%v) = %v, want %v", h, got, want)
		}
	}
}
