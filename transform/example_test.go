package transform_test

import (
	"fmt"
	"time"

	"github.com/contoso/c360/transform"
)

func ExampleNormalizer_Person() {
	// One row of the eCommerce contacts file, read by field name.
	row := map[string]string{
		"first_name": "Kenneth", "last_name": "Beraun", "full_name": "Beraun Kenneth",
		"date_of_birth": "8/1/1974", "email": " Kenneth_Beraun@KimBoyle.com",
		"telephone": "001-849-959-4245x1045", "state": "Texas", "country": "USA",
	}
	m := transform.Mapping{
		transform.GivenName: {"first_name"}, transform.Surname: {"last_name"},
		transform.FullName: {"full_name"}, transform.BirthDate: {"date_of_birth"},
		transform.Email: {"email"}, transform.Phone: {"telephone"},
		transform.State: {"state"}, transform.Country: {"country"},
	}
	n := transform.Normalizer{Region: "US", AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	p := n.Person("contacts", "CNTID_1001", 3, m, func(field string) string { return row[field] })

	fmt.Println(p.Given.Norm(), p.Surname.Norm(), "|", p.FullName.Norm())
	fmt.Println(p.BirthDate, p.BirthDateStat)
	fmt.Println(p.Email.Norm(), p.Email.Status)
	fmt.Println(p.Phone.Norm(), p.PhoneExt, p.Phone.Status)
	fmt.Println(p.State.Norm(), p.Country.Norm())
	// Output:
	// kenneth beraun | beraun kenneth
	// {1974 8 1} ok
	// kenneth_beraun@kimboyle.com ok
	// +18499594245 1045 ok
	// tx us
}

func ExampleNormalizePhone() {
	for _, raw := range []string{"+1-857-766-9037x7724", "983.566.0706x9509", "787699373"} {
		e164, ext, st := transform.NormalizePhone(raw, "US")
		fmt.Printf("%-22q -> %q ext %q %v; digits %s\n", raw, e164, ext, st, transform.PhoneDigits(raw, "US"))
	}
	// Output:
	// "+1-857-766-9037x7724" -> "+18577669037" ext "7724" ok; digits 8577669037
	// "983.566.0706x9509"    -> "" ext "" invalid; digits 9835660706
	// "787699373"            -> "" ext "" invalid; digits 787699373
}

func ExampleParseFullName() {
	// Without a hint the first word is the given name; the FirstName column
	// of the same record shows when the source wrote "Last First".
	g, s := transform.ParseFullName("Beraun Kenneth", "", "")
	fmt.Println(g.Norm(), "/", s.Norm())
	g, s = transform.ParseFullName("Beraun Kenneth", "kenneth", "")
	fmt.Println(g.Norm(), "/", s.Norm())
	g, s = transform.ParseFullName("de la Cruz, Mrs María José", "", "")
	fmt.Println(g.Norm(), "/", s.Norm())
	// Output:
	// beraun / kenneth
	// kenneth / beraun
	// maria / de la cruz
}

func ExampleNickname() {
	for _, given := range []string{"Bill", "liz", "Bobby", "Kenneth"} {
		fmt.Println(given, "->", transform.Nickname(given))
	}
	// Output:
	// Bill -> william
	// liz -> elizabeth
	// Bobby -> robert
	// Kenneth -> kenneth
}

func ExampleParseDate() {
	asOf := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for _, raw := range []string{"5/8/1986", "2018-05-08", "19081209", "25/12/1990", "2/30/1990", "2031-01-01"} {
		d, st := transform.ParseDate(raw, asOf)
		fmt.Println(raw, d, st)
	}
	// Output:
	// 5/8/1986 {1986 5 8} ok
	// 2018-05-08 {2018 5 8} ok
	// 19081209 {1908 12 9} ok
	// 25/12/1990 {1990 12 25} ok
	// 2/30/1990 {0 0 0} invalid
	// 2031-01-01 {0 0 0} invalid
}

func ExampleNormalizeStreet() {
	for _, raw := range []string{"3958 Perez Centers Suite 216", "123 Main St. Apt 4", "12 St James Pl"} {
		s, _ := transform.NormalizeStreet(raw)
		fmt.Println(s)
	}
	// Output:
	// 3958 perez centers suite 216
	// 123 main street apartment 4
	// 12 saint james place
}
