package transform

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	asOf := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		raw  string
		want Date
		st   Status
	}{
		// Contoso: M/D/YYYY in Contacts, YYYY-MM-DD in Loyalty.
		{"5/8/1986", Date{1986, 5, 8}, OK},
		{"8/28/1975", Date{1975, 8, 28}, OK},
		{"12/23/2018", Date{2018, 12, 23}, OK},
		{"2018-05-08", Date{2018, 5, 8}, OK},
		{" 1974-08-01 ", Date{1974, 8, 1}, OK},
		// FEBRL: YYYYMMDD.
		{"19081209", Date{1908, 12, 9}, OK},
		{"19990219", Date{1999, 2, 19}, OK},
		// Other separators and widths.
		{"2018/5/8", Date{2018, 5, 8}, OK},
		{"2018.05.08", Date{2018, 5, 8}, OK},
		{"05-08-1986", Date{1986, 5, 8}, OK},
		// D/M/YYYY only when the first number cannot be a month.
		{"25/12/1990", Date{1990, 12, 25}, OK},
		{"12/25/1990", Date{1990, 12, 25}, OK},
		{"13/13/1990", Date{}, Invalid},
		// Month names.
		{"5 Aug 1974", Date{1974, 8, 5}, OK},
		{"August 5, 1974", Date{1974, 8, 5}, OK},
		{"Sept 5 1974", Date{1974, 9, 5}, OK},
		{"1974-Aug-05", Date{1974, 8, 5}, OK},
		{"5 Foo 1974", Date{}, Invalid},
		// A time of day is dropped.
		{"3/14/2017 10:22", Date{2017, 3, 14}, OK},
		{"3/14/2017 10:22 AM", Date{2017, 3, 14}, OK},
		{"2017-03-14T10:22:00Z", Date{2017, 3, 14}, OK},
		{"2017-03-14 10:22:00", Date{2017, 3, 14}, OK},
		// Impossible dates.
		{"2/30/1990", Date{}, Invalid},
		{"2/29/1990", Date{}, Invalid},
		{"2/29/1992", Date{1992, 2, 29}, OK},
		{"2/29/1900", Date{}, Invalid},
		{"2/29/2000", Date{2000, 2, 29}, OK},
		{"4/31/1990", Date{}, Invalid},
		{"1990-13-01", Date{}, Invalid},
		{"1990-00-10", Date{}, Invalid},
		{"1990-01-00", Date{}, Invalid},
		{"19901301", Date{}, Invalid},
		// Years out of range.
		{"1879-12-31", Date{}, Invalid},
		{"1880-01-01", Date{1880, 1, 1}, OK},
		{"2026-11-27", Date{2026, 11, 27}, OK}, // asOf's own day
		{"2026-11-28", Date{}, Invalid},
		{"2027-01-01", Date{}, Invalid},
		{"-1630-08-01", Date{}, Invalid},
		// Not dates.
		{"", Date{}, Empty},
		{"  ", Date{}, Empty},
		{"5/8/86", Date{}, Invalid}, // two-digit year
		{"1986", Date{}, Invalid},
		{"5/8", Date{}, Invalid},
		{"1/2/3/2004", Date{}, Invalid},
		{"198605081", Date{}, Invalid},
		{"yesterday", Date{}, Invalid},
		{"2018-5-008", Date{}, Invalid},
	}
	for _, tt := range tests {
		got, st := ParseDate(tt.raw, asOf)
		if got != tt.want || st != tt.st {
			t.Errorf("ParseDate(%q) = %+v, %v; want %+v, %v", tt.raw, got, st, tt.want, tt.st)
		}
	}
}

func TestParseDateWithoutAsOf(t *testing.T) {
	got, st := ParseDate("2999-01-01", time.Time{})
	if want := (Date{2999, 1, 1}); got != want || st != OK {
		t.Errorf("ParseDate with zero asOf = %+v, %v; want %+v, ok", got, st, want)
	}
}

func TestParseDateAsOfInItsOwnZone(t *testing.T) {
	// 2026-11-28 01:00 in UTC+10 is still the 27th in UTC; the calendar
	// date of asOf in its own location is what counts.
	asOf := time.Date(2026, 11, 28, 1, 0, 0, 0, time.FixedZone("AEST", 10*3600))
	if _, st := ParseDate("2026-11-28", asOf); st != OK {
		t.Errorf("ParseDate(2026-11-28) as of %v: %v, want ok", asOf, st)
	}
}

func TestEarliestYear(t *testing.T) {
	n := Normalizer{EarliestYear: 1000}
	p := n.Person("historical", "Q1", 2, Mapping{BirthDate: {"dob"}}, func(string) string { return "1630-08-01" })
	if want := (Date{1630, 8, 1}); p.BirthDate != want || p.BirthDateStat != OK {
		t.Errorf("EarliestYear 1000: birth date %+v, %v; want %+v, ok", p.BirthDate, p.BirthDateStat, want)
	}
	p = (&Normalizer{}).Person("historical", "Q1", 2, Mapping{BirthDate: {"dob"}}, func(string) string { return "1630-08-01" })
	if p.BirthDateStat != Invalid {
		t.Errorf("default EarliestYear: 1630-08-01 is %v, want invalid", p.BirthDateStat)
	}
}
