package compare

import (
	"fmt"
	"testing"

	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

func TestPlaceholders(t *testing.T) {
	ok := func(s string) transform.Value { return transform.NewValue(s, s, transform.OK) }
	var people []transform.Person
	add := func(email, phone string, dob transform.Date) {
		p := transform.Person{Source: "s", ID: fmt.Sprint(len(people)), Email: ok(email), Phone: ok(phone),
			PhoneDigits: phone, BirthDate: dob, BirthDateStat: transform.OK}
		if email == "" {
			p.Email = transform.Value{}
		}
		people = append(people, p)
	}
	day := func(i int) transform.Date {
		return transform.Date{Year: int16(1950 + i%50), Month: int8(1 + i%12), Day: int8(1 + i%28)}
	}
	// 400 people with their own e-mail, phone and birth date, a family of
	// ten sharing one e-mail and phone, 30 records sharing a "no e-mail"
	// address a clerk typed, and two records with 555-555-5555.
	for i := range 400 {
		add(fmt.Sprintf("p%d@mail.com", i), fmt.Sprintf("20255501%02d", i%100)+fmt.Sprint(i/100), day(i))
	}
	for i := range 10 {
		add("family@mail.com", "2025550000", day(i))
	}
	for i := range 30 {
		add("nomail@store.com", fmt.Sprintf("30355501%02d", i), day(i+3))
	}
	add("a@b.com", "5555555555", day(1))
	add("c@d.com", "5555555555", day(2))
	table := NewTable(people, TableOptions{Placeholders: spec.Default().Placeholders})
	got := map[string]Placeholder{}
	for _, p := range table.Placeholders {
		got[p.Value] = p
	}
	if p, found := got["nomail@store.com"]; !found || p.Records != 30 || p.BuiltIn {
		t.Errorf("shared e-mail: %+v (found %v), want a placeholder held by 30 records", p, found)
	}
	if p, found := got["5555555555"]; !found || !p.BuiltIn || p.Records != 2 {
		t.Errorf("555-555-5555: %+v (found %v), want a built-in placeholder", p, found)
	}
	if _, found := got["family@mail.com"]; found {
		t.Error("a family of ten's e-mail taken for a placeholder")
	}
	if len(got) != 2 {
		t.Errorf("placeholders %+v, want just the two", table.Placeholders)
	}
	emails := table.Column(transform.Email)
	if emails.Str(410) != "" || emails.Str(400) != "family@mail.com" {
		t.Errorf("after placeholders: %q and %q", emails.Str(410), emails.Str(400))
	}
	if emails.Count[0] != 30 {
		t.Errorf("%d records missing an e-mail, want 30", emails.Count[0])
	}
}

func TestBuiltInPlaceholder(t *testing.T) {
	tests := []struct {
		attr transform.Attr
		v    string
		want bool
	}{
		{transform.Phone, "0000000000", true},
		{transform.Phone, "5555555555", true},
		{transform.Phone, "1234567890", true},
		{transform.Phone, "9876543210", true},
		{transform.Phone, "5696265660", false},
		{transform.Phone, "555", false},
		{transform.NationalID, "123456789", true},
		{transform.BirthDate, "19000101", true},
		{transform.BirthDate, "19000102", false},
		{transform.Email, "x@y.com", false},
	}
	for _, tt := range tests {
		if got := builtInPlaceholder(tt.attr, tt.v); got != tt.want {
			t.Errorf("builtInPlaceholder(%s, %q) = %v, want %v", tt.attr, tt.v, got, tt.want)
		}
	}
}
