package compare

import (
	"slices"
	"strings"
)

// Features derived once per distinct value, so that the levels that look
// inside values (the parts of an e-mail address, the words of a street)
// test integers per pair instead of scanning strings.

// feature names a derived feature of a column's values.
type feature uint8

const (
	emailPartsFeature feature = iota
	tokensFeature
	sketchFeature
)

// build derives feature f of the column's values, once.
func (c *Column) build(f feature) {
	switch f {
	case emailPartsFeature:
		c.buildEmailParts()
	case tokensFeature:
		c.buildTokens()
	case sketchFeature:
		c.buildSketches()
	}
}

// emailParts holds the ids of an address's user name and domain (0 when
// the address has no "@"), and of its user name without digits (0 when
// nothing is left); equal ids mean equal parts.
type emailParts struct{ user, domain, stem uint32 }

// partSketches holds the sketches of the distinct user names and domains
// of a column of e-mail addresses, by part id.
type partSketches struct{ users, domains []sketch }

// buildEmailParts derives the user name and domain ids of every value, and
// the sketch of every distinct part.
func (c *Column) buildEmailParts() {
	if c.parts != nil {
		return
	}
	users, domains := make([]string, len(c.Value)), make([]string, len(c.Value))
	stems := make([]string, len(c.Value))
	for i, v := range c.Value {
		if u, d, found := strings.Cut(v, "@"); found {
			// "\x00" keeps an empty user name or domain apart from none.
			users[i], domains[i] = "\x00"+u, "\x00"+d
			stems[i] = withoutDigits(u)
		}
	}
	userIDs, userValues := dictionary(users)
	domainIDs, domainValues := dictionary(domains)
	stemIDs, _ := dictionary(stems)
	c.parts = make([]emailParts, len(c.Value))
	for i := range c.parts {
		c.parts[i] = emailParts{userIDs[i], domainIDs[i], stemIDs[i]}
	}
	ps := &partSketches{users: make([]sketch, len(userValues)), domains: make([]sketch, len(domainValues))}
	for i, u := range userValues {
		ps.users[i] = sketchOf(strings.TrimPrefix(u, "\x00"))
	}
	for i, d := range domainValues {
		ps.domains[i] = sketchOf(strings.TrimPrefix(d, "\x00"))
	}
	c.partSketches = ps
}

// withoutDigits returns s without its ASCII digits.
func withoutDigits(s string) string {
	if strings.IndexFunc(s, isDigit) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isDigit(r) {
			return -1
		}
		return r
	}, s)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// tokenSets holds the distinct words of every value as sorted word ids,
// value i's in ids[start[i]:start[i+1]], and the id of its first word,
// with the multiWord bit set when the value has more than one word.
type tokenSets struct {
	ids   []uint32
	start []uint32
	first []uint32
}

const multiWord = 1 << 31

// words returns the sorted distinct word ids of value v.
func (s *tokenSets) words(v uint32) []uint32 { return s.ids[s.start[v]:s.start[v+1]] }

// sameFirstWord reports whether values a and b start with the same word
// and one of them has more words (a postcode's outward code, a house
// number and street).
func (s *tokenSets) sameFirstWord(a, b uint32) bool {
	fa, fb := s.first[a], s.first[b]
	return fa&^multiWord == fb&^multiWord && fa&^multiWord != 0 && (fa|fb)&multiWord != 0
}

// buildTokens derives the word sets of every value.
func (c *Column) buildTokens() {
	if c.tokens != nil {
		return
	}
	// Every word of every value, interned at once.
	var words []string
	start := make([]uint32, len(c.Value)+1)
	for i, v := range c.Value {
		start[i] = uint32(len(words))
		for j := 0; ; {
			var w string
			if w, j = nextToken(v, j); w == "" {
				break
			}
			words = append(words, w)
		}
	}
	start[len(c.Value)] = uint32(len(words))
	ids, _ := dictionary(words)
	ts := &tokenSets{start: start, first: make([]uint32, len(c.Value)), ids: ids[:0]}
	var set []uint32
	for i := range c.Value {
		w := ids[start[i]:start[i+1]]
		if len(w) > 0 {
			ts.first[i] = w[0]
			if len(w) > 1 {
				ts.first[i] |= multiWord
			}
		}
		// Each value's words, sorted and compacted, are written back into
		// ids, never past the words still to be read.
		set = append(set[:0], w...)
		slices.Sort(set)
		ts.start[i] = uint32(len(ts.ids))
		ts.ids = append(ts.ids, slices.Compact(set)...)
	}
	ts.start[len(c.Value)] = uint32(len(ts.ids))
	c.tokens = ts
}

// jaccard returns |A∩B| / |A∪B| of two sorted sets of word ids.
func jaccard(a, b []uint32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	shared := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			shared++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(shared) / float64(len(a)+len(b)-shared)
}

// sketch counts the bytes of a value in 32 buckets (byte mod 32, so the
// 26 letters fall apart), four bits each, and keeps its first four bytes.
// Two sketches bound the Jaro-Winkler similarity and the edit distance of
// their values in a few word operations, so that most unrelated values are
// ruled out without a look at their bytes. A value with more than 15
// bytes in one bucket is marked saturated, and bounds nothing.
type sketch struct {
	counts [2]uint64 // buckets 0-15, 16-31
	prefix uint32    // the first four bytes, the first in the low byte
	length uint32
}

func sketchOf(s string) sketch {
	var counts [32]uint8
	var k sketch
	for i := 0; i < len(s); i++ {
		b := s[i] & 31
		if counts[b] == 15 {
			return sketch{counts: [2]uint64{^uint64(0), ^uint64(0)}}
		}
		counts[b]++
		if i < 4 {
			k.prefix |= uint32(s[i]) << (8 * i)
		}
	}
	for b, c := range counts {
		k.counts[b/16] |= uint64(c) << (4 * (b % 16))
	}
	k.length = uint32(len(s))
	return k
}

func (k sketch) saturated() bool { return k.counts == [2]uint64{^uint64(0), ^uint64(0)} }

func (k sketch) len() int { return int(k.length) }

// shared returns the number of bytes the two values have in common,
// counted by bucket: the sum over buckets of the smaller count.
func (k sketch) shared(o sketch) int {
	return nibbleMinSum(k.counts[0], o.counts[0]) + nibbleMinSum(k.counts[1], o.counts[1])
}

// commonPrefix returns the length of the common prefix of the values, up
// to four bytes.
func (k sketch) commonPrefix(o sketch) int {
	n := min(4, k.len(), o.len())
	x := k.prefix ^ o.prefix
	p := 0
	for p < n && x&0xff == 0 {
		p++
		x >>= 8
	}
	return p
}

// editLowerBound returns a lower bound of the edit distance between the
// values. One edit changes the bucket counts by at most two in total (a
// substitution moves a byte from one bucket to another, an insertion or
// deletion adds or removes one), so half their distance bounds the edit
// distance from below.
func (k sketch) editLowerBound(o sketch) int {
	if k.saturated() || o.saturated() {
		return 0
	}
	d := k.len() + o.len() - 2*k.shared(o)
	return (d + 1) / 2
}

const (
	lowNibbles = 0x0f0f0f0f0f0f0f0f
	highBits   = 0x8080808080808080
	onesBytes  = 0x0101010101010101
)

// nibbleMinSum returns the sum over the sixteen four-bit lanes of x and y
// of the smaller lane.
func nibbleMinSum(x, y uint64) int {
	return byteMinSum(x&lowNibbles, y&lowNibbles) + byteMinSum(x>>4&lowNibbles, y>>4&lowNibbles)
}

// byteMinSum returns the sum over the eight byte lanes of x and y (each
// below 16) of the smaller lane.
func byteMinSum(x, y uint64) int {
	ge := ((x | highBits) - y) & highBits // lane high bit set where x >= y
	mask := ge >> 7 * 0xff                // 0xff where x >= y
	m := y&mask | x&^mask
	return int(m * onesBytes >> 56)
}

// buildSketches derives the sketch of every value.
func (c *Column) buildSketches() {
	if c.sketches != nil {
		return
	}
	c.sketches = make([]sketch, len(c.Value))
	for i, v := range c.Value {
		c.sketches[i] = sketchOf(v)
	}
}
