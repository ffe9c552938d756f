package matching

import (
	"fmt"
	"strings"
	"sync"

	"github.com/antzucaro/matchr"

	"github.com/contoso/c360/matching/compare"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// keyParts evaluates the key expressions of blocking rules on every
// record, each once however many rules use it, and forgets each after the
// last rule that uses it. It is safe for concurrent use.
type keyParts struct {
	t     *compare.Table
	mu    sync.Mutex
	parts map[string]*keyPart
}

type keyPart struct {
	once sync.Once
	keys []uint64
	err  error
	uses int
}

func newKeyParts(t *compare.Table, rules []spec.BlockingRule) *keyParts {
	k := &keyParts{t: t, parts: map[string]*keyPart{}}
	for _, r := range rules {
		for _, expr := range r.Keys {
			p := k.parts[expr]
			if p == nil {
				p = &keyPart{}
				k.parts[expr] = p
			}
			p.uses++
		}
	}
	return k
}

// rule returns the keys of rule r on every record. A record whose key
// parts are not all present has no key (0).
func (k *keyParts) rule(r spec.BlockingRule) ([]uint64, error) {
	keys := make([]uint64, k.t.Len())
	for j, expr := range r.Keys {
		k.mu.Lock()
		p := k.parts[expr]
		k.mu.Unlock()
		p.once.Do(func() { p.keys, p.err = evalKey(k.t, expr) })
		if p.err != nil {
			return nil, fmt.Errorf("matching: blocking rule %q: %w", r.Name, p.err)
		}
		for rec, v := range p.keys {
			switch {
			case v == 0:
				keys[rec] = 0
			case j == 0:
				keys[rec] = v
			case keys[rec] != 0:
				keys[rec] = mix(keys[rec], v)
			}
		}
		k.mu.Lock()
		if p.uses--; p.uses == 0 {
			p.keys = nil
		}
		k.mu.Unlock()
	}
	return keys, nil
}

// mix combines two non-zero key parts into a non-zero key.
func mix(a, b uint64) uint64 {
	h := a*0x9e3779b97f4a7c15 ^ (b + 0x632be59bd9b4e019 + (a << 6) + (a >> 2))
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 29
	if h == 0 {
		return 1
	}
	return h
}

// evalKey returns one key expression evaluated on every record (0: none).
func evalKey(t *compare.Table, expr string) ([]uint64, error) {
	attr, fn, err := spec.ParseKey(expr)
	if err != nil {
		return nil, err
	}
	if attr == spec.NameKey {
		g, err := evalKey(t, join(transform.GivenName, fn))
		if err != nil {
			return nil, err
		}
		s, err := evalKey(t, join(transform.Surname, fn))
		if err != nil {
			return nil, err
		}
		out := make([]uint64, len(g))
		for i := range out {
			if g[i] != 0 && s[i] != 0 {
				out[i] = mix(min(g[i], s[i]), max(g[i], s[i]))
			}
		}
		return out, nil
	}
	a := transform.Attr(attr)
	if a == transform.BirthDate && fn == "year" {
		out := make([]uint64, t.Len())
		for i := range out {
			if d := t.Date(int32(i)); d != 0 {
				out[i] = uint64(d/10000) + 1
			}
		}
		return out, nil
	}
	col := t.Column(a)
	if fn == "nickname" {
		if a != transform.GivenName {
			return nil, fmt.Errorf("key %q: nickname applies to given_name only", expr)
		}
		col = &t.Nickname
	}
	f, err := valueFunc(fn)
	if err != nil {
		return nil, fmt.Errorf("key %q: %w", expr, err)
	}
	// Evaluate the function once per distinct value.
	byID := make([]uint64, len(col.Value))
	for id := 1; id < len(col.Value); id++ {
		if v := f(col.Value[id]); v != "" {
			byID[id] = hashString(v)
		}
	}
	out := make([]uint64, t.Len())
	for i := range out {
		out[i] = byID[col.ID(int32(i))]
	}
	return out, nil
}

func join(a transform.Attr, fn string) string {
	if fn == "" {
		return string(a)
	}
	return string(a) + "." + fn
}

// valueFunc returns the string function of a key ("" when no key).
func valueFunc(fn string) (func(string) string, error) {
	if n, ok := spec.PrefixLen(fn); ok {
		return func(s string) string { return s[:min(n, len(s))] }, nil
	}
	if n, ok := spec.WordsLen(fn); ok {
		return func(s string) string { return firstWords(s, n) }, nil
	}
	switch fn {
	case "", "nickname":
		return func(s string) string { return s }, nil
	case "initial":
		return func(s string) string { return s[:1] }, nil
	case "user": // the part of an e-mail address before "@"
		return func(s string) string { u, _, _ := strings.Cut(s, "@"); return u }, nil
	case "metaphone":
		return func(s string) string { p, _ := matchr.DoubleMetaphone(s); return p }, nil
	case "nysiis":
		return matchr.NYSIIS, nil
	case "soundex":
		return matchr.Soundex, nil
	}
	return nil, fmt.Errorf("function %q does not apply here", fn)
}

// hashString is 64-bit FNV-1a, never 0. Keys must not depend on a random
// seed: the order of candidate pairs, and so the training sample, follows
// the order of the keys.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h | 1
}

// firstWords returns the first n space-separated words of s (all of s when
// it has fewer): "95 leahy place" is "95 leahy" for n = 2, a house number
// and a street that survive a typo in the street's last words.
func firstWords(s string, n int) string {
	end := 0
	for range n {
		i := strings.IndexByte(s[end:], ' ')
		if i < 0 {
			return s
		}
		end += i + 1
	}
	return s[:end-1]
}
