package transform

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz tests: no input may panic, and normalizing an already normalized
// value must give it back unchanged (with the same status). Run one with
// e.g. go test -run '^$' -fuzz FuzzFold -fuzztime 30s ./transform/

// nameSeeds returns messy names from the data sets and made-up hard cases.
func nameSeeds() []string {
	return []string{"Abbie Moss", "Beraun Kenneth", "Acthony Koteles", "O'Brien",
		"Smith-Jones", "Moss, Mrs Abbie", "Dr. Kenneth Beraun Jr.", "José Álvarez", "Straße",
		"ＪＯＨＮ", "Иван", "e\u0301", "\u0301", "n/a", " - ", "thomas clifford, 1st baron clifford of chudleigh",
		"John Smith, III", "jr, mr", "\xff\xfe", "ǅ", "ﬃ", "Ⅻ", "x\u200by"}
}

func FuzzFold(f *testing.F) {
	for _, s := range nameSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Errorf("Fold(%q) = %q, but Fold(%q) = %q", s, got, got, again)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Errorf("Fold(%q) = %q: stray spaces", s, got)
		}
		if !utf8.ValidString(got) {
			t.Errorf("Fold(%q) = %q: not valid UTF-8", s, got)
		}
	})
}

func FuzzNormalizeName(f *testing.F) {
	for _, s := range nameSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkIdempotent(t, "NormalizeName", s, NormalizeName)
		checkIdempotent(t, "NormalizeFullName", s, NormalizeFullName)
		checkIdempotent(t, "NormalizeCity", s, NormalizeCity)
		checkIdempotent(t, "NormalizeCountry", s, NormalizeCountry)
		checkIdempotent(t, "NormalizeText", s, NormalizeText)
		g, sn := ParseFullName(s, "", "")
		for _, v := range []Value{g, sn} {
			if v.Status == OK && Fold(v.Norm()) != v.Norm() {
				t.Errorf("ParseFullName(%q) part %+v is not folded", s, v)
			}
		}
	})
}

func FuzzNormalizeStreet(f *testing.F) {
	for _, s := range []string{"129 Miller Plaza", "3958 Perez Centers Suite 216", "85 Mary Street Apt. 766",
		"12 St James Pl", "St. Andrews Rd", "123 Main St #4", "1 N Main St", "12 Apt E Elm Ct",
		"6 tullaroop street willaroo", "st st st", "# #", "1 st n", "ste st", "12 st"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkIdempotent(t, "NormalizeStreet", s, NormalizeStreet)
	})
}

func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"abbie_moss@collinsreedandhoward.com", " Kenneth_Beraun@KimBoyle.com",
		"mailto:<a@b.com>", "<a@b.com>", "test@test.com", "x@x.com", "n/a", "a@b", "İ@x.com", "josé@correo.es"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkIdempotent(t, "NormalizeEmail", s, NormalizeEmail)
	})
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"983.566.0706x9509", "+1-569-626-5660", "001-849-959-4245x1045", "(067)681-4908",
		"787699373", "1-800-FLOWERS", "+44 20 7946 0018", "3347007637", "x1", "+", "00000000000000000000", "1;ext=2"} {
		f.Add(s, "US")
	}
	f.Add("020 7946 0018", "GB")
	f.Add("3347007637", "ZZ")
	f.Fuzz(func(t *testing.T, raw, region string) {
		e164, ext, st := NormalizePhone(raw, region)
		_ = PhoneDigits(raw, region)
		if st != OK {
			if e164 != "" || ext != "" {
				t.Errorf("NormalizePhone(%q, %q) = %q, %q, %v: values set although not ok", raw, region, e164, ext, st)
			}
			return
		}
		if !allDigits(e164[1:]) || e164[0] != '+' || (ext != "" && !allDigits(ext)) {
			t.Errorf("NormalizePhone(%q, %q) = %q, %q: not E.164 and digits", raw, region, e164, ext)
		}
		again, ext2, st2 := NormalizePhone(e164, region)
		if again != e164 || ext2 != "" || st2 != OK {
			t.Errorf("NormalizePhone(%q) = %q, %q, %v; want it unchanged", e164, again, ext2, st2)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"5/8/1986", "2018-05-08", "19081209", "25/12/1990", "August 5, 1974",
		"3/14/2017 10:22 AM", "2017-03-14T10:22:00Z", "2/30/1990", "-1630-08-01", "1856-86-18", "T:", "0000-00-00"} {
		f.Add(s)
	}
	asOf := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		d, st := ParseDate(s, asOf)
		if st != OK {
			if !d.IsZero() {
				t.Errorf("ParseDate(%q) = %+v, %v: a date although not ok", s, d, st)
			}
			return
		}
		iso := fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
		if again, st := ParseDate(iso, asOf); again != d || st != OK {
			t.Errorf("ParseDate(%q) = %+v, but ParseDate(%q) = %+v, %v", s, d, iso, again, st)
		}
		if _, err := time.Parse("2006-01-02", iso); err != nil {
			t.Errorf("ParseDate(%q) = %s, which time.Parse rejects: %v", s, iso, err)
		}
	})
}

func FuzzNormalizePostcode(f *testing.F) {
	for _, s := range []string{"10753", "90210-1234", "2134", "M9B 6B9", "2776", "--", "12"} {
		f.Add(s, "USA")
		f.Add(s, "")
		f.Add(s, "Canada")
	}
	f.Fuzz(func(t *testing.T, raw, country string) {
		checkIdempotent(t, "NormalizePostcode", raw, func(s string) (string, Status) { return NormalizePostcode(s, country) })
		checkIdempotent(t, "NormalizeState", raw, func(s string) (string, Status) { return NormalizeState(s, country) })
	})
}

func FuzzPerson(f *testing.F) {
	f.Add("Kenneth", "Beraun", "Beraun Kenneth", "8/1/1974", "kenneth_beraun@kimboyle.com", "384.995.7852", "40482", "Texas", "USA")
	f.Add("", "", "Moss, Mrs Abbie", "2018-05-08", "n/a", "+1-569-626-5660", "M9B 6B9", "Ontario", "Canada")
	f.Add("-", "?", ",", "19081209", "x@x.com", "001", "2134", "", "")
	f.Fuzz(func(t *testing.T, given, surname, full, dob, email, phone, postcode, state, country string) {
		row := record{"first_name": given, "last_name": surname, "full_name": full, "date_of_birth": dob,
			"email": email, "telephone": phone, "post_code": postcode, "state": state, "country": country}
		p := (&Normalizer{}).Person("s", "1", 2, contactsMapping(), row.get)
		for name, v := range map[string]Value{"given": p.Given, "surname": p.Surname, "full": p.FullName,
			"email": p.Email, "phone": p.Phone, "postcode": p.Postcode, "state": p.State, "country": p.Country} {
			if (v.Status == Empty || v.Status == Invalid) && v.Norm() != "" {
				t.Errorf("%s = %+v: Norm set although %v", name, v, v.Status)
			}
		}
	})
}

// checkIdempotent fails t unless normalizing the normalized form of s
// gives it back with the same status.
func checkIdempotent(t *testing.T, name, s string, normalize func(string) (string, Status)) {
	t.Helper()
	n, st := normalize(s)
	if st == Empty || st == Invalid {
		if n != "" {
			t.Errorf("%s(%q) = %q, %v: a value although %v", name, s, n, st, st)
		}
		return
	}
	if again, st2 := normalize(n); again != n || st2 != st {
		t.Errorf("%s(%q) = %q, %v; but %s(%q) = %q, %v", name, s, n, st, name, n, again, st2)
	}
}
