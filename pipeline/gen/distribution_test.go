package gen

import (
	"sort"
	"strconv"
	"strings"
	"testing"
)

// persons returns the true persons opts describes, after households and
// pairs, without writing any file.
func persons(t testing.TB, opts Options) []person {
	t.Helper()
	o, err := opts.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	g := newGenerator(o)
	out := make([]person, 0, o.Persons)
	cb := new(chunkBuf)
	for i := range g.numChunks() {
		first, last := g.chunkRange(i)
		cb.persons = cb.persons[:0]
		for n := first; n <= last; n++ {
			cb.persons = append(cb.persons, g.newPerson(n))
		}
		g.relate(cb)
		for k := range cb.persons {
			g.finish(&cb.persons[k])
		}
		out = append(out, cb.persons...)
	}
	return out
}

// nameStats summarises the names of a population.
type nameStats struct {
	topSurname      string
	topSurnameShare float64
	top100Given     float64 // share of persons whose given name is among the 100 commonest of their sex
	surnames        int     // distinct surnames
	namesakePairs   int     // pairs of persons sharing given name and surname
	mailboxes       int     // distinct e-mail addresses
}

func measureNames(ps []person) nameStats {
	surnames, given, full, mail := map[string]int{}, map[string]int{}, map[string]int{}, map[string]bool{}
	for i := range ps {
		p := &ps[i]
		surnames[p.surname]++
		given[strconv.FormatBool(p.male)+p.given]++
		full[p.given+"|"+p.surname]++
		mail[p.email] = true
	}
	var st nameStats
	for s, c := range surnames {
		if share := float64(c) / float64(len(ps)); share > st.topSurnameShare {
			st.topSurname, st.topSurnameShare = s, share
		}
	}
	top := 0
	for _, sex := range []string{"true", "false"} {
		var counts []int
		for name, c := range given {
			if strings.HasPrefix(name, sex) {
				counts = append(counts, c)
			}
		}
		sort.Sort(sort.Reverse(sort.IntSlice(counts)))
		for _, c := range counts[:min(100, len(counts))] {
			top += c
		}
	}
	st.top100Given = float64(top) / float64(len(ps))
	for _, c := range full {
		st.namesakePairs += c * (c - 1) / 2
	}
	st.surnames, st.mailboxes = len(surnames), len(mail)
	return st
}

func TestNamesAreHeavyTailed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 220,000 persons")
	}
	// Designed namesakes (SameNameRate, Jr./Sr.) are off: these counts come
	// from the name frequencies alone.
	opts := Options{Persons: 20_000, Seed: 7, SameNameRate: -1, JuniorRate: -1, LargeHouseholdRate: -1}
	small := measureNames(persons(t, opts))
	opts.Persons = 200_000
	large := measureNames(persons(t, opts))
	for _, m := range []struct {
		size int
		st   nameStats
	}{{20_000, small}, {200_000, large}} {
		t.Logf("%d persons: top surname %s %.4f, top 100 given names %.3f, %d surnames, %d namesake pairs, %d mailboxes",
			m.size, m.st.topSurname, m.st.topSurnameShare, m.st.top100Given, m.st.surnames, m.st.namesakePairs, m.st.mailboxes)
	}
	// Census 2010: Smith 0.83% of people; at 200,000 persons that is
	// 1,656 Smiths, give or take about 40.
	if large.topSurname != "Smith" {
		t.Errorf("commonest surname %s, want Smith", large.topSurname)
	}
	within(t, "share of Smith at 200k", large.topSurnameShare, 0.0070, 0.0095)
	within(t, "share of the 100 commonest given names at 200k", large.top100Given, 0.40, 0.60)
	// Independent names: pairs ≈ C(n,2)·Σ p(full name)², so ten times
	// the persons gives about a hundred times the namesakes.
	growth := float64(large.namesakePairs) / float64(max(small.namesakePairs, 1))
	within(t, "namesake pairs at 200k / at 20k", growth, 80, 125)
	within(t, "namesake pairs per person at 200k", float64(large.namesakePairs)/200_000, 0.02, 0.2)
	within(t, "distinct surnames per person at 200k", float64(large.surnames)/200_000, 0.15, 0.5)
}

func TestLowDiversityIsLow(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 40,000 persons")
	}
	def := measureNames(persons(t, Options{Persons: 20_000, Seed: 7}))
	low := measureNames(persons(t, Options{Persons: 20_000, Seed: 7, Population: PopulationLowDiversity}))
	t.Logf("low-diversity: top surname %s %.3f, %d surnames, %d namesake pairs (default %d)",
		low.topSurname, low.topSurnameShare, low.surnames, low.namesakePairs, def.namesakePairs)
	if low.topSurname != "Nguyen" {
		t.Errorf("commonest surname %s, want Nguyen", low.topSurname)
	}
	within(t, "share of Nguyen", low.topSurnameShare, 0.35, 0.42)
	if low.surnames > 40 {
		t.Errorf("%d surnames, want at most the 40 typed", low.surnames)
	}
	if low.namesakePairs < 50*def.namesakePairs {
		t.Errorf("%d namesake pairs, want at least 50 times the default population's %d", low.namesakePairs, def.namesakePairs)
	}
}

// TestMailboxesBelongToOnePerson checks that name-derived addresses do not
// make strangers share a mailbox: only households, Jr./Sr. pairs (who live
// at one address) and rare accidents do.
func TestMailboxesBelongToOnePerson(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 200,000 persons")
	}
	for _, pop := range Populations() {
		ps := persons(t, Options{Persons: 100_000, Seed: 7, Population: pop})
		first := map[string]int{}
		strangers, digitsOnly := 0, 0
		for i := range ps {
			j, seen := first[ps[i].email]
			if !seen {
				first[ps[i].email] = i
				continue
			}
			if ps[j].addr.street != ps[i].addr.street {
				strangers++
			}
		}
		// Namesakes' addresses differ only in digits: count the user names
		// that, without digits, another person also has.
		stems := map[string]int{}
		for i := range ps {
			stems[strings.TrimRight(strings.SplitN(ps[i].email, "@", 2)[0], "0123456789")]++
		}
		for _, c := range stems {
			if c > 1 {
				digitsOnly += c
			}
		}
		t.Logf("%s: %d persons share a mailbox with a stranger; %d have a user name that differs from another's only in digits",
			pop, strangers, digitsOnly)
		within(t, string(pop)+": persons sharing a mailbox with a stranger", float64(strangers)/float64(len(ps)), 0, 0.0005)
		within(t, string(pop)+": user names differing from another's only in digits", float64(digitsOnly)/float64(len(ps)), 0.02, 1)
	}
}

// TestNamePools checks the typed shares: each pool with its tail sums to
// one, the shares fall with rank, and the tail is where the documentation
// says.
func TestNamePools(t *testing.T) {
	def, low := newPopulation(PopulationDefault), newPopulation(PopulationLowDiversity)
	tests := []struct {
		name           string
		pool           namePool
		tailLo, tailHi float64
	}{
		{"US surnames", def.surnames, 0.55, 0.72},
		{"US male given names", def.male, 0.3, 0.5},
		{"US female given names", def.female, 0.3, 0.5},
		{"Vietnamese surnames", low.surnames, 0, 0},
		{"Vietnamese male given names", low.male, 0, 0},
	}
	for _, tt := range tests {
		total := tt.pool.tailShare
		for i, s := range tt.pool.share {
			total += s
			if i > 0 && s > tt.pool.share[i-1]*1.5 {
				t.Errorf("%s: %s has share %.5f, far above %s's %.5f", tt.name, tt.pool.names[i], s, tt.pool.names[i-1], tt.pool.share[i-1])
			}
		}
		if total < 0.999 || total > 1.001 {
			t.Errorf("%s: shares sum to %.4f, want 1", tt.name, total)
		}
		within(t, tt.name+": tail share", tt.pool.tailShare, tt.tailLo, tt.tailHi)
	}
	if got := def.surnames.share[0]; got < 0.0082 || got > 0.0084 {
		t.Errorf("Smith's share %.4f, want the Census 0.0083", got)
	}
	tail := def.surnames.tail
	seen := map[string]bool{}
	for k := range 5000 {
		seen[tail.name(k)] = true
	}
	if len(seen) < 4900 {
		t.Errorf("the first 5,000 tail surnames hold %d distinct names", len(seen))
	}
	if c := tail.capacity(); c < 2_000_000 {
		t.Errorf("the surname tail holds %d names, want millions", c)
	}
}
