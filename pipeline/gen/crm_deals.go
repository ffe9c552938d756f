package gen

import (
	"strconv"
	"time"
)

// Tech check results.
const (
	checkPassed     = "Passed"
	checkConditions = "Passed with conditions"
	checkFailed     = "Failed"
)

// addDeal writes one deal, its tech checks and a follow-up activity or two.
//
// Timeline: a deal is created 20 to 400 days before the as-of date. A closed
// deal closes 15 to 120 days later (before the as-of date); its tech checks
// fall in the two weeks before the close. An open deal entered its current
// stage between its creation and the as-of date and is expected to close in
// the next four months.
func (b *crmBuilder) addDeal(s dealSpec) {
	a := b.accounts[b.r.intn(len(b.accounts))]
	owner := a.owner
	if b.r.chance(0.2) {
		owner = b.pick(b.owners)
	}
	products := [...]string{"video doorbells", "smart thermostats", "security systems",
		"door sensors", "motion sensors", "smart locks", "indoor cameras", "outdoor cameras"}
	d := deal{id: b.guid(), owner: owner, cents: b.dealValue(s)}
	name := strconv.Itoa(b.r.between(5, 400)) + " " + products[b.r.intn(len(products))] + " for " + a.name
	created := b.at(-b.r.between(20, 400))
	state, stage, results := b.dealOutcome(s, d.cents)
	var closed time.Time
	row := []string{d.id, name, a.id, owner, money(d.cents), "", "", stageLabel(stage, s.spanish), "", state, stamp(created), "", ""}
	switch state {
	case "Open":
		row[5] = strconv.Itoa(stageChance(stage))
		row[6] = dateOnly(b.now.AddDate(0, 0, b.r.between(7, 120)))
		row[8] = stamp(between(&b.r, created, b.now))
	default:
		closed = created.AddDate(0, 0, b.r.between(15, 120))
		if !closed.Before(b.now) {
			closed = b.now.Add(-time.Duration(b.r.between(1, 48)) * time.Hour)
		}
		row[5], row[6], row[11] = "0", dateOnly(closed), dateOnly(closed)
		row[8] = stamp(between(&b.r, created, closed))
		if state == "Won" {
			row[5], row[12] = "100", money(d.cents-int64(b.r.intn(3))*int64(b.r.intn(50000)))
		}
	}
	b.out.deals.rows = append(b.out.deals.rows, row)
	b.addChecks(d, results, created, closed)
	if b.r.chance(0.3) {
		b.addDealActivity(d, created)
	}
}

// dealOutcome decides a deal's state, stage and tech check results from its
// scenario.
func (b *crmBuilder) dealOutcome(s dealSpec, cents int64) (state string, stage int, results []string) {
	state, stage = "Open", s.stage
	switch s.scenario {
	case dealOpenEarly:
		if stage < 0 {
			stage = b.r.intn(stageTechCheck)
		}
	case dealOpenPending:
		stage = stageTechCheck
	case dealOpenPassed:
		stage, results = stageClose, []string{checkPassed}
	case dealOpenNoCheck:
		stage = stageClose
	case dealWonPassed:
		results = []string{checkPassed}
	case dealWonConditions:
		results = []string{checkConditions}
	case dealWonFailThenPass:
		results = []string{checkFailed, checkPassed}
	case dealWonOnlyFailed:
		results = []string{checkFailed}
	case dealSmallChecked:
		results = []string{[...]string{checkPassed, checkConditions}[b.r.intn(2)]}
	case dealLost:
		state, stage = "Lost", b.r.intn(stageClose+1)
		if stage >= stageTechCheck && cents > techCheckThreshold {
			results = []string{checkFailed}
		}
	}
	if s.scenario >= dealWonSmall && s.scenario <= dealSmallChecked {
		state, stage = "Won", stageClose
	}
	return state, stage, results
}

type deal struct {
	id, owner string
	cents     int64
}

// addChecks writes the tech checks of a deal, oldest first, in the two weeks
// before it closed (or before the as-of date while it is open).
func (b *crmBuilder) addChecks(d deal, results []string, created, closed time.Time) {
	end := closed
	if end.IsZero() {
		end = b.now
	}
	start := end.AddDate(0, 0, -14)
	if start.Before(created) {
		start = created
	}
	at := start
	for i, res := range results {
		at = between(&b.r, at, end)
		if i < len(results)-1 { // leave room for the next review
			at = between(&b.r, at, at.Add(end.Sub(at)/2))
		}
		b.out.checks.rows = append(b.out.checks.rows, []string{
			b.guid(), d.id, b.pick(b.reviewers), stamp(at), res, checkDetails(&b.r, res)})
	}
}

// checkDetails is the reviewer's note for a result.
func checkDetails(r *rng, result string) string {
	switch result {
	case checkPassed:
		return [...]string{"Site survey complete; wiring and network meet spec.",
			"Design reviewed, no issues.", "Camera coverage plan approved."}[r.intn(3)]
	case checkConditions:
		return [...]string{"Approved if the customer upgrades the network switch before install.",
			"Approved; two door sensors need a different mount, re-check on site.",
			"Approved with a backup battery, pending power survey."}[r.intn(3)]
	}
	return [...]string{"Insufficient power at the install location.",
		"Network cannot carry the camera streams; redesign needed.",
		"Quote omits the monitoring hub."}[r.intn(3)]
}

// addDealActivity logs an ordinary follow-up on a deal (no sequence step).
func (b *crmBuilder) addDealActivity(d deal, created time.Time) {
	kinds := [...][2]string{{"phonecall", "Follow-up call"}, {"email", "Sent revised quote"}, {"task", "Prepare installation plan"}}
	k := kinds[b.r.intn(len(kinds))]
	due := between(&b.r, created, b.now.AddDate(0, 0, 14))
	row := []string{b.guid(), k[0], k[1], d.id, d.owner, stamp(due), "", "Open", ""}
	if due.Before(b.now) && b.r.chance(0.8) {
		row[6], row[7] = stamp(due.Add(-time.Duration(b.r.between(1, 20))*time.Hour)), "Completed"
	}
	b.out.activities.rows = append(b.out.activities.rows, row)
}

// between returns a random instant in [from, to], to the minute.
func between(r *rng, from, to time.Time) time.Time {
	span := to.Sub(from) / time.Minute
	if span <= 0 {
		return from
	}
	return from.Add(time.Duration(r.intn(int(span)+1)) * time.Minute)
}
