package transform

import "fmt"

// Attr is an attribute type that a source column can be mapped to. The
// matching engine compares attributes, never columns, so one default model
// serves every source whose columns are mapped onto these types.
type Attr string

// The attribute types. A source maps each of its person columns to one of these.
const (
	GivenName  Attr = "given_name"
	Surname    Attr = "surname"
	FullName   Attr = "full_name" // "First Last", "Last First" or "Last, First"
	BirthDate  Attr = "birth_date"
	Email      Attr = "email"
	Phone      Attr = "phone"
	Postcode   Attr = "postcode"
	Street     Attr = "street" // several columns (number, line 1, line 2) are joined with spaces
	City       Attr = "city"
	State      Attr = "state"
	Country    Attr = "country"
	NationalID Attr = "national_id"
	Gender     Attr = "gender"
	Text       Attr = "text"       // free text such as an occupation; compared exactly
	CreatedOn  Attr = "created_on" // when the source record was created; used by survivorship, never compared
)

// Attrs lists every attribute type in a fixed order.
var Attrs = []Attr{GivenName, Surname, FullName, BirthDate, Email, Phone, Postcode,
	Street, City, State, Country, NationalID, Gender, Text, CreatedOn}

// Status says whether a normalized value is usable.
type Status uint8

const (
	Empty   Status = iota // no value in the source
	OK                    // normalized successfully
	Invalid               // present but unusable (bad phone, impossible date); Norm is empty
	Junk                  // syntactically fine but known junk (test@test.com); Norm is kept
)

func (s Status) String() string {
	switch s {
	case Empty:
		return "empty"
	case OK:
		return "ok"
	case Invalid:
		return "invalid"
	case Junk:
		return "junk"
	}
	return "unknown"
}

// Value is one attribute of one record: the source text (Raw) and its
// comparable form (Norm), made by NewValue. The two share one string, so a
// Value is 24 bytes and one allocation: a file of ten million customers
// holds thirteen of them a record.
type Value struct {
	text   string // Raw, then Norm unless same is set
	raw    uint32 // len(Raw)
	same   bool   // Norm is Raw
	Status Status
}

// NewValue returns the Value of raw, normalized to norm with status st.
func NewValue(raw, norm string, st Status) Value {
	switch {
	case raw == "" && norm == "":
		return Value{Status: st}
	case norm == raw:
		return Value{text: raw, raw: uint32(len(raw)), same: true, Status: st}
	case norm == "":
		return Value{text: raw, raw: uint32(len(raw)), Status: st}
	case raw == "":
		return Value{text: norm, Status: st}
	}
	return Value{text: raw + norm, raw: uint32(len(raw)), Status: st}
}

// Raw returns the text as read, untouched.
func (v Value) Raw() string { return v.text[:v.raw] }

// String shows the Value's three parts, for messages.
func (v Value) String() string {
	return fmt.Sprintf("{Raw: %q, Norm: %q, Status: %s}", v.Raw(), v.Norm(), v.Status)
}

// Norm returns the comparable form: "" unless Status is OK or Junk.
func (v Value) Norm() string {
	if v.same {
		return v.text
	}
	return v.text[v.raw:]
}

// Date is a calendar date; the zero Date means missing.
type Date struct {
	Year  int16
	Month int8
	Day   int8
}

// IsZero reports whether d is missing.
func (d Date) IsZero() bool { return d == Date{} }

// Person is one source record with its person attributes normalized for
// matching. Raw values are kept beside normalized ones so that survivorship
// can show the customer as the source wrote it.
type Person struct {
	Source string // source name, e.g. "contacts"
	ID     string // the source's key, e.g. "CNTID_1002"
	Line   int    // line of the record in its input file (1 = header)

	Given   Value // given name: lower-case ASCII, accents folded, punctuation removed
	Surname Value // surname, normalized like Given
	// FullName is the full-name column normalized (tokens lower-case, folded);
	// its token order is whatever the source wrote.
	FullName Value

	BirthDate     Date
	BirthDateRaw  string
	BirthDateStat Status

	Email    Value // lower-case, trimmed; Junk for placeholder addresses
	Phone    Value // E.164 ("+15696265660"); Invalid when not a valid number
	PhoneExt string

	// PhoneDigits is the national digits of Phone.Raw() (see the PhoneDigits
	// func), set whether or not Phone is valid, so that matching can compare
	// numbers that are not valid E.164 numbers.
	PhoneDigits string

	Postcode Value // US: ZIP5; elsewhere the digits/letters without spaces
	Street   Value // lower-case, abbreviations expanded ("st" -> "street")
	City     Value
	State    Value // US: two-letter code
	Country  Value
	// NationalID is an identity number such as a social-security id, digits only.
	NationalID Value
	Gender     Value // "m", "f", or Empty
	Text       Value

	CreatedOn Date
}
