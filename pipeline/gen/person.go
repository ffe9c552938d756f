package gen

import (
	"math"
	"strconv"
	"strings"
)

// Record slots of a person: its contact record, a duplicate contact record,
// its loyalty record and a duplicate loyalty record.
const (
	slotContact = iota
	slotContactDup
	slotLoyalty
	slotLoyaltyDup
	numSlots
)

const (
	chunkSize  = 1024 // persons per chunk; even, so pairs never straddle chunks
	idBase     = 1000 // first number of CNTID_, LOYID_, PID_ and OPID_ ids
	numProduct = 500  // products ProdID_1000 .. ProdID_1499
)

// generator holds the resolved options and the immutable pools; it is safe
// for concurrent use once made.
type generator struct {
	opts  Options
	seed  int64
	asOf  int32 // days since 1970-01-01
	pools pools
	pop   population // the names of Options.Population
	// storePrice and webPrice are the whole-dollar prices of each product.
	storePrice, webPrice [numProduct]int
	// offsets[i] holds the first id numbers of chunk i, filled by writePersons.
	offsets []counts
	// loyaltyTotal is the number of loyalty rows, for orphan POS keys.
	loyaltyTotal int
}

type city struct{ name, state, zip, area, country string }

type pools struct {
	male, female, surnames []string
	surnameZ               zipf
	nick                   map[string]string
	suffixes               []string
	webmail                weighted
	placeholderEmails      weighted
	placeholderPhones      weighted
	cities                 []city
	cityZ, productZ        zipf
	occupations            []string
	occupationCum          []float64
	streetNames            []string
	lower                  map[string]string // e-mail forms of pool names
}

func newGenerator(o Options) *generator {
	g := &generator{opts: o, seed: o.Seed, asOf: int32(o.AsOf.Unix() / 86400)}
	g.pools = newPools()
	g.pop = newPopulation(o.Population)
	for i := range numProduct {
		r := newRNG(o.Seed, streamProduct, uint64(i))
		g.storePrice[i] = logUniform(&r, 10, 500)
		g.webPrice[i] = logUniform(&r, 100, 3000)
	}
	return g
}

// logUniform returns a whole number between lo and hi, log-uniformly.
func logUniform(r *rng, lo, hi float64) int {
	return int(math.Round(math.Exp(math.Log(lo) + r.float()*(math.Log(hi)-math.Log(lo)))))
}

func newPools() pools {
	p := pools{
		male:              strings.Fields(maleGiven),
		female:            strings.Fields(femaleGiven),
		surnames:          strings.Fields(surnames),
		suffixes:          strings.Fields(streetSuffixes),
		webmail:           newWeighted(webmailDomains),
		placeholderEmails: newWeighted(placeholderEmails),
		placeholderPhones: newWeighted(placeholderPhones),
		nick:              map[string]string{},
		lower:             map[string]string{},
	}
	p.surnameZ = newZipf(len(p.surnames), 10)
	for _, pair := range strings.Fields(nicknames) {
		full, short, _ := strings.Cut(pair, ":")
		p.nick[full] = short
	}
	for _, line := range strings.Split(cities, "\n") {
		f := strings.Split(line, "|")
		c := city{name: f[0], state: f[1], zip: f[2], area: f[3], country: "USA"}
		if c.zip[0] >= 'A' {
			c.country = "Canada"
		}
		p.cities = append(p.cities, c)
	}
	p.cityZ = newZipf(len(p.cities), 8)
	p.productZ = newZipf(numProduct, 20)
	total := 0.0
	for _, o := range strings.Fields(strings.ReplaceAll(occupations, " Engineer", "_Engineer")) {
		o = strings.ReplaceAll(o, "_", " ")
		name, share, _ := strings.Cut(o, ":")
		v, _ := strconv.ParseFloat(share, 64)
		total += v
		p.occupations = append(p.occupations, name)
		p.occupationCum = append(p.occupationCum, total)
	}
	for i := range p.occupationCum {
		p.occupationCum[i] /= total
	}
	p.streetNames = append(append([]string{}, p.surnames[:300]...), p.male[:60]...)
	p.streetNames = append(p.streetNames, p.female[:60]...)
	for _, list := range [][]string{p.male, p.female, p.surnames} {
		for _, s := range list {
			p.lower[s] = mailForm(s)
		}
	}
	for _, s := range p.nick {
		p.lower[s] = mailForm(s)
	}
	return p
}

// mailForm is a name as it appears in an e-mail address: lower case, ASCII
// letters only ("O'Brien" -> "obrien", "Muñoz" -> "munoz").
func mailForm(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteRune(c)
		case c >= 'A' && c <= 'Z':
			b.WriteRune(c + 'a' - 'A')
		case strings.ContainsRune("áàâäÁ", c):
			b.WriteByte('a')
		case strings.ContainsRune("éèêëÉ", c):
			b.WriteByte('e')
		case strings.ContainsRune("íìîïÍ", c):
			b.WriteByte('i')
		case strings.ContainsRune("óòôöÓ", c):
			b.WriteByte('o')
		case strings.ContainsRune("úùûüÚ", c):
			b.WriteByte('u')
		case c == 'ñ' || c == 'Ñ':
			b.WriteByte('n')
		}
	}
	return b.String()
}

// lowerName returns the e-mail form of a pool name, computing it for names
// outside the pools (generated surnames, typos).
func (p *pools) lowerName(s string) string {
	if l, ok := p.lower[s]; ok {
		return l
	}
	return mailForm(s)
}

// plan is what a person has: which records and how many purchases on each.
// It is cheap to compute, so ids can be numbered before rows are built.
type plan struct {
	has         [numSlots]bool
	buys        [numSlots]uint16
	guidContact bool // the contact id is a Dynamics GUID
}

func (g *generator) plan(n int64) plan {
	o := &g.opts
	r := newRNG(g.seed, streamPlan, uint64(n))
	var pl plan
	pl.has[slotContact] = r.chance(o.ContactRate)
	pl.has[slotLoyalty] = r.chance(o.LoyaltyRate)
	pick := r.float() * (o.ContactRate + o.LoyaltyRate)
	if !pl.has[slotContact] && !pl.has[slotLoyalty] {
		if pick < o.ContactRate {
			pl.has[slotContact] = true
		} else {
			pl.has[slotLoyalty] = true
		}
	}
	dup, dupPick := r.chance(o.DuplicateRate), r.chance(0.5)
	if dup {
		switch {
		case pl.has[slotContact] && (!pl.has[slotLoyalty] || dupPick):
			pl.has[slotContactDup] = true
		default:
			pl.has[slotLoyaltyDup] = true
		}
	}
	pl.guidContact = r.chance(0.001)
	var slots [numSlots]int
	k := 0
	for s, ok := range pl.has {
		if ok {
			slots[k] = s
			k++
		}
	}
	for range min(r.poisson(o.PurchasesPerPerson), 2000) {
		pl.buys[slots[r.intn(k)]]++
	}
	return pl
}

// person is the truth about one person, before any record noise.
type person struct {
	num     int64
	male    bool
	given   string
	surname string
	suffix  string // "Jr.", "Sr", "II" or empty
	// givenShare and surnameShare are the names' shares of the population
	// (given names among persons of one sex).
	givenShare, surnameShare float64
	dob                      int32  // days since 1970-01-01
	email                    string // set by finish once pairing has settled the name
	domain                   string // the person's company e-mail domain
	phone                    phone
	addr                     address
	family                   bool // email is a shared family address
	// contact is the index of the person's contact record in its chunk, or -1.
	contact int32
}

// phone is a US number as digits plus an extension and a preferred format.
type phone struct {
	digits [10]byte
	ext    [5]byte
	extLen uint8
	format uint8
}

type address struct {
	street string
	city   int32 // index into pools.cities
	postal string
}

func (g *generator) newPerson(n int64) person {
	r := newRNG(g.seed, streamPerson, uint64(n))
	p := person{num: n, contact: -1}
	g.setGiven(&r, &p, r.chance(0.5))
	sn := g.pop.drawSurname(&r)
	p.surname, p.surnameShare = sn.name, sn.share
	p.dob = g.asOf - int32(r.between(18*365, 85*365))
	p.addr = g.newAddress(&r)
	p.phone = g.newPhone(&r, p.addr.city)
	p.domain = g.companyDomain(&r)
	return p
}

func (g *generator) newAddress(r *rng) address {
	p := &g.pools
	ci := p.cityZ.pick(r)
	c := p.cities[ci]
	b := make([]byte, 0, 48)
	if r.chance(0.1) { // Faker's house numbers sometimes start with 0
		b = append(b, '0')
	} else {
		b = append(b, byte('1'+r.intn(9)))
	}
	b = appendDigits(b, r, r.between(2, 4))
	b = append(b, ' ')
	b = append(b, p.streetNames[r.intn(len(p.streetNames))]...)
	b = append(b, ' ')
	b = append(b, p.suffixes[r.intn(len(p.suffixes))]...)
	switch r.intn(4) {
	case 0:
		b = append(b, " Apt. "...)
		b = appendDigits(b, r, 3)
	case 1:
		b = append(b, " Suite "...)
		b = appendDigits(b, r, 3)
	}
	a := address{street: string(b), city: int32(ci)}
	if c.country == "Canada" {
		pc := []byte(c.zip + " 0A0")
		pc[4], pc[5], pc[6] = byte('0'+r.intn(10)), byte('A'+r.intn(26)), byte('0'+r.intn(10))
		a.postal = string(pc)
	} else {
		a.postal = string(appendDigits([]byte(c.zip), r, 2))
	}
	return a
}

// appendDigits appends n random decimal digits.
func appendDigits(b []byte, r *rng, n int) []byte {
	for range n {
		b = append(b, byte('0'+r.intn(10)))
	}
	return b
}

// Phone formats, as Faker writes US numbers.
const (
	fmtDash  = iota // 983-566-0706
	fmtParen        // (983)566-0706
	fmtDot          // 983.566.0706
	fmtPlus1        // +1-983-566-0706
	fmtIntl         // 001-983-566-0706
	fmtPlain        // 9835660706 (never with an extension)
	numPhoneFormats
)

// pickPhoneFormat weights the formats roughly as in the real contacts file.
func pickPhoneFormat(r *rng) uint8 {
	switch u := r.float(); {
	case u < 0.30:
		return fmtDash
	case u < 0.50:
		return fmtParen
	case u < 0.70:
		return fmtDot
	case u < 0.80:
		return fmtPlus1
	case u < 0.92:
		return fmtIntl
	}
	return fmtPlain
}

func (g *generator) newPhone(r *rng, cityIndex int32) phone {
	var ph phone
	area := g.pools.cities[cityIndex].area
	if r.chance(0.3) { // moved since getting the number
		area = g.pools.cities[g.pools.cityZ.pick(r)].area
	}
	copy(ph.digits[:3], area)
	ph.digits[3] = byte('2' + r.intn(8))
	for i := 4; i < 10; i++ {
		ph.digits[i] = byte('0' + r.intn(10))
	}
	if ph.digits[4] == '1' && ph.digits[5] == '1' { // no N11 exchanges
		ph.digits[5] = '2'
	}
	ph.format = pickPhoneFormat(r)
	if r.chance(0.45) {
		ph.extLen = uint8(r.between(3, 5))
		for i := range ph.extLen {
			ph.ext[i] = byte('0' + r.intn(10))
		}
	}
	return ph
}

// finish gives a person its e-mail address once its name is final.
func (g *generator) finish(p *person) {
	if p.email == "" {
		p.email = g.mailbox(p)
	}
}

// workEmail is first_last@domain, with a number when the company is
// likely to employ another person of the name: a company is taken to hold
// one person in companyPeople, so a name shared by more than companyPeople
// people in the world gets digits enough to tell them apart.
func (g *generator) workEmail(r *rng, given, surname, domain string, p *person) string {
	gl, sl := g.pools.lowerName(given), g.pools.lowerName(surname)
	b := make([]byte, 0, len(gl)+len(sl)+len(domain)+6)
	b = append(b, gl...)
	b = append(b, '_')
	b = append(b, sl...)
	for crowd := worldPeople * 0.5 * p.givenShare * p.surnameShare / companyPeople; crowd >= 1; crowd /= 10 {
		b = appendDigits(b, r, 1)
	}
	b = append(b, '@')
	b = append(b, domain...)
	return string(b)
}

// companyDomain makes a company domain from surnames, in the style of the
// real file: "collinsreedandhoward.com", "smithinc.com", "kimboyle.com".
func (g *generator) companyDomain(r *rng) string {
	p := &g.pools
	name := func() string { return p.lowerName(p.surnames[p.surnameZ.pick(r)]) }
	var b []byte
	switch u := r.intn(10); {
	case u < 2:
		b = append(append(append(append(b, name()...), name()...), "and"...), name()...)
	case u < 7:
		kinds := [...]string{"inc", "ltd", "llc", "group", "plc", "andsons", "corp"}
		b = append(append(b, name()...), kinds[r.intn(len(kinds))]...)
	case u < 9:
		b = append(append(b, name()...), name()...)
	default:
		b = append(append(append(b, name()...), '-'), name()...)
	}
	return string(append(b, ".com"...))
}
