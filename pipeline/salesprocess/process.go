// Package salesprocess describes Contoso's sales process as data, so that
// renaming a stage or moving the Tech Check amount is a config change, not
// a code change: the Deal stages in order with their Spanish labels, the
// stage a Tech Check gates and the amount over which it is required, the
// labels the rules read (Deal, lead and activity states, Tech Check
// results, the corporate customer type), and the lead sequence's steps.
//
// Default is today's process; the config's sales_process section (see
// package config) replaces any part of it. Sources applies a process to
// the CRM export schemas: the labels of each rule-bearing column are
// exactly the process's, so an unknown value there is rejected with the
// accepted ones listed, while other choice columns stay open. The reports
// read the process from tables written into the database (see package
// sales), never from SQL text built from it.
package salesprocess

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/contoso/c360/transform/sources"
)

// Process is one sales process. The zero value is not valid; start from
// Default.
type Process struct {
	// Stages are the Deal stages in process order; a Deal's stage must be
	// one of their names or Spanish labels and is stored by name.
	Stages []Stage
	// TechCheck is the Tech Check rule.
	TechCheck TechCheck
	// Corporate lists the customer types (accounts.customertypecode) whose
	// leads follow the lead sequence.
	Corporate []string
	// Sequence is the lead sequence: the steps every lead of a corporate
	// account must get, in order.
	Sequence []Step
	// DealStates, LeadStates and ActivityStates are the accepted states,
	// by the role each plays in the rules.
	DealStates     DealStates
	LeadStates     LeadStates
	ActivityStates ActivityStates
	// Aliases maps another spelling to an accepted label of a
	// rule-bearing column ("Cancelled" to "Canceled"); the label is stored.
	Aliases map[string]string
	// OptionLabels maps, per CRM source and column header, an integer
	// option value to its label, for exports that hold the values rather
	// than the labels (accounts customertypecode 3 is "Customer").
	OptionLabels map[string]map[string]map[int64]string
}

// Stage is one Deal stage.
type Stage struct {
	Name    string // as stored and shown in English, e.g. "Tech Check"
	Spanish string // the Spanish label, accepted on load and shown with --lang es
}

// TechCheck is the rule that a Deal whose estimated value is strictly
// greater than Amount needs a passed Tech Check before it moves past Stage.
type TechCheck struct {
	Stage       string // the gated stage, one of Process.Stages
	AmountCents int64  // the amount, in cents: 2000000 is 20,000.00
	Passed      []string
	Failed      []string
}

// Step is one step of the lead sequence.
type Step struct {
	ActivityType string // phonecall, email, task or appointment
	Task         string // the step's name in English
	Spanish      string // and in Spanish
	// DaysAfterPrevious is how many days after the previous step ended the
	// step is due; for the first step, days after the lead was created.
	DaysAfterPrevious int
}

// DealStates are the Deal states by role.
type DealStates struct{ Open, Won, Lost []string }

// LeadStates are the lead states: an open lead's sequence goes on, a
// closed one's (qualified, disqualified) stops.
type LeadStates struct{ Open, Closed []string }

// ActivityStates are the activity states by role.
type ActivityStates struct{ Open, Completed, Canceled []string }

// Default returns today's process: five stages, a Tech Check over
// 20,000.00 before Close, the Corporate customer type, and a four-step
// sequence (a call on the day the lead is created, an e-mail one day
// later, another three days later, a call two days after that).
func Default() *Process {
	return &Process{
		Stages: []Stage{
			{"Qualify", "Calificar"},
			{"Develop", "Desarrollar"},
			{"Quote", "Presupuesto"},
			{"Tech Check", "Comprobación técnica"},
			{"Close", "Cierre"},
		},
		TechCheck: TechCheck{
			Stage:       "Tech Check",
			AmountCents: 20000_00,
			Passed:      []string{"Passed", "Passed with conditions"},
			Failed:      []string{"Failed"},
		},
		Corporate: []string{"Corporate"},
		Sequence: []Step{
			{"phonecall", "Introduction phone call", "Llamada de presentación", 0},
			{"email", "Information e-mail", "Correo informativo", 1},
			{"email", "Check-in e-mail", "Correo de seguimiento", 3},
			{"phonecall", "Schedule-appointment phone call", "Llamada para concertar una cita", 2},
		},
		DealStates:     DealStates{Open: []string{"Open"}, Won: []string{"Won"}, Lost: []string{"Lost"}},
		LeadStates:     LeadStates{Open: []string{"Open"}, Closed: []string{"Qualified", "Disqualified"}},
		ActivityStates: ActivityStates{Open: []string{"Open"}, Completed: []string{"Completed"}, Canceled: []string{"Canceled"}},
		Aliases:        map[string]string{"Cancelled": "Canceled"},
		OptionLabels: map[string]map[string]map[int64]string{
			// Dataverse's own option values; an organisation's added ones
			// (100000000 and up) come from the config.
			"accounts": {"customertypecode": {1: "Competitor", 2: "Consultant", 3: "Customer", 4: "Investor",
				5: "Partner", 6: "Influencer", 7: "Press", 8: "Prospect", 9: "Reseller", 10: "Supplier",
				11: "Vendor", 12: "Other"}},
			"deals":      {"statecode": {0: "Open", 1: "Won", 2: "Lost"}},
			"leads":      {"statecode": {0: "Open", 1: "Qualified", 2: "Disqualified"}},
			"activities": {"statecode": {0: "Open", 1: "Completed", 2: "Canceled"}},
		},
	}
}

// Clone returns a deep copy of p, for changing one part of a process.
func (p *Process) Clone() *Process {
	c := *p
	c.Stages = slices.Clone(p.Stages)
	c.Sequence = slices.Clone(p.Sequence)
	c.Corporate = slices.Clone(p.Corporate)
	c.TechCheck.Passed = slices.Clone(p.TechCheck.Passed)
	c.TechCheck.Failed = slices.Clone(p.TechCheck.Failed)
	c.DealStates = DealStates{slices.Clone(p.DealStates.Open), slices.Clone(p.DealStates.Won), slices.Clone(p.DealStates.Lost)}
	c.LeadStates = LeadStates{slices.Clone(p.LeadStates.Open), slices.Clone(p.LeadStates.Closed)}
	c.ActivityStates = ActivityStates{slices.Clone(p.ActivityStates.Open), slices.Clone(p.ActivityStates.Completed),
		slices.Clone(p.ActivityStates.Canceled)}
	c.Aliases = maps.Clone(p.Aliases)
	c.OptionLabels = make(map[string]map[string]map[int64]string, len(p.OptionLabels))
	for src, cols := range p.OptionLabels {
		c.OptionLabels[src] = make(map[string]map[int64]string, len(cols))
		for col, m := range cols {
			c.OptionLabels[src][col] = maps.Clone(m)
		}
	}
	return &c
}

// Role is a label a rule reads, as written to table sales_label.
type Role struct {
	Role  string // deal_open, deal_won, deal_lost, lead_open, lead_closed, activity_open, activity_completed, activity_canceled, tech_check_passed, tech_check_failed, corporate
	Label string
}

// Roles lists every label by the role it plays, in a fixed order.
func (p *Process) Roles() []Role {
	var out []Role
	add := func(role string, labels []string) {
		for _, l := range labels {
			out = append(out, Role{role, l})
		}
	}
	add("deal_open", p.DealStates.Open)
	add("deal_won", p.DealStates.Won)
	add("deal_lost", p.DealStates.Lost)
	add("lead_open", p.LeadStates.Open)
	add("lead_closed", p.LeadStates.Closed)
	add("activity_open", p.ActivityStates.Open)
	add("activity_completed", p.ActivityStates.Completed)
	add("activity_canceled", p.ActivityStates.Canceled)
	add("tech_check_passed", p.TechCheck.Passed)
	add("tech_check_failed", p.TechCheck.Failed)
	add("corporate", p.Corporate)
	return out
}

// GateOrder returns the 1-based position of the Tech Check's stage, or 0.
func (p *Process) GateOrder() int {
	for i, s := range p.Stages {
		if strings.EqualFold(s.Name, p.TechCheck.Stage) {
			return i + 1
		}
	}
	return 0
}

// choiceLabels returns the labels of a choice set, each mapped to itself
// as stored; stages also map their Spanish labels to their names.
func (p *Process) choiceLabels(choice string) map[string]string {
	m := make(map[string]string)
	add := func(labels ...string) {
		for _, l := range labels {
			m[l] = l
		}
	}
	switch choice {
	case "stage":
		for _, s := range p.Stages {
			m[s.Name] = s.Name
			if s.Spanish != "" {
				m[s.Spanish] = s.Name
			}
		}
	case "deal_state":
		add(p.DealStates.Open...)
		add(p.DealStates.Won...)
		add(p.DealStates.Lost...)
	case "lead_state":
		add(p.LeadStates.Open...)
		add(p.LeadStates.Closed...)
	case "activity_state":
		add(p.ActivityStates.Open...)
		add(p.ActivityStates.Completed...)
		add(p.ActivityStates.Canceled...)
	case "tech_check_result":
		add(p.TechCheck.Passed...)
		add(p.TechCheck.Failed...)
	case "customer_type":
		add(p.Corporate...)
	}
	return m
}

// canonical returns the stored form of label for a column whose labels
// are m: the label itself, or what an alias names, matched
// case-insensitively; ok is false when it is neither.
func (p *Process) canonical(m map[string]string, label string) (string, bool) {
	for k, v := range m {
		if strings.EqualFold(k, label) {
			return v, true
		}
	}
	for alias, target := range p.Aliases {
		if !strings.EqualFold(alias, label) {
			continue
		}
		for k, v := range m {
			if strings.EqualFold(k, target) {
				return v, true
			}
		}
	}
	return "", false
}

// Sources returns the CRM export schemas (sources.CRM) under p: every
// column with a Choice gets the process's labels, its aliases and its
// integer option values as Labels, and sequencestep is bounded by the
// number of steps. p must be valid (see Validate).
func (p *Process) Sources() []sources.Source {
	srcs := sources.CRM()
	for i := range srcs {
		cols := slices.Clone(srcs[i].Columns)
		for j, c := range cols {
			if c.Field == "sequence_step" && srcs[i].Name == "activities" {
				cols[j].Max = sources.Bound(float64(len(p.Sequence)))
			}
			if c.Choice == "" {
				continue
			}
			labels := p.choiceLabels(c.Choice)
			for alias, target := range p.Aliases {
				if v, ok := p.canonical(labels, target); ok {
					labels[alias] = v
				}
			}
			for value, label := range p.OptionLabels[srcs[i].Name][c.Name] {
				if v, ok := p.canonical(labels, label); ok {
					label = v
				}
				labels[strconv.FormatInt(value, 10)] = label
			}
			cols[j].Labels = labels
		}
		srcs[i].Columns = cols
	}
	return srcs
}

// Amount formats the Tech Check amount with two decimals, e.g. "20000.00".
func (t TechCheck) Amount() string {
	return fmt.Sprintf("%d.%02d", t.AmountCents/100, t.AmountCents%100)
}
