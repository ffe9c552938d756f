package compare

import (
	"testing"

	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// kindExample is a pair of records for which a level of one kind holds,
// tried as the only level between missing and else of a comparison of attr.
type kindExample struct {
	attr      transform.Attr
	threshold float64
	l, r      rec
}

// kindExamples holds one example for every kind of spec.Kinds but the
// three that a comparison's shape places (missing, else, household).
var kindExamples = map[spec.Kind]kindExample{
	spec.Exact:          {transform.Surname, 0, rec{surname: "moss"}, rec{surname: "moss"}},
	spec.Swapped:        {transform.GivenName, 0, rec{given: "anna", surname: "moss"}, rec{given: "moss", surname: "anna"}},
	spec.Crossed:        {transform.GivenName, 0, rec{given: "anna", surname: "moss"}, rec{given: "zoe", surname: "anna"}},
	spec.Nickname:       {transform.GivenName, 0, rec{given: "bob"}, rec{given: "robert"}},
	spec.Initial:        {transform.GivenName, 0, rec{given: "j"}, rec{given: "john"}},
	spec.JaroWinkler:    {transform.Surname, 0.9, rec{surname: "martha"}, rec{surname: "marhta"}},
	spec.Levenshtein:    {transform.Surname, 1, rec{surname: "smith"}, rec{surname: "smyth"}},
	spec.Transposed:     {transform.Phone, 0, rec{phone: "5696265660"}, rec{phone: "5696265606"}},
	spec.TokenOverlap:   {transform.Street, 0.5, rec{street: "miami 8 stanley street"}, rec{street: "8 stanley street"}},
	spec.FirstToken:     {transform.Postcode, 0, rec{postcode: "tq13 8df"}, rec{postcode: "tq13 8hu"}},
	spec.EmailUser:      {transform.Email, 0, rec{email: "jsmith@gmail.com"}, rec{email: "jsmith@yahoo.com"}},
	spec.EmailDigits:    {transform.Email, 0, rec{email: "ronaldhicks92@gmail.com"}, rec{email: "ronaldhicks17@yahoo.com"}},
	spec.EmailTypo:      {transform.Email, 0.9, rec{email: "ronaldhicks92@gmail.com"}, rec{email: "ronaldhicks92@gmial.com"}},
	spec.DayMonthSwap:   {transform.BirthDate, 0, rec{dob: date(1986, 5, 8)}, rec{dob: date(1986, 8, 5)}},
	spec.DateWithinDays: {transform.BirthDate, 31, rec{dob: date(1986, 5, 8)}, rec{dob: date(1986, 6, 1)}},
	spec.SameYear:       {transform.BirthDate, 0, rec{dob: date(1986, 5, 8)}, rec{dob: date(1986, 11, 20)}},
	spec.WithinYears:    {transform.BirthDate, 2, rec{dob: date(1986, 5, 8)}, rec{dob: date(1988, 1, 1)}},
	spec.YearsApart:     {transform.BirthDate, 15, rec{dob: date(1986, 5, 8)}, rec{dob: date(2018, 5, 8)}},
}

// TestEveryKindHolds walks spec.Kinds: every kind has an example here, a
// level of it holds for its example, and two equal values satisfy it
// unless it names a disagreement.
func TestEveryKindHolds(t *testing.T) {
	nick := func(g string) string {
		if g == "bob" {
			return "robert"
		}
		return g
	}
	level := func(kind spec.Kind, ex kindExample, l, r rec) spec.Kind {
		t.Helper()
		c := spec.Comparison{Name: "c", Attr: ex.attr, Levels: []spec.Level{
			{Kind: spec.Missing, Label: "missing"}, {Kind: kind, Threshold: ex.threshold, Label: "kind"}, {Kind: spec.Else, Label: "else"}}}
		table := NewTable([]transform.Person{l.person(0), r.person(1)}, TableOptions{Nickname: nick})
		comps, err := Compile(table, []spec.Comparison{c})
		if err != nil {
			t.Fatal(err)
		}
		return c.Levels[comps[0].Level(0, 1)].Kind
	}
	for _, info := range spec.Kinds() {
		switch info.Kind {
		case spec.Missing, spec.Else, spec.Household:
			continue
		}
		ex, ok := kindExamples[info.Kind]
		if !ok {
			t.Errorf("kind %q has no example here: add one, and its predicate to Comparator", info.Kind)
			continue
		}
		if got := level(info.Kind, ex, ex.l, ex.r); got != info.Kind {
			t.Errorf("%s: %+v vs %+v reached %s", info.Kind, ex.l, ex.r, got)
		}
		want := spec.Else
		if !info.Disagreement {
			want = info.Kind
		}
		if got := level(info.Kind, ex, ex.l, ex.l); got != want {
			t.Errorf("%s: equal values %+v reached %s, want %s", info.Kind, ex.l, got, want)
		}
	}
	// The shape's kinds: missing when a side has no value, else otherwise.
	ex := kindExamples[spec.Exact]
	if got := level(spec.Exact, ex, ex.l, rec{}); got != spec.Missing {
		t.Errorf("a side without a value reached %s, want missing", got)
	}
	if got := level(spec.Exact, ex, ex.l, rec{surname: "zoe"}); got != spec.Else {
		t.Errorf("unlike values reached %s, want else", got)
	}
}
