package gen

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// crmData is a generated CRM sample read back, rows as column maps.
type crmData struct {
	accounts, deals, leads map[string]map[string]string // by id
	checks, activities     []map[string]string
}

// loadCRM reads DIR/crm, checking headers and that ids are unique GUIDs.
func loadCRM(t *testing.T, dir string) *crmData {
	t.Helper()
	wantHeaders := map[string]string{
		"accounts.csv":    "accountid,name,customertypecode,ownerid,createdon",
		"deals.csv":       "opportunityid,name,parentaccountid,ownerid,estimatedvalue,closeprobability,estimatedclosedate,activestage,activestagestartedon,statecode,createdon,actualclosedate,actualvalue",
		"tech_checks.csv": "techcheckid,opportunityid,reviewedby,reviewedon,result,details",
		"leads.csv":       "leadid,subject,firstname,lastname,companyname,emailaddress1,telephone1,parentaccountid,ownerid,createdon,statecode",
		"activities.csv":  "activityid,activitytypecode,subject,regardingobjectid,ownerid,scheduledend,actualend,statecode,sequencestep",
	}
	tables := map[string][]map[string]string{}
	for file, want := range wantHeaders {
		header, rows := readTable(t, filepath.Join(dir, CRMDir, file))
		if got := strings.Join(header, ","); got != want {
			t.Fatalf("%s header\n got %s\nwant %s", file, got, want)
		}
		ids := map[string]bool{}
		for _, r := range rows {
			m := rowMap(header, r)
			if !isGUID(r[0]) || ids[r[0]] {
				t.Fatalf("%s: id %q is not a unique GUID", file, r[0])
			}
			ids[r[0]] = true
			tables[file] = append(tables[file], m)
		}
	}
	byID := func(rows []map[string]string, key string) map[string]map[string]string {
		m := map[string]map[string]string{}
		for _, r := range rows {
			m[r[key]] = r
		}
		return m
	}
	return &crmData{
		accounts:   byID(tables["accounts.csv"], "accountid"),
		deals:      byID(tables["deals.csv"], "opportunityid"),
		leads:      byID(tables["leads.csv"], "leadid"),
		checks:     tables["tech_checks.csv"],
		activities: tables["activities.csv"],
	}
}

func mustTime(t *testing.T, what, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("%s: %q is not an ISO 8601 timestamp: %v", what, s, err)
	}
	return v
}

func mustDate(t *testing.T, what, s string) time.Time {
	t.Helper()
	v, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatalf("%s: %q is not a date: %v", what, s, err)
	}
	return v
}

// cents parses a dot-decimal amount with two decimals.
func cents(t *testing.T, s string) int64 {
	t.Helper()
	whole, frac, ok := strings.Cut(s, ".")
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if !ok || len(frac) != 2 || err1 != nil || err2 != nil {
		t.Fatalf("amount %q is not dot-decimal with two decimals", s)
	}
	return w*100 + f
}

func TestCRMReferentialIntegrity(t *testing.T) {
	for _, persons := range []int{200, 2000, 60000} {
		dir, st := generate(t, Options{Persons: persons, Seed: int64(persons), CRM: true})
		c := loadCRM(t, dir)
		wantAccounts := min(max(persons/50, 20), 2000)
		if len(c.accounts) != wantAccounts || st.Files["crm/accounts.csv"] != wantAccounts {
			t.Errorf("%d persons: %d accounts, want %d", persons, len(c.accounts), wantAccounts)
		}
		for id, a := range c.accounts {
			mustTime(t, "account createdon", a["createdon"])
			if a["ownerid"] == "" || a["name"] == "" || a["customertypecode"] == "" {
				t.Errorf("account %s has empty fields: %v", id, a)
			}
		}
		for id, d := range c.deals {
			if c.accounts[d["parentaccountid"]] == nil {
				t.Errorf("deal %s: parentaccountid %s does not exist", id, d["parentaccountid"])
			}
		}
		for _, ch := range c.checks {
			if c.deals[ch["opportunityid"]] == nil {
				t.Errorf("tech check %s: opportunityid %s does not exist", ch["techcheckid"], ch["opportunityid"])
			}
			if !slices.Contains([]string{"Passed", "Passed with conditions", "Failed"}, ch["result"]) {
				t.Errorf("tech check %s: result %q", ch["techcheckid"], ch["result"])
			}
			mustTime(t, "reviewedon", ch["reviewedon"])
		}
		for id, l := range c.leads {
			if p := l["parentaccountid"]; p != "" && c.accounts[p] == nil {
				t.Errorf("lead %s: parentaccountid %s does not exist", id, p)
			}
			if !slices.Contains([]string{"Open", "Qualified", "Disqualified"}, l["statecode"]) {
				t.Errorf("lead %s: statecode %q", id, l["statecode"])
			}
			mustTime(t, "lead createdon", l["createdon"])
		}
		for _, a := range c.activities {
			if c.leads[a["regardingobjectid"]] == nil && c.deals[a["regardingobjectid"]] == nil {
				t.Errorf("activity %s: regardingobjectid %s is no lead or deal", a["activityid"], a["regardingobjectid"])
			}
			if !slices.Contains([]string{"phonecall", "email", "task"}, a["activitytypecode"]) ||
				!slices.Contains([]string{"Open", "Completed", "Canceled"}, a["statecode"]) ||
				!slices.Contains([]string{"", "1", "2", "3", "4"}, a["sequencestep"]) {
				t.Errorf("activity %s: bad label in %v", a["activityid"], a)
			}
			mustTime(t, "scheduledend", a["scheduledend"])
			if a["statecode"] == "Completed" && a["actualend"] == "" || a["statecode"] == "Open" && a["actualend"] != "" {
				t.Errorf("activity %s: statecode %s with actualend %q", a["activityid"], a["statecode"], a["actualend"])
			}
		}
	}
}

// dealFacts are what a compliance report would compute for one deal.
type dealFacts struct {
	row     map[string]string
	value   int64
	results []string // tech check results, oldest first
}

func TestCRMDealsExerciseTheTechCheckRule(t *testing.T) {
	asOf := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	dir, _ := generate(t, Options{Persons: 200, Seed: 1, AsOf: asOf, CRM: true})
	c := loadCRM(t, dir)
	checks := map[string][]map[string]string{}
	for _, ch := range c.checks {
		checks[ch["opportunityid"]] = append(checks[ch["opportunityid"]], ch)
	}
	en := []string{"Qualify", "Develop", "Quote", "Tech Check", "Close"}
	es := []string{"Calificar", "Desarrollar", "Presupuesto", "Comprobación técnica", "Cierre"}
	labels := map[string]bool{}
	seen := map[string]bool{}
	for id, d := range c.deals {
		f := dealFacts{row: d, value: cents(t, d["estimatedvalue"])}
		list := checks[id]
		slices.SortFunc(list, func(a, b map[string]string) int { return strings.Compare(a["reviewedon"], b["reviewedon"]) })
		for _, ch := range list {
			f.results = append(f.results, ch["result"])
		}
		labels[d["activestage"]] = true
		if !slices.Contains(en, d["activestage"]) && !slices.Contains(es, d["activestage"]) {
			t.Errorf("deal %s: activestage %q", id, d["activestage"])
		}
		checkDealFields(t, f, list, asOf)
		over := f.value > 2000000
		passed := slices.Contains(f.results, "Passed") || slices.Contains(f.results, "Passed with conditions")
		won := d["statecode"] == "Won"
		seen["value exactly 20000.00"] = seen["value exactly 20000.00"] || d["estimatedvalue"] == "20000.00"
		seen["value 20000.01 won without check"] = seen["value 20000.01 won without check"] || (d["estimatedvalue"] == "20000.01" && won && len(list) == 0)
		seen["won over 20000 with a passed check"] = seen["won over 20000 with a passed check"] || (won && over && slices.Equal(f.results, []string{"Passed"}))
		seen["won with passed with conditions"] = seen["won with passed with conditions"] || (won && over && slices.Contains(f.results, "Passed with conditions"))
		seen["failed then passed"] = seen["failed then passed"] || (won && over && len(f.results) > 1 && f.results[0] == "Failed" && f.results[len(f.results)-1] == "Passed")
		seen["won over 20000 without check (violation)"] = seen["won over 20000 without check (violation)"] || (won && over && len(list) == 0)
		seen["won over 20000 after failing only (violation)"] = seen["won over 20000 after failing only (violation)"] || (won && over && len(list) > 0 && !passed)
		seen["check on a small deal"] = seen["check on a small deal"] || (!over && len(list) > 0)
		seen["won at exactly 20000.00 without check"] = seen["won at exactly 20000.00 without check"] || (won && f.value == 2000000 && len(list) == 0)
		seen["open in Tech Check without a check"] = seen["open in Tech Check without a check"] || (d["statecode"] == "Open" && over && len(list) == 0 && (d["activestage"] == "Tech Check" || d["activestage"] == "Comprobación técnica"))
		seen["lost"] = seen["lost"] || d["statecode"] == "Lost"
	}
	for _, want := range []string{"value exactly 20000.00", "value 20000.01 won without check",
		"won over 20000 with a passed check", "won with passed with conditions", "failed then passed",
		"won over 20000 without check (violation)", "won over 20000 after failing only (violation)",
		"check on a small deal", "won at exactly 20000.00 without check", "open in Tech Check without a check", "lost"} {
		if !seen[want] {
			t.Errorf("no deal shows %q", want)
		}
	}
	for _, l := range append(en, es...) {
		if !labels[l] {
			t.Errorf("stage label %q never used", l)
		}
	}
}

// checkDealFields checks one deal's fields for consistency with its state.
func checkDealFields(t *testing.T, f dealFacts, checks []map[string]string, asOf time.Time) {
	t.Helper()
	d := f.row
	id := d["opportunityid"]
	p, err := strconv.Atoi(d["closeprobability"])
	if err != nil || p < 0 || p > 100 {
		t.Errorf("deal %s: closeprobability %q", id, d["closeprobability"])
	}
	created := mustTime(t, "deal createdon", d["createdon"])
	started := mustTime(t, "activestagestartedon", d["activestagestartedon"])
	mustDate(t, "estimatedclosedate", d["estimatedclosedate"])
	if started.Before(created) || !started.Before(asOf) {
		t.Errorf("deal %s: stage started %s, created %s", id, started, created)
	}
	switch d["statecode"] {
	case "Open":
		if d["actualclosedate"] != "" || d["actualvalue"] != "" {
			t.Errorf("open deal %s has close fields", id)
		}
	case "Won", "Lost":
		closed := mustDate(t, "actualclosedate", d["actualclosedate"])
		if !closed.Before(asOf) || closed.Before(created.Truncate(24*time.Hour)) {
			t.Errorf("deal %s closed %s, created %s", id, closed, created)
		}
		if (d["statecode"] == "Won") != (d["actualvalue"] != "") {
			t.Errorf("deal %s: statecode %s with actualvalue %q", id, d["statecode"], d["actualvalue"])
		}
		for _, ch := range checks {
			if on := mustTime(t, "reviewedon", ch["reviewedon"]); on.After(closed.Add(24 * time.Hour)) {
				t.Errorf("deal %s: tech check on %s after closing %s", id, on, closed)
			}
		}
	default:
		t.Errorf("deal %s: statecode %q", id, d["statecode"])
	}
}

// sequenceGap is the days after the previous step's completion a step is due.
var sequenceGap = map[int]int{2: 1, 3: 3, 4: 2}

func TestCRMLeadSequenceFollowsTheRules(t *testing.T) {
	asOf := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	dir, _ := generate(t, Options{Persons: 200, Seed: 1, AsOf: asOf, CRM: true})
	c := loadCRM(t, dir)
	steps := map[string]map[int]map[string]string{} // lead -> step -> activity
	unnumbered := map[string]int{}
	for _, a := range c.activities {
		lead := a["regardingobjectid"]
		if c.leads[lead] == nil {
			continue
		}
		if a["sequencestep"] == "" {
			unnumbered[lead]++
			continue
		}
		k, _ := strconv.Atoi(a["sequencestep"])
		if steps[lead] == nil {
			steps[lead] = map[int]map[string]string{}
		}
		if steps[lead][k] != nil {
			t.Fatalf("lead %s has step %d twice", lead, k)
		}
		steps[lead][k] = a
	}
	seen := map[string]bool{}
	for id, l := range c.leads {
		corporate := l["parentaccountid"] != "" && c.accounts[l["parentaccountid"]]["customertypecode"] == "Corporate"
		s := steps[id]
		lastDone := checkSequence(t, l, s)
		onTime, hasLate := len(s) == 4, false
		for _, a := range s {
			due := mustTime(t, "scheduledend", a["scheduledend"])
			switch {
			case a["statecode"] == "Completed" && mustTime(t, "actualend", a["actualend"]).After(due):
				hasLate, onTime = true, false
			case a["statecode"] == "Canceled":
				seen["canceled step"], onTime = true, false
			case a["statecode"] == "Open" && due.Before(asOf):
				seen["open step past due"], onTime = true, false
			case a["statecode"] == "Open":
				seen["open step not yet due"], onTime = true, false
			}
		}
		seen["late step"] = seen["late step"] || (corporate && hasLate)
		seen["corporate lead, all steps on time"] = seen["corporate lead, all steps on time"] || (corporate && onTime)
		seen["corporate lead without activities"] = seen["corporate lead without activities"] || (corporate && len(s) == 0 && unnumbered[id] == 0)
		seen["non-corporate lead with sequence steps"] = seen["non-corporate lead with sequence steps"] || (!corporate && len(s) > 0)
		seen["corporate lead with unnumbered activities"] = seen["corporate lead with unnumbered activities"] || (corporate && unnumbered[id] > 0)
		seen["lead "+l["statecode"]] = true
		if corporate && l["statecode"] == "Open" && lastDone > 0 && lastDone < 4 && s[lastDone+1] == nil {
			prevEnd := mustTime(t, "actualend", s[lastDone]["actualend"])
			if prevEnd.AddDate(0, 0, sequenceGap[lastDone+1]).Before(asOf) {
				seen["next step due but never created"] = true
			}
		}
	}
	for _, want := range []string{"late step", "canceled step", "open step past due", "open step not yet due",
		"corporate lead, all steps on time", "corporate lead without activities", "non-corporate lead with sequence steps",
		"corporate lead with unnumbered activities", "lead Open", "lead Qualified", "lead Disqualified",
		"next step due but never created"} {
		if !seen[want] {
			t.Errorf("no lead shows %q", want)
		}
	}
}

// checkSequence checks that a lead's numbered steps follow the rule (kind,
// order, due dates) and returns the last completed step.
func checkSequence(t *testing.T, lead map[string]string, s map[int]map[string]string) int {
	t.Helper()
	kinds := map[int]string{1: "phonecall", 2: "email", 3: "email", 4: "phonecall"}
	created := mustTime(t, "lead createdon", lead["createdon"])
	last := 0
	for k := 1; k <= 4; k++ {
		a := s[k]
		if a == nil {
			continue
		}
		if a["activitytypecode"] != kinds[k] {
			t.Errorf("lead %s step %d is a %s, want %s", lead["leadid"], k, a["activitytypecode"], kinds[k])
		}
		due := mustTime(t, "scheduledend", a["scheduledend"])
		want := created.Format("2006-01-02")
		if k > 1 {
			prev := s[k-1]
			if prev == nil || prev["statecode"] != "Completed" {
				t.Errorf("lead %s has step %d without a completed step %d", lead["leadid"], k, k-1)
				continue
			}
			want = mustTime(t, "actualend", prev["actualend"]).AddDate(0, 0, sequenceGap[k]).Format("2006-01-02")
		}
		if got := due.Format("2006-01-02"); got != want {
			t.Errorf("lead %s step %d due %s, want %s", lead["leadid"], k, got, want)
		}
		if a["statecode"] == "Completed" {
			last = k
		}
	}
	return last
}
