package transform

import (
	"sync"
	"testing"
	"time"
)

// record is one source row: field name -> raw value.
type record map[string]string

func (r record) get(field string) string { return r[field] }

// contactsMapping returns Contact.txt's mapping, with the fields named as
// in sources.Contacts.
func contactsMapping() Mapping {
	return Mapping{
		GivenName: {"first_name"}, Surname: {"last_name"}, FullName: {"full_name"},
		BirthDate: {"date_of_birth"}, Gender: {"gender"}, Email: {"email"},
		Phone: {"telephone"}, Postcode: {"post_code"}, Street: {"street_address"},
		City: {"city"}, State: {"state"}, Country: {"country"}, CreatedOn: {"created_on"},
	}
}

func TestPersonContact(t *testing.T) {
	// CNTID_1001 of Contact.txt, with a valid phone number put in.
	row := record{
		"first_name": "Kenneth", "last_name": "Beraun", "full_name": "Beraun Kenneth",
		"date_of_birth": "8/1/1974", "gender": "Male", "email": "kenneth_beraun@kimboyle.com",
		"telephone": "857-766-9037x7724", "post_code": "40482", "street_address": "9720 William Prairie",
		"city": "Amarillo", "state": "Texas", "country": "USA", "created_on": "12/23/2018",
	}
	n := Normalizer{AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	got := n.Person("contacts", "CNTID_1001", 3, contactsMapping(), row.get)
	want := Person{
		Source: "contacts", ID: "CNTID_1001", Line: 3,
		Given:         NewValue("Kenneth", "kenneth", OK),
		Surname:       NewValue("Beraun", "beraun", OK),
		FullName:      NewValue("Beraun Kenneth", "beraun kenneth", OK),
		BirthDate:     Date{1974, 8, 1},
		BirthDateRaw:  "8/1/1974",
		BirthDateStat: OK,
		Email:         NewValue("kenneth_beraun@kimboyle.com", "kenneth_beraun@kimboyle.com", OK),
		Phone:         NewValue("857-766-9037x7724", "+18577669037", OK),
		PhoneExt:      "7724",
		PhoneDigits:   "8577669037",
		Postcode:      NewValue("40482", "40482", OK),
		Street:        NewValue("9720 William Prairie", "9720 william prairie", OK),
		City:          NewValue("Amarillo", "amarillo", OK),
		State:         NewValue("Texas", "tx", OK),
		Country:       NewValue("USA", "us", OK),
		Gender:        NewValue("Male", "m", OK),
		CreatedOn:     Date{2018, 12, 23},
	}
	if got != want {
		t.Errorf("Person:\n got %+v\nwant %+v", got, want)
	}
}

func TestPersonInvalidPhoneKeepsDigits(t *testing.T) {
	row := record{"telephone": "983.566.0706x9509"}
	got := (&Normalizer{}).Person("contacts", "CNTID_1000", 2, Mapping{Phone: {"telephone"}}, row.get)
	want := NewValue("983.566.0706x9509", "", Invalid)
	if got.Phone != want || got.PhoneExt != "" || got.PhoneDigits != "9835660706" {
		t.Errorf("Phone %+v, ext %q, digits %q; want %+v, \"\", \"9835660706\"",
			got.Phone, got.PhoneExt, got.PhoneDigits, want)
	}
}

func TestPersonNames(t *testing.T) {
	tests := []struct {
		name          string
		m             Mapping
		row           record
		given, surame Value
		full          Value
	}{
		{
			name:   "dedicated columns win over the full name",
			m:      contactsMapping(),
			row:    record{"first_name": "Anthony", "last_name": "Koteles", "full_name": "Acthony Koteles"},
			given:  NewValue("Anthony", "anthony", OK),
			surame: NewValue("Koteles", "koteles", OK),
			full:   NewValue("Acthony Koteles", "acthony koteles", OK),
		},
		{
			name:   "only a full name: split it",
			m:      Mapping{FullName: {"name"}},
			row:    record{"name": "Moss, Abbie"},
			given:  NewValue("Abbie", "abbie", OK),
			surame: NewValue("Moss", "moss", OK),
			full:   NewValue("Moss, Abbie", "moss abbie", OK),
		},
		{
			name:   "empty columns fall back to the full name",
			m:      contactsMapping(),
			row:    record{"first_name": "", "last_name": " ", "full_name": "Dr. Abbie Moss"},
			given:  NewValue("Abbie", "abbie", OK),
			surame: NewValue("Moss", "moss", OK),
			full:   NewValue("Dr. Abbie Moss", "abbie moss", OK),
		},
		{
			name:   "given column resolves swapped order for the surname",
			m:      contactsMapping(),
			row:    record{"first_name": "Kenneth", "full_name": "Beraun Kenneth"},
			given:  NewValue("Kenneth", "kenneth", OK),
			surame: NewValue("Beraun", "beraun", OK),
			full:   NewValue("Beraun Kenneth", "beraun kenneth", OK),
		},
		{
			name:   "surname column resolves swapped order for the given name",
			m:      contactsMapping(),
			row:    record{"last_name": "Beraun", "full_name": "Beraun Kenneth"},
			given:  NewValue("Kenneth", "kenneth", OK),
			surame: NewValue("Beraun", "beraun", OK),
			full:   NewValue("Beraun Kenneth", "beraun kenneth", OK),
		},
		{
			name:   "an invalid column falls back too",
			m:      contactsMapping(),
			row:    record{"first_name": "-", "last_name": "Moss", "full_name": "Abbie Moss"},
			given:  NewValue("Abbie", "abbie", OK),
			surame: NewValue("Moss", "moss", OK),
			full:   NewValue("Abbie Moss", "abbie moss", OK),
		},
		{
			name:   "no full name: the invalid column stays",
			m:      contactsMapping(),
			row:    record{"first_name": "-", "last_name": "Moss"},
			given:  NewValue("-", "", Invalid),
			surame: NewValue("Moss", "moss", OK),
			full:   NewValue("", "", Empty),
		},
		{
			name:   "a one-word full name leaves the surname empty",
			m:      Mapping{FullName: {"name"}},
			row:    record{"name": "Madonna"},
			given:  NewValue("Madonna", "madonna", OK),
			surame: NewValue("", "", Empty),
			full:   NewValue("Madonna", "madonna", OK),
		},
		{
			name:   "no names at all",
			m:      contactsMapping(),
			row:    record{},
			given:  Value{},
			surame: Value{},
			full:   Value{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := (&Normalizer{}).Person("s", "1", 2, tt.m, tt.row.get)
			if p.Given != tt.given || p.Surname != tt.surame || p.FullName != tt.full {
				t.Errorf("given %+v, surname %+v, full %+v;\nwant %+v, %+v, %+v",
					p.Given, p.Surname, p.FullName, tt.given, tt.surame, tt.full)
			}
		})
	}
}

func TestPersonFEBRL(t *testing.T) {
	// rec-122-org of FEBRL dataset1: several street fields, Australian
	// postcode and state, YYYYMMDD birth date, social security id.
	m := Mapping{
		GivenName: {"given_name"}, Surname: {"surname"},
		Street: {"street_number", "address_1", "address_2"},
		City:   {"suburb"}, Postcode: {"postcode"}, State: {"state"},
		BirthDate: {"date_of_birth"}, NationalID: {"soc_sec_id"},
	}
	row := record{
		"given_name": "lachlan", "surname": "berry", "street_number": "69",
		"address_1": "giblin street", "address_2": "killarney", "suburb": "bittern",
		"postcode": "4814", "state": "qld", "date_of_birth": "19990219", "soc_sec_id": "7364009",
	}
	p := (&Normalizer{}).Person("febrl1", "r1", 3, m, row.get)
	checks := []struct {
		name      string
		got, want Value
	}{
		{"street", p.Street, NewValue("69 giblin street killarney", "69 giblin street killarney", OK)},
		{"postcode", p.Postcode, NewValue("4814", "4814", OK)},
		{"state", p.State, NewValue("qld", "qld", OK)},
		{"city", p.City, NewValue("bittern", "bittern", OK)},
		{"national id", p.NationalID, NewValue("7364009", "7364009", OK)},
		{"country", p.Country, Value{}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if want := (Date{1999, 2, 19}); p.BirthDate != want || p.BirthDateStat != OK {
		t.Errorf("birth date %+v %v, want %+v ok", p.BirthDate, p.BirthDateStat, want)
	}

	// A missing middle field is skipped, not doubled into two spaces.
	row["address_1"] = ""
	p = (&Normalizer{}).Person("febrl1", "r1", 3, m, row.get)
	if want := "69 killarney"; p.Street.Raw() != want {
		t.Errorf("street raw with an empty field = %q, want %q", p.Street.Raw(), want)
	}
}

func TestPersonCountryDrivesPostcodeAndState(t *testing.T) {
	m := Mapping{Postcode: {"zip"}, State: {"state"}, Country: {"country"}}
	tests := []struct {
		row         record
		zip, state  string
		zipSt, stSt Status
	}{
		{record{"zip": "2134", "state": "Massachusetts", "country": "USA"}, "02134", "ma", OK, OK},
		{record{"zip": "2134", "state": "Massachusetts", "country": ""}, "2134", "ma", OK, OK},
		{record{"zip": "M9B 6B9", "state": "Ontario", "country": "Canada"}, "m9b6b9", "ontario", OK, OK},
		{record{"zip": "M9B 6B9", "state": "Ontario", "country": "USA"}, "", "ontario", Invalid, OK},
	}
	for _, tt := range tests {
		p := (&Normalizer{}).Person("s", "1", 2, m, tt.row.get)
		if p.Postcode.Norm() != tt.zip || p.Postcode.Status != tt.zipSt || p.State.Norm() != tt.state || p.State.Status != tt.stSt {
			t.Errorf("%v: postcode %+v, state %+v; want %q %v, %q %v",
				tt.row, p.Postcode, p.State, tt.zip, tt.zipSt, tt.state, tt.stSt)
		}
	}
}

func TestPersonAsOfAndRegion(t *testing.T) {
	m := Mapping{BirthDate: {"dob"}, CreatedOn: {"created"}, Phone: {"phone"}}
	row := record{"dob": "2030-01-01", "created": "2030-01-01", "phone": "020 7946 0018"}
	n := Normalizer{Region: "GB", AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	p := n.Person("s", "1", 2, m, row.get)
	if p.BirthDateStat != Invalid || !p.BirthDate.IsZero() || p.BirthDateRaw != "2030-01-01" {
		t.Errorf("future birth date: %+v %v raw %q; want zero, invalid, raw kept", p.BirthDate, p.BirthDateStat, p.BirthDateRaw)
	}
	if !p.CreatedOn.IsZero() {
		t.Errorf("future creation date: %+v, want zero", p.CreatedOn)
	}
	if p.Phone.Norm() != "+442079460018" || p.Phone.Status != OK {
		t.Errorf("GB phone with Region GB: %+v, want +442079460018 ok", p.Phone)
	}
}

func TestPersonRawIsUntouched(t *testing.T) {
	row := record{
		"first_name": "  KENNETH ", "last_name": "Beraun", "full_name": "Beraun,  Kenneth",
		"date_of_birth": " 8/1/1974", "gender": "MALE ", "email": " Kenneth_Beraun@KimBoyle.com",
		"telephone": "(384) 995-7852", "post_code": "40482-1234", "street_address": "9720 William Prairie St.",
		"city": "St. Paul", "state": "TX", "country": "U.S.A.",
	}
	p := (&Normalizer{}).Person("contacts", "1", 2, contactsMapping(), row.get)
	raws := map[string]string{
		"first_name": p.Given.Raw(), "last_name": p.Surname.Raw(), "full_name": p.FullName.Raw(),
		"date_of_birth": p.BirthDateRaw, "gender": p.Gender.Raw(), "email": p.Email.Raw(),
		"telephone": p.Phone.Raw(), "post_code": p.Postcode.Raw(), "street_address": p.Street.Raw(),
		"city": p.City.Raw(), "state": p.State.Raw(), "country": p.Country.Raw(),
	}
	for field, raw := range raws {
		if raw != row[field] {
			t.Errorf("%s: Raw = %q, want the input %q", field, raw, row[field])
		}
	}
}

// TestPersonStatusRules checks person.go's rule on every attribute of
// persons made from messy rows: Norm is "" unless the status is OK or Junk.
func TestPersonStatusRules(t *testing.T) {
	rows := []record{
		{"first_name": "-", "last_name": "?", "full_name": "--", "date_of_birth": "2/30/1990",
			"gender": "x", "email": "nope", "telephone": "n/a", "post_code": "abc", "street_address": "..",
			"city": "-", "state": "-", "country": "-"},
		{"first_name": "Unknown", "email": "test@test.com", "post_code": "12", "country": "USA"},
		{},
	}
	for _, row := range rows {
		p := (&Normalizer{}).Person("s", "1", 2, contactsMapping(), row.get)
		for name, v := range map[string]Value{
			"given": p.Given, "surname": p.Surname, "full": p.FullName, "email": p.Email,
			"phone": p.Phone, "postcode": p.Postcode, "street": p.Street, "city": p.City,
			"state": p.State, "country": p.Country, "gender": p.Gender,
		} {
			usable := v.Status == OK || v.Status == Junk
			if !usable && v.Norm() != "" {
				t.Errorf("%v: %s = %+v: Norm set although status is %v", row, name, v, v.Status)
			}
			if v.Status == OK && v.Norm() == "" {
				t.Errorf("%v: %s = %+v: OK with an empty Norm", row, name, v)
			}
		}
		if p.BirthDateStat != OK && !p.BirthDate.IsZero() {
			t.Errorf("%v: birth date %+v with status %v", row, p.BirthDate, p.BirthDateStat)
		}
	}
}

func TestPersonConcurrentUse(t *testing.T) {
	n := &Normalizer{AsOf: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	row := record{"first_name": "José", "full_name": "Álvarez José", "telephone": "857-766-9037"}
	want := n.Person("s", "1", 2, contactsMapping(), row.get)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if got := n.Person("s", "1", 2, contactsMapping(), row.get); got != want {
					t.Errorf("concurrent Person = %+v, want %+v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
