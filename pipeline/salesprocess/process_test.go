package salesprocess

import (
	"errors"
	"strings"
	"testing"

	"github.com/contoso/c360/transform/sources"
)

// label returns what column field of source src stores for raw under p,
// and whether raw is accepted as a known label (an open column also keeps
// unknown text, which the load package handles).
func label(t *testing.T, p *Process, src, field, raw string) (string, bool) {
	t.Helper()
	for _, s := range p.Sources() {
		if s.Name != src {
			continue
		}
		for _, c := range s.Columns {
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
	}
	t.Fatalf("%s has no field %s", src, field)
	return "", false
}

// TestDefaultLabels pins the labels of today's process, Spanish stages,
// aliases and Dataverse's integer option values included.
func TestDefaultLabels(t *testing.T) {
	p := Default()
	tests := []struct {
		src, field, raw string
		want            string // "" means not a known label
	}{
		{"deals", "stage", "Calificar", "Qualify"},
		{"deals", "stage", "desarrollar", "Develop"},
		{"deals", "stage", "Comprobación técnica", "Tech Check"},
		{"deals", "stage", "tech check", "Tech Check"},
		{"deals", "stage", "Negotiate", ""},
		{"deals", "stage", "Comprobacion tecnica", ""}, // accents are part of the label
		{"deals", "state", "Won", "Won"},
		{"deals", "state", "1", "Won"},
		{"deals", "state", "Ganada", ""},
		{"tech_checks", "result", "passed with conditions", "Passed with conditions"},
		{"tech_checks", "result", "Approved", ""},
		{"leads", "state", "2", "Disqualified"},
		{"leads", "state", "Converted", ""},
		{"activities", "activity_type", "Phone Call", "phonecall"},
		{"activities", "activity_type", "fax", ""},
		{"activities", "state", "Cancelled", "Canceled"},
		{"accounts", "customer_type", "corporate", "Corporate"},
		{"accounts", "customer_type", "3", "Customer"},
		{"accounts", "customer_type", "Residential", ""}, // open: kept as written by the load
	}
	for _, tc := range tests {
		got, ok := label(t, p, tc.src, tc.field, tc.raw)
		if tc.want == "" && ok {
			t.Errorf("%s.%s accepts %q as %q, want it unknown", tc.src, tc.field, tc.raw, got)
		}
		if tc.want != "" && got != tc.want {
			t.Errorf("%s.%s maps %q to %q (known %v), want %q", tc.src, tc.field, tc.raw, got, ok, tc.want)
		}
	}
}

// TestSourcesFollowTheProcess: a changed process changes what loads, and
// every rule-bearing column gets labels while only customertypecode is open.
func TestSourcesFollowTheProcess(t *testing.T) {
	p := Default()
	p.Stages = append(p.Stages[:4:4], Stage{"Negotiate", "Negociar"}, p.Stages[4])
	p.Sequence = append(p.Sequence, Step{"appointment", "Site visit", "Visita", 5})
	p.Corporate = []string{"Corporate", "Enterprise"}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if got, _ := label(t, p, "deals", "stage", "negociar"); got != "Negotiate" {
		t.Errorf("Negociar loads as %q", got)
	}
	if got, _ := label(t, p, "accounts", "customer_type", "ENTERPRISE"); got != "Enterprise" {
		t.Errorf("ENTERPRISE loads as %q", got)
	}
	for _, src := range p.Sources() {
		for _, c := range src.Columns {
			if c.Choice != "" && len(c.Labels) == 0 {
				t.Errorf("%s.%s has no labels", src.Name, c.Field)
			}
			if c.Open != (src.Name == "accounts" && c.Field == "customer_type") {
				t.Errorf("%s.%s open = %v", src.Name, c.Field, c.Open)
			}
			if c.Field == "sequence_step" && (c.Max == nil || *c.Max != 5) {
				t.Errorf("sequencestep bound %v, want 5 steps", c.Max)
			}
		}
	}
	// The default is untouched.
	if len(Default().Stages) != 5 || len(sources.CRM()) != 5 {
		t.Error("changing a process changed the default")
	}
}

// TestValidate: each rule of Validate, with the path it names.
func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *Process)
		path   string
	}{
		{"no stages", func(p *Process) { p.Stages = nil }, "stages"},
		{"Spanish label of another stage", func(p *Process) { p.Stages[1].Spanish = "Calificar" }, "stages.1.es"},
		{"gate not a stage", func(p *Process) { p.TechCheck.Stage = "Review" }, "tech_check.stage"},
		{"negative amount", func(p *Process) { p.TechCheck.AmountCents = -1 }, "tech_check.amount"},
		{"no passed label", func(p *Process) { p.TechCheck.Passed = nil }, "tech_check.passed"},
		{"result passed and failed", func(p *Process) { p.TechCheck.Failed = []string{"passed"} }, "tech_check.failed.0"},
		{"empty corporate label", func(p *Process) { p.Corporate = []string{" "} }, "corporate.0"},
		{"no steps", func(p *Process) { p.Sequence = nil }, "lead_sequence"},
		{"step without task", func(p *Process) { p.Sequence[2].Task = "" }, "lead_sequence.2.task"},
		{"alias that is a label", func(p *Process) { p.Aliases["Won"] = "Lost" }, "aliases.Won"},
		{"option of an unknown source", func(p *Process) { p.OptionLabels["contacts"] = nil }, "option_labels.contacts"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := Default().Clone()
			tc.change(p)
			var e *Error
			if err := p.Validate(); !errors.As(err, &e) || e.Path != tc.path {
				t.Errorf("Validate = %v, want an error at %s", err, tc.path)
			}
		})
	}
	if err := Default().Validate(); err != nil {
		t.Errorf("the default process is invalid: %v", err)
	}
}
