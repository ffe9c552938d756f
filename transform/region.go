package transform

// countryCode returns the ISO code for a folded country name, or "".
func countryCode(n string) string {
	switch n {
	case "us", "usa", "united states", "united states of america", "america", "u s", "u s a":
		return "us"
	case "ca", "can", "canada":
		return "ca"
	case "au", "aus", "australia":
		return "au"
	case "gb", "uk", "united kingdom", "great britain", "britain":
		return "gb"
	case "mx", "mex", "mexico":
		return "mx"
	case "nz", "new zealand":
		return "nz"
	case "ie", "ireland":
		return "ie"
	case "de", "germany", "deutschland":
		return "de"
	case "fr", "france":
		return "fr"
	case "es", "spain", "espana":
		return "es"
	}
	return ""
}

// usStateCode returns the USPS code of a US state, the District of
// Columbia or a territory given its folded name or code, or "".
func usStateCode(n string) string {
	if len(n) == 2 && isUSStateCode(n) {
		return n
	}
	switch n {
	case "alabama":
		return "al"
	case "alaska":
		return "ak"
	case "arizona":
		return "az"
	case "arkansas":
		return "ar"
	case "california", "calif":
		return "ca"
	case "colorado":
		return "co"
	case "connecticut":
		return "ct"
	case "delaware":
		return "de"
	case "district of columbia", "washington dc", "washington d c", "d c":
		return "dc"
	case "florida", "fla":
		return "fl"
	case "georgia":
		return "ga"
	case "hawaii":
		return "hi"
	case "idaho":
		return "id"
	case "illinois":
		return "il"
	case "indiana":
		return "in"
	case "iowa":
		return "ia"
	case "kansas":
		return "ks"
	case "kentucky":
		return "ky"
	case "louisiana":
		return "la"
	case "maine":
		return "me"
	case "maryland":
		return "md"
	case "massachusetts", "mass":
		return "ma"
	case "michigan":
		return "mi"
	case "minnesota":
		return "mn"
	case "mississippi":
		return "ms"
	case "missouri":
		return "mo"
	case "montana":
		return "mt"
	case "nebraska":
		return "ne"
	case "nevada":
		return "nv"
	case "new hampshire":
		return "nh"
	case "new jersey":
		return "nj"
	case "new mexico":
		return "nm"
	case "new york":
		return "ny"
	case "north carolina":
		return "nc"
	case "north dakota":
		return "nd"
	case "ohio":
		return "oh"
	case "oklahoma":
		return "ok"
	case "oregon":
		return "or"
	case "pennsylvania", "penn":
		return "pa"
	case "rhode island":
		return "ri"
	case "south carolina":
		return "sc"
	case "south dakota":
		return "sd"
	case "tennessee", "tenn":
		return "tn"
	case "texas", "tex":
		return "tx"
	case "utah":
		return "ut"
	case "vermont":
		return "vt"
	case "virginia":
		return "va"
	case "washington":
		return "wa"
	case "west virginia":
		return "wv"
	case "wisconsin":
		return "wi"
	case "wyoming":
		return "wy"
	case "puerto rico":
		return "pr"
	case "guam":
		return "gu"
	case "us virgin islands", "virgin islands":
		return "vi"
	case "american samoa":
		return "as"
	case "northern mariana islands":
		return "mp"
	}
	return ""
}

// isUSStateCode reports whether code is the USPS code of a state, the
// District of Columbia or a territory.
func isUSStateCode(code string) bool {
	switch code {
	case "al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi",
		"id", "il", "in", "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn",
		"ms", "mo", "mt", "ne", "nv", "nh", "nj", "nm", "ny", "nc", "nd", "oh",
		"ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut", "vt", "va", "wa",
		"wv", "wi", "wy", "pr", "gu", "vi", "as", "mp":
		return true
	}
	return false
}
