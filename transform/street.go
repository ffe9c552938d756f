package transform

import "strings"

// NormalizeStreet returns the comparable form of a street address line:
// Fold applied (so punctuation goes: "Apt. 4" -> "apt 4"), then each
// abbreviation expanded to one full word, the USPS street suffixes
// ("st", "str" -> "street"; "ave", "av" -> "avenue"; "rd" -> "road";
// "dr" -> "drive"; "blvd" -> "boulevard"; "ln" -> "lane"; "ct" -> "court";
// ...), directions ("n" -> "north", "sw" -> "southwest") and unit
// designators ("apt", "#" -> "apartment"; "ste" -> "suite"; "fl" ->
// "floor"; "bldg" -> "building"; "rm" -> "room"). Words already in full,
// and numbers, are kept: "3958 Perez Centers Suite 216" -> "3958 perez
// centers suite 216".
//
// "st" right after the house number and before another name word is read
// as "saint" ("12 St James Pl" -> "12 saint james place"); elsewhere it is
// "street". Statuses are as for NormalizeName.
func NormalizeStreet(raw string) (string, Status) {
	if strings.IndexByte(raw, '#') >= 0 {
		raw = strings.ReplaceAll(raw, "#", " apartment ")
	}
	n, st := NormalizeName(raw)
	if st != OK {
		return n, st
	}
	return mapWords(n, streetWord), OK
}

// streetWord expands an abbreviation in a street line; i is the word's
// position among words, whose earlier entries are already expanded.
func streetWord(w string, i int, words []string) string {
	if w == "st" && isSaint(i, words) {
		return "saint"
	}
	if e := streetAbbreviation(w); e != "" {
		return e
	}
	if i > 0 && isUnitDesignator(words[i-1]) {
		return w // "Apt E" is flat E, not east
	}
	return directional(w)
}

// isSaint reports whether the word "st" at position i of a street line
// stands for "saint": it is the first word or follows a number, and a
// name word (not a number or a unit designator) follows it.
func isSaint(i int, words []string) bool {
	if i+1 >= len(words) || (i > 0 && !allDigits(words[i-1])) {
		return false
	}
	next := words[i+1]
	return !allDigits(next) && !isUnitDesignator(next) && !isUnitDesignator(streetAbbreviation(next))
}

// isUnitDesignator reports whether the expanded word w introduces a unit
// within a building.
func isUnitDesignator(w string) bool {
	switch w {
	case "apartment", "suite", "floor", "building", "room", "unit", "lot", "department":
		return true
	}
	return false
}

// directional spells out a compass direction abbreviation, or returns w.
func directional(w string) string {
	switch w {
	case "n":
		return "north"
	case "s":
		return "south"
	case "e":
		return "east"
	case "w":
		return "west"
	case "ne":
		return "northeast"
	case "nw":
		return "northwest"
	case "se":
		return "southeast"
	case "sw":
		return "southwest"
	}
	return w
}

// streetAbbreviation returns the full word for a street suffix or unit
// designator abbreviation, or "" when w is not one. The list follows the
// USPS street suffix and secondary unit names, plus a few Australian
// forms found in FEBRL ("cct" -> "circuit", "cnr" -> "corner", "vlge" ->
// "village"); "centre" is spelled "center".
func streetAbbreviation(w string) string {
	switch w {
	case "aly", "ally":
		return "alley"
	case "anx":
		return "annex"
	case "arc":
		return "arcade"
	case "av", "ave", "aven", "avenu", "avn", "avnue":
		return "avenue"
	case "bch":
		return "beach"
	case "blf":
		return "bluff"
	case "blvd", "boul", "boulv":
		return "boulevard"
	case "bnd":
		return "bend"
	case "br", "brnch":
		return "branch"
	case "brg", "brdge":
		return "bridge"
	case "brk":
		return "brook"
	case "btm":
		return "bottom"
	case "byp", "bypa", "bypas", "byps":
		return "bypass"
	case "cir", "circ", "circl", "crcl", "crcle":
		return "circle"
	case "cct":
		return "circuit"
	case "clb":
		return "club"
	case "clf":
		return "cliff"
	case "clfs":
		return "cliffs"
	case "cmn":
		return "common"
	case "cor", "cnr":
		return "corner"
	case "cors":
		return "corners"
	case "cp":
		return "camp"
	case "cpe":
		return "cape"
	case "cres", "crsent", "crsnt":
		return "crescent"
	case "crk":
		return "creek"
	case "crse":
		return "course"
	case "crst":
		return "crest"
	case "cswy":
		return "causeway"
	case "ct", "crt":
		return "court"
	case "ctr", "cntr", "cnter", "cent", "centr", "centre":
		return "center"
	case "cts":
		return "courts"
	case "cv":
		return "cove"
	case "cyn":
		return "canyon"
	case "dl":
		return "dale"
	case "dm":
		return "dam"
	case "dr", "drv", "driv":
		return "drive"
	case "drs":
		return "drives"
	case "dv", "dvd", "div":
		return "divide"
	case "est":
		return "estate"
	case "ests":
		return "estates"
	case "expy", "expw", "expr", "exp":
		return "expressway"
	case "ext":
		return "extension"
	case "exts":
		return "extensions"
	case "fld":
		return "field"
	case "flds":
		return "fields"
	case "fls":
		return "falls"
	case "flt":
		return "flat"
	case "flts":
		return "flats"
	case "frd":
		return "ford"
	case "frg":
		return "forge"
	case "frk":
		return "fork"
	case "frks":
		return "forks"
	case "frst":
		return "forest"
	case "fry":
		return "ferry"
	case "ft":
		return "fort"
	case "fwy", "frwy":
		return "freeway"
	case "gdn", "grdn", "gardn":
		return "garden"
	case "gdns":
		return "gardens"
	case "gln":
		return "glen"
	case "grn":
		return "green"
	case "grv":
		return "grove"
	case "gtwy", "gatewy":
		return "gateway"
	case "hbr":
		return "harbor"
	case "hl":
		return "hill"
	case "hls":
		return "hills"
	case "holw", "hllw":
		return "hollow"
	case "hts", "ht":
		return "heights"
	case "hvn":
		return "haven"
	case "hwy", "hiway", "hiwy", "hway":
		return "highway"
	case "inlt":
		return "inlet"
	case "is":
		return "island"
	case "iss":
		return "islands"
	case "jct", "jctn", "jction", "junctn":
		return "junction"
	case "knl":
		return "knoll"
	case "knls":
		return "knolls"
	case "ky":
		return "key"
	case "kys":
		return "keys"
	case "lck":
		return "lock"
	case "lcks":
		return "locks"
	case "ldg":
		return "lodge"
	case "lf":
		return "loaf"
	case "lgt":
		return "light"
	case "lk":
		return "lake"
	case "lks":
		return "lakes"
	case "ln":
		return "lane"
	case "lndg", "lndng":
		return "landing"
	case "mdw":
		return "meadow"
	case "mdws":
		return "meadows"
	case "ml":
		return "mill"
	case "mls":
		return "mills"
	case "mnr":
		return "manor"
	case "msn":
		return "mission"
	case "mt", "mnt":
		return "mount"
	case "mtn":
		return "mountain"
	case "mtwy":
		return "motorway"
	case "nck":
		return "neck"
	case "orch":
		return "orchard"
	case "pkwy", "pky", "pkway", "parkwy":
		return "parkway"
	case "pl":
		return "place"
	case "pln":
		return "plain"
	case "plns":
		return "plains"
	case "plz", "plza":
		return "plaza"
	case "prt":
		return "port"
	case "psge":
		return "passage"
	case "pt":
		return "point"
	case "pts":
		return "points"
	case "radl":
		return "radial"
	case "rd":
		return "road"
	case "rdg":
		return "ridge"
	case "rds":
		return "roads"
	case "riv", "rvr":
		return "river"
	case "rnch":
		return "ranch"
	case "rpd":
		return "rapid"
	case "rpds":
		return "rapids"
	case "rst":
		return "rest"
	case "rte":
		return "route"
	case "shl":
		return "shoal"
	case "shr":
		return "shore"
	case "shrs":
		return "shores"
	case "skwy":
		return "skyway"
	case "smt":
		return "summit"
	case "spg":
		return "spring"
	case "spgs":
		return "springs"
	case "sq", "sqr":
		return "square"
	case "st", "str", "strt":
		return "street"
	case "sta", "stn":
		return "station"
	case "stra", "strav":
		return "stravenue"
	case "strm":
		return "stream"
	case "sts":
		return "streets"
	case "ter", "terr":
		return "terrace"
	case "tpke", "trnpk":
		return "turnpike"
	case "trak", "trk":
		return "track"
	case "trce":
		return "trace"
	case "trfy":
		return "trafficway"
	case "trl":
		return "trail"
	case "tunl":
		return "tunnel"
	case "un":
		return "union"
	case "upas":
		return "underpass"
	case "vdct":
		return "viaduct"
	case "vis", "vst":
		return "vista"
	case "vl":
		return "ville"
	case "vlg", "vill", "villg", "vlge":
		return "village"
	case "vly":
		return "valley"
	case "vw":
		return "view"
	case "wl":
		return "well"
	case "wls":
		return "wells"
	case "wy":
		return "way"
	case "xing", "crssng":
		return "crossing"
	case "xrd":
		return "crossroad"

	// Secondary unit designators.
	case "apt", "ap", "appt", "apts":
		return "apartment"
	case "ste":
		return "suite"
	case "fl", "flr":
		return "floor"
	case "bldg", "bld":
		return "building"
	case "rm":
		return "room"
	case "dept":
		return "department"
	}
	return ""
}
