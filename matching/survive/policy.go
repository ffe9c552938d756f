package survive

import (
	"errors"
	"fmt"
	"slices"
)

// RuleKind names a survivorship rule.
type RuleKind string

// The rule kinds; the package documentation defines each.
const (
	SourcePriority RuleKind = "source_priority" // earlier in Rule.Sources wins
	MostRecent     RuleKind = "most_recent"     // later Person.CreatedOn wins
	MostFrequent   RuleKind = "most_frequent"   // value shared by most records wins
	MostComplete   RuleKind = "most_complete"   // longer comparable form wins
)

// Rule is one tie-breaker of a policy; Policy shows its YAML form.
type Rule struct {
	Kind RuleKind `yaml:"rule" json:"rule"`
	// Sources lists source names, most trusted first; only for source_priority.
	Sources []string `yaml:"sources,omitempty" json:"sources,omitempty"`
}

// Policy maps an attribute to its rules, applied in order as tie-breakers.
// An attribute the policy does not name uses DefaultPolicy's rules, so a
// configuration need only list the attributes it overrides. In YAML it is
// keyed by column name:
//
//	email:
//	  - rule: most_recent
//	  - rule: source_priority
//	    sources: [loyalty, contacts]
type Policy map[Attribute][]Rule

// ErrInvalidPolicy is wrapped by every error Validate returns.
var ErrInvalidPolicy = errors.New("survive: invalid policy")

// DefaultPolicy returns the default rules: contacts before loyalty, then for
// identity attributes the most frequent and then the most recent value, and
// for contact details the most recent value; the most complete value last.
func DefaultPolicy() Policy {
	sources := func() Rule { return Rule{Kind: SourcePriority, Sources: []string{"contacts", "loyalty"}} }
	identity := func() []Rule {
		return []Rule{sources(), {Kind: MostFrequent}, {Kind: MostRecent}, {Kind: MostComplete}}
	}
	contact := func() []Rule { return []Rule{sources(), {Kind: MostRecent}, {Kind: MostComplete}} }
	return Policy{
		FirstName:   identity(),
		LastName:    identity(),
		FullName:    identity(),
		DateOfBirth: identity(),
		Gender:      identity(),
		Email:       contact(),
		Phone:       contact(),
		Postcode:    contact(),
		Street:      contact(),
		City:        contact(),
		State:       contact(),
		Country:     contact(),
	}
}

// Validate reports every problem in p, each wrapping ErrInvalidPolicy: an
// unknown attribute or rule kind, an attribute with no rules, a rule kind
// used twice for one attribute, and source_priority without sources or with
// a blank or repeated source (or sources given to another kind).
func (p Policy) Validate() error {
	var errs []error
	bad := func(a Attribute, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrInvalidPolicy, a, fmt.Sprintf(format, args...)))
	}
	for _, a := range sortedAttributes(p) {
		rules := p[a]
		if !a.valid() {
			bad(a, "unknown attribute")
			continue
		}
		if len(rules) == 0 {
			bad(a, "no rules")
		}
		for i, r := range rules {
			if slices.ContainsFunc(rules[:i], func(q Rule) bool { return q.Kind == r.Kind }) {
				bad(a, "rule %d: %s appears twice", i+1, r.Kind)
			}
			switch r.Kind {
			case SourcePriority:
				if len(r.Sources) == 0 {
					bad(a, "rule %d: source_priority needs sources", i+1)
				}
				for j, s := range r.Sources {
					if s == "" || slices.Contains(r.Sources[:j], s) {
						bad(a, "rule %d: blank or repeated source %q", i+1, s)
					}
				}
			case MostRecent, MostFrequent, MostComplete:
				if len(r.Sources) > 0 {
					bad(a, "rule %d: %s takes no sources", i+1, r.Kind)
				}
			default:
				bad(a, "rule %d: unknown rule %q", i+1, r.Kind)
			}
		}
	}
	return errors.Join(errs...)
}

// sortedAttributes returns p's attributes in column order, for stable messages.
func sortedAttributes(p Policy) []Attribute {
	as := make([]Attribute, 0, len(p))
	for a := range p {
		as = append(as, a)
	}
	slices.Sort(as)
	return as
}

// rulesFor returns the rules for every attribute: p's where it names the
// attribute, the default's otherwise.
func rulesFor(p Policy) [NumAttributes][]Rule {
	var rules [NumAttributes][]Rule
	def := DefaultPolicy()
	for _, a := range Attributes() {
		rules[a] = def[a]
		if r, ok := p[a]; ok {
			rules[a] = r
		}
	}
	return rules
}
