package transform

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"unsafe"
)

// everyField returns a Person with every field set to a value of its own,
// found by reflection so that a field added to Person and forgotten by the
// codec fails the round trip.
func everyField(t *testing.T, seed int) Person {
	t.Helper()
	var p Person
	v := reflect.ValueOf(&p).Elem()
	for i := 0; i < v.NumField(); i++ {
		f, name := v.Field(i), v.Type().Field(i).Name
		switch f.Interface().(type) {
		case string:
			f.SetString(fmt.Sprintf("%s-%d-é", name, seed))
		case int:
			f.SetInt(int64(1000 + i + seed))
		case Value:
			// Raw and Norm differ, are equal, or one is missing, by field.
			var val Value
			switch (i + seed) % 4 {
			case 0:
				val = NewValue("Raw "+name, "norm"+name, OK)
			case 1:
				val = NewValue("same"+name, "same"+name, Junk)
			case 2:
				val = NewValue("Bad "+name, "", Invalid)
			default:
				val = NewValue("", "", Empty)
			}
			f.Set(reflect.ValueOf(val))
		case Date:
			f.Set(reflect.ValueOf(Date{Year: int16(1900 + i + seed), Month: int8(1 + i%12), Day: int8(1 + i)}))
		case Status:
			f.Set(reflect.ValueOf(Junk))
		default:
			t.Fatalf("field %s of type %s: teach everyField (and the codec) about it", name, f.Type())
		}
	}
	return p
}

// decoders are both kinds of decoder, which must decode alike.
func decoders() map[string]*PersonDecoder {
	return map[string]*PersonDecoder{"interning": NewPersonDecoder(), "transient": NewTransientDecoder()}
}

func TestPersonCodecRoundTrip(t *testing.T) {
	for name, d := range decoders() {
		t.Run(name, func(t *testing.T) { roundTrip(t, d) })
	}
}

func roundTrip(t *testing.T, d *PersonDecoder) {
	for seed := range 4 {
		want := everyField(t, seed)
		var got Person
		if err := d.Decode(AppendPerson(nil, &want), &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("seed %d: round trip\n got %+v\nwant %+v", seed, got, want)
		}
		if got.Given.Raw() != want.Given.Raw() || got.Street.Norm() != want.Street.Norm() {
			t.Errorf("seed %d: Raw/Norm differ after the round trip", seed)
		}
	}
}

func TestPersonCodecNormalizedRecord(t *testing.T) {
	n := &Normalizer{}
	fields := map[string]string{"first": "  José ", "last": "O'Brien", "mail": "JOSE@Example.COM",
		"tel": "(569) 626-5660 x12", "zip": "98052-1234", "dob": "1980-02-30"}
	m := Mapping{GivenName: {"first"}, Surname: {"last"}, Email: {"mail"}, Phone: {"tel"},
		Postcode: {"zip"}, BirthDate: {"dob"}}
	want := n.Person("contacts", "C1", 7, m, func(f string) string { return fields[f] })
	for name, d := range decoders() {
		var got Person
		if err := d.Decode(AppendPerson(nil, &want), &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: round trip\n got %+v\nwant %+v", name, got, want)
		}
	}
}

// A decoder gives the shared attributes of many people one copy.
func TestPersonDecoderShares(t *testing.T) {
	d := NewPersonDecoder()
	a, b := everyField(t, 0), everyField(t, 0)
	b.ID = "another"
	var ga, gb Person
	if err := d.Decode(AppendPerson(nil, &a), &ga); err != nil {
		t.Fatal(err)
	}
	if err := d.Decode(AppendPerson(nil, &b), &gb); err != nil {
		t.Fatal(err)
	}
	if unsafe.StringData(ga.Given.text) != unsafe.StringData(gb.Given.text) {
		t.Error("two decoded people with one given name hold two copies of it")
	}
	if unsafe.StringData(ga.Email.text) == unsafe.StringData(gb.Email.text) {
		t.Error("e-mails were shared; only the Interner's attributes should be")
	}
}

func TestPersonDecoderCorrupt(t *testing.T) {
	p := everyField(t, 1)
	b := AppendPerson(nil, &p)
	for name, d := range decoders() {
		var got Person
		for n := range len(b) {
			if err := d.Decode(b[:n], &got); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("%s: first %d of %d bytes: err %v, want ErrCorrupt", name, n, len(b), err)
			}
		}
		if err := d.Decode(append(b, 0), &got); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: a trailing byte: err %v, want ErrCorrupt", name, err)
		}
	}
}

// Damaged bytes never make Decode panic: every byte set to each of a few
// values gives an error or a person.
func TestPersonDecoderDamagedBytes(t *testing.T) {
	p := everyField(t, 2)
	b := AppendPerson(nil, &p)
	var got Person
	for i := range b {
		for _, v := range []byte{0x00, 0x7f, 0x80, 0xff} {
			damaged := append([]byte(nil), b...)
			damaged[i] = v
			for _, d := range decoders() {
				_ = d.Decode(damaged, &got) // must return, not panic
			}
		}
	}
}
