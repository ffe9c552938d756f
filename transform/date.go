package transform

import (
	"strings"
	"time"
)

// EarliestYear is the default earliest year of a valid date: dates before
// it are taken for typing errors.
const EarliestYear = 1880

// ParseDate reads a calendar date written in one of these forms (a time of
// day after the date, "3/14/2017 10:22" or "2017-03-14T10:22:00Z", is
// ignored):
//
//   - year first: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (one-digit month and
//     day allowed), and YYYYMMDD as eight digits (FEBRL);
//   - year last, month first as US sources write it: M/D/YYYY, also with
//     "-" or "." between the parts; but when the first number is over 12 and
//     the second is not, it is read as D/M/YYYY ("25/12/1990"), since that
//     is the only reading that is a date;
//   - month names in English, full or three letters, in either order:
//     "5 Aug 1974", "August 5, 1974", "1974-Aug-05".
//
// Two-digit years are not accepted, since the century cannot be known.
// A blank input is Empty. Anything else that cannot be read, or an
// impossible date (February 30, month 13, a year before EarliestYear, or a
// date after asOf's calendar date when asOf is not zero), gives the zero
// Date and Invalid.
func ParseDate(raw string, asOf time.Time) (Date, Status) {
	return parseDate(raw, EarliestYear, asOf)
}

// parseDate is ParseDate with the earliest valid year as a parameter.
func parseDate(raw string, earliest int, asOf time.Time) (Date, Status) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return Date{}, Empty
	}
	if s[0] == '-' {
		return Date{}, Invalid // a year before the common era
	}
	y, m, d, ok := readDate(dropTimeOfDay(s))
	if !ok || !validDate(y, m, d, earliest, asOf) {
		return Date{}, Invalid
	}
	return Date{Year: int16(y), Month: int8(m), Day: int8(d)}, OK
}

// dropTimeOfDay cuts a time of day off the end of a date-time.
func dropTimeOfDay(s string) string {
	if len(s) > 10 && s[10] == 'T' && s[4] == '-' {
		return s[:10]
	}
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return s
	}
	if sp := strings.LastIndexAny(s[:colon], " T"); sp > 0 {
		return strings.TrimSpace(s[:sp])
	}
	return s
}

// readDate splits s into year, month and day; ok is false when s is not
// one of the accepted forms.
func readDate(s string) (y, m, d int, ok bool) {
	var parts [3]string
	n := 0
	for p := range strings.FieldsFuncSeq(s, isDateSeparator) {
		if n == len(parts) {
			return 0, 0, 0, false
		}
		parts[n] = p
		n++
	}
	switch {
	case n == 1 && len(parts[0]) == 8:
		y, ok1 := atoi(parts[0][:4])
		m, ok2 := atoi(parts[0][4:6])
		d, ok3 := atoi(parts[0][6:])
		return y, m, d, ok1 && ok2 && ok3
	case n != 3:
		return 0, 0, 0, false
	case len(parts[0]) == 4 && allDigits(parts[0]):
		return yearFirst(parts[0], parts[1], parts[2])
	case len(parts[2]) == 4:
		return yearLast(parts[0], parts[1], parts[2])
	}
	return 0, 0, 0, false
}

// isDateSeparator reports whether r separates the parts of a date.
func isDateSeparator(r rune) bool {
	switch r {
	case '/', '-', '.', ',', ' ', '\t':
		return true
	}
	return false
}

// yearFirst reads YYYY-MM-DD, where MM may be a month name.
func yearFirst(ys, ms, ds string) (y, m, d int, ok bool) {
	y, ok1 := atoi(ys)
	m, ok2 := month(ms)
	d, ok3 := atoi(ds)
	return y, m, d, ok1 && ok2 && ok3 && len(ds) <= 2
}

// yearLast reads M/D/YYYY, D/M/YYYY when only that reading is a date, or a
// month name with a day in either order.
func yearLast(a, b, ys string) (y, m, d int, ok bool) {
	y, ok = atoi(ys)
	if !ok {
		return 0, 0, 0, false
	}
	if m, ok := monthName(a); ok {
		d, ok := atoi(b)
		return y, m, d, ok && len(b) <= 2
	}
	if m, ok := monthName(b); ok {
		d, ok := atoi(a)
		return y, m, d, ok && len(a) <= 2
	}
	first, ok1 := atoi(a)
	second, ok2 := atoi(b)
	if !ok1 || !ok2 || len(a) > 2 || len(b) > 2 {
		return 0, 0, 0, false
	}
	if first > 12 && second <= 12 {
		return y, second, first, true
	}
	return y, first, second, true
}

// month reads a month number or name.
func month(s string) (int, bool) {
	if m, ok := atoi(s); ok {
		return m, len(s) <= 2
	}
	return monthName(s)
}

// monthName reads an English month name, full or abbreviated to three
// letters, in any case.
func monthName(s string) (int, bool) {
	if len(s) < 3 || !isASCIILetter(s[0]) {
		return 0, false
	}
	names := [...]string{"january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november", "december"}
	l := strings.ToLower(s)
	for i, name := range names {
		if l == name || l == name[:3] || (l == "sept" && i == 8) {
			return i + 1, true
		}
	}
	return 0, false
}

// atoi reads a non-empty string of ASCII digits of at most 9 bytes.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// validDate reports whether y-m-d exists, is not before the year earliest
// and, when asOf is not zero, is not after asOf's calendar date.
func validDate(y, m, d, earliest int, asOf time.Time) bool {
	if y < earliest || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return false
	}
	if asOf.IsZero() {
		return true
	}
	ay, am, ad := asOf.Date()
	switch {
	case y != ay:
		return y < ay
	case m != int(am):
		return m < int(am)
	}
	return d <= ad
}

// daysIn returns the number of days of month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
