package gen

import (
	"math"
	"strconv"
)

// The output files of persons, in the order of chunkBuf.files.
const (
	fileContacts = iota
	fileLoyalty
	filePOS
	fileOnline
	fileTruth
	numPersonFiles
)

// personFileNames returns the file names, indexed by the file* constants.
func personFileNames() [numPersonFiles]string {
	return [...]string{ContactsFile, LoyaltyFile, POSFile, OnlineFile, TruthFile}
}

// personFileHeaders returns the header lines, indexed by the file* constants.
func personFileHeaders() [numPersonFiles]string {
	return [...]string{ContactsHeader, LoyaltyHeader, POSHeader, OnlineHeader, TruthHeader}
}

// record is one profile row of a chunk.
type record struct {
	person  int32 // index of the person in the chunk
	slot    uint8
	guid    bool  // contact id is a GUID rather than CNTID_n
	num     int64 // id number: CNTID_num or LOYID_num
	created int32 // CreatedOn, set when the row is rendered
	// placeholders holds the view's placeholder bits, set when rendered.
	placeholders uint8
}

// appendContactID appends the ContactId of a contact record.
func (g *generator) appendContactID(b []byte, rec *record) []byte {
	if rec.guid {
		r := newRNG(g.seed, streamGUID, uint64(rec.num))
		return appendGUID(b, &r)
	}
	return strconv.AppendInt(append(b, "CNTID_"...), rec.num, 10)
}

// appendContact appends one Contact.txt row (without a line end).
func (g *generator) appendContact(b []byte, p *person, rec *record) []byte {
	r := newRNG(g.seed, streamRecord+uint64(rec.slot), uint64(p.num))
	v := g.vary(&r, p, int(rec.slot))
	rec.created, rec.placeholders = v.created, v.placeholders
	b = g.appendContactID(b, rec)
	b = g.appendPersonFields(b, &v, appendDateMDY)
	b = appendText(append(b, ','), v.addr.postal, v.missing&missPostal != 0)
	b = appendText(append(b, ','), v.addr.street, v.missing&missStreet != 0)
	c := &g.pools.cities[v.addr.city]
	b = append(append(b, ','), c.name...)
	b = append(append(b, ','), c.state...)
	b = append(append(b, ','), c.country...)
	b = appendDateMDY(append(b, ','), v.created)
	b = append(b, ',')
	switch u := r.float(); {
	case u < 0.807:
		b = append(b, "medium"...)
	case u < 0.911:
		b = append(b, "low"...)
	default:
		b = append(b, "high"...)
	}
	b = appendYesNo(append(b, ','), r.chance(0.327))
	b = appendIncome(append(b, ','), &r)
	b = append(append(b, ','), g.occupation(&r)...)
	b = append(b, ',')
	switch u := r.float(); {
	case u < 0.5:
		b = append(b, "medium"...)
	case u < 0.764:
		b = append(b, "low"...)
	default:
		b = append(b, "high"...)
	}
	return b
}

// appendLoyalty appends one Customer-Loyalty.txt row; contact is the
// person's contact record or nil.
func (g *generator) appendLoyalty(b []byte, p *person, rec, contact *record) []byte {
	r := newRNG(g.seed, streamRecord+uint64(rec.slot), uint64(p.num))
	v := g.vary(&r, p, int(rec.slot))
	rec.created, rec.placeholders = v.created, v.placeholders
	b = strconv.AppendInt(append(b, "LOYID_"...), rec.num, 10)
	b = append(b, ',')
	if contact != nil {
		b = g.appendContactID(b, contact)
	}
	b = g.appendPersonFields(b, &v, appendDateISO)
	b = strconv.AppendInt(append(b, ','), int64(r.between(10, 355)), 10)
	b = appendYesNo(append(b, ','), r.chance(0.5))
	return appendDateISO(append(b, ','), v.created)
}

// appendPersonFields appends the columns contacts and loyalty share, from
// FirstName to Telephone, each preceded by a comma.
func (g *generator) appendPersonFields(b []byte, v *view, date func([]byte, int32) []byte) []byte {
	b = appendText(append(b, ','), v.given, false)
	b = appendText(append(b, ','), v.surname, false)
	b = append(b, ',')
	first, second := v.given, v.surname
	if v.swap {
		first, second = second, first
	}
	t1, t2 := v.typo, v.typo
	if (v.typo.token == 0) == v.swap { // the typo is in the surname
		t1.op = typoNone
	} else {
		t2.op = typoNone
	}
	b = appendTypo(b, first, t1)
	b = appendTypo(append(b, ' '), second, t2)
	b = append(b, ',')
	if v.missing&missDOB == 0 {
		b = date(b, v.dob)
	}
	b = append(b, ',')
	if v.missing&missGender == 0 {
		if v.male {
			b = append(b, "Male"...)
		} else {
			b = append(b, "Female"...)
		}
	}
	b = appendText(append(b, ','), v.email, v.missing&missEmail != 0)
	b = append(b, ',')
	switch {
	case v.missing&missPhone != 0:
	case v.placeholder != "":
		b = append(b, v.placeholder...)
	default:
		b = appendPhone(b, &v.phone)
	}
	return b
}

// occupation draws an occupation with the real file's shares.
func (g *generator) occupation(r *rng) string {
	u := r.float()
	for i, c := range g.pools.occupationCum {
		if u < c {
			return g.pools.occupations[i]
		}
	}
	return g.pools.occupations[len(g.pools.occupations)-1]
}

// appendIncome writes an income the way the real file does: "20000.0" for
// about one contact in six, otherwise a float with all its digits.
func appendIncome(b []byte, r *rng) []byte {
	if r.chance(0.157) {
		return append(b, "20000.0"...)
	}
	v := math.Exp(math.Log(60000) + 0.6*r.normal())
	v = max(20000.5, min(v, 450000)) + r.float()
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	for _, c := range b[start:] {
		if c == '.' {
			return b
		}
	}
	return append(b, ".0"...)
}

// appendPurchases appends the purchases of one profile record to the POS
// (loyalty records) or online (contact records) buffer, with truth rows.
func (g *generator) appendPurchases(cb *chunkBuf, p *person, rec *record, n int, next *int64) {
	r := newRNG(g.seed, streamBuys+uint64(rec.slot), uint64(p.num))
	store := rec.slot == slotLoyalty || rec.slot == slotLoyaltyDup
	file := fileOnline
	if store {
		file = filePOS
	}
	b, truth := cb.files[file], cb.files[fileTruth]
	span := int(g.asOf - rec.created)
	for range n {
		id := *next
		*next++
		orphan := r.chance(g.opts.OrphanRate)
		prod := g.pools.productZ.pick(&r)
		day := rec.created + int32(r.intn(max(span, 1)))
		switch {
		case orphan && store:
			b = strconv.AppendInt(append(b, "LOYID_"...), int64(idBase+g.loyaltyTotal)+id, 10)
		case orphan:
			b = appendGUID(b, &r)
		case store:
			b = strconv.AppendInt(append(b, "LOYID_"...), rec.num, 10)
		default:
			b = g.appendContactID(b, rec)
		}
		if store {
			b = strconv.AppendInt(append(b, ",PID_"...), id, 10)
			truth = strconv.AppendInt(append(truth, "pos,PID_"...), id, 10)
		} else {
			b = strconv.AppendInt(append(b, ",OPID_"...), id, 10)
			truth = strconv.AppendInt(append(truth, "online,OPID_"...), id, 10)
		}
		truth = append(truth, ',')
		if !orphan {
			truth = strconv.AppendInt(truth, p.num, 10)
		} else {
			cb.stats.OrphanPurchases++
		}
		truth = append(truth, '\n')
		b = strconv.AppendInt(append(b, ",ProdID_"...), int64(idBase+prod), 10)
		if store {
			price := g.storePrice[prod]
			b = appendDateISO(append(b, ','), day)
			b = strconv.AppendInt(append(b, ','), int64(price), 10)
			b = strconv.AppendInt(append(b, ','), int64(rewardPoints(&r, price)), 10)
			b = append(b, ",POS Purchase,Purchased a product In-Store\n"...)
		} else {
			b = appendDateMDY(append(b, ','), day)
			b = strconv.AppendInt(append(b, ','), int64(g.webPrice[prod]), 10)
			b = append(b, ",OnlinePurchase,Purchased a product online\n"...)
		}
	}
	cb.files[file], cb.files[fileTruth] = b, truth
	cb.stats.Purchases += n
	cb.rows[file] += n
}

// rewardPoints is the points a store purchase earns: the price, half of it,
// or a promotion bonus.
func rewardPoints(r *rng, price int) int {
	switch u := r.intn(10); {
	case u < 4:
		return price
	case u < 8:
		return max(price/2, 1)
	}
	return r.between(15, 420)
}

// appendText appends a CSV field, quoting it when it holds a comma, quote
// or line break; empty when missing.
func appendText(b []byte, s string, missing bool) []byte {
	if missing {
		return b
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ',' || c == '"' || c == '\n' || c == '\r' {
			return appendQuoted(b, s)
		}
	}
	return append(b, s...)
}

func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

func appendYesNo(b []byte, yes bool) []byte {
	if yes {
		return append(b, "Yes"...)
	}
	return append(b, "No"...)
}

// appendDateMDY appends day as M/D/YYYY.
func appendDateMDY(b []byte, day int32) []byte {
	y, m, d := civil(day)
	b = strconv.AppendInt(b, int64(m), 10)
	b = strconv.AppendInt(append(b, '/'), int64(d), 10)
	return strconv.AppendInt(append(b, '/'), int64(y), 10)
}

// appendDateISO appends day as YYYY-MM-DD.
func appendDateISO(b []byte, day int32) []byte {
	y, m, d := civil(day)
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+m/10), byte('0'+m%10), '-')
	return append(b, byte('0'+d/10), byte('0'+d%10))
}

// appendPhone appends a phone number in its format, with its extension.
func appendPhone(b []byte, ph *phone) []byte {
	d := ph.digits[:]
	switch ph.format {
	case fmtParen:
		b = append(append(append(append(append(b, '('), d[:3]...), ')'), d[3:6]...), '-')
		b = append(b, d[6:]...)
	case fmtDot:
		b = append(append(append(append(append(b, d[:3]...), '.'), d[3:6]...), '.'), d[6:]...)
	case fmtPlain:
		return append(b, d...)
	default:
		switch ph.format {
		case fmtPlus1:
			b = append(b, "+1-"...)
		case fmtIntl:
			b = append(b, "001-"...)
		}
		b = append(append(append(append(append(b, d[:3]...), '-'), d[3:6]...), '-'), d[6:]...)
	}
	if ph.extLen > 0 {
		b = append(append(b, 'x'), ph.ext[:ph.extLen]...)
	}
	return b
}

// appendGUID appends a random lower-case GUID (8-4-4-4-12 hex digits) in
// the Dataverse style, drawn from r.
func appendGUID(b []byte, r *rng) []byte {
	const hex = "0123456789abcdef"
	hi, lo := r.next(), r.next()
	for i := range 32 {
		if i == 8 || i == 12 || i == 16 || i == 20 {
			b = append(b, '-')
		}
		var nib uint64
		if i < 16 {
			nib = hi >> (60 - 4*i) & 0xf
		} else {
			nib = lo >> (60 - 4*(i-16)) & 0xf
		}
		b = append(b, hex[nib])
	}
	return b
}
