package gen

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"
)

// Header lines of the CRM files: Dataverse logical names; choice columns
// are exported as labels.
const (
	AccountsHeader   = "accountid,name,customertypecode,ownerid,createdon"
	DealsHeader      = "opportunityid,name,parentaccountid,ownerid,estimatedvalue,closeprobability,estimatedclosedate,activestage,activestagestartedon,statecode,createdon,actualclosedate,actualvalue"
	TechChecksHeader = "techcheckid,opportunityid,reviewedby,reviewedon,result,details"
	LeadsHeader      = "leadid,subject,firstname,lastname,companyname,emailaddress1,telephone1,parentaccountid,ownerid,createdon,statecode"
	ActivitiesHeader = "activityid,activitytypecode,subject,regardingobjectid,ownerid,scheduledend,actualend,statecode,sequencestep"
)

// stageLabel is the activestage label of a deal stage, in English or Spanish.
func stageLabel(stage int, spanish bool) string {
	en := [...]string{"Qualify", "Develop", "Quote", "Tech Check", "Close"}
	es := [...]string{"Calificar", "Desarrollar", "Presupuesto", "Comprobación técnica", "Cierre"}
	if spanish {
		return es[stage]
	}
	return en[stage]
}

// stageChance is the default close probability of an open deal in a stage.
func stageChance(stage int) int { return [...]int{10, 25, 50, 70, 90}[stage] }

// Stage indexes.
const (
	stageQualify = iota
	stageDevelop
	stageQuote
	stageTechCheck
	stageClose
)

// techCheckThreshold is the estimated value, in cents, above which a deal
// needs a passed Tech Check before it may close.
const techCheckThreshold = 20000_00

// table is one CRM file.
type table struct {
	file   string
	header string // comma-separated column names
	rows   [][]string
}

func (t table) write(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(strings.Split(t.header, ","))
	cw.WriteAll(t.rows)
	return cw.Error()
}

// crm is a generated CRM sample.
type crm struct {
	accounts, deals, checks, leads, activities table
}

func (c *crm) tables() []table {
	return []table{c.accounts, c.deals, c.checks, c.leads, c.activities}
}

// crmBuilder carries the state of CRM generation: one random stream, so the
// whole sample follows from the seed.
type crmBuilder struct {
	g         *generator
	r         rng
	now       time.Time // the as-of date at 00:00 UTC
	owners    []string
	reviewers []string
	accounts  []account
	out       crm
}

type account struct {
	id, name, domain, owner string
	corporate               bool
}

// newCRM builds the CRM sample. Accounts scale with persons (Persons/50,
// between 20 and 2,000), with 1.5 deals and one lead per account; tech
// checks and activities follow from the deal and lead scenarios.
func (g *generator) newCRM() *crm {
	b := &crmBuilder{g: g, r: newRNG(g.seed, streamCRM, 0), now: g.opts.AsOf}
	b.out = crm{
		accounts:   table{file: AccountsFile, header: AccountsHeader},
		deals:      table{file: DealsFile, header: DealsHeader},
		checks:     table{file: TechChecksFile, header: TechChecksHeader},
		leads:      table{file: LeadsFile, header: LeadsHeader},
		activities: table{file: ActivitiesFile, header: ActivitiesHeader},
	}
	nAccounts := min(max(g.opts.Persons/50, 20), 2000)
	for range max(nAccounts/8, 5) {
		b.owners = append(b.owners, b.guid())
	}
	for range 3 {
		b.reviewers = append(b.reviewers, b.guid())
	}
	b.addAccounts(nAccounts)
	b.addDeals(nAccounts * 3 / 2)
	b.addLeads(nAccounts)
	return &b.out
}

func (b *crmBuilder) guid() string { return string(appendGUID(nil, &b.r)) }

func (b *crmBuilder) pick(list []string) string { return list[b.r.intn(len(list))] }

// at returns the as-of date moved by whole days plus a working-hours time.
func (b *crmBuilder) at(days int) time.Time {
	return b.now.AddDate(0, 0, days).Add(time.Duration(b.r.between(8*60, 17*60)) * time.Minute)
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func dateOnly(t time.Time) string { return t.UTC().Format("2006-01-02") }

// money formats cents with a dot and two decimals ("25000.00").
func money(cents int64) string {
	s := strconv.FormatInt(cents/100, 10) + "."
	if c := cents % 100; c < 10 {
		return s + "0" + strconv.FormatInt(c, 10)
	}
	return s + strconv.FormatInt(cents%100, 10)
}

func (b *crmBuilder) addAccounts(n int) {
	seen := map[string]bool{}
	for i := range n {
		a := account{id: b.guid(), owner: b.pick(b.owners)}
		// The first accounts alternate corporate and not, so small samples
		// hold both; afterwards about 45% are corporate.
		a.corporate = i%2 == 0
		if i >= 4 {
			a.corporate = b.r.chance(0.45)
		}
		a.name = b.companyName()
		for k := 2; seen[a.name]; k++ {
			a.name = b.companyName()
			if k > 5 {
				a.name += " " + strconv.Itoa(k)
			}
		}
		seen[a.name] = true
		a.domain = mailForm(strings.ReplaceAll(a.name, " and ", "")) + ".com"
		kind := "Corporate"
		accountTypes := [...]string{"Consumer", "Partner", "Reseller", "Vendor"}
		if !a.corporate {
			kind = accountTypes[b.r.intn(len(accountTypes))]
			if i < 4 {
				kind = accountTypes[i/2]
			}
		}
		b.accounts = append(b.accounts, a)
		b.out.accounts.rows = append(b.out.accounts.rows, []string{
			a.id, a.name, kind, a.owner, stamp(b.at(-b.r.between(400, 1500)))})
	}
}

// companyName is a business name built from surnames.
func (b *crmBuilder) companyName() string {
	p := &b.g.pools
	s := func() string { return p.surnames[p.surnameZ.pick(&b.r)] }
	switch b.r.intn(4) {
	case 0:
		return s() + " " + s() + " and " + s()
	case 1:
		kinds := [...]string{"Inc", "Ltd", "LLC", "Group", "PLC", "and Sons", "Holdings", "Partners"}
		return s() + " " + kinds[b.r.intn(len(kinds))]
	case 2:
		return s() + "-" + s()
	}
	kinds := [...]string{"Logistics", "Hotels", "Property Management", "Schools", "Clinics", "Storage", "Retail", "Offices"}
	return s() + " " + kinds[b.r.intn(len(kinds))]
}

// Deal scenarios: what happens to a deal and its tech checks.
const (
	dealOpenEarly       = iota // open in Qualify, Develop or Quote
	dealOpenPending            // open in Tech Check, over the threshold, no check yet
	dealOpenPassed             // open in Close with a passed check
	dealOpenNoCheck            // open in Close, over the threshold, no check (at risk)
	dealWonSmall               // won under the threshold, no check: compliant
	dealWonExact               // won at exactly 20000.00, no check: compliant
	dealWonPassed              // won over the threshold with a passed check
	dealWonConditions          // won with "Passed with conditions"
	dealWonFailThenPass        // failed first, passed later, then won
	dealWonNoCheck             // won over the threshold without a check: violation
	dealWonOnlyFailed          // won although the only check failed: violation
	dealSmallChecked           // under the threshold but checked anyway
	dealLost                   // lost, sometimes after a failed check
	numDealScenarios
)

// dealSpec is a deal to generate: its scenario, forced value in cents (0 to
// draw one) and whether its stage is written in Spanish.
type dealSpec struct {
	scenario int
	cents    int64
	spanish  bool
	stage    int // forced stage for open deals, -1 to draw
}

// forcedDeals guarantees that even the smallest sample holds every scenario,
// the boundary values and each Spanish stage label.
func forcedDeals() []dealSpec {
	var s []dealSpec
	for sc := range numDealScenarios {
		s = append(s, dealSpec{scenario: sc, stage: -1})
	}
	s = append(s,
		dealSpec{scenario: dealWonNoCheck, cents: techCheckThreshold + 1, stage: -1},
		dealSpec{scenario: dealWonExact, cents: techCheckThreshold, stage: -1},
		dealSpec{scenario: dealOpenEarly, cents: techCheckThreshold, stage: stageQuote},
		dealSpec{scenario: dealOpenEarly, stage: stageQualify},
		dealSpec{scenario: dealOpenEarly, stage: stageDevelop},
		dealSpec{scenario: dealOpenEarly, spanish: true, stage: stageQualify},
		dealSpec{scenario: dealOpenEarly, spanish: true, stage: stageDevelop},
		dealSpec{scenario: dealOpenEarly, spanish: true, stage: stageQuote},
		dealSpec{scenario: dealOpenPending, spanish: true, stage: stageTechCheck},
		dealSpec{scenario: dealWonPassed, spanish: true, stage: -1},
	)
	return s
}

func (b *crmBuilder) addDeals(n int) {
	specs := forcedDeals()
	weights := [numDealScenarios]int{30, 6, 5, 2, 14, 2, 10, 4, 3, 2, 1, 4, 12}
	total := 0
	for _, w := range weights {
		total += w
	}
	for len(specs) < n {
		u, sc := b.r.intn(total), 0
		for u >= weights[sc] {
			u -= weights[sc]
			sc++
		}
		specs = append(specs, dealSpec{scenario: sc, spanish: b.r.chance(0.05), stage: -1})
	}
	for _, s := range specs {
		b.addDeal(s)
	}
}

// dealValue draws the estimated value in cents for a scenario.
func (b *crmBuilder) dealValue(s dealSpec) int64 {
	if s.cents != 0 {
		return s.cents
	}
	switch s.scenario {
	case dealWonSmall, dealSmallChecked:
		return int64(b.r.between(1500_00, techCheckThreshold-1))
	case dealWonExact:
		return techCheckThreshold
	case dealOpenEarly, dealLost:
		if b.r.chance(0.5) {
			return int64(b.r.between(1500_00, techCheckThreshold-1))
		}
	}
	// over the threshold; about one in four a round number
	v := int64(b.r.between(techCheckThreshold+1, 250000_00))
	if b.r.chance(0.25) {
		v = v / 500_00 * 500_00
		if v <= techCheckThreshold {
			v += 500_00
		}
	}
	return v
}
