package spec

import (
	"errors"
	"fmt"
	"strings"

	"github.com/contoso/c360/transform"
)

// Kind names a level predicate. What each kind means, which attributes it
// may test and what its threshold is are written once, in [Kinds]; the
// predicates themselves are written once, in package compare.
type Kind string

// The level kinds; [Kinds] says what each means. Missing must be the first
// level of a comparison when present; Else must be the last.
const (
	Missing        Kind = "missing"
	Exact          Kind = "exact"
	Swapped        Kind = "swapped"
	Crossed        Kind = "crossed"
	Nickname       Kind = "nickname"
	Initial        Kind = "initial"
	JaroWinkler    Kind = "jaro_winkler"
	Levenshtein    Kind = "levenshtein"
	Transposed     Kind = "one_slip"
	TokenOverlap   Kind = "token_overlap"
	FirstToken     Kind = "first_token"
	EmailUser      Kind = "email_user"
	EmailDigits    Kind = "email_digits"
	EmailTypo      Kind = "email_typo"
	DayMonthSwap   Kind = "day_month_swap"
	DateWithinDays Kind = "within_days"
	SameYear       Kind = "same_year"
	WithinYears    Kind = "within_years"
	YearsApart     Kind = "years_apart"
	Household      Kind = "household"
	Else           Kind = "else"
)

// Threshold says what a level's threshold means for its kind.
type Threshold int

// The meanings of a threshold.
const (
	NoThreshold  Threshold = iota // the kind takes none; any value is ignored
	Similarity                    // a similarity in (0, 1]
	EditDistance                  // a whole number of edits from 1 to 8
	Distance                      // a distance (days, years) of at least 0
)

// KindInfo is what c360 knows about one level kind, read by validation
// (Level's checks), comparison (package compare) and readers of a model.
type KindInfo struct {
	Kind Kind
	// Meaning says when a level of the kind holds, for a reader.
	Meaning string
	// Attrs are the attributes a level of the kind may test; nil means
	// any comparable attribute.
	Attrs []transform.Attr
	// Threshold says what the level's threshold is.
	Threshold Threshold
	// Disagreement marks a kind that names a relation other than
	// likeness (a swap between fields, a generation apart, two mailboxes
	// of one name): two equal values do not satisfy it, while they satisfy
	// every similarity kind.
	Disagreement bool
	// HouseholdOnly marks the kind that only the household comparison's
	// first level may have.
	HouseholdOnly bool
}

// Kinds returns every level kind, in the order of the constants. A kind
// not listed here is unknown to validation and comparison alike.
func Kinds() []KindInfo {
	names := []transform.Attr{transform.GivenName, transform.Surname}
	emails := []transform.Attr{transform.Email}
	birthDate := []transform.Attr{transform.BirthDate}
	return []KindInfo{
		{Kind: Missing, Meaning: "either side has no usable value; its weight is always zero: absence is not evidence"},
		{Kind: Exact, Meaning: "both values are equal"},
		{Kind: Swapped, Attrs: names, Disagreement: true, Meaning: "the given name of one side equals the surname " +
			"of the other and vice versa (names written in the other order); a swap is one event seen by both " +
			"name comparisons, so in every comparison after the first that has a swapped level, that level weighs nothing"},
		{Kind: Crossed, Attrs: names, Disagreement: true, Meaning: "a given name of one side equals the surname of " +
			"the other (one name moved to the other field); like swapped, it is counted once, by the first comparison that has it"},
		{Kind: Nickname, Attrs: names[:1], Meaning: `both given names reduce to the same formal name (transform.Nickname: "bob" and "robert")`},
		{Kind: Initial, Meaning: "one value is a single letter that starts the other"},
		{Kind: JaroWinkler, Threshold: Similarity, Meaning: "the Jaro-Winkler similarity is at least the threshold"},
		{Kind: Levenshtein, Threshold: EditDistance, Meaning: "the edit distance is at most the threshold"},
		{Kind: Transposed, Meaning: "the values differ by one swap of adjacent characters or one substituted character (a typing slip)"},
		{Kind: TokenOverlap, Threshold: Similarity, Meaning: "the Jaccard overlap of the word sets is at least the threshold"},
		{Kind: FirstToken, Meaning: "the first words are equal (a UK outward code, a house number and street)"},
		{Kind: EmailUser, Attrs: emails, Meaning: `the parts before "@" are equal`},
		{Kind: EmailDigits, Attrs: emails, Disagreement: true, Meaning: `the user names differ only in their digits ` +
			`("ronaldhicks92" and "ronaldhicks17", at any domains): two mailboxes built from one name, which namesakes have, not one address mistyped`},
		{Kind: EmailTypo, Attrs: emails, Threshold: Similarity, Meaning: "the user names or the domains are equal and the " +
			"other parts have a Jaro-Winkler similarity of at least the threshold: one address typed wrong, not two addresses of people with one name"},
		{Kind: DayMonthSwap, Attrs: birthDate, Meaning: "the dates' day and month are swapped"},
		{Kind: DateWithinDays, Attrs: birthDate, Threshold: Distance, Meaning: "the dates are at most the threshold days apart"},
		{Kind: SameYear, Attrs: birthDate, Meaning: "the years are equal"},
		{Kind: WithinYears, Attrs: birthDate, Threshold: Distance, Meaning: "the years are at most the threshold apart"},
		{Kind: YearsApart, Attrs: birthDate, Threshold: Distance, Disagreement: true, Meaning: "the birth years are at least " +
			"the threshold apart: a parent and a child of one name (Jr. and Sr.), not one person"},
		{Kind: Household, HouseholdOnly: true, Meaning: "the first level of the household comparison: the pair could be two " +
			"different people of one household, as the comparisons marked shared see it; its weight is worked out for each " +
			"pair (see package score) and is never positive; the comparison's other level is else (no sign of it)"},
		{Kind: Else, Meaning: "always holds; it ends every comparison"},
	}
}

// Info returns what Kinds says about k; ok is false for an unknown kind.
func Info(k Kind) (info KindInfo, ok bool) {
	for _, i := range Kinds() {
		if i.Kind == k {
			return i, true
		}
	}
	return KindInfo{}, false
}

// check reports why a level with this threshold may not test attribute a.
func (i KindInfo) check(threshold float64, a transform.Attr) error {
	if i.HouseholdOnly {
		return errors.New("only as the first level of the household comparison")
	}
	if i.Attrs != nil && !attrIn(a, i.Attrs) {
		words := make([]string, len(i.Attrs))
		for j, b := range i.Attrs {
			words[j] = string(b)
		}
		return fmt.Errorf("only for %s", strings.Join(words, " and "))
	}
	switch i.Threshold {
	case Similarity:
		if !(threshold > 0 && threshold <= 1) {
			return fmt.Errorf("threshold %v not in (0, 1]", threshold)
		}
	case EditDistance:
		if threshold < 1 || threshold > 8 {
			return fmt.Errorf("threshold %v not an edit distance from 1 to 8", threshold)
		}
	case Distance:
		if threshold < 0 {
			return errors.New("threshold must not be negative")
		}
	}
	return nil
}

func attrIn(a transform.Attr, in []transform.Attr) bool {
	for _, b := range in {
		if a == b {
			return true
		}
	}
	return false
}
