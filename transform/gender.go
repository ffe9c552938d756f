package transform

// NormalizeGender returns "m" or "f" for the ways sources write male and
// female, in any case and with accents or not: "Male", "M", "man", "boy",
// "masculino", "masculin", "hombre" and "Female", "F", "woman", "girl",
// "femenino", "feminino", "féminin", "mujer". Anything else ("other",
// "unknown", "X", "U", "prefer not to say") and a blank input give "" and
// Empty: c360 compares only the two values the sources record reliably.
func NormalizeGender(raw string) (string, Status) {
	switch Fold(raw) {
	case "m", "male", "man", "boy", "masculino", "masculin", "masculine", "hombre", "mann", "mannlich":
		return "m", OK
	case "f", "female", "woman", "girl", "femenino", "feminino", "feminin", "feminine", "mujer", "frau", "weiblich":
		return "f", OK
	}
	return "", Empty
}

// NormalizeNationalID returns the digits of an identity number such as a
// social-security id ("123-45-6789" -> "123456789"). A blank input is
// Empty; one without digits is Invalid; one digit repeated throughout
// ("000000000", "999-99-9999") is Junk, the digits kept.
func NormalizeNationalID(raw string) (string, Status) {
	if isBlank(raw) {
		return "", Empty
	}
	if allDigits(raw) {
		if len(raw) > 1 && repeatsOneByte(raw) {
			return raw, Junk
		}
		return raw, OK
	}
	d := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; '0' <= c && c <= '9' {
			d = append(d, c)
		}
	}
	switch {
	case len(d) == 0:
		return "", Invalid
	case len(d) > 1 && repeatsOneByte(string(d)):
		return string(d), Junk
	}
	return string(d), OK
}

// NormalizeText returns the comparable form of free text such as an
// occupation, which is compared exactly: Fold applied. Statuses are Empty
// for a blank input, Invalid when nothing but punctuation is left, and OK.
func NormalizeText(raw string) (string, Status) {
	n := Fold(raw)
	switch {
	case n != "":
		return n, OK
	case isBlank(raw):
		return "", Empty
	}
	return "", Invalid
}
