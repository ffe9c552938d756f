package matching

import (
	"fmt"
	"strings"

	"github.com/antzucaro/matchr"

	"github.com/contoso/c360/matching/block"
	"github.com/contoso/c360/matching/compare"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// blockingRules evaluates every blocking rule of the model on every record.
// A record whose key parts are not all present has no key (0) under a rule.
func blockingRules(t *compare.Table, rules []spec.BlockingRule) ([]block.Rule, error) {
	parts := map[string][]uint64{} // key expression -> per-record part
	out := make([]block.Rule, len(rules))
	for i, r := range rules {
		keys := make([]uint64, t.Len())
		for j, expr := range r.Keys {
			p, ok := parts[expr]
			if !ok {
				var err error
				if p, err = keyPart(t, expr); err != nil {
					return nil, fmt.Errorf("matching: blocking rule %q: %w", r.Name, err)
				}
				parts[expr] = p
			}
			for rec := range keys {
				switch {
				case p[rec] == 0:
					keys[rec] = 0
				case j == 0:
					keys[rec] = p[rec]
				case keys[rec] != 0:
					keys[rec] = mix(keys[rec], p[rec])
				}
			}
		}
		out[i] = block.Rule{Name: r.Name, Keys: keys}
	}
	return out, nil
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

// keyPart returns one key expression evaluated on every record (0: none).
func keyPart(t *compare.Table, expr string) ([]uint64, error) {
	attr, fn, err := spec.ParseKey(expr)
	if err != nil {
		return nil, err
	}
	if attr == spec.NameKey {
		g, err := keyPart(t, join(transform.GivenName, fn))
		if err != nil {
			return nil, err
		}
		s, err := keyPart(t, join(transform.Surname, fn))
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
		for i, d := range t.Date {
			if d != 0 {
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
	for i, id := range col.ID {
		out[i] = byID[id]
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
