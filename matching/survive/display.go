package survive

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/contoso/c360/transform"
)

// tier ranks how usable a record's value of one attribute is.
type tier uint8

const (
	usable   tier = iota // Status OK
	fallback             // Junk, or Invalid with source text: used only when no record is usable
	unusable             // Empty, or nothing that can be shown
)

// value returns the record's field for a string attribute (not DateOfBirth).
func value(p *transform.Person, a Attribute) *transform.Value {
	switch a {
	case FirstName:
		return &p.Given
	case LastName:
		return &p.Surname
	case FullName:
		return &p.FullName
	case Email:
		return &p.Email
	case Phone:
		return &p.Phone
	case Gender:
		return &p.Gender
	case Postcode:
		return &p.Postcode
	case Street:
		return &p.Street
	case City:
		return &p.City
	case State:
		return &p.State
	case Country:
		return &p.Country
	}
	panic("survive: no field for " + a.String())
}

// rank returns the tier of the record's value of a and its comparable form
// (the date for DateOfBirth, whose key is "").
func rank(p *transform.Person, a Attribute) (tier, string, transform.Date) {
	if a == DateOfBirth {
		switch {
		case p.BirthDate.IsZero():
			return unusable, "", transform.Date{}
		case p.BirthDateStat == transform.OK:
			return usable, "", p.BirthDate
		case p.BirthDateStat == transform.Junk:
			return fallback, "", p.BirthDate
		}
		return unusable, "", transform.Date{}
	}
	v := value(p, a)
	if a == Gender {
		if v.Norm() != "m" && v.Norm() != "f" {
			return unusable, "", transform.Date{}
		}
		return tierOf(v.Status), v.Norm(), transform.Date{}
	}
	switch v.Status {
	case transform.OK, transform.Junk:
		if v.Norm() != "" {
			return tierOf(v.Status), v.Norm(), transform.Date{}
		}
		fallthrough // a normalizer left no comparable form: compare the text
	case transform.Invalid:
		if raw := strings.TrimSpace(v.Raw()); raw != "" {
			return tierOf(v.Status), raw, transform.Date{}
		}
	}
	return unusable, "", transform.Date{}
}

func tierOf(s transform.Status) tier {
	switch s {
	case transform.OK:
		return usable
	case transform.Junk, transform.Invalid:
		return fallback
	}
	return unusable
}

// display returns the value of string attribute a to show for record p.
func display(p *transform.Person, a Attribute) string {
	v := value(p, a)
	switch a {
	case FirstName, LastName, FullName, City:
		return orNorm(tidyName(v.Raw()), v.Norm())
	case Street, Country:
		return orNorm(collapseSpace(v.Raw()), v.Norm())
	case Gender:
		if v.Norm() == "m" {
			return "Male"
		}
		return "Female"
	case State:
		if isLetters2(v.Norm()) {
			return strings.ToUpper(v.Norm())
		}
		return orNorm(collapseSpace(v.Raw()), v.Norm())
	}
	// Email, Phone, Postcode: the normalized form, else the source text.
	if v.Norm() != "" && v.Status != transform.Invalid {
		return v.Norm()
	}
	return collapseSpace(v.Raw())
}

func orNorm(shown, norm string) string {
	if shown != "" {
		return shown
	}
	return norm
}

func isLetters2(s string) bool {
	return len(s) == 2 && isASCIILetter(s[0]) && isASCIILetter(s[1])
}

func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// collapseSpace trims s and turns every run of white space inside it into
// one space. It returns s itself when nothing changes.
func collapseSpace(s string) string {
	s = strings.TrimSpace(s)
	clean := true
	prevSpace := false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if space && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = space
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// tidyName collapses white space and, when s is written all in upper or all
// in lower case, capitalizes it word by word: a letter at the start or after
// a space, hyphen, apostrophe or full stop is upper-cased, any other lower-cased.
// Mixed case is kept as written.
func tidyName(s string) string {
	s = collapseSpace(s)
	upper, lower := false, false
	for _, r := range s {
		upper = upper || unicode.IsUpper(r)
		lower = lower || unicode.IsLower(r)
	}
	if upper == lower { // mixed case, or no cased letter at all
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	start := true
	for _, r := range s {
		if start {
			b.WriteRune(unicode.ToTitle(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == ' ' || r == '-' || r == '\'' || r == '’' || r == '.'
	}
	return b.String()
}

// completeness scores the most_complete rule: the comparable form's length
// in characters.
func completeness(key string) int { return utf8.RuneCountInString(key) }
