package transform

import "strings"

// NormalizeName returns the comparable form of a given name, surname or full
// name: Fold applied (lower-case ASCII, accents folded, apostrophes and
// periods dropped, hyphens and other punctuation turned into single spaces).
// Titles and suffixes are not removed here; see ParseFullName.
//
// The status is Empty for a blank input, Invalid when nothing but
// punctuation is left ("-", "?"), Junk for placeholders such as "unknown",
// "n/a" or "test" (the folded text is kept), and OK otherwise.
func NormalizeName(raw string) (string, Status) {
	n := Fold(raw)
	if n == "" {
		if isBlank(raw) {
			return "", Empty
		}
		return "", Invalid
	}
	if isPlaceholderName(n) {
		return n, Junk
	}
	return n, OK
}

// isPlaceholderName reports whether the folded name n is a stand-in for a
// missing name rather than a name.
func isPlaceholderName(n string) bool {
	switch n {
	case "unknown", "unk", "none", "null", "nil", "n a", "not applicable",
		"not available", "not provided", "test", "testing", "noname", "no name",
		"nobody", "anonymous", "xxx", "xxxx", "fnu", "lnu", "customer", "guest":
		return true
	}
	return false
}

// nameValue normalizes raw into a Value.
func nameValue(raw string) Value {
	n, st := NormalizeName(raw)
	return NewValue(raw, n, st)
}

// isTitle reports whether the folded token t is a title written before a
// name (Mr, Mrs, Dr, ...).
func isTitle(t string) bool {
	switch t {
	case "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev",
		"reverend", "sir", "dame", "madam", "mme", "mlle", "hon", "sr", "sra",
		"srta", "herr", "frau":
		return true
	}
	return false
}

// isSuffix reports whether the folded token t is a generational or
// professional suffix written after a name (Jr, Sr, III, PhD, ...).
func isSuffix(t string) bool {
	switch t {
	case "jr", "junior", "sr", "senior", "ii", "iii", "iv", "2nd", "3rd",
		"phd", "md", "esq", "dds", "cpa", "rn":
		return true
	}
	return false
}

// nameToken is one whitespace-separated word of a full name, as written and folded.
type nameToken struct {
	raw, norm string
}

// nameTokens splits s at white space and folds each word; words that fold
// to nothing (a lone "-" or "&") are skipped.
func nameTokens(s string) []nameToken {
	var toks []nameToken
	for _, w := range strings.Fields(s) {
		if n := Fold(w); n != "" {
			toks = append(toks, nameToken{raw: w, norm: n})
		}
	}
	return toks
}

// trimTitlesAndSuffixes drops leading titles and trailing suffixes from
// toks, always keeping at least one token.
func trimTitlesAndSuffixes(toks []nameToken) []nameToken {
	for len(toks) > 1 && isTitle(toks[0].norm) {
		toks = toks[1:]
	}
	for len(toks) > 1 && isSuffix(toks[len(toks)-1].norm) {
		toks = toks[:len(toks)-1]
	}
	return toks
}

// splitComma splits a "Last, First" full name at its first comma. A comma
// followed only by suffixes ("John Smith, Jr.") is not a surname separator:
// ok is false and the suffixes are dropped from whole.
func splitComma(raw string) (before, after []nameToken, whole []nameToken, ok bool) {
	i := strings.IndexByte(raw, ',')
	if i < 0 {
		return nil, nil, trimTitlesAndSuffixes(nameTokens(raw)), false
	}
	before = trimTitlesAndSuffixes(nameTokens(raw[:i]))
	after = trimTitlesAndSuffixes(nameTokens(strings.ReplaceAll(raw[i+1:], ",", " ")))
	if len(after) == 1 && isSuffix(after[0].norm) {
		after = nil
	}
	if len(after) == 0 || len(before) == 0 {
		return nil, nil, append(before, after...), false
	}
	return before, after, nil, true
}

// ParseFullName splits a full name into a given name and a surname. Titles
// (Mr, Mrs, Dr, ...) before the name and suffixes (Jr, Sr, III, ...) after
// it are dropped. Then:
//
//   - "Last, First Middle": the surname is everything before the comma and
//     the given name is the first word after it;
//   - otherwise the given name is the first word and the surname the last
//     ("Maria de la Cruz" -> "maria", "cruz"); a single word is a given name;
//   - when givenHint or surnameHint (normalized names from dedicated
//     columns of the same record, "" when unknown) show that the words are
//     in "Last First" order, they are swapped: "Beraun Kenneth" with
//     givenHint "kenneth" gives "kenneth", "beraun". Hints are compared
//     exactly and through Nickname.
//
// Each returned Value has the word as written in Raw and its folded form in
// Norm; a part that is missing has Status Empty.
func ParseFullName(raw, givenHint, surnameHint string) (given, surname Value) {
	before, after, whole, comma := splitComma(raw)
	if comma {
		return tokenValue(after[0]), tokensValue(before)
	}
	switch len(whole) {
	case 0:
		return Value{}, Value{}
	case 1:
		return tokenValue(whole[0]), Value{}
	}
	first, last := whole[0], whole[len(whole)-1]
	if swapped(first.norm, last.norm, givenHint, surnameHint) {
		first, last = last, first
	}
	return tokenValue(first), tokenValue(last)
}

// swapped reports whether the hints say the first word of a full name is
// the surname and the last word the given name.
func swapped(first, last, givenHint, surnameHint string) bool {
	same := func(a, b string) bool { return a != "" && (a == b || Nickname(a) == Nickname(b)) }
	switch {
	case same(givenHint, first) || same(surnameHint, last):
		return false
	case same(givenHint, last) || same(surnameHint, first):
		return true
	}
	return false
}

// tokenValue turns one name word into a Value.
func tokenValue(t nameToken) Value {
	st := OK
	if isPlaceholderName(t.norm) {
		st = Junk
	}
	return NewValue(t.raw, t.norm, st)
}

// tokensValue turns consecutive name words into one Value.
func tokensValue(toks []nameToken) Value {
	if len(toks) == 1 {
		return tokenValue(toks[0])
	}
	raws := make([]string, len(toks))
	norms := make([]string, len(toks))
	for i, t := range toks {
		raws[i], norms[i] = t.raw, t.norm
	}
	return tokenValue(nameToken{raw: strings.Join(raws, " "), norm: strings.Join(norms, " ")})
}

// NormalizeFullName returns the comparable form of a full name: the words
// folded as NormalizeName does, in the order written, with a "Last, First"
// comma removed and titles and suffixes dropped ("Dr. Kenneth Beraun Jr." ->
// "kenneth beraun", "Moss, Mrs Abbie" -> "moss abbie"). Statuses are as for
// NormalizeName.
func NormalizeFullName(raw string) (string, Status) {
	n, st := NormalizeName(raw)
	if st != OK || !hasTitleOrSuffix(n) {
		return n, st
	}
	var words []string
	if i := strings.IndexByte(raw, ','); i >= 0 {
		// Each side of the comma may have its own title or suffix.
		words = append(trimWords(strings.Fields(Fold(raw[:i]))), trimWords(strings.Fields(Fold(raw[i+1:])))...)
	} else {
		words = strings.Fields(n)
	}
	return strings.Join(trimWords(words), " "), OK
}

// trimWords drops leading titles and trailing suffixes from the folded
// words w, always keeping at least one word.
func trimWords(w []string) []string {
	for len(w) > 1 && isTitle(w[0]) {
		w = w[1:]
	}
	for len(w) > 1 && isSuffix(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	return w
}

// hasTitleOrSuffix reports whether a word of the folded full name n is a
// title or a suffix, so that the slower word-by-word path is needed.
func hasTitleOrSuffix(n string) bool {
	for w := range strings.FieldsSeq(n) {
		if isTitle(w) || isSuffix(w) {
			return true
		}
	}
	return false
}
