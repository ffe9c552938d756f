package transform

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in the comparable form shared by names, streets, cities and
// free text:
//
//   - Unicode compatibility forms are unified (NFKC: "ﬁ" -> "fi", full-width
//     letters -> ASCII), then accents are removed (NFD, combining marks
//     dropped: "José" -> "jose"), and a few letters without a decomposition
//     are spelled out ("ß" -> "ss", "æ" -> "ae", "ø" -> "o", "ł" -> "l");
//   - letters are lower-cased;
//   - apostrophes and periods are dropped ("O'Brien" -> "obrien",
//     "J.R." -> "jr"), because they sit inside a word;
//   - every other run of characters that are neither letters nor digits
//     becomes one space ("Smith-Jones" -> "smith jones", "n/a" -> "n a"), so
//     hyphenated names compare token by token;
//   - the result has no leading, trailing or repeated spaces.
//
// Letters of scripts without a Latin decomposition (Cyrillic, CJK, ...) are
// kept, lower-cased. Fold is idempotent: Fold(Fold(s)) == Fold(s). ASCII
// input takes a fast path that does not allocate when s is already folded.
func Fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldUnicode(s)
		}
	}
	if isFoldedASCII(s) {
		return s
	}
	return foldASCII(s)
}

// isFoldedASCII reports whether the ASCII string s is already in folded form.
func isFoldedASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// foldASCII folds an ASCII string.
func foldASCII(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case isWordInternal(rune(c)):
			continue
		default:
			space = len(b) > 0
			continue
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return string(b)
}

// isWordInternal reports whether r is punctuation that sits inside a word
// and is dropped rather than turned into a space.
func isWordInternal(r rune) bool {
	switch r {
	case '\'', '.', '`', '\u2018', '\u2019', '\u02bc', '\u00b4':
		return true
	}
	return false
}

// foldUnicode folds a string that holds non-ASCII characters: NFKC, then NFD
// with combining marks removed, then the same rules as foldASCII.
func foldUnicode(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ") // a broken byte separates words
	}
	s = norm.NFD.String(norm.NFKC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	ascii := true
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), isWordInternal(r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		r = unicode.ToLower(r)
		if spelled := spellOut(r); spelled != "" {
			b.WriteString(spelled)
			continue
		}
		if r >= utf8.RuneSelf {
			ascii = false
		}
		b.WriteRune(r)
	}
	if ascii {
		return b.String()
	}
	// Recompose what is left (Hangul, Indic scripts) so that folding the
	// result again gives the same string.
	return norm.NFC.String(b.String())
}

// spellOut returns the ASCII spelling of a lower-case Latin letter that has
// no canonical decomposition, or "" when r is not one of them.
func spellOut(r rune) string {
	switch r {
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'ø':
		return "o"
	case 'ł':
		return "l"
	case 'đ', 'ð':
		return "d"
	case 'þ':
		return "th"
	case 'ı':
		return "i"
	case 'ħ':
		return "h"
	}
	return ""
}

// isBlank reports whether s holds nothing but white space.
func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\v', '\f':
		default:
			if s[i] >= utf8.RuneSelf {
				return strings.TrimSpace(s) == ""
			}
			return false
		}
	}
	return true
}
