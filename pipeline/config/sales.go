package config

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/contoso/c360/pipeline/salesprocess"
)

// The sales_process section. Every key is optional; an absent key keeps
// today's value (salesprocess.Default), so a config without the section
// changes nothing. The full section, with the defaults:
//
//	sales_process:
//	  stages:                      # in process order; es is the Spanish label
//	    - {name: Qualify, es: Calificar}
//	    - {name: Develop, es: Desarrollar}
//	    - {name: Quote, es: Presupuesto}
//	    - {name: Tech Check, es: Comprobación técnica}
//	    - {name: Close, es: Cierre}
//	  tech_check:
//	    stage: Tech Check          # a Deal over amount needs a passed check before it moves past this stage
//	    amount: 20000.00           # strictly greater than
//	    passed: [Passed, Passed with conditions]
//	    failed: [Failed]
//	  corporate: [Corporate]       # customer types whose leads follow the sequence
//	  lead_sequence:               # days: after the previous step ended (step 1: after the lead was created)
//	    - {activity: phonecall, task: Introduction phone call, es: Llamada de presentación, days: 0}
//	    - {activity: email, task: Information e-mail, es: Correo informativo, days: 1}
//	    - {activity: email, task: Check-in e-mail, es: Correo de seguimiento, days: 3}
//	    - {activity: phonecall, task: Schedule-appointment phone call, es: Llamada para concertar una cita, days: 2}
//	  deal_states: {open: [Open], won: [Won], lost: [Lost]}
//	  lead_states: {open: [Open], closed: [Qualified, Disqualified]}
//	  activity_states: {open: [Open], completed: [Completed], canceled: [Canceled]}
//	  aliases: {Cancelled: Canceled}   # other spellings of an accepted label
//	  option_labels:               # integer option values of CSV exports, per source and column
//	    accounts: {customertypecode: {1: Competitor, 2: Consultant, 3: Customer, ..., 12: Other}}
//	    deals: {statecode: {0: Open, 1: Won, 2: Lost}}
//	    leads: {statecode: {0: Open, 1: Qualified, 2: Disqualified}}
//	    activities: {statecode: {0: Open, 1: Completed, 2: Canceled}}
//
// A list of labels may be written as one label. option_labels entries are
// added to the defaults (a value given replaces the default's label).

// salesProcessDoc is the sales_process section as written.
type salesProcessDoc struct {
	Stages         []stageDoc           `yaml:"stages"`
	TechCheck      techCheckDoc         `yaml:"tech_check"`
	Corporate      labels               `yaml:"corporate"`
	LeadSequence   []stepDoc            `yaml:"lead_sequence"`
	DealStates     dealStatesDoc        `yaml:"deal_states"`
	LeadStates     leadStatesDoc        `yaml:"lead_states"`
	ActivityStates activityStatesDoc    `yaml:"activity_states"`
	Aliases        map[string]text      `yaml:"aliases"`
	OptionLabels   map[string]optionDoc `yaml:"option_labels"`
}

type stageDoc struct {
	Name    text `yaml:"name"`
	Spanish text `yaml:"es"`
}

type techCheckDoc struct {
	Stage  text   `yaml:"stage"`
	Amount number `yaml:"amount"`
	Passed labels `yaml:"passed"`
	Failed labels `yaml:"failed"`
}

type stepDoc struct {
	Activity text  `yaml:"activity"`
	Task     text  `yaml:"task"`
	Spanish  text  `yaml:"es"`
	Days     count `yaml:"days"`
}

type dealStatesDoc struct {
	Open labels `yaml:"open"`
	Won  labels `yaml:"won"`
	Lost labels `yaml:"lost"`
}

type leadStatesDoc struct {
	Open   labels `yaml:"open"`
	Closed labels `yaml:"closed"`
}

type activityStatesDoc struct {
	Open      labels `yaml:"open"`
	Completed labels `yaml:"completed"`
	Canceled  labels `yaml:"canceled"`
}

// labels is a list of labels, or one label.
type labels struct {
	node  ast.Node
	value []string
}

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (l *labels) UnmarshalYAML(n ast.Node) error {
	if s, ok := stringValue(n); ok {
		*l = labels{node: n, value: []string{strings.TrimSpace(s)}}
		return nil
	}
	seq, ok := unwrapNode(n).(*ast.SequenceNode)
	if !ok {
		return errorAt(n, "want a label or a list of labels, got %s", describe(n))
	}
	out := labels{node: n}
	for _, v := range seq.Values {
		s, ok := stringValue(v)
		if !ok {
			return errorAt(v, "want a label, got %s", describe(v))
		}
		out.value = append(out.value, strings.TrimSpace(s))
	}
	*l = out
	return nil
}

func (l labels) set() bool { return l.node != nil }

// optionDoc maps column headers to integer option values and their labels.
type optionDoc struct {
	node   ast.Node
	values map[string]map[int64]string
}

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (o *optionDoc) UnmarshalYAML(n ast.Node) error {
	if _, ok := unwrapNode(n).(*ast.MappingNode); !ok {
		if _, ok := unwrapNode(n).(*ast.MappingValueNode); !ok {
			return errorAt(n, "want a mapping of columns to {value: label}, got %s", describe(n))
		}
	}
	out := optionDoc{node: n, values: make(map[string]map[int64]string)}
	for _, col := range entries(n) {
		name := col.Key.GetToken().Value
		m := make(map[int64]string)
		if _, ok := unwrapNode(col.Value).(*ast.MappingNode); !ok {
			if _, ok := unwrapNode(col.Value).(*ast.MappingValueNode); !ok {
				return errorAt(col.Value, "want a mapping of option values to labels, got %s", describe(col.Value))
			}
		}
		for _, e := range entries(col.Value) {
			v, err := strconv.ParseInt(e.Key.GetToken().Value, 10, 64)
			if err != nil {
				return errorAt(e.Key, "option value %q is not a whole number", e.Key.GetToken().Value)
			}
			label, ok := stringValue(e.Value)
			if !ok || strings.TrimSpace(label) == "" {
				return errorAt(e.Value, "want a label for option value %d", v)
			}
			m[v] = strings.TrimSpace(label)
		}
		out.values[name] = m
	}
	*o = out
	return nil
}

// buildSalesProcess applies the sales_process section to the default
// process and checks the result; a bad value is an error at its line.
func (b builder) buildSalesProcess(doc salesProcessDoc) (*salesprocess.Process, error) {
	p := salesprocess.Default()
	if doc.Stages != nil {
		p.Stages = nil
		for _, s := range doc.Stages {
			p.Stages = append(p.Stages, salesprocess.Stage{Name: strings.TrimSpace(s.Name.value), Spanish: strings.TrimSpace(s.Spanish.value)})
		}
	}
	if doc.TechCheck.Stage.set() {
		p.TechCheck.Stage = strings.TrimSpace(doc.TechCheck.Stage.value)
	}
	if doc.TechCheck.Amount.set() {
		v := doc.TechCheck.Amount.value
		cents := math.Round(v * 100)
		if math.Abs(cents-v*100) > 1e-6 || v < 0 || v > 1e15 {
			return nil, errorAt(doc.TechCheck.Amount.node, "the Tech Check amount must be an amount of money, not negative, with at most 2 decimals")
		}
		p.TechCheck.AmountCents = int64(cents)
	}
	setLabels(&p.TechCheck.Passed, doc.TechCheck.Passed)
	setLabels(&p.TechCheck.Failed, doc.TechCheck.Failed)
	setLabels(&p.Corporate, doc.Corporate)
	if doc.LeadSequence != nil {
		p.Sequence = nil
		for _, s := range doc.LeadSequence {
			p.Sequence = append(p.Sequence, salesprocess.Step{ActivityType: strings.TrimSpace(s.Activity.value),
				Task: strings.TrimSpace(s.Task.value), Spanish: strings.TrimSpace(s.Spanish.value), DaysAfterPrevious: s.Days.value})
		}
	}
	setLabels(&p.DealStates.Open, doc.DealStates.Open)
	setLabels(&p.DealStates.Won, doc.DealStates.Won)
	setLabels(&p.DealStates.Lost, doc.DealStates.Lost)
	setLabels(&p.LeadStates.Open, doc.LeadStates.Open)
	setLabels(&p.LeadStates.Closed, doc.LeadStates.Closed)
	setLabels(&p.ActivityStates.Open, doc.ActivityStates.Open)
	setLabels(&p.ActivityStates.Completed, doc.ActivityStates.Completed)
	setLabels(&p.ActivityStates.Canceled, doc.ActivityStates.Canceled)
	if doc.Aliases != nil {
		p.Aliases = make(map[string]string, len(doc.Aliases))
		for alias, target := range doc.Aliases {
			p.Aliases[strings.TrimSpace(alias)] = strings.TrimSpace(target.value)
		}
	}
	for src, o := range doc.OptionLabels {
		if p.OptionLabels[src] == nil {
			p.OptionLabels[src] = make(map[string]map[int64]string)
		}
		for col, m := range o.values {
			if p.OptionLabels[src][col] == nil {
				p.OptionLabels[src][col] = make(map[int64]string)
			}
			for v, label := range m {
				p.OptionLabels[src][col][v] = label
			}
		}
	}
	if err := p.Validate(); err != nil {
		var pe *salesprocess.Error
		if errors.As(err, &pe) {
			return nil, errorAt(b.sectionNode("sales_process", pe.Path), "%s", pe.Error())
		}
		return nil, err
	}
	return p, nil
}

// sectionNode returns the node at path inside section, or the closest one
// the file has; when the section is absent, the document's start.
func (b builder) sectionNode(section, path string) ast.Node {
	if entry(b.root, section) == nil {
		return nil
	}
	n, _ := lookup(b.root, section+"."+path)
	return n
}

func setLabels(dst *[]string, l labels) {
	if l.set() {
		*dst = l.value
	}
}
