package transform

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// North American (+1) numbers are most of what c360 reads, and
// phonenumbers.IsValidNumber costs several microseconds a call because it
// rebuilds and hashes each multi-kilobyte pattern string on every call.
// nanpRules applies the same check, to the letter, from the same
// phonenumbers metadata, with each pattern compiled once:
//
//   - the number's region is the first region of country code 1, in
//     phonenumbers' order, whose leading digits match the number or, for a
//     region without leading digits (the US), whose rules accept it;
//   - the number is valid when that region's rules accept it: it matches
//     the region's general description and the description of one number
//     type (premium rate, toll free, shared cost, VoIP, personal, pager,
//     UAN, voicemail, fixed line, or mobile).
//
// A description matches when the number's length is one of its possible
// lengths (when it lists any) and the whole number matches its pattern.
// Two shortcuts keep the answer the same: the type descriptions of a region
// are joined into one alternation (a number matches one of them exactly
// when it matches the alternation), and the region whose leading digits
// match is looked up by the number's first four digits in a table built
// from the same patterns.
// TestNANPRulesAgreeWithPhonenumbers checks the result against
// phonenumbers.IsValidNumber on every number of the labelled data sets and
// on random numbers.

// nanpRules is the validity metadata of the regions of country code 1,
// for ten-digit national numbers. It is built once, on first use, and never
// changed.
type nanpRules struct {
	regions []nanpRegion
	// firstLeading maps the first four digits of a number to the index in
	// regions of the first region with leading digits that match them, or
	// -1. It is exact because no leading-digits pattern looks further than
	// four digits (buildNANPRules checks).
	firstLeading []int8
}

// nanpRegion is one region's validity rules.
type nanpRegion struct {
	id      string
	leading *regexp.Regexp // nil when the region has no leading digits
	general *regexp.Regexp // the general description, when it allows ten digits
	// types matches a ten-digit number of any known type: the patterns of
	// the type descriptions (premium rate, toll free, shared cost, VoIP,
	// personal, pager, UAN, voicemail, fixed line, and mobile unless it is
	// the same as fixed line) that allow ten digits, joined as
	// alternatives. nil when none does.
	types *regexp.Regexp
}

// loadNANPRules is the only way to the shared rules; they are built on the
// first call.
var loadNANPRules = sync.OnceValue(buildNANPRules)

// nationalLength is the length of a North American national number.
const nationalLength = 10

// buildNANPRules compiles the rules from phonenumbers' metadata. It returns
// nil when the metadata cannot be read or does not have the expected shape,
// and callers then fall back to phonenumbers.IsValidNumber.
func buildNANPRules() *nanpRules {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return nil
	}
	byID := make(map[string]*phonenumbers.PhoneMetadata)
	for _, md := range coll.GetMetadata() {
		byID[md.GetId()] = md
	}
	var rules nanpRules
	for _, id := range phonenumbers.GetRegionCodesForCountryCode(1) {
		md := byID[id]
		if md == nil {
			return nil
		}
		r, ok := compileRegion(md)
		if !ok {
			return nil
		}
		rules.regions = append(rules.regions, r)
	}
	if !rules.indexLeadingDigits() {
		return nil
	}
	return &rules
}

// compileRegion compiles one region's rules for ten-digit numbers.
func compileRegion(md *phonenumbers.PhoneMetadata) (nanpRegion, bool) {
	r := nanpRegion{id: md.GetId(), general: compileDesc(md.GetGeneralDesc())}
	if ld := md.GetLeadingDigits(); ld != "" {
		re, err := regexp.Compile("^(?:" + ld + ")")
		if err != nil {
			return r, false
		}
		r.leading = re
	}
	descs := []*phonenumbers.PhoneNumberDesc{md.GetPremiumRate(), md.GetTollFree(),
		md.GetSharedCost(), md.GetVoip(), md.GetPersonalNumber(), md.GetPager(),
		md.GetUan(), md.GetVoicemail(), md.GetFixedLine()}
	if !md.GetSameMobileAndFixedLinePattern() {
		descs = append(descs, md.GetMobile())
	}
	var alternatives []string
	for _, d := range descs {
		if allowsTenDigits(d) && d.GetNationalNumberPattern() != "" {
			alternatives = append(alternatives, "(?:"+d.GetNationalNumberPattern()+")")
		}
	}
	if len(alternatives) > 0 {
		re, err := regexp.Compile("^(?:" + strings.Join(alternatives, "|") + ")$")
		if err != nil {
			return r, false
		}
		r.types = re
	}
	return r, true
}

// compileDesc compiles a description's pattern, anchored at both ends as
// phonenumbers does, or returns nil when it does not allow ten digits.
func compileDesc(d *phonenumbers.PhoneNumberDesc) *regexp.Regexp {
	if !allowsTenDigits(d) {
		return nil
	}
	re, err := regexp.Compile("^(?:" + d.GetNationalNumberPattern() + ")$")
	if err != nil {
		return nil
	}
	return re
}

// allowsTenDigits reports whether d's possible lengths admit a ten-digit
// number; a description without possible lengths admits any length.
func allowsTenDigits(d *phonenumbers.PhoneNumberDesc) bool {
	l := d.GetPossibleLength()
	return len(l) == 0 || slices.Contains(l, nationalLength)
}

// indexLeadingDigits fills firstLeading. It reports false when a region's
// leading-digits pattern can match more than four digits.
func (rules *nanpRules) indexLeadingDigits() bool {
	for _, r := range rules.regions {
		if r.leading == nil {
			continue
		}
		n, ok := maxMatchLen(r.leading.String())
		if !ok || n > 4 {
			return false
		}
	}
	rules.firstLeading = make([]int8, 10000)
	for p := range rules.firstLeading {
		prefix := fmt.Sprintf("%04d", p)
		rules.firstLeading[p] = -1
		for i, r := range rules.regions {
			if r.leading != nil && r.leading.MatchString(prefix) {
				rules.firstLeading[p] = int8(i)
				break
			}
		}
	}
	return true
}

// maxMatchLen returns the greatest number of characters a match of the
// regular expression pattern can span, or ok false when it is unbounded.
func maxMatchLen(pattern string) (n int, ok bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return 0, false
	}
	return maxLen(re)
}

// maxLen is maxMatchLen over a parsed expression.
func maxLen(re *syntax.Regexp) (int, bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0, true
	case syntax.OpLiteral:
		return len(re.Rune), true
	case syntax.OpCharClass, syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return 1, true
	case syntax.OpCapture:
		return maxLen(re.Sub[0])
	case syntax.OpQuest:
		return maxLen(re.Sub[0])
	case syntax.OpRepeat:
		n, ok := maxLen(re.Sub[0])
		return n * re.Max, ok && re.Max >= 0
	case syntax.OpConcat, syntax.OpAlternate:
		total := 0
		for _, sub := range re.Sub {
			n, ok := maxLen(sub)
			if !ok {
				return 0, false
			}
			if re.Op == syntax.OpConcat {
				total += n
			} else {
				total = max(total, n)
			}
		}
		return total, true
	}
	return 0, false // star, plus, and anything unforeseen
}

// accepts reports whether the ten-digit number nsn is a number of a known
// type in region r.
func (r *nanpRegion) accepts(nsn string) bool {
	return r.general != nil && r.types != nil && r.general.MatchString(nsn) && r.types.MatchString(nsn)
}

// valid reports whether the ten-digit national number nsn with country code
// 1 is valid, as phonenumbers.IsValidNumber would.
func (rules *nanpRules) valid(nsn string) bool {
	if len(nsn) != nationalLength {
		return false
	}
	first := int8(-1)
	if p, ok := atoi(nsn[:4]); ok {
		first = rules.firstLeading[p]
	}
	for i := range rules.regions {
		r := &rules.regions[i]
		switch {
		case r.leading == nil:
			if r.accepts(nsn) {
				return true
			}
		case int8(i) == first:
			return r.accepts(nsn)
		}
	}
	return false
}
