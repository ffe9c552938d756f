package survive

import (
	"cmp"
	"slices"
	"strings"

	"github.com/contoso/c360/transform"
)

// merger holds what Merge needs per cluster, and scratch space reused
// between clusters. It is not safe for concurrent use.
type merger struct {
	people []transform.Person
	rules  [NumAttributes][]Rule
	cands  []candidate
	counts map[candidateKey]int32
}

// candidate is one record's value of the attribute being chosen.
type candidate struct {
	idx  int32          // index in people
	key  string         // comparable form
	date transform.Date // for DateOfBirth
	freq int32          // records of the tier sharing this value, for most_frequent
}

type candidateKey struct {
	key  string
	date transform.Date
}

// build fills in customer c from its member records.
func (m *merger) build(cu *Customer, c int32, members []int32) {
	cu.Cluster = c
	for a := range Attribute(NumAttributes) {
		if a == FullName {
			continue // composed below, from the chosen names
		}
		i := m.choose(members, a)
		cu.From[a] = i
		switch {
		case i < 0:
		case a == DateOfBirth:
			cu.DateOfBirth = m.people[i].BirthDate
		default:
			cu.set(a, display(&m.people[i], a))
		}
	}
	m.composeFullName(cu, members)
}

// composeFullName sets full_name to "first last" when both are known, else
// to the FullName column chosen by the policy, else to whichever name is known.
func (m *merger) composeFullName(cu *Customer, members []int32) {
	switch {
	case cu.FirstName != "" && cu.LastName != "":
		cu.FullName, cu.From[FullName] = cu.FirstName+" "+cu.LastName, cu.From[FirstName]
	default:
		if i := m.choose(members, FullName); i >= 0 {
			cu.FullName, cu.From[FullName] = display(&m.people[i], FullName), i
		} else if cu.FirstName != "" {
			cu.FullName, cu.From[FullName] = cu.FirstName, cu.From[FirstName]
		} else {
			cu.FullName, cu.From[FullName] = cu.LastName, cu.From[LastName]
		}
	}
}

// choose returns the index of the record whose value of a survives, or -1
// when no record has a value that can be shown.
func (m *merger) choose(members []int32, a Attribute) int32 {
	if len(members) == 1 {
		if t, _, _ := rank(&m.people[members[0]], a); t == unusable {
			return -1
		}
		return members[0]
	}
	best := unusable
	cands := m.cands[:0]
	for _, i := range members {
		t, key, date := rank(&m.people[i], a)
		if t == unusable || t > best {
			continue
		}
		if t < best {
			best, cands = t, cands[:0]
		}
		cands = append(cands, candidate{idx: i, key: key, date: date})
	}
	m.cands = cands
	if len(cands) == 0 {
		return -1
	}
	rules := m.rules[a]
	if len(cands) > 1 && slices.ContainsFunc(rules, func(r Rule) bool { return r.Kind == MostFrequent }) {
		m.countFrequencies(cands)
	}
	w := 0
	for j := 1; j < len(cands); j++ {
		if m.better(&cands[j], &cands[w], rules) {
			w = j
		}
	}
	return cands[w].idx
}

// better reports whether x beats y under rules, the smaller (Source, ID)
// winning a tie.
func (m *merger) better(x, y *candidate, rules []Rule) bool {
	px, py := &m.people[x.idx], &m.people[y.idx]
	for _, r := range rules {
		var c int // > 0 when x wins
		switch r.Kind {
		case SourcePriority:
			c = cmp.Compare(sourceRank(r.Sources, py.Source), sourceRank(r.Sources, px.Source))
		case MostRecent:
			c = compareDates(px.CreatedOn, py.CreatedOn)
		case MostFrequent:
			c = cmp.Compare(x.freq, y.freq)
		case MostComplete:
			c = cmp.Compare(completeness(x.key), completeness(y.key))
		}
		if c != 0 {
			return c > 0
		}
	}
	return cmp.Or(strings.Compare(px.Source, py.Source), strings.Compare(px.ID, py.ID)) < 0
}

// sourceRank is the position of source in sources, or len(sources) if absent.
func sourceRank(sources []string, source string) int {
	for i, s := range sources {
		if s == source {
			return i
		}
	}
	return len(sources)
}

func compareDates(x, y transform.Date) int {
	return cmp.Or(cmp.Compare(x.Year, y.Year), cmp.Compare(x.Month, y.Month), cmp.Compare(x.Day, y.Day))
}

// countFrequencies sets each candidate's freq to the number of candidates
// with the same value.
func (m *merger) countFrequencies(cands []candidate) {
	if len(cands) <= 64 { // quadratic, but no hashing, for the usual small cluster
		for i := range cands {
			n := int32(0)
			for j := range cands {
				if cands[i].key == cands[j].key && cands[i].date == cands[j].date {
					n++
				}
			}
			cands[i].freq = n
		}
		return
	}
	if m.counts == nil {
		m.counts = make(map[candidateKey]int32)
	}
	clear(m.counts)
	for _, c := range cands {
		m.counts[candidateKey{c.key, c.date}]++
	}
	for i, c := range cands {
		cands[i].freq = m.counts[candidateKey{c.key, c.date}]
	}
}
