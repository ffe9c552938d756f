package salesprocess

import (
	"fmt"
	"slices"
	"strings"

	"github.com/contoso/c360/transform/sources"
)

// Error is a problem in a process. Path locates it inside the
// sales_process section as a dotted path of keys and list indexes
// ("stages.2.name", "lead_sequence.0.activity"), so that the config can
// point at its line and column.
type Error struct {
	Path string
	Msg  string
}

func (e *Error) Error() string { return "sales_process." + e.Path + ": " + e.Msg }

func errorf(path, format string, args ...any) *Error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// Validate checks p: at least one stage, stage names and Spanish labels
// unique, the Tech Check's stage among them and its amount not negative,
// a label in one role only per column, at least one step of a known
// activity type with a task and days not negative, aliases that name an
// accepted label, and option labels only for choice columns, naming an
// accepted label where the column is not open. It returns an *Error.
func (p *Process) Validate() error {
	if err := p.validateStages(); err != nil {
		return err
	}
	if err := p.validateLabels(); err != nil {
		return err
	}
	if err := p.validateSequence(); err != nil {
		return err
	}
	if err := p.validateAliases(); err != nil {
		return err
	}
	return p.validateOptions()
}

func (p *Process) validateStages() error {
	if len(p.Stages) == 0 {
		return errorf("stages", "want at least one stage")
	}
	seen := make(map[string]string)
	for i, s := range p.Stages {
		for _, kl := range [][2]string{{"name", s.Name}, {"es", s.Spanish}} {
			key, label := kl[0], kl[1]
			path := fmt.Sprintf("stages.%d.%s", i, key)
			if strings.TrimSpace(label) == "" {
				if key == "es" {
					return errorf(path, "stage %q needs its Spanish label (es)", s.Name)
				}
				return errorf(path, "a stage needs a name")
			}
			if prev, dup := seen[strings.ToLower(label)]; dup && !(key == "es" && strings.EqualFold(s.Name, label)) {
				return errorf(path, "label %q is already used by %s", label, prev)
			}
			seen[strings.ToLower(label)] = fmt.Sprintf("stage %d", i+1)
		}
	}
	if p.GateOrder() == 0 {
		return errorf("tech_check.stage", "Tech Check stage %q is not one of the stages (%s)", p.TechCheck.Stage, strings.Join(p.stageNames(), ", "))
	}
	if p.TechCheck.AmountCents < 0 {
		return errorf("tech_check.amount", "the Tech Check amount may not be negative")
	}
	return nil
}

func (p *Process) stageNames() []string {
	var names []string
	for _, s := range p.Stages {
		names = append(names, s.Name)
	}
	return names
}

// labelGroup is the labels of one column's roles, with their config paths.
type labelGroup struct {
	paths  []string
	labels [][]string
}

func (p *Process) labelGroups() []labelGroup {
	return []labelGroup{
		{[]string{"deal_states.open", "deal_states.won", "deal_states.lost"},
			[][]string{p.DealStates.Open, p.DealStates.Won, p.DealStates.Lost}},
		{[]string{"lead_states.open", "lead_states.closed"}, [][]string{p.LeadStates.Open, p.LeadStates.Closed}},
		{[]string{"activity_states.open", "activity_states.completed", "activity_states.canceled"},
			[][]string{p.ActivityStates.Open, p.ActivityStates.Completed, p.ActivityStates.Canceled}},
		{[]string{"tech_check.passed", "tech_check.failed"}, [][]string{p.TechCheck.Passed, p.TechCheck.Failed}},
		{[]string{"corporate"}, [][]string{p.Corporate}},
	}
}

func (p *Process) validateLabels() error {
	for _, g := range p.labelGroups() {
		seen := make(map[string]string)
		for i, labels := range g.labels {
			if len(labels) == 0 && g.paths[i] != "lead_states.closed" {
				return errorf(g.paths[i], "want at least one label")
			}
			for j, l := range labels {
				path := fmt.Sprintf("%s.%d", g.paths[i], j)
				if strings.TrimSpace(l) == "" {
					return errorf(path, "a label may not be empty")
				}
				if prev, dup := seen[strings.ToLower(l)]; dup {
					return errorf(path, "label %q is also in %s", l, prev)
				}
				seen[strings.ToLower(l)] = g.paths[i]
			}
		}
	}
	return nil
}

func (p *Process) validateSequence() error {
	if len(p.Sequence) == 0 {
		return errorf("lead_sequence", "want at least one step")
	}
	for i, s := range p.Sequence {
		path := fmt.Sprintf("lead_sequence.%d", i)
		if !slices.Contains(sources.ActivityTypes(), s.ActivityType) {
			return errorf(path+".activity", "unknown activity type %q (want one of %s)",
				s.ActivityType, strings.Join(sources.ActivityTypes(), ", "))
		}
		if strings.TrimSpace(s.Task) == "" {
			return errorf(path+".task", "a step needs a task name")
		}
		if strings.TrimSpace(s.Spanish) == "" {
			return errorf(path+".es", "step %q needs its Spanish label (es)", s.Task)
		}
		if s.DaysAfterPrevious < 0 {
			return errorf(path+".days", "days may not be negative")
		}
	}
	return nil
}

func (p *Process) validateAliases() error {
	for _, alias := range sortedKeys(p.Aliases) {
		target := p.Aliases[alias]
		path := "aliases." + alias
		found := false
		for _, choice := range choiceSets() {
			labels := p.choiceLabels(choice)
			for k := range labels {
				if strings.EqualFold(k, alias) {
					return errorf(path, "%q is itself an accepted label", alias)
				}
				if strings.EqualFold(k, target) {
					found = true
				}
			}
		}
		if !found {
			return errorf(path, "%q names no accepted label of a stage, state, Tech Check result or corporate type", target)
		}
	}
	return nil
}

func (p *Process) validateOptions() error {
	choices := make(map[string]map[string]sources.Column)
	for _, src := range sources.CRM() {
		choices[src.Name] = make(map[string]sources.Column)
		for _, c := range src.Columns {
			if c.Choice != "" {
				choices[src.Name][c.Name] = c
			}
		}
	}
	for _, src := range sortedKeys(p.OptionLabels) {
		cols, ok := choices[src]
		if !ok {
			return errorf("option_labels."+src, "unknown CRM source %q (want accounts, deals, tech_checks, leads or activities)", src)
		}
		for _, col := range sortedKeys(p.OptionLabels[src]) {
			c, ok := cols[col]
			if !ok {
				return errorf("option_labels."+src+"."+col, "%s has no choice column %q (want %s)", src, col, strings.Join(sortedKeys(cols), ", "))
			}
			if c.Open {
				continue
			}
			labels := p.choiceLabels(c.Choice)
			for _, v := range sortedKeys(p.OptionLabels[src][col]) {
				label := p.OptionLabels[src][col][v]
				if _, ok := p.canonical(labels, label); !ok {
					return errorf(fmt.Sprintf("option_labels.%s.%s.%d", src, col, v), "%q is not an accepted %s label (want one of %s)",
						label, c.Choice, strings.Join(sortedValues(labels), ", "))
				}
			}
		}
	}
	return nil
}

// choiceSets lists the Choice names of the CRM columns.
func choiceSets() []string {
	return []string{"stage", "deal_state", "lead_state", "activity_state", "tech_check_result", "customer_type"}
}

func sortedKeys[K interface{ ~string | ~int64 }, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sortedValues(m map[string]string) []string {
	seen := make(map[string]bool)
	var out []string
	for _, v := range m {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}
