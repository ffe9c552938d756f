package sources

import (
	"slices"
	"strings"
	"testing"
)

// TestCRMLoadOrder checks that every Ref of a CRM source names a source
// loaded before it, and a field that is that source's key.
func TestCRMLoadOrder(t *testing.T) {
	loaded := map[string]Source{}
	for _, src := range CRM() {
		for _, c := range src.Columns {
			if c.Ref == "" {
				continue
			}
			for _, ref := range strings.Split(c.Ref, "|") {
				name, field, _ := strings.Cut(ref, ".")
				target, ok := loaded[name]
				if !ok {
					t.Errorf("%s.%s refers to %s, not loaded before it", src.Name, c.Field, ref)
				} else if target.Key != field {
					t.Errorf("%s.%s refers to %s, but the key of %s is %s", src.Name, c.Field, ref, name, target.Key)
				}
			}
		}
		loaded[src.Name] = src
	}
}

// TestCRMNamesSayDeal checks that no table or field a user reads says
// "opportunity" (headers may: they are Dataverse's names), that fields are
// unique snake_case, and that every key column is required.
func TestCRMNamesSayDeal(t *testing.T) {
	for _, src := range CRM() {
		if strings.Contains(strings.ToLower(src.Table+src.Name), "opportunit") {
			t.Errorf("source %s / table %s says opportunity", src.Name, src.Table)
		}
		seen := map[string]bool{}
		keyFound := false
		for _, c := range src.Columns {
			if strings.Contains(c.Field, "opportunit") {
				t.Errorf("%s: field %s says opportunity", src.Name, c.Field)
			}
			for _, v := range c.Labels {
				if strings.Contains(strings.ToLower(v), "opportunit") {
					t.Errorf("%s.%s: label value %s says opportunity", src.Name, c.Field, v)
				}
			}
			if seen[c.Field] || c.Field != strings.ToLower(c.Field) || strings.ContainsAny(c.Field, " -") {
				t.Errorf("%s: field %q is repeated or not snake_case", src.Name, c.Field)
			}
			seen[c.Field] = true
			if c.Field == src.Key {
				keyFound = true
				if !c.Required {
					t.Errorf("%s: key %s is not required", src.Name, c.Field)
				}
			}
		}
		if !keyFound {
			t.Errorf("%s: key %s is no column", src.Name, src.Key)
		}
	}
}

func TestNames(t *testing.T) {
	want := []string{"contacts", "loyalty", "pos", "online", "accounts", "deals", "tech_checks", "leads", "activities"}
	if got := Names(All()); !slices.Equal(got, want) {
		t.Errorf("Names(All()) = %v, want %v", got, want)
	}
}
