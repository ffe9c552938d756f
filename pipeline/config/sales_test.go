package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/contoso/c360/pipeline/salesprocess"
)

// TestSalesProcessErrors: a bad sales_process section is a config error at
// the line and column of the offending value.
func TestSalesProcessErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "sales_process:\n  stagez: []\n", `c360.yaml:9:3: unknown key "stagez"`},
		{"gated stage missing", "sales_process:\n  tech_check: {stage: Review}\n",
			`c360.yaml:9:23: sales_process.tech_check.stage: Tech Check stage "Review" is not one of the stages (Qualify, Develop, Quote, Tech Check, Close)`},
		{"new stages without the gated one", "sales_process:\n  stages:\n    - {name: Lead, es: Prospecto}\n",
			`c360.yaml:9:3: sales_process.tech_check.stage: Tech Check stage "Tech Check" is not one of the stages (Lead)`},
		{"stage without Spanish", "sales_process:\n  stages:\n    - {name: Tech Check}\n",
			`c360.yaml:10:7: sales_process.stages.0.es: stage "Tech Check" needs its Spanish label (es)`},
		{"stage twice", "sales_process:\n  stages:\n    - {name: Tech Check, es: Revisión}\n    - {name: tech check, es: Otra}\n",
			`c360.yaml:11:14: sales_process.stages.1.name: label "tech check" is already used by stage 1`},
		{"negative amount", "sales_process:\n  tech_check: {amount: -1}\n",
			`c360.yaml:9:24: the Tech Check amount must be an amount of money, not negative, with at most 2 decimals`},
		{"amount with cents of cents", "sales_process:\n  tech_check: {amount: 20000.005}\n",
			`c360.yaml:9:24: the Tech Check amount must be an amount of money, not negative, with at most 2 decimals`},
		{"amount as text", "sales_process:\n  tech_check: {amount: lots}\n", `c360.yaml:9:24: want a number, got string`},
		{"unknown activity type", "sales_process:\n  lead_sequence:\n    - {activity: fax, task: Fax, es: Fax, days: 0}\n",
			`c360.yaml:10:18: sales_process.lead_sequence.0.activity: unknown activity type "fax" (want one of phonecall, email, task, appointment)`},
		{"negative days", "sales_process:\n  lead_sequence:\n    - {activity: email, task: Mail, es: Correo, days: -2}\n",
			`c360.yaml:10:55: sales_process.lead_sequence.0.days: days may not be negative`},
		{"empty sequence", "sales_process:\n  lead_sequence: []\n",
			`c360.yaml:9:18: sales_process.lead_sequence: want at least one step`},
		{"label in two roles", "sales_process:\n  deal_states: {open: [Open], won: [Won, Open]}\n",
			`c360.yaml:9:42: sales_process.deal_states.won.1: label "Open" is also in deal_states.open`},
		{"corporate not a label", "sales_process:\n  corporate: {a: b}\n", `c360.yaml:9:14: want a label or a list of labels, got mapping`},
		{"alias to nothing", "sales_process:\n  aliases: {Ganada: Gained}\n",
			`c360.yaml:9:21: sales_process.aliases.Ganada: "Gained" names no accepted label of a stage, state, Tech Check result or corporate type`},
		{"option value not a number", "sales_process:\n  option_labels: {accounts: {customertypecode: {three: Customer}}}\n",
			`c360.yaml:9:49: option value "three" is not a whole number`},
		{"option labels for no choice column", "sales_process:\n  option_labels: {accounts: {name: {1: x}}}\n",
			`c360.yaml:9:36: sales_process.option_labels.accounts.name: accounts has no choice column "name" (want customertypecode)`},
		{"option label not accepted", "sales_process:\n  option_labels: {deals: {statecode: {3: Paused}}}\n",
			`c360.yaml:9:42: sales_process.option_labels.deals.statecode.3: "Paused" is not an accepted deal_state label (want one of Lost, Open, Won)`},
		{"min_rejects_to_fail zero", "min_rejects_to_fail: 0\n", `c360.yaml:8:22: min_rejects_to_fail must be at least 1`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parse([]byte(minimal+tc.yaml), "c360.yaml", "/etc/c360", envOf(nil), fixedNow)
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a *config.Error", err)
			}
			if err.Error() != tc.want {
				t.Errorf("error\n got %s\nwant %s", err, tc.want)
			}
		})
	}
}

// TestSalesProcessOverrides: each key replaces only its part of the
// default process; labels may be one label or a list.
func TestSalesProcessOverrides(t *testing.T) {
	yaml := minimal + `sales_process:
  tech_check: {amount: 50000}
  corporate: Enterprise
  lead_states: {closed: [Qualified, Disqualified, Converted]}
  option_labels:
    accounts: {customertypecode: {100000000: Enterprise}}
min_rejects_to_fail: 3
`
	cfg, err := parse([]byte(yaml), "c360.yaml", "/etc/c360", envOf(nil), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	got := cfg.SalesProcess
	checks := []struct {
		name      string
		got, want any
	}{
		{"amount", got.TechCheck.Amount(), "50000.00"},
		{"corporate", strings.Join(got.Corporate, "|"), "Enterprise"},
		{"closed", strings.Join(got.LeadStates.Closed, "|"), "Qualified|Disqualified|Converted"},
		{"gated stage kept", got.TechCheck.Stage, salesprocess.Default().TechCheck.Stage},
		{"stages kept", len(got.Stages), 5},
		{"sequence kept", len(got.Sequence), 4},
		{"option added", got.OptionLabels["accounts"]["customertypecode"][100000000], "Enterprise"},
		{"default option kept", got.OptionLabels["accounts"]["customertypecode"][3], "Customer"},
		{"min rejects", cfg.MinRejectsToFail, 3},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}
