package spec

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/contoso/c360/transform"
)

// Limits on a model's shape. Level indexes are packed four bits to a
// comparison into one 64-bit pattern per pair.
const (
	MaxComparisons = 16
	MaxLevels      = 16
)

// NameKey is the blocking-key attribute that stands for the given name and
// surname taken as an unordered pair.
const NameKey = "name"

// KeyFuncs returns the functions a blocking key may apply to its
// attribute; "prefixN" (the first N characters) and "wordsN" (the first N
// words), N from 1 to 9, are accepted as well.
func KeyFuncs() []string {
	return []string{"initial", "metaphone", "nysiis", "soundex", "year", "nickname", "user"}
}

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("invalid model")

func invalid(format string, args ...any) error {
	return fmt.Errorf("spec: %w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// Validate reports the first problem in the model: unknown attributes or
// kinds, misplaced missing/else levels, thresholds out of range, bad
// blocking keys or limits.
func (m *Model) Validate() error {
	if len(m.Comparisons) == 0 {
		return invalid("no comparisons")
	}
	if len(m.Comparisons) > MaxComparisons {
		return invalid("%d comparisons, at most %d", len(m.Comparisons), MaxComparisons)
	}
	if err := validateComparisons(m.Comparisons); err != nil {
		return err
	}
	if len(m.Blocking) == 0 {
		return invalid("no blocking rules")
	}
	if len(m.Blocking) > 255 {
		return invalid("%d blocking rules, at most 255", len(m.Blocking))
	}
	for i, r := range m.Blocking {
		if r.Name == "" {
			return invalid("blocking rule %d has no name", i)
		}
		if len(r.Keys) == 0 {
			return invalid("blocking rule %q has no keys", r.Name)
		}
		for _, k := range r.Keys {
			if _, _, err := ParseKey(k); err != nil {
				return fmt.Errorf("blocking rule %q: %w", r.Name, err)
			}
		}
	}
	if !(m.Threshold > 0 && m.Threshold < 1) {
		return invalid("threshold %v is not a probability strictly between 0 and 1", m.Threshold)
	}
	if !(m.ReviewFloor > 0 && m.ReviewFloor <= m.Threshold) {
		return invalid("review_floor %v must be in (0, threshold]", m.ReviewFloor)
	}
	if m.MaxBlockSize < 2 {
		return invalid("max_block_size %d is below 2", m.MaxBlockSize)
	}
	if m.MaxPairsPerRecord < 1 {
		return invalid("max_pairs_per_record %v is below 1", m.MaxPairsPerRecord)
	}
	if m.MaxClusterSize < 2 {
		return invalid("max_cluster_size %d is below 2", m.MaxClusterSize)
	}
	if m.MinPairWeight > 0 {
		return invalid("min_pair_weight %v must be 0 (off) or negative", m.MinPairWeight)
	}
	if err := m.Placeholders.validate(); err != nil {
		return err
	}
	t := m.Training
	if len(t.Sessions) == 0 {
		return invalid("training needs at least one session")
	}
	for i, r := range t.Sessions {
		if r.Name == "" || len(r.Keys) == 0 {
			return invalid("training session %d needs a name and keys", i)
		}
		for _, k := range r.Keys {
			if _, _, err := ParseKey(k); err != nil {
				return fmt.Errorf("training session %q: %w", r.Name, err)
			}
		}
	}
	if t.RandomPairs < 1000 || t.MaxPairs < 1000 || t.SessionPairs < 1000 || t.MaxIterations < 1 || t.Tolerance <= 0 {
		return invalid("training needs random_pairs, max_pairs and session_pairs >= 1000, max_iterations >= 1, tolerance > 0")
	}
	return nil
}

func (p Placeholders) validate() error {
	for _, a := range p.Attrs {
		if !knownAttr(a) {
			return invalid("placeholders: unknown attribute %q", a)
		}
	}
	if len(p.Attrs) > 0 && (p.MinRecords < 2 || p.MeanFactor < 1) {
		return invalid("placeholders: min_records must be at least 2 and mean_factor at least 1")
	}
	return nil
}

// validateComparisons checks each comparison, their names, and the
// household comparison's needs.
func validateComparisons(cs []Comparison) error {
	seen := map[string]bool{}
	households, shared := 0, 0
	for i, c := range cs {
		if c.Name == "" {
			return invalid("comparison %d has no name", i)
		}
		if seen[c.Name] {
			return invalid("comparison %q is defined twice", c.Name)
		}
		seen[c.Name] = true
		var err error
		if c.IsHousehold() {
			households++
			err = c.validateHousehold()
		} else {
			err = c.validate()
		}
		if err != nil {
			return err
		}
		if c.Shared {
			shared++
		}
	}
	if households > 1 {
		return invalid("%d household comparisons, at most one", households)
	}
	if households == 1 && (shared == 0 || shared == len(cs)-1) {
		return invalid("a household comparison needs comparisons marked shared and comparisons not marked shared")
	}
	return nil
}

func (c Comparison) validate() error {
	if !knownAttr(c.Attr) || c.Attr == transform.CreatedOn {
		return invalid("comparison %q: attribute %q cannot be compared", c.Name, c.Attr)
	}
	if len(c.Levels) < 2 || len(c.Levels) > MaxLevels {
		return invalid("comparison %q has %d levels, want 2 to %d", c.Name, len(c.Levels), MaxLevels)
	}
	for i, l := range c.Levels {
		where := fmt.Sprintf("comparison %q level %d (%s)", c.Name, i, l.Kind)
		if l.Label == "" {
			return invalid("%s has no label", where)
		}
		if l.Kind == Missing && i != 0 {
			return invalid("%s: missing must be the first level", where)
		}
		if l.Kind == Else && i != len(c.Levels)-1 {
			return invalid("%s: else must be the last level", where)
		}
		if l.TF && l.Kind != Exact {
			return invalid("%s: tf applies to exact levels only", where)
		}
		if l.HouseholdShare < 0 || l.HouseholdShare >= 1 || (l.HouseholdShare > 0 && (c.Shared || l.Kind == Missing)) {
			return invalid("%s: household_share must be in [0, 1), on a comparison not marked shared, not on missing", where)
		}
		if l.AsElse && (l.Kind == Missing || l.Kind == Else || l.TF) {
			return invalid("%s: as_else applies to levels between missing and else, without tf", where)
		}
		if a := c.LevelAttr(i); !knownAttr(a) || a == transform.CreatedOn {
			return invalid("%s: attribute %q cannot be compared", where, a)
		}
		if err := l.check(c.LevelAttr(i)); err != nil {
			return invalid("%s: %v", where, err)
		}
	}
	if c.Levels[len(c.Levels)-1].Kind != Else {
		return invalid("comparison %q must end with an else level", c.Name)
	}
	return nil
}

// validateHousehold checks the household comparison: no attribute, not
// itself shared, and exactly the levels household and else.
func (c Comparison) validateHousehold() error {
	if c.Attr != "" || c.Shared {
		return invalid("household comparison %q takes no attribute and is not shared", c.Name)
	}
	if len(c.Levels) != 2 || c.Levels[1].Kind != Else || c.Levels[0].TF || c.Levels[0].Attr != "" {
		return invalid("household comparison %q must have exactly the levels household and else", c.Name)
	}
	for i, l := range c.Levels {
		if l.Label == "" {
			return invalid("comparison %q level %d (%s) has no label", c.Name, i, l.Kind)
		}
	}
	return nil
}

// check reports why l may not test attribute a, as Kinds says.
func (l Level) check(a transform.Attr) error {
	info, ok := Info(l.Kind)
	if !ok {
		return errors.New("unknown kind")
	}
	return info.check(l.Threshold, a)
}

func knownAttr(a transform.Attr) bool { return attrIn(a, transform.Attrs) }

// ParseKey splits a blocking key into its attribute and function ("" for
// the value itself) and checks both.
func ParseKey(key string) (attr, fn string, err error) {
	attr, fn, _ = strings.Cut(key, ".")
	if attr != NameKey && !knownAttr(transform.Attr(attr)) {
		return "", "", invalid("blocking key %q: unknown attribute %q", key, attr)
	}
	if fn == "" {
		return attr, fn, nil
	}
	if n, ok := PrefixLen(fn); ok {
		if n < 1 || n > 9 {
			return "", "", invalid("blocking key %q: prefix length must be 1 to 9", key)
		}
		return attr, fn, nil
	}
	if n, ok := WordsLen(fn); ok {
		if n < 1 || n > 9 {
			return "", "", invalid("blocking key %q: number of words must be 1 to 9", key)
		}
		return attr, fn, nil
	}
	for _, f := range KeyFuncs() {
		if fn == f {
			return attr, fn, nil
		}
	}
	return "", "", invalid("blocking key %q: unknown function %q", key, fn)
}

// PrefixLen reports whether fn is "prefixN" and returns N.
func PrefixLen(fn string) (int, bool) { return numbered(fn, "prefix") }

// WordsLen reports whether fn is "wordsN" and returns N.
func WordsLen(fn string) (int, bool) { return numbered(fn, "words") }

// numbered reports whether fn is name followed by a number and returns
// the number (-1 when what follows is not one).
func numbered(fn, name string) (int, bool) {
	rest, ok := strings.CutPrefix(fn, name)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return -1, true
	}
	return n, true
}
