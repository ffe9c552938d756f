package transform

// An Interner gives equal Values of the attributes that many records
// share (given names, surnames, cities, states, countries, genders,
// postcodes, birth dates as written) one copy of their text, so that a
// million records of "Smith" hold one string, not a million. It is not
// safe for concurrent use: give each goroutine its own.
type Interner struct {
	texts map[string]string
}

// NewInterner returns an empty Interner.
func NewInterner() *Interner { return &Interner{texts: make(map[string]string)} }

// Person makes p's shared attributes use the Interner's copies.
func (in *Interner) Person(p *Person) {
	for _, v := range [...]*Value{&p.Given, &p.Surname, &p.City, &p.State, &p.Country, &p.Gender, &p.Postcode} {
		v.text = in.text(v.text)
	}
	p.BirthDateRaw = in.text(p.BirthDateRaw)
}

func (in *Interner) text(s string) string {
	if s == "" {
		return ""
	}
	if t, ok := in.texts[s]; ok {
		return t
	}
	in.texts[s] = s
	return s
}
