package config

import (
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// entries returns the key/value pairs of a mapping node, or nil when n is
// not a mapping.
func entries(n ast.Node) []*ast.MappingValueNode {
	if n == nil {
		return nil
	}
	switch m := unwrapNode(n).(type) {
	case *ast.MappingNode:
		return m.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}
	}
	return nil
}

// entry returns the pair for key in mapping n, or nil.
func entry(n ast.Node, key string) *ast.MappingValueNode {
	for _, e := range entries(n) {
		if e.Key != nil && e.Key.GetToken() != nil && e.Key.GetToken().Value == key {
			return e
		}
	}
	return nil
}

// lookup follows a dotted path of mapping keys and sequence indexes
// ("matching.never_match.0.1") from root. It returns the deepest node found
// on the way, so a path that goes further than the file still points at the
// closest place, and whether the whole path was found.
func lookup(root ast.Node, path string) (ast.Node, bool) {
	n := root
	if path == "" {
		return n, true
	}
	for _, part := range strings.Split(path, ".") {
		next := child(n, part)
		if next == nil {
			return n, false
		}
		n = next
	}
	return n, true
}

// child returns the value under key part of a mapping, or element number
// part of a sequence, or nil.
func child(n ast.Node, part string) ast.Node {
	if seq, ok := unwrapNode(n).(*ast.SequenceNode); ok {
		i, err := strconv.Atoi(part)
		if err != nil || i < 0 || i >= len(seq.Values) {
			return nil
		}
		return seq.Values[i]
	}
	if e := entry(n, part); e != nil {
		if e.Value == nil || e.Value.Type() == ast.NullType {
			return e.Key // an empty value: point at its key
		}
		return e.Value
	}
	return nil
}

// position returns the line and column where n starts, or 1:1 when n is nil.
func position(n ast.Node) (line, column int) {
	if n == nil {
		return 1, 1
	}
	if d, ok := n.(*ast.DocumentNode); ok && d.Start != nil {
		return tokenPosition(d.Start) // the "---" line
	}
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 {
		n = m.Values[0] // a block mapping's own token is its first colon
	}
	if mv, ok := n.(*ast.MappingValueNode); ok && mv.Key != nil {
		n = mv.Key
	}
	return tokenPosition(n.GetToken())
}

// tokenPosition returns the line and column of tk, or 1:1 when unknown.
func tokenPosition(tk *token.Token) (line, column int) {
	if tk == nil || tk.Position == nil {
		return 1, 1
	}
	return tk.Position.Line, tk.Position.Column
}

// tagFinder remembers the first YAML tag ("!!str", "!foo") in a tree.
type tagFinder struct{ found ast.Node }

// Visit implements ast.Visitor.
func (f *tagFinder) Visit(n ast.Node) ast.Visitor {
	if f.found != nil {
		return nil
	}
	if _, ok := n.(*ast.TagNode); ok {
		f.found = n
		return nil
	}
	return f
}

// rejectTags fails on the first YAML tag in root. A config never needs
// one, and odd tags have crashed the decoder.
func rejectTags(root ast.Node) error {
	var f tagFinder
	ast.Walk(&f, root)
	if f.found != nil {
		return errorAt(f.found, "YAML tags such as %s are not supported", f.found.GetToken().Value)
	}
	return nil
}
