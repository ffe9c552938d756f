package gen

import (
	"strconv"
	"time"
)

// The lead sequence for corporate accounts. Each step is due a number of
// days after the previous step was completed (step 1: on the day the lead
// was created), at 17:00 UTC.
//
//	step 1  phonecall  intro call         due on the lead's createdon date
//	step 2  email      information email  1 day after step 1 completes
//	step 3  email      check-in email     3 days after step 2 completes
//	step 4  phonecall  appointment call   2 days after step 3 completes
type seqStep struct {
	kind, subject string
	afterDays     int
}

func sequenceSteps() [4]seqStep {
	return [4]seqStep{
		{"phonecall", "Intro call", 0},
		{"email", "Information email", 1},
		{"email", "Check-in email", 3},
		{"phonecall", "Appointment call", 2},
	}
}

// leadPlan says how a lead's sequence unfolds. Step numbers are 1-4; 0
// means none.
type leadPlan struct {
	corporate  bool // the lead belongs to a corporate account
	sequence   bool // sequence activities are created at all
	ageDays    int  // the lead was created this many days before the as-of date
	late       int  // this step is completed after it was due
	openStep   int  // this step stays open whatever its due date
	cancelStep int  // this step is canceled and the sequence stops
	missing    int  // this step is never created: the sequence stalls
	stopAfter  int  // the lead is decided after this step
	unnumbered bool // activities carry no sequencestep
	outcome    string
}

// forcedLeads guarantees every lead scenario in even the smallest sample.
func forcedLeads() []leadPlan {
	return []leadPlan{
		{corporate: true, sequence: true, ageDays: 30, outcome: "Qualified", stopAfter: 4},     // on time, qualified
		{corporate: true, sequence: true, ageDays: 25, late: 2, outcome: "Open"},               // step 2 late
		{corporate: true, sequence: true, ageDays: 28, late: 3, outcome: "Open"},               // step 3 late
		{corporate: true, sequence: true, ageDays: 20, cancelStep: 3, outcome: "Disqualified"}, // canceled
		{corporate: true, sequence: true, ageDays: 15, openStep: 2, outcome: "Open"},           // overdue, open
		{corporate: true, sequence: true, ageDays: 1, outcome: "Open"},                         // open, not yet due
		{corporate: true, sequence: true, ageDays: 18, missing: 2, outcome: "Open"},            // step 2 never created
		{corporate: true, sequence: true, ageDays: 22, unnumbered: true, outcome: "Open"},      // no sequencestep
		{corporate: true, sequence: false, ageDays: 6, outcome: "Open"},                        // no activity at all
		{corporate: true, sequence: true, ageDays: 12, stopAfter: 1, outcome: "Disqualified"},  // dropped after the call
		{corporate: false, sequence: true, ageDays: 16, outcome: "Open"},                       // non-corporate, with steps
		{corporate: false, sequence: false, ageDays: 9, outcome: "Qualified"},                  // non-corporate, plain
	}
}

// randomLead draws a lead plan: corporate leads mostly follow the sequence,
// with occasional late, open, canceled, missing or unnumbered steps.
func (b *crmBuilder) randomLead() leadPlan {
	r := &b.r
	p := leadPlan{corporate: r.chance(0.6), ageDays: r.between(1, 45), outcome: "Open"}
	p.sequence = p.corporate || r.chance(0.05)
	if !p.sequence {
		p.outcome = [...]string{"Open", "Qualified", "Disqualified"}[r.intn(3)]
		return p
	}
	switch u := r.intn(20); {
	case u < 4:
		p.late = r.between(1, 4)
	case u < 5:
		p.openStep = r.between(1, 4)
	case u < 6:
		p.cancelStep, p.outcome = r.between(1, 4), "Disqualified"
	case u < 7:
		p.missing = r.between(2, 4)
	case u < 8:
		p.unnumbered = true
	case u < 10:
		p.stopAfter, p.outcome = r.between(1, 3), "Disqualified"
	}
	if p.stopAfter == 0 && p.outcome == "Open" && r.chance(0.3) {
		p.stopAfter, p.outcome = 4, "Qualified"
	}
	return p
}

// addLeads writes n leads (at least the forced scenarios) and their
// activities.
func (b *crmBuilder) addLeads(n int) {
	plans := forcedLeads()
	for len(plans) < n {
		plans = append(plans, b.randomLead())
	}
	var corporate, other []account
	for _, a := range b.accounts {
		if a.corporate {
			corporate = append(corporate, a)
		} else {
			other = append(other, a)
		}
	}
	for _, p := range plans {
		list := corporate
		if !p.corporate {
			list = other
		}
		b.addLead(p, list[b.r.intn(len(list))])
	}
}

func (b *crmBuilder) addLead(p leadPlan, a account) {
	g := b.g
	first, last := g.pop.drawGiven(&b.r, b.r.chance(0.5)).name, g.pop.drawSurname(&b.r).name
	ph := g.newPhone(&b.r, int32(g.pools.cityZ.pick(&b.r)))
	ph.format, ph.extLen = fmtPlus1, 0
	parent := a.id
	if !p.corporate && b.r.chance(0.3) { // a lead not yet tied to an account
		parent = ""
	}
	id, owner := b.guid(), a.owner
	created := b.at(-p.ageDays)
	email := g.pools.lowerName(first) + "." + g.pools.lowerName(last) + "@" + a.domain
	row := []string{id, leadSubject(&b.r), first, last, a.name, email,
		string(appendPhone(nil, &ph)), parent, owner, stamp(created), p.outcome}
	b.out.leads.rows = append(b.out.leads.rows, row)
	if p.sequence {
		// A lead is only decided once its sequence got that far.
		if done := b.addSequence(p, id, owner, created); p.stopAfter > 0 && done < p.stopAfter {
			row[10] = "Open"
		}
	}
	// Other leads sometimes get a brochure; a corporate lead without its
	// sequence gets nothing, so that the missing first step shows.
	if (p.sequence || !p.corporate) && b.r.chance(0.15) {
		due := between(&b.r, created, b.now.AddDate(0, 0, 7))
		row := []string{b.guid(), "email", "Sent product brochure", id, owner, stamp(due), "", "Open", ""}
		if due.Before(b.now) {
			row[6], row[7] = stamp(due), "Completed"
		}
		b.out.activities.rows = append(b.out.activities.rows, row)
	}
}

// leadSubject is what the lead asked about.
func leadSubject(r *rng) string {
	things := [...]string{"Cameras for ", "Access control for ", "Thermostats for ", "Alarm monitoring for "}
	units := [...]string{" sites", " doors", " offices", " locations"}
	i := r.intn(len(things))
	return things[i] + strconv.Itoa(r.between(2, 60)) + units[i]
}

// addSequence simulates the four steps of a lead's sequence up to the as-of
// date, writes an activity for each step that exists and returns how many
// steps were completed.
func (b *crmBuilder) addSequence(p leadPlan, lead, owner string, created time.Time) int {
	prev := created // when the previous step completed
	for i, st := range sequenceSteps() {
		step := i + 1
		if step == p.missing {
			return step - 1
		}
		y, m, d := prev.Date()
		due := time.Date(y, m, d+st.afterDays, 17, 0, 0, 0, time.UTC)
		if due.Before(prev) { // created after 17:00: due at the end of the day anyway
			due = prev.Add(time.Hour)
		}
		row := []string{b.guid(), st.kind, st.subject, lead, owner, stamp(due), "", "Open", strconv.Itoa(step)}
		if p.unnumbered {
			row[8] = ""
		}
		var end time.Time
		switch {
		case step == p.late:
			end = due.Add(time.Duration(b.r.between(2, 96)) * time.Hour)
		default:
			end = between(&b.r, prev.Add(10*time.Minute), due.Add(-10*time.Minute))
		}
		switch {
		case step == p.cancelStep:
			row[7] = "Canceled"
			if cancel := between(&b.r, prev, due); cancel.Before(b.now) {
				row[6] = stamp(cancel)
			}
		case step == p.openStep || !end.Before(b.now):
			// still open: overdue when due is past the as-of date
		default:
			row[6], row[7] = stamp(end), "Completed"
		}
		b.out.activities.rows = append(b.out.activities.rows, row)
		if row[7] != "Completed" {
			return step - 1
		}
		if step == p.stopAfter {
			return step
		}
		prev = end
	}
	return 4
}
