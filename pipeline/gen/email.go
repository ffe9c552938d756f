package gen

import (
	"math"
	"strconv"
	"strings"
)

// E-mail model, documented in doc.go.
const (
	workEmailShare = 0.20  // persons whose address is first_last@their company
	worldPeople    = 330e6 // people competing for bare user names on a big mail domain
	companyPeople  = 30000 // people per employee of a company, for work addresses
)

// webmailDomains are the big mail domains with their shares of personal
// addresses, roughly as in US consumer files.
const webmailDomains = `gmail.com:40 yahoo.com:14 hotmail.com:9 outlook.com:6 aol.com:5 icloud.com:5
comcast.net:4 msn.com:2 live.com:2 att.net:2 sbcglobal.net:2 verizon.net:2 me.com:1 ymail.com:1
charter.net:1 cox.net:1 bellsouth.net:1`

// Placeholders clerks type for customers who give no e-mail or phone,
// with their shares among placeholders.
const (
	placeholderEmails = `noemail@gmail.com:25 none@none.com:20 na@na.com:15 noemail@noemail.com:15
no@email.com:10 test@test.com:5 noemail@contoso.com:5 donotemail@contoso.com:5`
	placeholderPhones = `000-000-0000:30 555-555-5555:25 123-456-7890:15 999-999-9999:15 111-111-1111:10
0000000000:5`
)

// weighted is a list of strings drawn with fixed weights.
type weighted struct {
	items []string
	cum   []float64
}

// newWeighted parses "item:weight item:weight ...".
func newWeighted(list string) weighted {
	var w weighted
	total := 0.0
	for _, f := range strings.Fields(list) {
		i := strings.LastIndexByte(f, ':')
		v, _ := strconv.ParseFloat(f[i+1:], 64)
		total += v
		w.items = append(w.items, f[:i])
		w.cum = append(w.cum, total)
	}
	for i := range w.cum {
		w.cum[i] /= total
	}
	return w
}

func (w *weighted) pick(r *rng) string {
	s, _ := w.pickShare(r)
	return s
}

// pickShare draws an item and returns it with its share.
func (w *weighted) pickShare(r *rng) (string, float64) {
	u, prev := r.float(), 0.0
	for i, c := range w.cum {
		if u < c || i == len(w.cum)-1 {
			return w.items[i], c - prev
		}
		prev = c
	}
	return "", 0
}

// User name shapes of personal addresses and their weights. The bare
// shapes (no digits) are used only by people whose name is rare enough
// that the mailbox was still free; everyone else gets digits.
const (
	shapeFirstLastDigits      = iota // ronaldhicks92
	shapeFirstDotLast                // ronald.hicks
	shapeFirstLast                   // ronaldhicks
	shapeFirstDotLastDigits          // ronald.hicks1961
	shapeInitialLastDigits           // rhicks61
	shapeInitialLast                 // rhicks
	shapeFirstDigits                 // ronald427
	shapeFirstUnderLastDigits        // ronald_hicks7
	shapeLastFirstDigits             // hicksronald22
	numShapes
)

var shapeWeights = [numShapes]float64{30, 10, 8, 10, 10, 5, 9, 6, 5}

// mailbox returns the e-mail address a person gives: a work address for
// some, a personal address on a big mail domain for the rest. It draws
// from the person's own e-mail stream, so a relative sharing the mailbox
// can ask for the same address.
func (g *generator) mailbox(p *person) string {
	r := newRNG(g.seed, streamEmail, uint64(p.num))
	if r.chance(workEmailShare) {
		return g.workEmail(&r, p.given, p.surname, p.domain, p)
	}
	return g.webmail(&r, p)
}

// webmail is a personal address on a big mail domain derived from the
// person's name, usually with digits: a birth year or random ones, so that
// namesakes get addresses that differ only in their digits. A mailbox is
// one person's: the digits are made long enough that the user names of
// the shape, stem and domain outnumber the people in the world who would
// want one (worldPeople times the share of the stem), so that two
// customers almost never draw the same address; a bare user name (no
// digits) only for a stem fewer than one person in the world has.
func (g *generator) webmail(r *rng, p *person) string {
	gl, sl := g.pools.lowerName(p.given), g.pools.lowerName(p.surname)
	total := sum(shapeWeights[:])
	u, shape := r.float()*total, 0
	for shape < numShapes-1 && u >= shapeWeights[shape] {
		u -= shapeWeights[shape]
		shape++
	}
	domain, domainShare := g.pools.webmail.pickShare(r)
	// The share of people whose user name would have this stem.
	stem := 0.5 * p.givenShare * p.surnameShare
	switch shape {
	case shapeInitialLast, shapeInitialLastDigits:
		stem = p.surnameShare / 15
	case shapeFirstDigits:
		stem = 0.5 * p.givenShare
	}
	crowd := worldPeople * stem * shapeWeights[shape] / total * domainShare
	switch {
	case shape == shapeFirstDotLast && crowd >= 1:
		shape = shapeFirstDotLastDigits
	case shape == shapeFirstLast && crowd >= 1:
		shape = shapeFirstLastDigits
	case shape == shapeInitialLast && crowd >= 1:
		shape = shapeInitialLastDigits
	}
	b := make([]byte, 0, 40)
	switch shape {
	case shapeFirstLastDigits, shapeFirstLast:
		b = append(append(b, gl...), sl...)
	case shapeFirstDotLast, shapeFirstDotLastDigits:
		b = append(append(append(b, gl...), '.'), sl...)
	case shapeInitialLastDigits, shapeInitialLast:
		if gl != "" {
			b = append(b, gl[0])
		}
		b = append(b, sl...)
	case shapeFirstDigits:
		b = append(b, gl...)
	case shapeFirstUnderLastDigits:
		b = append(append(append(b, gl...), '_'), sl...)
	case shapeLastFirstDigits:
		b = append(append(b, sl...), gl...)
	}
	if shape != shapeFirstDotLast && shape != shapeFirstLast && shape != shapeInitialLast {
		b = appendUserDigits(b, r, p.dob, crowd)
	}
	return string(append(append(b, '@'), domain...))
}

// appendUserDigits appends the digits of a user name: the birth year's
// last two digits (35%) or all four (10%), or 1 to 4 random digits; then
// random digits until the possible suffixes outnumber crowd (a birth year
// counts as 70 possibilities).
func appendUserDigits(b []byte, r *rng, dob int32, crowd float64) []byte {
	y, _, _ := civil(dob)
	space := 70.0
	switch u := r.float(); {
	case u < 0.35:
		b = append(b, byte('0'+y/10%10), byte('0'+y%10))
	case u < 0.45:
		b = strconv.AppendInt(b, int64(y), 10)
	default:
		n := 2
		switch {
		case u < 0.60:
			n = 3
		case u < 0.65:
			n = 1
		case u < 0.70:
			n = 4
		}
		b = appendDigits(b, r, n)
		space = math.Pow(10, float64(n))
	}
	for ; space < crowd; space *= 10 {
		b = appendDigits(b, r, 1)
	}
	return b
}

// familyEmail is an address a household shares ("thesmiths58@gmail.com",
// "smithfamily417@yahoo.com"), with digits enough that households of one
// surname (about one in three people of the surname) rarely meet.
func (g *generator) familyEmail(r *rng, p *person) string {
	sl := g.pools.lowerName(p.surname)
	var b []byte
	if r.chance(0.5) {
		b = append(append(append(b, "the"...), sl...), 's')
	} else {
		b = append(append(b, sl...), "family"...)
	}
	domain, share := g.pools.webmail.pickShare(r)
	n := r.between(2, 3)
	b = appendDigits(b, r, n)
	for crowd := worldPeople * p.surnameShare / 3 * share / 2 / math.Pow(10, float64(n)); crowd >= 1; crowd /= 10 {
		b = appendDigits(b, r, 1)
	}
	return string(append(append(b, '@'), domain...))
}

func sum(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}
