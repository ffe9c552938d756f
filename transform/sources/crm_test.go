package sources

import (
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

// TestCRMLabels pins the choice labels, Spanish stages included.
func TestCRMLabels(t *testing.T) {
	label := func(src Source, field, raw string) (string, bool) {
		for _, c := range src.Columns {
			if c.Field != field {
				continue
			}
			for k, v := range c.Labels {
				if strings.EqualFold(k, raw) {
					return v, true
				}
			}
			return "", false
		}
		t.Fatalf("%s has no field %s", src.Name, field)
		return "", false
	}
	tests := []struct {
		src        Source
		field, raw string
		want       string // "" means rejected
	}{
		{Deals(), "stage", "Calificar", "Qualify"},
		{Deals(), "stage", "desarrollar", "Develop"},
		{Deals(), "stage", "Presupuesto", "Quote"},
		{Deals(), "stage", "Comprobación técnica", "Tech Check"},
		{Deals(), "stage", "Cierre", "Close"},
		{Deals(), "stage", "tech check", "Tech Check"},
		{Deals(), "stage", "Negotiate", ""},
		{Deals(), "stage", "Comprobacion tecnica", ""}, // accents are part of the label
		{Deals(), "state", "Won", "Won"},
		{Deals(), "state", "Ganada", ""},
		{TechChecks(), "result", "passed with conditions", "Passed with conditions"},
		{TechChecks(), "result", "Approved", ""},
		{Leads(), "state", "Qualified", "Qualified"},
		{Leads(), "state", "Converted", ""},
		{Activities(), "activity_type", "Phone Call", "phonecall"},
		{Activities(), "activity_type", "E-mail", "email"},
		{Activities(), "activity_type", "fax", ""},
		{Activities(), "state", "Cancelled", "Canceled"},
		{Accounts(), "customer_type", "corporate", "Corporate"},
		{Accounts(), "customer_type", "Mega", ""},
	}
	for _, tc := range tests {
		got, ok := label(tc.src, tc.field, tc.raw)
		if tc.want == "" && ok {
			t.Errorf("%s.%s accepts %q as %q, want it rejected", tc.src.Name, tc.field, tc.raw, got)
		}
		if tc.want != "" && got != tc.want {
			t.Errorf("%s.%s maps %q to %q (accepted %v), want %q", tc.src.Name, tc.field, tc.raw, got, ok, tc.want)
		}
	}
}
