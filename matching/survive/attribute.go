package survive

import (
	"fmt"
	"strconv"
)

// Attribute is a published customer attribute. Its text form is the column
// name of the customer table ("first_name").
type Attribute uint8

// The customer attributes, in the customer table's column order.
const (
	FirstName Attribute = iota
	LastName
	FullName
	Email
	Phone
	DateOfBirth
	Gender
	Postcode
	Street
	City
	State
	Country
)

// NumAttributes is the number of customer attributes.
const NumAttributes = int(Country) + 1

// Attributes returns every attribute in column order.
func Attributes() []Attribute {
	all := make([]Attribute, NumAttributes)
	for i := range all {
		all[i] = Attribute(i)
	}
	return all
}

// String returns the column name, or "Attribute(n)" for an unknown value.
func (a Attribute) String() string {
	switch a {
	case FirstName:
		return "first_name"
	case LastName:
		return "last_name"
	case FullName:
		return "full_name"
	case Email:
		return "email"
	case Phone:
		return "phone"
	case DateOfBirth:
		return "date_of_birth"
	case Gender:
		return "gender"
	case Postcode:
		return "postcode"
	case Street:
		return "street"
	case City:
		return "city"
	case State:
		return "state"
	case Country:
		return "country"
	}
	return "Attribute(" + strconv.Itoa(int(a)) + ")"
}

// valid reports whether a is one of the declared attributes.
func (a Attribute) valid() bool { return int(a) < NumAttributes }

// ParseAttribute returns the attribute whose column name is name.
func ParseAttribute(name string) (Attribute, error) {
	for _, a := range Attributes() {
		if a.String() == name {
			return a, nil
		}
	}
	return 0, fmt.Errorf("survive: unknown attribute %q", name)
}

// MarshalText returns the column name, so that a Policy reads as YAML or JSON
// keyed by column names.
func (a Attribute) MarshalText() ([]byte, error) {
	if !a.valid() {
		return nil, fmt.Errorf("survive: unknown attribute %d", a)
	}
	return []byte(a.String()), nil
}

// UnmarshalText parses a column name.
func (a *Attribute) UnmarshalText(text []byte) error {
	parsed, err := ParseAttribute(string(text))
	if err != nil {
		return err
	}
	*a = parsed
	return nil
}
