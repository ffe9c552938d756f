package transform

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		raw, region string
		e164, ext   string
		st          Status
	}{
		// Contoso's Faker formats, valid numbers.
		{"3347007637", "US", "+13347007637", "", OK},
		{"857-766-9037x7724", "US", "+18577669037", "7724", OK},
		{"+1-857-766-9037x7724", "US", "+18577669037", "7724", OK},
		{"001-849-959-4245x1045", "US", "+18499594245", "1045", OK}, // Dominican Republic
		{"809.011.6396x1829", "US", "+18090116396", "1829", OK},     // exchange 0xx is valid there
		{"(334)700-7637", "US", "+13347007637", "", OK},
		{"1-334-700-7637", "US", "+13347007637", "", OK},
		{"011 1 334 700 7637", "US", "+13347007637", "", OK},
		{"+1 (334) 700-7637 ext. 12", "US", "+13347007637", "12", OK},
		{"334.700.7637 #12", "US", "+13347007637", "12", OK},
		{"334-700-7637 ext", "US", "+13347007637", "", OK},
		{"1-800-FLOWERS", "US", "+18003569377", "", OK},
		{"416-979-2323", "CA", "+14169792323", "", OK},
		{"3347007637", "", "+13347007637", "", OK}, // default region
		{"3347007637", "us", "+13347007637", "", OK},
		{"020 7946 0018", "gb", "+442079460018", "", OK},
		// Contoso's Faker formats that are not valid NANP numbers.
		{"983.566.0706x9509", "US", "", "", Invalid}, // 983 is not in phonenumbers' metadata
		{"+1-569-626-5660", "US", "", "", Invalid},
		{"001-811-506-2553x442", "US", "", "", Invalid},
		{"(067)681-4908", "US", "", "", Invalid},
		{"150-111-5060", "US", "", "", Invalid},
		{"787699373", "US", "", "", Invalid}, // lost its leading zero
		{"0787699373", "US", "", "", Invalid},
		// Other countries.
		{"+44 20 7946 0018", "US", "+442079460018", "", OK},
		{"020 7946 0018", "GB", "+442079460018", "", OK},
		{"(02) 9876 5432", "AU", "+61298765432", "", OK},
		{"0049 30 1234567", "DE", "+49301234567", "", OK},
		{"3347007637", "ZZ", "", "", Invalid}, // no country code, unknown region
		// Blank and junk.
		{"", "US", "", "", Empty},
		{"  ", "US", "", "", Empty},
		{"n/a", "US", "", "", Invalid},
		{"12", "US", "", "", Invalid},
	}
	for _, tt := range tests {
		e164, ext, st := NormalizePhone(tt.raw, tt.region)
		if e164 != tt.e164 || ext != tt.ext || st != tt.st {
			t.Errorf("NormalizePhone(%q, %q) = %q, %q, %v; want %q, %q, %v",
				tt.raw, tt.region, e164, ext, st, tt.e164, tt.ext, tt.st)
		}
	}
}

func TestPhoneDigits(t *testing.T) {
	tests := []struct {
		raw, region, want string
	}{
		{"983.566.0706x9509", "US", "9835660706"},
		{"+1-569-626-5660", "US", "5696265660"},
		{"569-626-5660", "US", "5696265660"},
		{"1-569-626-5660", "US", "5696265660"},
		{"001-811-506-2553x442", "US", "8115062553"},
		{"011 1 811 506 2553", "US", "8115062553"},
		{"(067)681-4908", "US", "676814908"},
		// Loyalty wrote these with the leading zero that Contacts lost.
		{"0787699373", "US", "787699373"},
		{"787699373", "US", "787699373"},
		{"0049094096", "US", "49094096"},
		{"49094096", "US", "49094096"},
		{"+1-004-613-0499", "US", "46130499"},
		{"004-613-0499", "US", "46130499"},
		// Ten digits starting 001 are not an international prefix.
		{"001-234-5678", "US", "12345678"},
		// Other countries.
		{"+44 20 7946 0018", "US", "442079460018"},
		{"020 7946 0018", "GB", "2079460018"},
		{"+44 20 7946 0018", "GB", "2079460018"},
		{"0044 20 7946 0018", "GB", "2079460018"},
		// Letters.
		{"1-800-FLOWERS", "US", "8003569377"},
		{"334-700-7637 (home)", "US", "3347007637"},
		{"", "US", ""},
		{"n/a", "US", ""},
		{"3347007637", "", "3347007637"},
	}
	for _, tt := range tests {
		if got := PhoneDigits(tt.raw, tt.region); got != tt.want {
			t.Errorf("PhoneDigits(%q, %q) = %q, want %q", tt.raw, tt.region, got, tt.want)
		}
	}
}

func TestSplitExtension(t *testing.T) {
	tests := []struct {
		raw, number, ext string
	}{
		{"983.566.0706x9509", "983.566.0706", "9509"},
		{"983.566.0706 X 9509", "983.566.0706 ", "9509"},
		{"983.566.0706 ext. 9509", "983.566.0706 ", "9509"},
		{"983.566.0706 Extension: 9509", "983.566.0706 ", "9509"},
		{"983.566.0706#9509", "983.566.0706", "9509"},
		{"983.566.0706;ext=9509", "983.566.0706", "9509"},
		{"983.566.0706", "983.566.0706", ""},
		{"1-800-FLOWERS", "1-800-FLOWERS", ""},
		{"x9509", "x9509", ""}, // no number before the marker
	}
	for _, tt := range tests {
		number, ext := splitExtension(tt.raw)
		if number != tt.number || ext != tt.ext {
			t.Errorf("splitExtension(%q) = %q, %q; want %q, %q", tt.raw, number, ext, tt.number, tt.ext)
		}
	}
}

// TestNANPRulesAgreeWithPhonenumbers checks the compiled fast path against
// phonenumbers.IsValidNumber: numbers with every four-digit prefix from
// 2000 to 9999 (so every area code and every leading-digits rule), and
// random ten-digit numbers.
func TestNANPRulesAgreeWithPhonenumbers(t *testing.T) {
	rules := loadNANPRules()
	if rules == nil {
		t.Fatal("phonenumbers metadata could not be compiled")
	}
	perPrefix, random := 4, 50_000
	if testing.Short() {
		perPrefix, random = 1, 5_000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var numbers []uint64
	for prefix := uint64(2000); prefix <= 9999; prefix++ {
		for range perPrefix {
			numbers = append(numbers, prefix*1_000_000+rng.Uint64N(1_000_000))
		}
	}
	for range random {
		numbers = append(numbers, 2_000_000_000+rng.Uint64N(8_000_000_000))
	}
	valid := 0
	for _, nsn := range numbers {
		s := strconv.FormatUint(nsn, 10)
		want := libraryValid(nsn)
		if want {
			valid++
		}
		if got := rules.valid(s); got != want {
			t.Errorf("nanpRules.valid(%s) = %v, phonenumbers.IsValidNumber says %v", s, got, want)
		}
	}
	// Both answers must occur, or the comparison proves nothing.
	if valid == 0 || valid == len(numbers) {
		t.Errorf("%d of %d numbers valid: the sample does not exercise both answers", valid, len(numbers))
	}
}

func TestMaxMatchLen(t *testing.T) {
	tests := []struct {
		pattern string
		want    int
		ok      bool
	}{
		{"^(?:268)", 3, true},
		{"^(?:8001|8[024]9)", 4, true},
		{"^(?:658|876)", 3, true},
		{"^(?:6(?:5)?)", 2, true},
		{`^(?:\d{2,5})`, 5, true},
		{`^(?:\d+)`, 0, false},
		{`^(?:a*)`, 0, false},
	}
	for _, tt := range tests {
		n, ok := maxMatchLen(tt.pattern)
		if n != tt.want || ok != tt.ok {
			t.Errorf("maxMatchLen(%q) = %d, %v; want %d, %v", tt.pattern, n, ok, tt.want, tt.ok)
		}
	}
}

// libraryValid asks phonenumbers whether the +1 number nsn is valid.
func libraryValid(nsn uint64) bool {
	code := int32(1)
	return phonenumbers.IsValidNumber(&phonenumbers.PhoneNumber{CountryCode: &code, NationalNumber: &nsn})
}

// slowPhone normalizes raw the plain way, with phonenumbers.Parse and
// IsValidNumber only, as a reference for NormalizePhone's fast path.
func slowPhone(raw, region string) string {
	number, _ := splitExtension(raw)
	num, err := phonenumbers.Parse(nanpInternational(number, region), region)
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return ""
	}
	return phonenumbers.Format(num, phonenumbers.E164)
}
