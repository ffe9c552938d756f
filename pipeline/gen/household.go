package gen

// Relations between persons, documented in doc.go. Persons 8m+1..8m+8
// form a block; a block may start with a household of 3 to 5 people, and
// the pairs (2k-1, 2k) of a block not taken by one may become a household
// pair, namesakes, a parent and child of one name, or twins.
const (
	blockSize = 8 // persons per block; chunkSize is a multiple

	juniorMaleShare    = 0.9  // Jr./Sr. pairs that are father and son
	juniorSuffixShare  = 0.2  // Jr./Sr. pairs whose names carry a suffix
	suffixWrittenShare = 0.7  // records of a suffixed person that write it
	juniorPhoneShare   = 0.5  // Jr./Sr. pairs sharing a phone
	juniorMailShare    = 0.25 // Jr./Sr. pairs sharing one mailbox
	similarTwinShare   = 0.15 // twins given similar names (Ana, Anna)

	bigSpouseSurname = 0.85 // spouses in a large household sharing the surname
	bigLandline      = 0.5  // members of a large household giving the landline
	bigFamilyMail    = 0.3  // large households with a family e-mail address
	bigFamilyMailUse = 0.7  // members of such a household giving it
	bigJunior        = 0.1  // sons of a large household named after the father
)

// Kinds of pair relation.
const (
	pairStrangers = iota
	pairHousehold
	pairNamesake
	pairJuniorSenior
	pairTwins
)

// years is a number of years in days.
func years(n int) int32 { return int32(float64(n) * 365.2425) }

// pairUp applies the pair decisions to persons 2k-1 (a) and 2k (b) and
// returns their relation.
func (g *generator) pairUp(a, b *person) int {
	r := newRNG(g.seed, streamPair, uint64(a.num))
	o := &g.opts
	switch u := r.float(); {
	case u < o.HouseholdRate:
		b.surname, b.surnameShare = a.surname, a.surnameShare
		b.addr = a.addr
		for i := 0; b.given == a.given && i < 10; i++ {
			g.setGiven(&r, b, b.male)
		}
		if r.chance(0.3) {
			b.phone.digits = a.phone.digits
			b.phone.extLen = 0
		}
		if r.chance(0.2) {
			a.email = g.familyEmail(&r, a)
			b.email, a.family, b.family = a.email, true, true
		}
		return pairHousehold
	case u < o.HouseholdRate+o.SameNameRate:
		b.male, b.given, b.givenShare, b.surname, b.surnameShare = a.male, a.given, a.givenShare, a.surname, a.surnameShare
		return pairNamesake
	case u < o.HouseholdRate+o.SameNameRate+o.JuniorRate:
		g.juniorSenior(&r, a, b)
		return pairJuniorSenior
	case u < o.HouseholdRate+o.SameNameRate+o.JuniorRate+o.TwinRate:
		g.twins(&r, a, b)
		return pairTwins
	}
	return pairStrangers
}

// setGiven draws a new given name for p.
func (g *generator) setGiven(r *rng, p *person, male bool) {
	n := g.pop.drawGiven(r, male)
	p.male, p.given, p.givenShare = male, n.name, n.share
}

// juniorSenior makes a the parent and b the child of one given name and
// surname at one address, born 20 to 35 years apart.
func (g *generator) juniorSenior(r *rng, a, b *person) {
	male := r.chance(juniorMaleShare)
	if a.male != male {
		g.setGiven(r, a, male)
	}
	b.male, b.given, b.givenShare = a.male, a.given, a.givenShare
	b.surname, b.surnameShare, b.addr = a.surname, a.surnameShare, a.addr
	parentAge := r.between(38, 85)
	gap := r.between(20, min(35, parentAge-18))
	a.dob = g.asOf - years(parentAge) - int32(r.intn(365))
	b.dob = min(a.dob+years(gap)+int32(r.between(-150, 150)), g.asOf-years(18))
	if r.chance(juniorPhoneShare) {
		a.phone.extLen = 0
		b.phone = a.phone
	}
	if r.chance(juniorSuffixShare) {
		b.suffix = [...]string{"Jr.", "Jr", "II"}[r.intn(3)]
		a.suffix = [...]string{"Sr.", "Sr", ""}[r.intn(3)]
	}
	if r.chance(juniorMailShare) {
		a.email = g.mailbox(a)
		b.email = a.email
	}
}

// twins makes b the twin of a: same surname, birth date, address and
// phone, another given name (now and then a similar one).
func (g *generator) twins(r *rng, a, b *person) {
	b.surname, b.surnameShare, b.dob, b.addr, b.phone = a.surname, a.surnameShare, a.dob, a.addr, a.phone
	if r.chance(similarTwinShare) {
		sex := r.intn(2)
		pairs := g.pop.similar[sex]
		pair := pairs[r.intn(len(pairs))]
		a.male, b.male = sex == 1, sex == 1
		a.given, b.given = pair[0], pair[1]
		a.givenShare, b.givenShare = 1e-3, 1e-3
		return
	}
	for i := 0; b.given == a.given && i < 10; i++ {
		g.setGiven(r, b, b.male)
	}
}

// largeHousehold decides whether the block ms starts with a household of
// 3 to 5 people and, if so, makes it one: a head, a spouse and grown
// children sharing the surname and the address, often a landline and now
// and then a family e-mail address. It returns the household's size, 0
// for none.
func (g *generator) largeHousehold(ms []person) int {
	r := newRNG(g.seed, streamHousehold, uint64((ms[0].num-1)/blockSize))
	if !r.chance(g.opts.LargeHouseholdRate) {
		return 0
	}
	h := min(r.between(3, 5), len(ms))
	if h < 3 {
		return 0
	}
	head, spouse := &ms[0], &ms[1]
	head.dob = g.asOf - years(r.between(42, 78)) - int32(r.intn(365))
	if spouse.male == head.male && r.chance(0.95) {
		g.setGiven(&r, spouse, !head.male)
	}
	spouse.dob = head.dob + int32(r.between(-6*365, 6*365))
	if r.chance(bigSpouseSurname) {
		spouse.surname, spouse.surnameShare = head.surname, head.surnameShare
	}
	landline := head.phone
	landline.extLen = 0
	family := ""
	if r.chance(bigFamilyMail) {
		family = g.familyEmail(&r, head)
	}
	for i := range ms[:h] {
		m := &ms[i]
		m.addr = head.addr
		if i >= 2 {
			m.surname, m.surnameShare = head.surname, head.surnameShare
			m.dob = min(head.dob+years(r.between(20, 35))+int32(r.intn(365)), g.asOf-years(18)-int32(r.intn(365)))
			if m.male && head.male && r.chance(bigJunior) {
				m.given, m.givenShare = head.given, head.givenShare
			} else {
				for j := 0; j < 10 && sharesGiven(ms[:i], m); j++ {
					g.setGiven(&r, m, m.male)
				}
			}
		}
		if r.chance(bigLandline) {
			m.phone = landline
		}
		if family != "" && (i == 0 || r.chance(bigFamilyMailUse)) {
			m.email, m.family = family, true
		}
	}
	return h
}

// sharesGiven reports whether m has the given name of one of others.
func sharesGiven(others []person, m *person) bool {
	for i := range others {
		if others[i].given == m.given {
			return true
		}
	}
	return false
}
