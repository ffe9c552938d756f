package transform

import (
	"testing"
	"time"
)

// benchRows are Contoso-like contact rows in the formats the sources use,
// with the mix of valid and invalid Faker phone numbers of Contact.txt.
func benchRows() []record {
	return []record{
		{"first_name": "Abbie", "last_name": "Moss", "full_name": "Abbie Moss", "date_of_birth": "5/8/1986",
			"gender": "Female", "email": "abbie_moss@collinsreedandhoward.com", "telephone": "983.566.0706x9509",
			"post_code": "10753", "street_address": "129 Miller Plaza", "city": "Fairfield", "state": "California",
			"country": "USA", "created_on": "3/14/2017"},
		{"first_name": "Kenneth", "last_name": "Beraun", "full_name": "Beraun Kenneth", "date_of_birth": "1974-08-01",
			"gender": "Male", "email": "kenneth_beraun@kimboyle.com", "telephone": "+1-857-766-9037x7724",
			"post_code": "40482", "street_address": "9720 William Prairie", "city": "Amarillo", "state": "Texas",
			"country": "USA", "created_on": "12/23/2018"},
		{"first_name": "Anthony", "last_name": "Koteles", "full_name": "Acthony Koteles", "date_of_birth": "8/28/1975",
			"gender": "Male", "email": "anthony_koteles@crawfordsimmonsandgreene.com", "telephone": "569-626-5660",
			"post_code": "28679", "street_address": "3958 Perez Centers Suite 216", "city": "Inglewood",
			"state": "California", "country": "USA", "created_on": "1/14/2019"},
		{"first_name": "Michael", "last_name": "Lauser", "full_name": "Michael Lauser", "date_of_birth": "9/3/2006",
			"gender": "Male", "email": "michael_lauser@smithinc.com", "telephone": "001-811-506-2553x442",
			"post_code": "93991", "street_address": "15091 Haynes Neck", "city": "Nashville", "state": "Tennessee",
			"country": "USA", "created_on": "1/17/2019"},
		{"first_name": "Richard", "last_name": "Nakada", "full_name": "Nakada Richard", "date_of_birth": "7/30/1997",
			"gender": "Male", "email": "richard_nakada@jonesholmesandmooney.com", "telephone": "3347007637",
			"post_code": "78389", "street_address": "3501 Thornton Radial Apt. 766", "city": "West Covina",
			"state": "California", "country": "USA", "created_on": "1/20/2019"},
	}
}

func BenchmarkPerson(b *testing.B) {
	rows := benchRows()
	m := contactsMapping()
	n := &Normalizer{AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		row := rows[i%len(rows)]
		i++
		_ = n.Person("contacts", "CNTID_1000", i, m, row.get)
	}
}

func BenchmarkPersonParallel(b *testing.B) {
	rows := benchRows()
	m := contactsMapping()
	n := &Normalizer{AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			row := rows[i%len(rows)]
			i++
			_ = n.Person("contacts", "CNTID_1000", i, m, row.get)
		}
	})
}

func BenchmarkName(b *testing.B) {
	for _, bm := range []struct{ name, raw string }{
		{"folded", "kenneth beraun"},
		{"ascii", "Beraun Kenneth"},
		{"unicode", "José Álvarez-Muñoz"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NormalizeName(bm.raw)
			}
		})
	}
}

func BenchmarkPhone(b *testing.B) {
	for _, bm := range []struct{ name, raw string }{
		{"valid", "+1-857-766-9037x7724"},
		{"invalid-area", "001-811-506-2553x442"},
		{"invalid-unassigned", "983.566.0706x9509"},
		{"foreign", "+44 20 7946 0018"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NormalizePhone(bm.raw, "US")
			}
		})
	}
}

func BenchmarkParseDate(b *testing.B) {
	asOf := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		ParseDate("12/23/2018", asOf)
	}
}

func BenchmarkNormalizeStreet(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NormalizeStreet("3958 Perez Centers Ste 216")
	}
}
