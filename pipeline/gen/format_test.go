package gen

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

func TestAppendTypo(t *testing.T) {
	tests := []struct {
		in   string
		typo typo
		want string
	}{
		{"Anthony", typo{op: typoSubstitute, at: 0.2, letter: 'c'}, "Acthony"},
		{"Belles", typo{op: typoSubstitute, at: 0, letter: 'u'}, "Uelles"},
		{"Belles", typo{op: typoSubstitute, at: 0, letter: 'b'}, "Celles"},
		{"Anthony", typo{op: typoSubstitute, at: 0.2, letter: 'n'}, "Aothony"}, // same letter: next one
		{"Hawkey", typo{op: typoDelete, at: 0.5, letter: 'x'}, "Hawey"},
		{"Hawkey", typo{op: typoInsert, at: 0.5, letter: 'i'}, "Hawikey"},
		{"Hawkey", typo{op: typoTranspose, at: 0.5, letter: 'x'}, "Haweky"},
		{"Moss", typo{op: typoTranspose, at: 0.5, letter: 'x'}, "Moxss"}, // equal letters: insert instead
		{"Li", typo{op: typoDelete, at: 0.5, letter: 'x'}, "Lxi"},        // too short to drop a letter
		{"Muñoz", typo{op: typoSubstitute, at: 0.45, letter: 'a'}, "Muñaz"},
		{"Zoë", typo{op: typoSubstitute, at: 0.9, letter: 'a'}, "Zoë"}, // no ASCII letter left
		{"Smith", typo{op: typoNone, at: 0.5, letter: 'a'}, "Smith"},
	}
	for _, tt := range tests {
		got := string(appendTypo([]byte("x:"), tt.in, tt.typo))
		if got != "x:"+tt.want {
			t.Errorf("appendTypo(%q, %+v) = %q, want %q", tt.in, tt.typo, got, "x:"+tt.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("appendTypo(%q) produced invalid UTF-8 %q", tt.in, got)
		}
	}
}

func TestAppendPhone(t *testing.T) {
	ph := phone{digits: [10]byte([]byte("9835660706")), ext: [5]byte([]byte("9509\x00")), extLen: 4}
	tests := []struct {
		format uint8
		ext    bool
		want   string
	}{
		{fmtDash, false, "983-566-0706"},
		{fmtParen, false, "(983)566-0706"},
		{fmtDot, true, "983.566.0706x9509"},
		{fmtPlus1, false, "+1-983-566-0706"},
		{fmtIntl, true, "001-983-566-0706x9509"},
		{fmtPlain, true, "9835660706"},
	}
	for _, tt := range tests {
		p := ph
		p.format = tt.format
		if !tt.ext {
			p.extLen = 0
		}
		if got := string(appendPhone(nil, &p)); got != tt.want {
			t.Errorf("format %d ext %v: got %q, want %q", tt.format, tt.ext, got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		y         int
		m         time.Month
		d         int
		mdy, iso  string
		sinceUnix int32
	}{
		{1970, 1, 1, "1/1/1970", "1970-01-01", 0},
		{1986, 5, 8, "5/8/1986", "1986-05-08", 5971},
		{2026, 11, 27, "11/27/2026", "2026-11-27", 20784},
		{1944, 12, 31, "12/31/1944", "1944-12-31", -9132},
	}
	for _, tt := range tests {
		day := fromCivil(tt.y, tt.m, tt.d)
		if day != tt.sinceUnix {
			t.Errorf("fromCivil(%d-%d-%d) = %d, want %d", tt.y, tt.m, tt.d, day, tt.sinceUnix)
		}
		if got := string(appendDateMDY(nil, day)); got != tt.mdy {
			t.Errorf("appendDateMDY(%d) = %q, want %q", day, got, tt.mdy)
		}
		if got := string(appendDateISO(nil, day)); got != tt.iso {
			t.Errorf("appendDateISO(%d) = %q, want %q", day, got, tt.iso)
		}
	}
}

func TestMoney(t *testing.T) {
	for cents, want := range map[int64]string{2000000: "20000.00", 2000001: "20000.01",
		2500010: "25000.10", 99: "0.99", 150005: "1500.05"} {
		if got := money(cents); got != want {
			t.Errorf("money(%d) = %q, want %q", cents, got, want)
		}
	}
}

func TestMailForm(t *testing.T) {
	for in, want := range map[string]string{"O'Brien": "obrien", "Muñoz": "munoz", "Zoë": "zoe",
		"DeShawn": "deshawn", "Chloé": "chloe", "Smith": "smith"} {
		if got := mailForm(in); got != want {
			t.Errorf("mailForm(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDOBTypoChangesTheDate(t *testing.T) {
	dob := fromCivil(1986, 5, 8)
	kinds := map[string]int{}
	for i := range 300 {
		r := newRNG(1, streamRecord, uint64(i))
		got := dobTypo(&r, dob)
		y, m, d := civil(got)
		switch {
		case got == dob:
			t.Fatalf("dobTypo left %s unchanged", appendDateISO(nil, dob))
		case y == 1986 && m == 8 && d == 5:
			kinds["swap"]++
		case y == 1986 && (got == dob+1 || got == dob-1):
			kinds["day"]++
		case y != 1986 && y/10 == 198 && m == 5 && d == 8:
			kinds["year"]++
		default:
			t.Fatalf("dobTypo(1986-05-08) = %s: not a known kind of typo", appendDateISO(nil, got))
		}
	}
	if len(kinds) != 3 {
		t.Errorf("typo kinds seen %v, want swap, day and year", kinds)
	}
}

func TestRNGIsUniformEnough(t *testing.T) {
	r := newRNG(7, streamPlan, 1)
	var hist [10]int
	for range 100000 {
		hist[r.intn(10)]++
	}
	for i, n := range hist {
		if n < 9500 || n > 10500 {
			t.Errorf("bucket %d has %d of 100000 draws, want about 10000", i, n)
		}
	}
	sum := 0
	for range 20000 {
		sum += r.poisson(4)
	}
	if mean := float64(sum) / 20000; mean < 3.9 || mean > 4.1 {
		t.Errorf("poisson(4) mean %.3f, want about 4", mean)
	}
}

// TestPhonesAreValid checks that generated numbers are real North American
// numbers, so that a normalizer checking IsValidNumber keeps them. The
// number is checked in E.164 form: whether "001-" is read as the country
// code is the normalizer's business.
func TestPhonesAreValid(t *testing.T) {
	opts, err := Options{Persons: 1, Seed: 3}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	g := newGenerator(opts)
	invalid := 0
	for i := range 2000 {
		r := newRNG(3, streamPerson, uint64(i))
		ph := g.newPhone(&r, int32(g.pools.cityZ.pick(&r)))
		s := "+1" + string(ph.digits[:])
		n, err := phonenumbers.Parse(s, "US")
		if err != nil || !phonenumbers.IsValidNumber(n) {
			invalid++
			if invalid < 5 {
				t.Logf("invalid: %q (%v)", s, err)
			}
		}
	}
	if invalid > 20 {
		t.Errorf("%d of 2000 phone numbers are invalid, want at most 1%%", invalid)
	}
}
