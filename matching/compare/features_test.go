package compare

import (
	"testing"

	"github.com/contoso/c360/transform"
)

func TestTokenFeatures(t *testing.T) {
	streets := []string{"8 stanley street", "stanley street 8 miami", "8 stanley street stanley", "12 oak road",
		"8", "8 oak", "tq13 8df", "tq13 8hu", "tq13", "oak road 12"}
	people := make([]transform.Person, len(streets))
	for i, s := range streets {
		people[i].Street = okv(s)
	}
	table := NewTable(people, TableOptions{})
	col := table.Column(transform.Street)
	col.buildTokens()
	for i := range streets {
		for j := range streets {
			a, b := col.ID(int32(i)), col.ID(int32(j))
			x, y := streets[i], streets[j]
			if got, want := jaccard(col.tokens.words(a), col.tokens.words(b)), TokenJaccard(x, y); got != want {
				t.Errorf("jaccard(%q, %q) = %v, TokenJaccard says %v", x, y, got, want)
			}
			same := FirstToken(x) == FirstToken(y) && (len(FirstToken(x)) < len(x) || len(FirstToken(y)) < len(y))
			if got := col.tokens.sameFirstWord(a, b); got != same {
				t.Errorf("sameFirstWord(%q, %q) = %v, want %v", x, y, got, same)
			}
		}
	}
}

func TestEmailParts(t *testing.T) {
	emails := []string{"ann.lee@x.com", "ann.lee@y.org", "bob@x.com", "ann.lee", "@x.com"}
	people := make([]transform.Person, len(emails))
	for i, e := range emails {
		people[i].Email = okv(e)
	}
	table := NewTable(people, TableOptions{})
	col := table.Column(transform.Email)
	col.buildEmailParts()
	part := func(i int32) emailParts { return col.parts[col.ID(i)] }
	if part(0).user != part(1).user || part(0).domain == part(1).domain {
		t.Errorf("ann.lee at two domains: %+v %+v", part(0), part(1))
	}
	if part(0).domain != part(2).domain || part(0).user == part(2).user {
		t.Errorf("two users at x.com: %+v %+v", part(0), part(2))
	}
	if part(3) != (emailParts{}) {
		t.Errorf("address without @ has parts %+v", part(3))
	}
	if part(4).user == 0 || part(4).domain != part(0).domain {
		t.Errorf("empty user name: %+v", part(4))
	}
}

func TestTableLayout(t *testing.T) {
	people := []transform.Person{
		{Source: "a", Given: okv("anna"), Surname: okv("moss"), Email: okv("a@x.com"), BirthDate: date(1980, 2, 29), BirthDateStat: transform.OK},
		{Source: "b", Given: okv("moss"), Surname: okv("anna"), Phone: transform.NewValue("569-626-5660", "+15696265660", transform.OK)},
		{Source: "a", FullName: okv("lee ann smith")},
	}
	table := NewTable(people, TableOptions{Attrs: []transform.Attr{transform.GivenName, transform.Surname, transform.BirthDate}})
	given, surname := table.Column(transform.GivenName), table.Column(transform.Surname)
	// One dictionary for both name columns: swapped names have crossed ids.
	if given.ID(0) != surname.ID(1) || surname.ID(0) != given.ID(1) || given.ID(0) == 0 {
		t.Errorf("name ids: given %d %d, surname %d %d", given.ID(0), given.ID(1), surname.ID(0), surname.ID(1))
	}
	if given.Str(2) != "lee" || surname.Str(2) != "smith" {
		t.Errorf("names from the full name: %q %q", given.Str(2), surname.Str(2))
	}
	if given.Count[given.ID(0)] != 1 || surname.Count[given.ID(0)] != 1 || given.Present() != 3 {
		t.Errorf("name counts: given %v, surname %v, present %d", given.Count, surname.Count, given.Present())
	}
	// Attributes not asked for are missing everywhere.
	if e := table.Column(transform.Email); e.ID(0) != 0 || e.Present() != 0 {
		t.Errorf("e-mail not asked for but present: id %d", e.ID(0))
	}
	if table.Date(0) != 19800229 || table.Date(1) != 0 || table.Day(0) != 3711 {
		t.Errorf("birth dates %d %d, day %d", table.Date(0), table.Date(1), table.Day(0))
	}
	if len(table.Sources) != 2 || table.Source[2] != 0 || table.Source[1] != 1 {
		t.Errorf("sources %v %v", table.Sources, table.Source)
	}
}
