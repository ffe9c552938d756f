package matching

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// synthetic generates people for tests and benchmarks: n customers in a
// "contacts" source, and for most of them a "loyalty" record with the
// kinds of noise real sources have (typos, swapped names, nicknames,
// reformatted phones, a slipped birth date digit, missing values), plus a
// few duplicates inside contacts. entity holds each record's customer.
// The data is c360's own, drawn from a seeded
// generator, so every run sees the same records.
type synthetic struct {
	people []transform.Person
	entity []int32
}

var syllables = []string{"an", "bel", "cor", "da", "el", "fin", "gar", "ho", "is", "jo", "ka", "lin",
	"mo", "nor", "os", "pe", "quin", "ra", "sol", "ta", "ul", "ve", "wil", "xa", "yor", "zen"}

var givenNames = []string{"james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda",
	"william", "elizabeth", "david", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah",
	"charles", "karen", "anthony", "nancy", "daniel", "lisa", "matthew", "betty", "mark", "margaret",
	"steven", "sandra", "paul", "ashley", "andrew", "kimberly", "joshua", "emily", "kenneth", "donna",
	"kevin", "michelle", "brian", "carol", "george", "amanda", "edward", "melissa", "ronald", "deborah"}

var nicknames = map[string]string{"robert": "bob", "william": "bill", "elizabeth": "liz", "richard": "dick",
	"james": "jim", "michael": "mike", "thomas": "tom", "anthony": "tony", "joseph": "joe", "margaret": "peggy"}

func newSynthetic(n int, seed uint64) *synthetic {
	rng := rand.New(rand.NewPCG(seed, 7))
	s := &synthetic{}
	surname := func() string {
		// Zipf-like: a few common surnames, a long tail of rare ones.
		k := int(float64(len(syllables)*len(syllables)*len(syllables)) * rng.Float64() * rng.Float64() * rng.Float64())
		a, b, c := k%len(syllables), k/len(syllables)%len(syllables), k/len(syllables)/len(syllables)
		return syllables[a] + syllables[b] + syllables[c]
	}
	var originals []int32
	for i := range n {
		p := transform.Person{Source: "contacts", ID: fmt.Sprintf("C%d", i), Line: i + 2}
		g := givenNames[rng.IntN(len(givenNames))]
		if rng.IntN(3) == 0 {
			g = syllables[rng.IntN(len(syllables))] + syllables[rng.IntN(len(syllables))] + "a"
		}
		sur := surname()
		p.Given, p.Surname = value(g), value(sur)
		p.BirthDate = transform.Date{Year: int16(1940 + rng.IntN(65)), Month: int8(1 + rng.IntN(12)), Day: int8(1 + rng.IntN(28))}
		p.BirthDateStat = transform.OK
		p.Email = value(fmt.Sprintf("%s.%s%d@%s.com", g, sur, rng.IntN(100), syllables[rng.IntN(len(syllables))]))
		p.Phone = value(fmt.Sprintf("+1%03d%03d%04d", 201+rng.IntN(700), 200+rng.IntN(700), rng.IntN(10000)))
		p.Gender = value([]string{"m", "f"}[rng.IntN(2)])
		s.people = append(s.people, p)
		s.entity = append(s.entity, int32(i))
		originals = append(originals, int32(i))
	}
	for _, o := range originals {
		if rng.IntN(10) == 0 {
			continue // no loyalty record
		}
		q := s.noisy(rng, s.people[o], "loyalty", fmt.Sprintf("L%d", o))
		s.add(o, q)
		if rng.IntN(50) == 0 { // a duplicate inside contacts
			s.add(o, s.noisy(rng, s.people[o], "contacts", fmt.Sprintf("D%d", o)))
		}
	}
	return s
}

// addHouseholds gives n customers (the first n contacts) a housemate: a
// new customer with the same surname, phone and e-mail (a landline and a
// family address) and their own given name, birth date and gender, in
// contacts and most of the time in loyalty too. It returns the records
// of each pair of housemates.
func (s *synthetic) addHouseholds(n int, seed uint64) [][2]int32 {
	rng := rand.New(rand.NewPCG(seed, 11))
	var out [][2]int32
	for o := range int32(n) {
		p := s.people[o]
		family := fmt.Sprintf("the%ss%d@%s.com", p.Surname.Norm(), rng.IntN(100), syllables[rng.IntN(len(syllables))])
		p.Email = value(family)
		s.people[o].Email = p.Email
		q := p
		q.ID = fmt.Sprintf("H%d", o)
		for q.Given.Norm() == p.Given.Norm() {
			q.Given = value(givenNames[rng.IntN(len(givenNames))])
		}
		q.BirthDate = transform.Date{Year: int16(1940 + rng.IntN(65)), Month: int8(1 + rng.IntN(12)), Day: int8(1 + rng.IntN(28))}
		q.Gender = value([]string{"m", "f"}[rng.IntN(2)])
		h := int32(len(s.people))
		s.people = append(s.people, q)
		s.entity = append(s.entity, int32(len(s.entity)+1_000_000))
		if rng.IntN(4) != 0 {
			s.add(h, s.noisy(rng, q, "loyalty", fmt.Sprintf("HL%d", o)))
		}
		out = append(out, [2]int32{o, h})
	}
	return out
}

// add appends q as a record of the customer of record o.
func (s *synthetic) add(o int32, q transform.Person) {
	s.people = append(s.people, q)
	s.entity = append(s.entity, s.entity[o])
}

// truth returns every matching pair of record indexes (i < j).
func (s *synthetic) truth() map[[2]int32]bool {
	members := map[int32][]int32{}
	for i, e := range s.entity {
		members[e] = append(members[e], int32(i))
	}
	out := map[[2]int32]bool{}
	for _, m := range members {
		for a := range m {
			for b := a + 1; b < len(m); b++ {
				out[[2]int32{m[a], m[b]}] = true
			}
		}
	}
	return out
}

func (s *synthetic) noisy(rng *rand.Rand, p transform.Person, source, id string) transform.Person {
	q := p
	q.Source, q.ID = source, id
	switch rng.IntN(12) {
	case 0:
		q.Given, q.Surname = p.Surname, p.Given
	case 1:
		q.Surname = value(typo(rng, p.Surname.Norm()))
	case 2:
		q.Given = value(typo(rng, p.Given.Norm()))
	case 3:
		if nick, ok := nicknames[p.Given.Norm()]; ok {
			q.Given = value(nick)
		}
	}
	switch rng.IntN(10) {
	case 0:
		q.Email = transform.Value{}
	case 1:
		q.Phone = transform.Value{}
	case 2:
		q.BirthDate.Day = int8(1 + (int(q.BirthDate.Day)+rng.IntN(3))%28)
	case 3:
		q.Phone = transform.NewValue("0"+p.Phone.Norm()[2:], "", transform.Invalid)
	}
	return q
}

func typo(rng *rand.Rand, s string) string {
	if len(s) < 3 {
		return s
	}
	i := 1 + rng.IntN(len(s)-2)
	b := []byte(s)
	b[i], b[i+1] = b[i+1], b[i]
	return string(b)
}

func value(s string) transform.Value {
	return transform.NewValue(s, strings.ToLower(s), transform.OK)
}

// trainedRun returns a run over people blocked, compared and trained with
// model on workers goroutines, ready to score.
func trainedRun(tb testing.TB, people []transform.Person, model *spec.Model, workers int) *run {
	tb.Helper()
	st := &Stats{}
	r := &run{ctx: context.Background(), model: model, workers: workers}
	var err error
	if r.table, r.comps, err = tableOf(people, model); err != nil {
		tb.Fatal(err)
	}
	if err := r.block(st); err != nil {
		tb.Fatal(err)
	}
	if err := r.compare(st); err != nil {
		tb.Fatal(err)
	}
	if _, err := r.train(); err != nil {
		tb.Fatal(err)
	}
	return r
}

// candidatesAndRandom returns r's candidate pairs and then random pairs
// of two different records, drawn with seed.
func candidatesAndRandom(tb testing.TB, r *run, random int, seed uint64) []block.Pair {
	tb.Helper()
	var pairs []block.Pair
	err := r.index.Each(context.Background(), 1, func(_ int, b block.Batch) { pairs = append(pairs, b.Pairs...) })
	if err != nil {
		tb.Fatal(err)
	}
	n := r.table.Len()
	rng := rand.New(rand.NewPCG(seed, seed+1))
	for range random {
		if l, rr := int32(rng.IntN(n)), int32(rng.IntN(n)); l != rr {
			pairs = append(pairs, block.Pair{L: min(l, rr), R: max(l, rr)})
		}
	}
	return pairs
}
