package transform

import (
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the region assumed for phone numbers written without a
// country code when a Normalizer's Region is empty.
const DefaultRegion = "US"

// NormalizePhone returns a phone number in E.164 form ("+15696265660") and
// its extension ("9509" for "983.566.0706x9509") apart. region is the
// ISO 3166 region assumed for numbers written without a country code ("" means
// DefaultRegion). A leading "001" before a ten-digit number of a North
// American (+1) region is read as the international prefix ("001-811-506-2553"
// is +1 811 506 2553).
//
// The number must be valid by github.com/nyaruka/phonenumbers
// (IsValidNumber), not merely possible: otherwise the status is Invalid and
// e164 and ext are "" (PhoneDigits still gives a comparable form). A blank
// input is Empty.
func NormalizePhone(raw, region string) (e164, ext string, st Status) {
	if isBlank(raw) {
		return "", "", Empty
	}
	region = phoneRegion(region)
	number, ext := splitExtension(raw)
	if national, ok := nanpNational(number, region); ok {
		if !validNANP(national) {
			return "", "", Invalid
		}
		return "+1" + national, ext, OK
	}
	number = nanpInternational(number, region)
	num, err := phonenumbers.Parse(number, region)
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return "", "", Invalid
	}
	return phonenumbers.Format(num, phonenumbers.E164), ext, OK
}

// nanpNational is the fast path of NormalizePhone for the common case: a
// region with country code 1 and a number written with digits and the
// usual separators only, as ten digits, or eleven starting "1" (or "+1"),
// or thirteen starting "001", or fourteen starting "0111". It returns the
// ten-digit national number, or ok false when the number must go through
// phonenumbers.Parse.
func nanpNational(number, region string) (national string, ok bool) {
	var d [14]byte
	n := 0
	plus := false
	for i := 0; i < len(number); i++ {
		switch c := number[i]; {
		case '0' <= c && c <= '9':
			if n == len(d) {
				return "", false
			}
			d[n] = c
			n++
		case c == '+' && n == 0 && !plus:
			plus = true
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t':
		default:
			return "", false
		}
	}
	if phonenumbers.GetCountryCodeForRegion(region) != 1 {
		return "", false
	}
	s := d[:n]
	switch {
	case plus && n == 11 && s[0] == '1':
		s = s[1:]
	case plus:
		return "", false
	case n == 10:
	case n == 11 && s[0] == '1':
		s = s[1:]
	case n == 13 && string(s[:3]) == "001":
		s = s[3:]
	case n == 14 && string(s[:4]) == "0111":
		s = s[4:]
	default:
		return "", false
	}
	return string(s), true
}

// validNANP reports whether the ten-digit North American number national is
// valid by phonenumbers' rules. Area codes starting with 0 or 1 do not exist
// in the North American Numbering Plan and are rejected at once (exchanges
// starting with 0 or 1 are not: the Dominican Republic's 809/829/849 use
// them). Other numbers go through nanpRules, the compiled form of
// phonenumbers.IsValidNumber, or IsValidNumber itself should the rules be
// unavailable.
func validNANP(national string) bool {
	if national[0] < '2' {
		return false
	}
	if rules := loadNANPRules(); rules != nil {
		return rules.valid(national)
	}
	n, err := strconv.ParseUint(national, 10, 64)
	if err != nil {
		return false
	}
	code := int32(1)
	return phonenumbers.IsValidNumber(&phonenumbers.PhoneNumber{CountryCode: &code, NationalNumber: &n})
}

// PhoneDigits returns the national significant digits of a phone number:
// its digits without the extension, without the country code of region
// ("+1", a leading "1" before ten digits, "001" or "011" then "1" for North
// American regions; "+" or "00" then the code elsewhere) and without
// leading zeros, so that numbers which lost a leading zero on the way
// ("0787699373" exported as "787699373") still compare equal. A number
// written with another country's code keeps that code ("+44 20 7946 0018"
// -> "442079460018"). Letters after the first digit of a North American
// vanity number (digits and letters making 10 or 11 in all) are read as
// their keypad digits ("1-800-FLOWERS" -> "8003569377"); other letters are
// ignored ("334-700-7637 (home)" -> "3347007637").
// It is "" when raw has no digits.
//
// PhoneDigits does not check validity: it is the fallback that matching
// compares when NormalizePhone says Invalid.
func PhoneDigits(raw, region string) string {
	region = phoneRegion(region)
	number, _ := splitExtension(raw)
	d := make([]byte, 0, len(number))
	plus := false
	vanity := isVanity(number)
	for i := 0; i < len(number); i++ {
		switch c := number[i]; {
		case '0' <= c && c <= '9':
			d = append(d, c)
		case vanity && isASCIILetter(c) && len(d) > 0:
			d = append(d, keypadDigit(c))
		case c == '+' && len(d) == 0:
			plus = true
		}
	}
	d = stripCountryCode(d, plus, region)
	for len(d) > 0 && d[0] == '0' {
		d = d[1:]
	}
	return string(d)
}

// stripCountryCode removes the country code of region from the digits d of
// a number; plus says whether the number was written with a leading "+".
func stripCountryCode(d []byte, plus bool, region string) []byte {
	code := phonenumbers.GetCountryCodeForRegion(region)
	if code == 0 {
		return d
	}
	cc := strconv.Itoa(code)
	s := string(d)
	switch {
	case plus:
		if strings.HasPrefix(s, cc) {
			return d[len(cc):]
		}
	case code == 1 && len(d) == 11 && d[0] == '1':
		return d[1:]
	case code == 1 && len(d) == 13 && strings.HasPrefix(s, "001"):
		return d[3:]
	case code == 1 && len(d) == 14 && strings.HasPrefix(s, "0111"):
		return d[4:]
	case code != 1 && strings.HasPrefix(s, "00"+cc) && len(d)-2-len(cc) >= 6:
		return d[2+len(cc):]
	}
	return d
}

// nanpInternational rewrites "001" followed by a ten-digit number as "+1"
// and that number when region is North American (country code 1): Faker
// and many forms write the international prefix that way. The fast path
// (nanpNational) handles the plain cases; this serves numbers that go
// through phonenumbers.Parse.
func nanpInternational(number, region string) string {
	if phonenumbers.GetCountryCodeForRegion(region) != 1 {
		return number
	}
	digits := 0
	start := -1
	for i := 0; i < len(number); i++ {
		c := number[i]
		switch {
		case '0' <= c && c <= '9':
			if start < 0 {
				start = i
			}
			digits++
		case c == '+':
			return number
		}
	}
	if digits != 13 || !strings.HasPrefix(number[start:], "001") {
		return number
	}
	return "+" + number[start+2:]
}

// splitExtension cuts an extension off a phone number. The extension starts
// at a marker after the number's digits ("x", "ext", "ext.", "extn",
// "extension", "#", ";ext=", case-insensitive) and is the digits that
// follow. When raw holds letters that are not such a marker (a vanity
// number such as "1-800-FLOWERS"), it is returned whole.
func splitExtension(raw string) (number, ext string) {
	seenDigit := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case '0' <= c && c <= '9':
			seenDigit = true
			continue
		case !seenDigit || !(isASCIILetter(c) || c == '#' || c == ';'):
			continue
		}
		j := i
		for j < len(raw) && (raw[j] < '0' || raw[j] > '9') {
			j++
		}
		if !isExtensionMarker(raw[i:j]) {
			return raw, ""
		}
		k := j
		for k < len(raw) && '0' <= raw[k] && raw[k] <= '9' {
			k++
		}
		return raw[:i], raw[j:k]
	}
	return raw, ""
}

// isExtensionMarker reports whether m, the text between a number and its
// extension digits, announces an extension.
func isExtensionMarker(m string) bool {
	m = strings.ToLower(strings.Trim(m, " .:=\t"))
	switch m {
	case "x", "ext", "extn", "extension", "ex", "#", ";ext", "ext#", "x#":
		return true
	}
	return false
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// keypadDigit returns the telephone keypad digit of the ASCII letter c.
func keypadDigit(c byte) byte {
	const keys = "22233344455566677778889999" // a to z
	return keys[(c|0x20)-'a']
}

// isVanity reports whether number spells part of a North American number
// in letters: after its first digit it has letters, and digits and letters
// together make 10 or 11.
func isVanity(number string) bool {
	digits, letters := 0, 0
	for i := 0; i < len(number); i++ {
		switch c := number[i]; {
		case '0' <= c && c <= '9':
			digits++
		case isASCIILetter(c) && digits > 0:
			letters++
		}
	}
	return letters > 0 && digits >= 3 && (digits+letters == 10 || digits+letters == 11)
}

// phoneRegion returns region as phonenumbers expects it: upper case, and
// DefaultRegion when empty.
func phoneRegion(region string) string {
	if region == "" {
		return DefaultRegion
	}
	for i := 0; i < len(region); i++ {
		if 'a' <= region[i] && region[i] <= 'z' {
			return strings.ToUpper(region)
		}
	}
	return region
}
