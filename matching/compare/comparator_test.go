package compare

import (
	"testing"

	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

func okv(s string) transform.Value {
	if s == "" {
		return transform.Value{}
	}
	return transform.NewValue(s, s, transform.OK)
}

// rec is a compact hand-made record.
type rec struct {
	given, surname, full, email, phone, street, postcode string
	dob                                                  transform.Date
}

func (r rec) person(i int) transform.Person {
	p := transform.Person{Source: "s", ID: string(rune('a' + i)),
		Given: okv(r.given), Surname: okv(r.surname), FullName: okv(r.full), Email: okv(r.email),
		Phone: okv(r.phone), Street: okv(r.street), Postcode: okv(r.postcode), BirthDate: r.dob}
	if !r.dob.IsZero() {
		p.BirthDateStat = transform.OK
	}
	return p
}

func date(y, m, d int) transform.Date {
	return transform.Date{Year: int16(y), Month: int8(m), Day: int8(d)}
}

func comparison(t *testing.T, name string) spec.Comparison {
	t.Helper()
	for _, c := range spec.Default().Comparisons {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no comparison %q in the default model", name)
	return spec.Comparison{}
}

func TestLevel(t *testing.T) {
	nick := func(g string) string {
		if g == "bob" || g == "rob" {
			return "robert"
		}
		return g
	}
	tests := []struct {
		comparison string
		l, r       rec
		want       spec.Kind
		threshold  float64 // distinguishes levels of one kind
	}{
		{"given_name", rec{given: "anna"}, rec{given: "anna"}, spec.Exact, 0},
		{"given_name", rec{given: "anna"}, rec{}, spec.Missing, 0},
		{"given_name", rec{given: "anna", surname: "moss"}, rec{given: "moss", surname: "anna"}, spec.Swapped, 0},
		{"surname", rec{given: "anna", surname: "moss"}, rec{given: "moss", surname: "anna"}, spec.Swapped, 0},
		{"given_name", rec{given: "bob"}, rec{given: "robert"}, spec.Nickname, 0},
		{"given_name", rec{given: "bob"}, rec{given: "rob"}, spec.Nickname, 0},
		{"given_name", rec{given: "katherine"}, rec{given: "katharine"}, spec.JaroWinkler, 0.92},
		{"given_name", rec{given: "dwayne"}, rec{given: "duane"}, spec.JaroWinkler, 0.80},
		{"given_name", rec{given: "anna"}, rec{given: "zoe"}, spec.Else, 0},
		{"surname", rec{surname: "koteles"}, rec{surname: "kotelse"}, spec.JaroWinkler, 0.92},
		{"birth_date", rec{dob: date(1986, 5, 8)}, rec{dob: date(1986, 5, 8)}, spec.Exact, 0},
		{"birth_date", rec{dob: date(1986, 5, 8)}, rec{dob: date(1986, 8, 5)}, spec.DayMonthSwap, 0},
		{"birth_date", rec{dob: date(1986, 5, 8)}, rec{dob: date(1986, 5, 9)}, spec.Transposed, 0},
		{"birth_date", rec{dob: date(1986, 5, 8)}, rec{dob: date(1986, 6, 1)}, spec.DateWithinDays, 31},
		{"birth_date", rec{dob: date(1986, 5, 8)}, rec{dob: date(1986, 11, 20)}, spec.SameYear, 0},
		{"birth_date", rec{dob: date(1986, 5, 8)}, rec{dob: date(1987, 1, 1)}, spec.DateWithinDays, 366},
		{"birth_date", rec{dob: date(1986, 5, 8)}, rec{dob: date(1990, 1, 1)}, spec.WithinYears, 10},
		{"birth_date", rec{dob: date(1986, 5, 8)}, rec{dob: date(1998, 5, 8)}, spec.Else, 0},
		// A parent and a child: a generation apart, not a typo.
		{"birth_date", rec{dob: date(1986, 5, 8)}, rec{dob: date(2018, 5, 8)}, spec.YearsApart, 15},
		{"birth_date", rec{dob: date(1961, 2, 3)}, rec{dob: date(1946, 9, 30)}, spec.YearsApart, 15},
		{"birth_date", rec{dob: date(1986, 5, 8)}, rec{}, spec.Missing, 0},
		{"email", rec{email: "a.b@x.com"}, rec{email: "a.b@x.com"}, spec.Exact, 0},
		{"email", rec{email: "a.b@x.com"}, rec{email: "a.b@y.org"}, spec.Else, 0},
		{"email", rec{email: "robert255@smith.net"}, rec{email: "roberta25@smith.net"}, spec.EmailTypo, 0},
		{"email", rec{email: "harley.rose50@sawyer-lin.org"}, rec{email: "harley.rose50@sawyer-lin.orng"}, spec.EmailTypo, 0},
		{"email", rec{email: "joe_gonzalez@harrisgroup.com"}, rec{email: "joe_gonzalez@georgephillips.com"}, spec.Else, 0},
		{"email", rec{email: "a@x.com"}, rec{email: "zz@q.org"}, spec.Else, 0},
		// Two mailboxes built from one name are not one address mistyped.
		{"email", rec{email: "ronaldhicks92@gmail.com"}, rec{email: "ronaldhicks17@gmail.com"}, spec.EmailDigits, 0},
		{"email", rec{email: "ronaldhicks92@gmail.com"}, rec{email: "ronaldhicks@yahoo.com"}, spec.EmailDigits, 0},
		{"email", rec{email: "ronaldhicks92@gmail.com"}, rec{email: "ronaldhicks92@gmial.com"}, spec.EmailTypo, 0},
		{"email", rec{email: "ronaldhicks92@gmail.com"}, rec{email: "ronaldhick92@gmail.com"}, spec.EmailTypo, 0},
		{"email", rec{email: "123@gmail.com"}, rec{email: "456@gmail.com"}, spec.Else, 0},
		{"phone", rec{phone: "5696265660"}, rec{phone: "5696265606"}, spec.Transposed, 0},
		{"phone", rec{phone: "5696265660"}, rec{phone: "5696265"}, spec.Else, 0},
		{"address", rec{postcode: "tq13 8df"}, rec{postcode: "tq13 8hu"}, spec.FirstToken, 0},
		{"address", rec{postcode: "4223"}, rec{postcode: "4232"}, spec.Transposed, 0},
		{"address", rec{street: "8 stanley street miami"}, rec{street: "8 stanley street"}, spec.JaroWinkler, 0.90},
		{"address", rec{street: "miami 8 stanley street"}, rec{street: "8 stanley street"}, spec.TokenOverlap, 0.5},
		// Streets say more than postcodes: the first level that holds wins.
		{"address", rec{street: "8 stanley street", postcode: "4223"}, rec{street: "8 stanley street", postcode: "9999"}, spec.Exact, 0},
		{"address", rec{street: "8 stanley street", postcode: "4223"}, rec{street: "12 oak road", postcode: "4223"}, spec.Exact, 0},
		{"address", rec{street: "8 stanley street"}, rec{postcode: "4223"}, spec.Missing, 0},
		{"address", rec{street: "8 stanley street"}, rec{street: "12 oak road"}, spec.Else, 0},
		// A full name stands in for missing given name and surname.
		{"surname", rec{full: "anna moss"}, rec{surname: "moss", given: "anna"}, spec.Exact, 0},
	}
	for _, tt := range tests {
		c := comparison(t, tt.comparison)
		table := NewTable([]transform.Person{tt.l.person(0), tt.r.person(1)}, TableOptions{Nickname: nick})
		comps, err := Compile(table, []spec.Comparison{c})
		if err != nil {
			t.Fatal(err)
		}
		got := c.Levels[comps[0].Level(0, 1)]
		if got.Kind != tt.want || (tt.threshold != 0 && got.Threshold != tt.threshold) {
			t.Errorf("%s %+v vs %+v: level %q (%s %v), want %s %v", tt.comparison, tt.l, tt.r,
				got.Label, got.Kind, got.Threshold, tt.want, tt.threshold)
		}
		if back := comps[0].Level(1, 0); back != comps[0].Level(0, 1) {
			t.Errorf("%s: level not symmetric: %d vs %d", tt.comparison, back, comps[0].Level(0, 1))
		}
	}
}

func TestTableStatuses(t *testing.T) {
	people := []transform.Person{
		{Email: transform.NewValue("test@test.com", "test@test.com", transform.Junk)},
		{Phone: transform.NewValue("0569-626-5660x12", "", transform.Invalid)},
		{Phone: transform.NewValue("+1 569 626 5660", "+15696265660", transform.OK)},
		{Phone: transform.NewValue("12", "", transform.Invalid)},
	}
	table := NewTable(people, TableOptions{})
	if got := table.Column(transform.Email).Str(0); got != "" {
		t.Errorf("junk e-mail kept as %q", got)
	}
	phones := table.Column(transform.Phone)
	if a, b := phones.Str(1), phones.Str(2); a != "5696265660" || b != a {
		t.Errorf("phone digits: invalid %q, valid %q; want both 5696265660", a, b)
	}
	if got := phones.Str(3); got != "" {
		t.Errorf("short invalid phone kept as %q", got)
	}
	if phones.Present() != 2 || phones.Count[phones.ID(1)] != 2 {
		t.Errorf("phone counts: present %d, shared %d", phones.Present(), phones.Count[phones.ID(1)])
	}
}
