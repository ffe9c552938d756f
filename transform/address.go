package transform

import (
	"strings"
)

// NormalizePostcode returns the comparable form of a postcode. country is
// the record's country as written ("USA", "United States", "" when
// unknown).
//
// When country is the United States (see NormalizeCountry): ZIP+4
// ("90210-1234", "90210 1234", "902101234") becomes its ZIP5 ("90210"),
// and a 3- or 4-digit number gets back the leading zeros a spreadsheet took
// from it ("2134" -> "02134"); anything else that is not 5 digits is
// Invalid. When the country is unknown, only the unmistakable ZIP+4 shape
// "#####-####" is cut to 5 digits. Everywhere else the postcode keeps its
// letters and digits, lower-cased, without spaces or punctuation ("M9B 6B9"
// -> "m9b6b9"; FEBRL's 4-digit Australian "2776" stays "2776").
// A blank input is Empty; one with no letter or digit is Invalid.
func NormalizePostcode(raw, country string) (string, Status) {
	c, _ := NormalizeCountry(country)
	return postcodeIn(raw, c)
}

// postcodeIn is NormalizePostcode for a country already normalized by
// NormalizeCountry.
func postcodeIn(raw, c string) (string, Status) {
	if isBlank(raw) {
		return "", Empty
	}
	s := alphanumLower(raw)
	if s == "" {
		return "", Invalid
	}
	switch {
	case c == "us":
		return usZIP(s)
	case c == "" && isZIPPlus4(strings.TrimSpace(raw)):
		return s[:5], OK
	}
	return s, OK
}

// usZIP reads a US ZIP code from its letters and digits s.
func usZIP(s string) (string, Status) {
	if !allDigits(s) {
		return "", Invalid
	}
	switch len(s) {
	case 5:
		return s, OK
	case 9:
		return s[:5], OK
	case 3, 4:
		return strings.Repeat("0", 5-len(s)) + s, OK
	}
	return "", Invalid
}

// isZIPPlus4 reports whether s is "#####-####".
func isZIPPlus4(s string) bool {
	return len(s) == 10 && s[5] == '-' && allDigits(s[:5]) && allDigits(s[6:])
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// alphanumLower returns the letters and digits of s, folded (see Fold),
// with everything else removed.
func alphanumLower(s string) string {
	f := Fold(s)
	if strings.IndexByte(f, ' ') < 0 {
		return f
	}
	return strings.ReplaceAll(f, " ", "")
}

// NormalizeCity returns the comparable form of a city or suburb: Fold
// applied, then "st" -> "saint", "ste" -> "sainte", "ft" -> "fort" and
// "mt" -> "mount" word by word ("St. Paul" -> "saint paul"), and a
// leading "n", "s", "e", "w" spelled out ("N Las Vegas" -> "north las
// vegas"). Statuses are as for NormalizeName.
func NormalizeCity(raw string) (string, Status) {
	n, st := NormalizeName(raw)
	if st != OK {
		return n, st
	}
	return mapWords(n, cityWord), OK
}

// cityWord expands an abbreviation in a city name; i is the word's position.
func cityWord(w string, i int, _ []string) string {
	switch w {
	case "st":
		return "saint"
	case "ste":
		return "sainte"
	case "ft":
		return "fort"
	case "mt":
		return "mount"
	}
	if i == 0 {
		return directional(w)
	}
	return w
}

// mapWords applies f to each space-separated word of the folded string s
// and joins the results, allocating only when a word changes.
func mapWords(s string, f func(w string, i int, words []string) string) string {
	words := strings.Split(s, " ")
	changed := false
	for i, w := range words {
		if e := f(w, i, words); e != w {
			words[i] = e
			changed = true
		}
	}
	if !changed {
		return s
	}
	return strings.Join(words, " ")
}

// NormalizeCountry returns a country as its lower-case ISO 3166 alpha-2
// code for the countries c360's sources name ("USA", "United States",
// "U.S.A." -> "us"; "Canada" -> "ca"; "Australia" -> "au"; "United
// Kingdom", "UK" -> "gb"; "Mexico" -> "mx"; and a few more), and folded
// (see Fold) otherwise. Statuses are as for NormalizeName.
func NormalizeCountry(raw string) (string, Status) {
	n, st := NormalizeName(raw)
	if st != OK {
		return n, st
	}
	if code := countryCode(n); code != "" {
		return code, OK
	}
	return n, OK
}

// NormalizeState returns the comparable form of a state or province. When
// country is the United States or unknown (""), a US state, the District
// of Columbia or a territory, written in full or as its USPS code, becomes
// the lower-case two-letter USPS code ("California" -> "ca", "TX" ->
// "tx"); everything else is folded (see Fold): "Ontario" -> "ontario",
// FEBRL's "nsw" stays "nsw". Statuses are as for NormalizeName.
func NormalizeState(raw, country string) (string, Status) {
	c, _ := NormalizeCountry(country)
	return stateIn(raw, c)
}

// stateIn is NormalizeState for a country already normalized by
// NormalizeCountry.
func stateIn(raw, c string) (string, Status) {
	n, st := NormalizeName(raw)
	if st != OK {
		return n, st
	}
	if c != "" && c != "us" {
		return n, OK
	}
	if code := usStateCode(n); code != "" {
		return code, OK
	}
	return n, OK
}
