package transform

import (
	"strings"
	"time"
)

// Mapping maps attribute types to the source fields that feed them (same
// shape as sources.Source.People). Several fields feeding one attribute are
// joined with single spaces in the order given (FEBRL's street_number,
// address_1, address_2 make one Street).
type Mapping map[Attr][]string

// Normalizer turns source records into Persons. Its zero value is ready to
// use. It is safe for concurrent use: Person reads the fields and never
// changes them.
type Normalizer struct {
	// Region is the ISO 3166 region assumed for phone numbers written
	// without a country code; "" means DefaultRegion ("US").
	Region string
	// AsOf is the date of the run: birth and creation dates after its
	// calendar date are Invalid. The zero time sets no upper bound.
	AsOf time.Time
	// EarliestYear is the earliest year of a valid date; 0 means the
	// package's EarliestYear (1880). Data sets of historical figures set
	// it lower.
	EarliestYear int
}

// Person normalizes one record. source and id name it, line is its line in
// the input file; m says which fields feed which attribute, and get returns
// the raw value of a field ("" when absent).
//
// Given and Surname come from their own fields when they have a usable
// value. When a record has no such field, or the field is blank or Invalid,
// and it has a full name, the missing part is taken from ParseFullName,
// with the other part (when present) as the hint that resolves "Last
// First" order. Postcode and State are read with the record's Country.
// Phone is Invalid for numbers that are not valid; PhoneDigits is set for
// any number so that matching can still compare those.
func (n *Normalizer) Person(source, id string, line int, m Mapping, get func(field string) string) Person {
	p := Person{Source: source, ID: id, Line: line}
	field := func(a Attr) string { return joinFields(m[a], get) }

	n.names(&p, field(GivenName), field(Surname), field(FullName))

	raw := field(BirthDate)
	p.BirthDateRaw = raw
	p.BirthDate, p.BirthDateStat = parseDate(raw, n.earliestYear(), n.AsOf)

	p.Email = value(field(Email), NormalizeEmail)
	raw = field(Phone)
	e164, ext, st := NormalizePhone(raw, n.region())
	p.Phone = NewValue(raw, e164, st)
	p.PhoneExt = ext
	if st != Empty {
		p.PhoneDigits = PhoneDigits(raw, n.region())
	}

	p.Country = value(field(Country), NormalizeCountry)
	raw = field(Postcode)
	pc, st := postcodeIn(raw, p.Country.Norm())
	p.Postcode = NewValue(raw, pc, st)
	raw = field(State)
	state, st := stateIn(raw, p.Country.Norm())
	p.State = NewValue(raw, state, st)
	p.Street = value(field(Street), NormalizeStreet)
	p.City = value(field(City), NormalizeCity)

	p.NationalID = value(field(NationalID), NormalizeNationalID)
	p.Gender = value(field(Gender), NormalizeGender)
	p.Text = value(field(Text), NormalizeText)
	p.CreatedOn, _ = parseDate(field(CreatedOn), n.earliestYear(), n.AsOf)
	return p
}

// names fills the name attributes of p from the raw given name, surname and
// full name.
func (n *Normalizer) names(p *Person, given, surname, full string) {
	p.Given = nameValue(given)
	p.Surname = nameValue(surname)
	p.FullName = value(full, NormalizeFullName)
	needGiven := p.Given.Status == Empty || p.Given.Status == Invalid
	needSurname := p.Surname.Status == Empty || p.Surname.Status == Invalid
	if (!needGiven && !needSurname) || p.FullName.Status == Empty || p.FullName.Status == Invalid {
		return
	}
	g, s := ParseFullName(full, p.Given.Norm(), p.Surname.Norm())
	if needGiven && g.Status != Empty {
		p.Given = g
	}
	if needSurname && s.Status != Empty {
		p.Surname = s
	}
}

// value runs a normalizer over raw and wraps the result.
func value(raw string, normalize func(string) (string, Status)) Value {
	norm, st := normalize(raw)
	return NewValue(raw, norm, st)
}

// joinFields returns the raw values of fields joined with single spaces,
// skipping blank ones; with one field it is that field's value untouched.
func joinFields(fields []string, get func(string) string) string {
	switch len(fields) {
	case 0:
		return ""
	case 1:
		return get(fields[0])
	}
	var b strings.Builder
	for _, f := range fields {
		v := strings.TrimSpace(get(f))
		if v == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(v)
	}
	return b.String()
}

// region returns the phone region in effect.
func (n *Normalizer) region() string {
	if n.Region == "" {
		return DefaultRegion
	}
	return n.Region
}

// earliestYear returns the earliest valid year in effect.
func (n *Normalizer) earliestYear() int {
	if n.EarliestYear == 0 {
		return EarliestYear
	}
	return n.EarliestYear
}
