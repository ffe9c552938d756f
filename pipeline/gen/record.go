package gen

import (
	"math"
	"time"
)

// Fields a record may leave empty under MissingRate; the last two exist
// only in contacts.
const (
	missEmail = 1 << iota
	missPhone
	missDOB
	missGender
	missStreet
	missPostal
)

// view is one record's version of a person: the truth after noise.
type view struct {
	given, surname string
	swap           bool // FullName is "Last First"
	typo           typo // typo in FullName, if typo.op != typoNone
	dob            int32
	male           bool
	email          string
	phone          phone
	addr           address
	created        int32
	missing        uint8 // miss* bits
	// placeholder is a placeholder phone written instead of the phone.
	placeholder string
	// placeholders says which of e-mail and phone are placeholders
	// (placeholderEmail, placeholderPhone bits).
	placeholders uint8
}

// Bits of view.placeholders.
const (
	placeholderEmail = 1 << iota
	placeholderPhone
)

// vary draws the noise of one record from r. The first draw is always the
// record's creation date, so a duplicate can recompute its original's.
func (g *generator) vary(r *rng, p *person, slot int) view {
	o := &g.opts
	v := view{given: p.given, surname: p.surname, dob: p.dob, male: p.male,
		email: p.email, phone: p.phone, addr: p.addr}
	v.created = g.asOf - int32(r.between(60, 8*365))
	if slot == slotContactDup || slot == slotLoyaltyDup {
		orig := newRNG(g.seed, streamRecord+uint64(slot-1), uint64(p.num))
		first := g.asOf - int32(orig.between(60, 8*365))
		v.created = min(first+int32(r.between(30, 720)), g.asOf-1)
		g.varyDuplicate(r, p, &v, slot)
	}
	if p.suffix != "" && r.chance(suffixWrittenShare) {
		v.surname += " " + p.suffix
	}
	if hasNonASCII(v.given+v.surname) && r.chance(accentDropRate) {
		v.given, v.surname = stripAccents(v.given), stripAccents(v.surname)
	}
	v.swap = r.chance(o.NameSwapRate)
	if r.chance(o.NameTypoRate) {
		v.typo = newTypo(r)
	}
	if r.chance(o.PhoneFormatRate) {
		v.phone.format = (v.phone.format + uint8(r.between(1, numPhoneFormats-1))) % numPhoneFormats
	}
	if r.chance(o.PhoneChangeRate) {
		v.phone = g.newPhone(r, v.addr.city)
	}
	if r.chance(o.DOBTypoRate) {
		v.dob = dobTypo(r, v.dob)
	}
	if r.chance(o.GenderFlipRate) {
		v.male = !v.male
	}
	if r.chance(o.EmailChangeRate) {
		v.email = g.webmail(r, p)
	}
	if r.chance(o.MissingRate) {
		kinds := 4
		if slot == slotContact || slot == slotContactDup {
			kinds = 6
		}
		v.missing = 1 << r.intn(kinds)
	}
	if v.missing&missEmail == 0 && r.chance(o.PlaceholderEmailRate) {
		v.email = g.pools.placeholderEmails.pick(r)
		v.placeholders |= placeholderEmail
	}
	if v.missing&missPhone == 0 && r.chance(o.PlaceholderPhoneRate) {
		v.placeholder = g.pools.placeholderPhones.pick(r)
		v.placeholders |= placeholderPhone
	}
	return v
}

// varyDuplicate makes a second record of a person in the same source look
// like a separate sign-up: at least one of a nickname, a typed-in typo, a
// moved address (contacts only), a new phone or an e-mail on another domain.
func (g *generator) varyDuplicate(r *rng, p *person, v *view, slot int) {
	changed := false
	if nick, ok := g.pools.nick[v.given]; ok && r.chance(0.4) {
		v.given, changed = nick, true
	}
	if r.chance(0.25) {
		t := newTypo(r)
		if t.token == 0 {
			v.given = string(appendTypo(nil, v.given, t))
		} else {
			v.surname = string(appendTypo(nil, v.surname, t))
		}
		changed = true
	}
	if slot == slotContactDup && r.chance(0.4) {
		v.addr, changed = g.newAddress(r), true
	}
	if r.chance(0.15) {
		v.phone, changed = g.newPhone(r, v.addr.city), true
	}
	if newDomain := r.chance(0.5); newDomain || !changed {
		v.email = g.workEmail(r, v.given, v.surname, g.companyDomain(r), p)
	}
}

// dobTypo returns a wrong date of birth: day and month swapped, a day off,
// or the last digit of the year wrong.
func dobTypo(r *rng, dob int32) int32 {
	y, m, d := civil(dob)
	switch r.intn(3) {
	case 0:
		if d <= 12 && d != int(m) {
			return fromCivil(y, time.Month(d), int(m))
		}
		fallthrough
	case 1:
		if r.chance(0.5) {
			return dob + 1
		}
		return dob - 1
	}
	last := y % 10
	y += (last+r.between(1, 9))%10 - last
	return fromCivil(y, m, min(d, 28))
}

// Typo operations.
const (
	typoNone = iota
	typoSubstitute
	typoDelete
	typoInsert
	typoTranspose
)

// typo is one keyboard slip: at a relative position in one name token.
type typo struct {
	op     uint8
	token  uint8   // 0 given name, 1 surname
	at     float64 // position as a fraction of the token length
	letter byte
}

func newTypo(r *rng) typo {
	t := typo{token: uint8(r.intn(2)), at: r.float(), letter: byte('a' + r.intn(26))}
	switch u := r.intn(10); {
	case u < 7:
		t.op = typoSubstitute
	case u < 8:
		t.op = typoDelete
	case u < 9:
		t.op = typoInsert
	default:
		t.op = typoTranspose
	}
	return t
}

// appendTypo appends s with the typo applied. Only ASCII letters are
// touched, so accented names stay valid UTF-8, and a substituted capital
// stays a capital; a name with no ASCII letter at or after the chosen spot
// is appended unchanged.
func appendTypo(b []byte, s string, t typo) []byte {
	i := int(t.at * float64(len(s)))
	for i < len(s) && !isASCIILetter(s[i]) {
		i++
	}
	if t.op == typoNone || i >= len(s) {
		return append(b, s...)
	}
	switch t.op {
	case typoSubstitute:
		c := t.letter
		if c == s[i]|0x20 {
			c = 'a' + (c-'a'+1)%26
		}
		if s[i] < 'a' { // keep an initial capital
			c -= 'a' - 'A'
		}
		return append(append(append(b, s[:i]...), c), s[i+1:]...)
	case typoDelete:
		if len(s) > 2 {
			return append(append(b, s[:i]...), s[i+1:]...)
		}
	case typoTranspose:
		if i+1 < len(s) && isASCIILetter(s[i+1]) && s[i] != s[i+1] {
			return append(append(append(append(b, s[:i]...), s[i+1]), s[i]), s[i+2:]...)
		}
	}
	return append(append(append(b, s[:i]...), t.letter), s[i:]...)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// civil converts days since 1970-01-01 to a calendar date.
func civil(day int32) (int, time.Month, int) {
	return time.Unix(int64(day)*86400, 0).UTC().Date()
}

// fromCivil converts a calendar date to days since 1970-01-01.
func fromCivil(y int, m time.Month, d int) int32 {
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// normal draws a standard normal value (Box–Muller).
func (r *rng) normal() float64 {
	u := 1 - r.float()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*r.float())
}
