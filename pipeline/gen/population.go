package gen

import (
	"fmt"
	"strings"
)

// Population names the kind of people a generated file holds.
type Population string

// The populations Write knows. Empty means PopulationDefault.
const (
	// PopulationDefault is a US customer base: surnames and given names
	// with US frequencies and a long tail of rare names, a few Hispanic
	// double surnames, hyphenated surnames and accented spellings.
	PopulationDefault Population = "default"
	// PopulationLowDiversity is a customer base with few surnames and few
	// given names, like a Vietnamese-American one: Nguyen about 38% of
	// people, 40 surnames in all, 30 Vietnamese given names per sex and,
	// for 30% of people, a common American given name.
	PopulationLowDiversity Population = "low-diversity"
)

// Populations lists the valid populations.
func Populations() []Population { return []Population{PopulationDefault, PopulationLowDiversity} }

// ParsePopulation returns the population named s ("" is the default).
func ParsePopulation(s string) (Population, error) {
	if s == "" {
		return PopulationDefault, nil
	}
	for _, p := range Populations() {
		if string(p) == s {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: population %q, want one of %v", ErrInvalidOptions, s, Populations())
}

// Rates of the name shapes of the default population, documented in doc.go.
const (
	hispanicDoubleRate = 0.12  // of persons with a Hispanic surname: a second one
	hyphenRate         = 0.006 // of persons: a hyphenated surname ("Smith-Jones")
	accentRate         = 0.25  // of persons whose name has an accented spelling: they use it
	accentDropRate     = 0.30  // of records of an accented name: written without accents
	usGivenShareLow    = 0.30  // low-diversity: share of common American given names
)

// population is the resolved name model of a Population.
type population struct {
	male, female, surnames namePool
	// usMale and usFemale are the American given names that a share
	// usGiven of a low-diversity population carries.
	usMale, usFemale namePool
	usGiven          float64
	// rich turns on double, hyphenated and accented names.
	rich       bool
	hispanic   namePool
	isHispanic map[string]bool
	accented   map[string]string
	similar    [2][][2]string // similar twin names: [0] female, [1] male
}

func newPopulation(kind Population) population {
	given := func(endings string) tailNames {
		return tailNames{onsets: strings.Fields(givenOnsets), middles: strings.Fields(givenMiddles),
			endings: strings.Fields(endings), first: 216, exponent: 1.1, oneMiddle: true}
	}
	usMale := newNamePool(maleGiven, usMaleHead, usMaleSegments, given(maleGivenEndings))
	usFemale := newNamePool(femaleGiven, usFemaleHead, usFemaleSegments, given(femaleGivenEndings))
	p := population{usMale: usMale, usFemale: usFemale, accented: map[string]string{}, isHispanic: map[string]bool{}}
	for i, list := range []string{similarFemale, similarMale} {
		for _, pair := range strings.Fields(list) {
			a, b, _ := strings.Cut(pair, ":")
			p.similar[i] = append(p.similar[i], [2]string{a, b})
		}
	}
	if kind == PopulationLowDiversity {
		steep := []segment{{4, 0.9}}
		p.male = newNamePool(vnMale, []float64{12, 9, 7}, steep, tailNames{})
		p.female = newNamePool(vnFemale, []float64{12, 9, 7}, steep, tailNames{})
		p.surnames = newNamePool(vnSurnames, vnSurnameShares, nil, tailNames{})
		p.usGiven = usGivenShareLow
		return p
	}
	p.male, p.female, p.rich = usMale, usFemale, true
	tail := tailNames{onsets: strings.Fields(surnameOnsets), middles: strings.Fields(surnameMiddles),
		endings: strings.Fields(surnameEndings), exponent: 1.1}
	tail.first = float64(len(strings.Fields(surnames)) + 1)
	p.surnames = newNamePool(surnames, usSurnameHead, usSurnameSegments, tail)
	var hisp []string
	for _, s := range strings.Fields(hispanicSurnames) {
		p.isHispanic[s] = true
		hisp = append(hisp, s)
	}
	p.hispanic = newNamePool(strings.Join(hisp, " "), []float64{1}, []segment{{2, 0.8}}, tailNames{})
	for _, pair := range strings.Fields(accentedNames) {
		plain, acc, _ := strings.Cut(pair, ":")
		p.accented[plain] = acc
	}
	return p
}

// drawGiven draws a given name for a person of the sex.
func (p *population) drawGiven(r *rng, male bool) pickedName {
	pool := &p.female
	if r.chance(p.usGiven) {
		pool = &p.usFemale
		if male {
			pool = &p.usMale
		}
	} else if male {
		pool = &p.male
	}
	n := pool.pick(r)
	if p.rich {
		n.name = p.accent(r, n.name)
	}
	return n
}

// drawSurname draws a surname: in the default population now and then a
// Hispanic double surname, a hyphenated one or an accented spelling.
func (p *population) drawSurname(r *rng) pickedName {
	n := p.surnames.pick(r)
	if !p.rich {
		return n
	}
	switch {
	case p.isHispanic[n.name] && r.chance(hispanicDoubleRate):
		second := p.hispanic.pick(r)
		if second.name != n.name {
			n = pickedName{p.accent(r, n.name) + " " + p.accent(r, second.name), n.share * second.share}
			return n
		}
	case r.chance(hyphenRate):
		other := p.surnames.pick(r)
		if other.name != n.name {
			return pickedName{n.name + "-" + other.name, n.share * other.share}
		}
	}
	n.name = p.accent(r, n.name)
	return n
}

// accent returns the accented spelling of name for a share accentRate of
// the persons whose name has one.
func (p *population) accent(r *rng, name string) string {
	if acc, ok := p.accented[name]; ok && r.chance(accentRate) {
		return acc
	}
	return name
}

// stripAccents writes a name without its accents, as a clerk's keyboard
// does ("García" -> "Garcia"); other characters are kept.
func stripAccents(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case strings.ContainsRune("áàâä", c):
			c = 'a'
		case strings.ContainsRune("éèêë", c):
			c = 'e'
		case strings.ContainsRune("íìîï", c):
			c = 'i'
		case strings.ContainsRune("óòôö", c):
			c = 'o'
		case strings.ContainsRune("úùûü", c):
			c = 'u'
		case c == 'ñ':
			c = 'n'
		case c == 'Á':
			c = 'A'
		case c == 'É':
			c = 'E'
		case c == 'Ñ':
			c = 'N'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// hasNonASCII reports whether s holds a byte outside ASCII.
func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}
