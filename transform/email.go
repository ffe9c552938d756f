package transform

import (
	"strings"
	"unicode/utf8"
)

// NormalizeEmail returns the comparable form of an e-mail address: trimmed,
// a "mailto:" prefix and surrounding angle brackets removed, lower-cased.
//
// The status is Empty for a blank input; Junk for a placeholder written
// instead of an address ("n/a", "none", "noemail", ...; the lower-cased text
// is kept as Norm); Invalid (Norm "") when the address is not
// local@domain.tld (see validEmail); Junk when it is well formed but a known
// placeholder (see isJunkEmail); and OK otherwise.
func NormalizeEmail(raw string) (string, Status) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", Empty
	}
	s = lowerASCII(s)
	s = strings.TrimPrefix(s, "mailto:")
	if len(s) >= 2 && s[0] == '<' && s[len(s)-1] == '>' {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if !strings.Contains(s, "@") && isPlaceholderEmail(s) {
		return s, Junk
	}
	local, domain, ok := validEmail(s)
	if !ok {
		return "", Invalid
	}
	if isJunkEmail(local, domain) {
		return s, Junk
	}
	return s, OK
}

// lowerASCII lower-cases s, without allocating when it is already lower
// case; non-ASCII input is lower-cased with strings.ToLower.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// isPlaceholderEmail reports whether s, a value with no "@", is a
// stand-in for a missing address.
func isPlaceholderEmail(s string) bool {
	switch s {
	case "n/a", "na", "none", "null", "nil", "-", "--", "unknown", "noemail",
		"no email", "no", "nomail", "no mail", "declined", "refused", "x":
		return true
	}
	return false
}

// validEmail splits the lower-cased address s into its local part and
// domain and reports whether it is syntactically usable:
//
//   - exactly one "@", at most 254 bytes in all;
//   - a local part of 1 to 64 bytes made of letters, digits, non-ASCII
//     characters and !#$%&'*+/=?^_`{|}~.- with no leading, trailing or
//     doubled period (quoted local parts are not accepted);
//   - a domain of at least two labels, each 1 to 63 bytes of letters,
//     digits, hyphens or non-ASCII characters, not starting or ending with
//     a hyphen, the last (the top-level domain) at least two characters and
//     not all digits (so no IP-address literals).
func validEmail(s string) (local, domain string, ok bool) {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') || len(s) > 254 {
		return "", "", false
	}
	local, domain = s[:at], s[at+1:]
	if len(local) > 64 || !validLocalPart(local) || !validDomain(domain) {
		return "", "", false
	}
	return local, domain, true
}

// validLocalPart checks the part of an address before the "@".
func validLocalPart(l string) bool {
	if l[0] == '.' || l[len(l)-1] == '.' || strings.Contains(l, "..") {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c >= utf8.RuneSelf:
		case strings.IndexByte("!#$%&'*+/=?^_`{|}~.-", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// validDomain checks the part of an address after the "@".
func validDomain(d string) bool {
	labels := 0
	tld := ""
	for label := range strings.SplitSeq(d, ".") {
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c >= utf8.RuneSelf) {
				return false
			}
		}
		labels++
		tld = label
	}
	if labels < 2 || utf8.RuneCountInString(tld) < 2 {
		return false
	}
	return strings.Trim(tld, "0123456789") != ""
}

// isJunkEmail reports whether a well-formed address is a known placeholder:
//
//   - a local part that says there is no address or that it is a test
//     ("test", "noemail", "none", "noreply", "donotreply", "fake", ...);
//   - a domain reserved for examples or tests (example.com/.org/.net,
//     test.com, any domain under .test, .example, .invalid, .localhost) or
//     one that says there is no address (noemail.com, none.com, ...);
//   - a local part of one character repeated three times or more
//     ("xxx@gmail.com"), or a one-character local part at a domain whose
//     name is one character ("x@x.com").
func isJunkEmail(local, domain string) bool {
	switch local {
	case "test", "testing", "tester", "noemail", "no-email", "no_email", "nomail",
		"none", "noreply", "no-reply", "donotreply", "do-not-reply", "null",
		"na", "n/a", "unknown", "fake", "dummy", "nobody", "invalid", "asdf":
		return true
	}
	switch domain {
	case "example.com", "example.org", "example.net", "test.com", "test.org",
		"noemail.com", "none.com", "nomail.com", "email.invalid", "fake.com":
		return true
	}
	tld := domain[strings.LastIndexByte(domain, '.')+1:]
	switch tld {
	case "test", "example", "invalid", "localhost":
		return true
	}
	if len(local) >= 3 && repeatsOneByte(local) {
		return true
	}
	name := domain[:strings.IndexByte(domain, '.')]
	return len(local) == 1 && len(name) == 1
}

// repeatsOneByte reports whether s is one byte repeated.
func repeatsOneByte(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return true
}
