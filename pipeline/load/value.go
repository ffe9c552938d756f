package load

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors for values that cannot be loaded. A RejectError wraps one of them.
var (
	ErrRequired  = errors.New("value is required")
	ErrDate      = errors.New("not a date (want M/D/YYYY or YYYY-MM-DD)")
	ErrTimestamp = errors.New("not a date-time (want YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM] or M/D/YYYY [H:MM[:SS]])")
	ErrMoney     = errors.New("not an amount (want digits with at most 2 decimals, e.g. 1234.50)")
	ErrInt       = errors.New("not a whole number")
	ErrFloat     = errors.New("not a number")
	ErrRange     = errors.New("out of range")
	ErrLabel     = errors.New("unknown label")
	ErrDuplicate = errors.New("duplicate key")
	ErrDangling  = errors.New("refers to a missing record")
	ErrFields    = errors.New("wrong number of fields")
	ErrCSV       = errors.New("malformed CSV")
	ErrNUL       = errors.New("holds a NUL byte")
	ErrText      = errors.New("not valid UTF-8 (declare the source's encoding if it is not UTF-8)")
	ErrWindow    = errors.New("outside the accepted dates")
)

// isWholeNumber reports whether s is a run of ASCII digits, as an integer
// option value of a choice column is.
func isWholeNumber(s string) bool {
	_, ok := atoiDigits(s, 1, 19)
	return ok
}

// MaxMoney bounds the size of an amount, in whole currency units. Larger
// amounts are typos, and sums of them would overflow the DECIMAL(18,2)
// columns later stages compute.
const MaxMoney = 1_000_000_000

// MaxInt bounds the size of a whole number. Larger ones are typos, and
// sums of them (club points) would overflow the BIGINT columns later stages
// compute.
const MaxInt = 1_000_000_000_000

// Window is a range of days, both ends included; a zero Latest is open.
type Window struct {
	Earliest, Latest time.Time
}

// DefaultDates is the window of every date and timestamp value by default.
func DefaultDates() Window {
	return Window{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)}
}

// DefaultBirthDates is the window of birth dates by default, that of
// DefaultDates; the pipeline ends it at the run's as_of day.
func DefaultBirthDates() Window { return DefaultDates() }

func (w Window) zero() bool { return w.Earliest.IsZero() && w.Latest.IsZero() }

// check reports ErrWindow when the day of t lies outside w.
func (w Window) check(t time.Time) error {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if day.Before(w.Earliest) || !w.Latest.IsZero() && day.After(w.Latest) {
		return fmt.Errorf("%w: %s is not within %s to %s", ErrWindow, day.Format(time.DateOnly),
			w.Earliest.Format(time.DateOnly), w.Latest.Format(time.DateOnly))
	}
	return nil
}

// parseDate reads M/D/YYYY or YYYY-MM-DD. A time part after a space or 'T'
// must be a valid time (see parseTimestamp) and is then dropped, so
// "2026-03-01T10:00:00Z" is March 1st, but "1/1/2020 banana" is no date.
func parseDate(s string) (time.Time, error) {
	if i := strings.IndexAny(s, " T"); i > 0 {
		if _, err := parseTimestamp(s); err != nil {
			return time.Time{}, ErrDate
		}
		s = s[:i]
	}
	y, m, d, ok := splitDate(s)
	if !ok || !validDate(y, m, d) {
		return time.Time{}, ErrDate
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// splitDate splits "YYYY-MM-DD" or "M/D/YYYY" into numbers.
func splitDate(s string) (y, m, d int, ok bool) {
	if p, ok := split3(s, '-'); ok && len(p[0]) == 4 {
		y, ok1 := atoiDigits(p[0], 4, 4)
		m, ok2 := atoiDigits(p[1], 1, 2)
		d, ok3 := atoiDigits(p[2], 1, 2)
		return y, m, d, ok1 && ok2 && ok3
	}
	if p, ok := split3(s, '/'); ok && len(p[2]) == 4 {
		m, ok1 := atoiDigits(p[0], 1, 2)
		d, ok2 := atoiDigits(p[1], 1, 2)
		y, ok3 := atoiDigits(p[2], 4, 4)
		return y, m, d, ok1 && ok2 && ok3
	}
	return 0, 0, 0, false
}

// split3 splits s at sep when sep occurs exactly twice, as strings.Split
// would but without allocating: every date of a million-person load went
// through here.
func split3(s string, sep byte) (p [3]string, ok bool) {
	i := strings.IndexByte(s, sep)
	if i < 0 {
		return p, false
	}
	j := strings.IndexByte(s[i+1:], sep)
	if j < 0 {
		return p, false
	}
	j += i + 1
	if strings.IndexByte(s[j+1:], sep) >= 0 {
		return p, false
	}
	return [3]string{s[:i], s[i+1 : j], s[j+1:]}, true
}

// atoiDigits parses an unsigned decimal of min to max digits.
func atoiDigits(s string, min, max int) (int, bool) {
	if len(s) < min || len(s) > max {
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

func validDate(y, m, d int) bool {
	if y < 1 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// timestampLayouts are tried in order after the date-only forms.
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"1/2/2006 15:04:05",
	"1/2/2006 15:04",
	"1/2/2006 3:04:05 PM",
	"1/2/2006 3:04 PM",
}

// parseTimestamp reads a date or an ISO 8601 date-time; the result is UTC.
func parseTimestamp(s string) (time.Time, error) {
	if !strings.ContainsAny(s, " T") {
		t, err := parseDate(s)
		if err != nil {
			return time.Time{}, ErrTimestamp
		}
		return t, nil
	}
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, ErrTimestamp
}

// parseMoney reads an amount into cents: an optional sign, an optional '$',
// digits with optional thousands commas (in groups of three: "1,234", never
// "12,50" or "1,2,3"), and up to two decimals (more are accepted only when
// they are zeros, so nothing is rounded away). Amounts beyond MaxMoney are
// ErrRange.
func parseMoney(s string) (int64, error) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	s = strings.TrimPrefix(s, "$")
	whole, frac, _ := strings.Cut(s, ".")
	if strings.Contains(whole, ",") {
		if !thousands(whole) {
			return 0, ErrMoney
		}
		whole = strings.ReplaceAll(whole, ",", "")
	}
	if whole == "" && frac == "" {
		return 0, ErrMoney
	}
	for len(frac) > 2 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	if len(frac) > 2 {
		return 0, ErrMoney
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" {
		whole = "0"
	}
	w, ok := atoiDigits(whole, 1, 16)
	f, ok2 := atoiDigits(frac, 2, 2)
	if !ok || !ok2 {
		return 0, ErrMoney
	}
	if w > MaxMoney || w == MaxMoney && f > 0 {
		return 0, fmt.Errorf("%w: more than %d", ErrRange, MaxMoney)
	}
	cents := int64(w)*100 + int64(f)
	if neg {
		cents = -cents
	}
	return cents, nil
}

// thousands reports whether s is digits grouped in threes by commas, the
// first group of one to three digits.
func thousands(s string) bool {
	groups := strings.Split(s, ",")
	for i, g := range groups {
		if _, ok := atoiDigits(g, 1, 3); !ok || i > 0 && len(g) != 3 {
			return false
		}
	}
	return true
}

// checkRange reports ErrRange when v lies outside [min, max]; nil bounds are open.
func checkRange(v float64, min, max *float64) error {
	if min != nil && v < *min {
		return fmt.Errorf("%w: %s is below %s", ErrRange, formatFloat(v), formatFloat(*min))
	}
	if max != nil && v > *max {
		return fmt.Errorf("%w: %s is above %s", ErrRange, formatFloat(v), formatFloat(*max))
	}
	return nil
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// parseFloat reads a finite decimal number: not hexadecimal ("0x1p3"),
// nor with underscores, as strconv.ParseFloat would allow.
func parseFloat(s string) (float64, error) {
	if strings.ContainsAny(s, "xXpP_") {
		return 0, ErrFloat
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, ErrFloat
	}
	return v, nil
}
