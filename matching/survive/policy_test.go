package survive

import (
	"errors"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

func TestDefaultPolicy(t *testing.T) {
	p := DefaultPolicy()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, a := range Attributes() {
		rules := p[a]
		if len(rules) == 0 || rules[0].Kind != SourcePriority ||
			strings.Join(rules[0].Sources, ",") != "contacts,loyalty" {
			t.Errorf("%s: default rules %v do not start with contacts before loyalty", a, rules)
		}
	}
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		name   string
		policy Policy
		errs   []string // each must appear in the error; none means valid
	}{
		{"nil means default", nil, nil},
		{"override one attribute", Policy{Email: {{Kind: MostRecent}}}, nil},
		{"unknown attribute", Policy{Attribute(99): {{Kind: MostRecent}}}, []string{"Attribute(99): unknown attribute"}},
		{"no rules", Policy{Phone: {}}, []string{"phone: no rules"}},
		{"unknown rule", Policy{City: {{Kind: "newest"}}}, []string{`city: rule 1: unknown rule "newest"`}},
		{"source priority without sources", Policy{State: {{Kind: SourcePriority}}},
			[]string{"state: rule 1: source_priority needs sources"}},
		{"repeated source", Policy{Email: {{Kind: SourcePriority, Sources: []string{"loyalty", "loyalty"}}}},
			[]string{`email: rule 1: blank or repeated source "loyalty"`}},
		{"blank source", Policy{Email: {{Kind: SourcePriority, Sources: []string{""}}}},
			[]string{`email: rule 1: blank or repeated source ""`}},
		{"sources on another rule", Policy{Email: {{Kind: MostRecent, Sources: []string{"contacts"}}}},
			[]string{"email: rule 1: most_recent takes no sources"}},
		{"rule twice", Policy{Gender: {{Kind: MostRecent}, {Kind: MostComplete}, {Kind: MostRecent}}},
			[]string{"gender: rule 3: most_recent appears twice"}},
		{"every problem is reported", Policy{Phone: {}, City: {{Kind: "x"}}},
			[]string{"phone: no rules", `city: rule 1: unknown rule "x"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.policy.Validate()
			if len(tt.errs) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidPolicy) {
				t.Fatalf("error %v does not wrap ErrInvalidPolicy", err)
			}
			for _, want := range tt.errs {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
		})
	}
}

// TestPolicyYAML decodes a policy the way the configuration does (strict)
// and checks that column names are the keys and unknown ones are rejected.
func TestPolicyYAML(t *testing.T) {
	const doc = `
email:
  - rule: most_recent
  - rule: source_priority
    sources: [loyalty, contacts]
first_name:
  - rule: most_frequent
`
	var p Policy
	if err := yaml.UnmarshalWithOptions([]byte(doc), &p, yaml.Strict()); err != nil {
		t.Fatal(err)
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	email := p[Email]
	if len(p) != 2 || len(email) != 2 || email[0].Kind != MostRecent || email[1].Kind != SourcePriority ||
		strings.Join(email[1].Sources, ",") != "loyalty,contacts" || p[FirstName][0].Kind != MostFrequent {
		t.Fatalf("decoded %+v", p)
	}
	out, err := yaml.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var again Policy
	if err := yaml.UnmarshalWithOptions(out, &again, yaml.Strict()); err != nil || len(again[Email]) != 2 {
		t.Fatalf("round trip of\n%s\ngave %+v, %v", out, again, err)
	}
	for _, bad := range []string{"emial:\n  - rule: most_recent\n", "email:\n  - rule: most_recent\n    bogus: 1\n"} {
		var q Policy
		if err := yaml.UnmarshalWithOptions([]byte(bad), &q, yaml.Strict()); err == nil {
			t.Errorf("%q decoded without error", bad)
		}
	}
}

func TestAttributeText(t *testing.T) {
	for _, a := range Attributes() {
		b, err := a.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Attribute
		if err := back.UnmarshalText(b); err != nil || back != a {
			t.Errorf("%s: round trip gave %v, %v", a, back, err)
		}
	}
	want := "first_name last_name full_name email phone date_of_birth gender postcode street city state country"
	var names []string
	for _, a := range Attributes() {
		names = append(names, a.String())
	}
	if got := strings.Join(names, " "); got != want {
		t.Errorf("columns %q, want %q", got, want)
	}
	if _, err := ParseAttribute("FirstName"); err == nil {
		t.Error("ParseAttribute accepted a non-column name")
	}
	if _, err := Attribute(NumAttributes).MarshalText(); err == nil {
		t.Error("MarshalText accepted an unknown attribute")
	}
}
