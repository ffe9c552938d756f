package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// The types in this file are the leaves of the YAML document. Each decodes
// itself from its AST node, checks the YAML type strictly (a float is not an
// integer, a number is not a string) and keeps the node, so that checks made
// after decoding can still point at the line and column of the value.

// nodeError is an error located at a YAML node. Parse turns it into *Error.
type nodeError struct {
	node ast.Node
	msg  string
}

func (e *nodeError) Error() string { return e.msg }

// errorAt returns a nodeError at n.
func errorAt(n ast.Node, format string, args ...any) error {
	return &nodeError{node: n, msg: fmt.Sprintf(format, args...)}
}

// unwrapNode looks through anchors and tags to the node holding the value.
func unwrapNode(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		default:
			return n
		}
	}
}

// stringValue returns the text of a string scalar (plain, quoted or block).
func stringValue(n ast.Node) (string, bool) {
	switch v := unwrapNode(n).(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		return v.Value.Value, true
	}
	return "", false
}

// describe names a node's YAML type for error messages.
func describe(n ast.Node) string {
	return unwrapNode(n).Type().YAMLName()
}

// text is a string value.
type text struct {
	node  ast.Node
	value string
}

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (t *text) UnmarshalYAML(n ast.Node) error {
	s, ok := stringValue(n)
	if !ok {
		return errorAt(n, "want a string, got %s", describe(n))
	}
	*t = text{node: n, value: s}
	return nil
}

// set reports whether the value was given.
func (t text) set() bool { return t.node != nil }

// number is a floating-point value; an integer is accepted.
type number struct {
	node  ast.Node
	value float64
}

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (f *number) UnmarshalYAML(n ast.Node) error {
	var v float64
	switch u := unwrapNode(n).(type) {
	case *ast.FloatNode:
		v = u.Value
	case *ast.IntegerNode:
		i, err := strconv.ParseFloat(fmt.Sprint(u.Value), 64)
		if err != nil {
			return errorAt(n, "bad number %s", u.Token.Value)
		}
		v = i
	default:
		return errorAt(n, "want a number, got %s", describe(n))
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return errorAt(n, "want a finite number")
	}
	*f = number{node: n, value: v}
	return nil
}

// set reports whether the value was given.
func (f number) set() bool { return f.node != nil }

// count is a whole number.
type count struct {
	node  ast.Node
	value int
}

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (c *count) UnmarshalYAML(n ast.Node) error {
	u, ok := unwrapNode(n).(*ast.IntegerNode)
	if !ok {
		return errorAt(n, "want a whole number, got %s", describe(n))
	}
	v, err := strconv.ParseInt(fmt.Sprint(u.Value), 10, 32)
	if err != nil {
		return errorAt(n, "number %s is out of range", u.Token.Value)
	}
	*c = count{node: n, value: int(v)}
	return nil
}

// set reports whether the value was given.
func (c count) set() bool { return c.node != nil }

// date is a calendar day written YYYY-MM-DD.
type date struct {
	node  ast.Node
	value time.Time
}

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (d *date) UnmarshalYAML(n ast.Node) error {
	s, ok := stringValue(n)
	if !ok {
		return errorAt(n, "want a date YYYY-MM-DD, got %s", describe(n))
	}
	t, err := parseDate(s)
	if err != nil {
		return errorAt(n, "%v", err)
	}
	*d = date{node: n, value: t}
	return nil
}

// parseDate parses a YYYY-MM-DD day as midnight UTC.
func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad date %q: want a real day as YYYY-MM-DD", s)
	}
	return t, nil
}

// duration is a Go duration string such as "30s" or "1h30m".
type duration struct {
	node  ast.Node
	value time.Duration
}

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (d *duration) UnmarshalYAML(n ast.Node) error {
	s, ok := stringValue(n)
	if !ok {
		return errorAt(n, "want a duration such as 30s, got %s", describe(n))
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return errorAt(n, "bad duration %q: want a duration such as 30s, 5m or 1h30m", s)
	}
	if v <= 0 {
		return errorAt(n, "duration %q must be positive", s)
	}
	*d = duration{node: n, value: v}
	return nil
}

// set reports whether the value was given.
func (d duration) set() bool { return d.node != nil }

// byteSize is a size in bytes, written as a whole number or with a KiB, MiB,
// GiB or TiB suffix ("512MiB", "2 GiB").
type byteSize struct {
	node  ast.Node
	value int64
}

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (b *byteSize) UnmarshalYAML(n ast.Node) error {
	var s string
	switch u := unwrapNode(n).(type) {
	case *ast.IntegerNode:
		s = u.Token.Value
	case *ast.StringNode:
		s = u.Value
	default:
		return errorAt(n, "want a size such as 2GiB, got %s", describe(n))
	}
	v, err := parseByteSize(s)
	if err != nil {
		return errorAt(n, "%v", err)
	}
	*b = byteSize{node: n, value: v}
	return nil
}

// set reports whether the value was given.
func (b byteSize) set() bool { return b.node != nil }

// parseByteSize parses a positive size such as "1048576", "512MiB" or "2 GiB".
func parseByteSize(s string) (int64, error) {
	bad := fmt.Errorf("bad size %q: want bytes or a number with KiB, MiB, GiB or TiB", s)
	// Longest suffixes first, so that "B" is tried last.
	units := []struct {
		suffix string
		shift  uint
	}{{"TiB", 40}, {"GiB", 30}, {"MiB", 20}, {"KiB", 10}, {"B", 0}}
	num, shift := strings.TrimSpace(s), uint(0)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(num, u.suffix); ok {
			num, shift = strings.TrimSpace(rest), u.shift
			break
		}
	}
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil || num == "" || num[0] == '+' {
		return 0, bad
	}
	if v <= 0 {
		return 0, fmt.Errorf("size %q must be positive", s)
	}
	if v > math.MaxInt64>>shift {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return v << shift, nil
}
