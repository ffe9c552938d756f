package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/matching/survive"
	"github.com/contoso/c360/transform/sources"
)

// buildMatching checks the matching section. root is the whole document,
// for locating list entries that have no value node of their own.
func buildMatching(root ast.Node, doc matchingDoc) (Matching, error) {
	var m Matching
	if doc.Threshold.set() {
		t := doc.Threshold.value
		if t <= 0 || t >= 1 {
			return Matching{}, errorAt(doc.Threshold.node, "threshold must be between 0 and 1 (exclusive)")
		}
		m.Threshold = &t
	}
	var err error
	if m.NeverMatch, err = recordPairs(root, "matching.never_match", doc.NeverMatch); err != nil {
		return Matching{}, err
	}
	if m.AlwaysMatch, err = recordPairs(root, "matching.always_match", doc.AlwaysMatch); err != nil {
		return Matching{}, err
	}
	for i, p := range m.AlwaysMatch {
		if slices.ContainsFunc(m.NeverMatch, p.same) {
			at, _ := lookup(root, fmt.Sprintf("matching.always_match.%d", i))
			return Matching{}, errorAt(at, "pair %s, %s is also in never_match", p[0], p[1])
		}
	}
	for i, c := range doc.CrossReference {
		x, err := crossReference(root, i, c)
		if err != nil {
			return Matching{}, err
		}
		m.CrossReference = append(m.CrossReference, x)
	}
	node := func(path string) ast.Node { n, _ := lookup(root, path); return n }
	if m.Survivorship, err = survivorship(doc.Survivorship, node); err != nil {
		return Matching{}, err
	}
	if doc.MaxClusterSize.set() {
		if doc.MaxClusterSize.value < 2 {
			return Matching{}, errorAt(doc.MaxClusterSize.node, "max_cluster_size must be at least 2")
		}
		m.MaxClusterSize = doc.MaxClusterSize.value
	}
	return m, nil
}

// same reports whether p and q pair the same two records, in either order.
func (p RecordPair) same(q RecordPair) bool {
	return p == q || (p[0] == q[1] && p[1] == q[0])
}

// recordPairs checks a list of [source:id, source:id] pairs at path.
func recordPairs(root ast.Node, path string, docs [][]text) ([]RecordPair, error) {
	var pairs []RecordPair
	for i, d := range docs {
		if len(d) != 2 {
			at, _ := lookup(root, fmt.Sprintf("%s.%d", path, i))
			return nil, errorAt(at, "want a pair [source:id, source:id], got %d records", len(d))
		}
		var p RecordPair
		for j, t := range d {
			r, err := recordRef(t)
			if err != nil {
				return nil, err
			}
			p[j] = r
		}
		if p[0] == p[1] {
			return nil, errorAt(d[1].node, "record %s is paired with itself", p[0])
		}
		if slices.ContainsFunc(pairs, p.same) {
			return nil, errorAt(d[0].node, "pair %s, %s is listed twice", p[0], p[1])
		}
		pairs = append(pairs, p)
	}
	return pairs, nil
}

// recordRef parses "source:id", spaces around either part trimmed.
func recordRef(t text) (stableid.Ref, error) {
	r, ok := stableid.ParseRef(t.value)
	r = stableid.Ref{Source: strings.TrimSpace(r.Source), ID: strings.TrimSpace(r.ID)}
	if !ok || r.ID == "" {
		return stableid.Ref{}, errorAt(t.node, "bad record %q: want source:id, such as contacts:CNTID_1", t.value)
	}
	if !slices.Contains(customerSources(), r.Source) {
		return stableid.Ref{}, errorAt(t.node, "unknown source %q in record %q (want %s)", r.Source, t.value, strings.Join(customerSources(), ", "))
	}
	return r, nil
}

// crossReference checks entry i of cross_reference: from names a column of
// a customer source (as in transform/sources), to names another one.
func crossReference(root ast.Node, i int, d crossRefDoc) (CrossReference, error) {
	if !d.From.set() || !d.To.set() {
		at, _ := lookup(root, fmt.Sprintf("matching.cross_reference.%d", i))
		return CrossReference{}, errorAt(at, "cross_reference needs both from (source.column) and to (source)")
	}
	src, col, ok := strings.Cut(d.From.value, ".")
	if !ok || col == "" {
		return CrossReference{}, errorAt(d.From.node, "bad from %q: want source.column, such as loyalty.contact_id", d.From.value)
	}
	var schema *sources.Source
	for _, s := range sources.Customer() {
		if s.Name == src {
			schema = &s
		}
	}
	if schema == nil {
		return CrossReference{}, errorAt(d.From.node, "unknown source %q (want %s)", src, strings.Join(customerSources(), ", "))
	}
	if !slices.ContainsFunc(schema.Columns, func(c sources.Column) bool { return c.Field == col }) {
		return CrossReference{}, errorAt(d.From.node, "source %s has no column %q", src, col)
	}
	if !slices.Contains(customerSources(), d.To.value) {
		return CrossReference{}, errorAt(d.To.node, "unknown source %q (want %s)", d.To.value, strings.Join(customerSources(), ", "))
	}
	if d.To.value == src {
		return CrossReference{}, errorAt(d.To.node, "cross_reference must link two different sources")
	}
	return CrossReference{FromSource: src, FromColumn: col, To: d.To.value}, nil
}

// survivorship builds the survivorship policy (survive.Policy) from the
// config's rule names and checks it whole, so that a bad rule stops the run
// before anything is fetched; each problem names the line of its attribute
// or rule.
func survivorship(doc map[string][]text, node func(string) ast.Node) (survive.Policy, error) {
	if len(doc) == 0 {
		return nil, nil
	}
	out := make(survive.Policy, len(doc))
	for _, name := range slices.Sorted(maps.Keys(doc)) {
		at := node("matching.survivorship." + name)
		a, err := survive.ParseAttribute(name)
		if err != nil {
			return nil, errorAt(at, "%v", err)
		}
		out[a] = []survive.Rule{}
		for _, r := range doc[name] {
			if strings.TrimSpace(r.value) == "" {
				return nil, errorAt(r.node, "empty rule name for %s", name)
			}
			out[a] = append(out[a], survive.Rule{Kind: survive.RuleKind(r.value)})
			// Checked rule by rule, so that an error names its rule's place.
			if err := (survive.Policy{a: out[a]}).Validate(); err != nil {
				return nil, errorAt(r.node, "%v", err)
			}
		}
		if err := (survive.Policy{a: out[a]}).Validate(); err != nil {
			return nil, errorAt(at, "%v", err)
		}
	}
	return out, nil
}
