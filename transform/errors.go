package transform

import "errors"

// Errors for values whose Status is Invalid, for callers that reject or
// report such rows (for example as the cause in a load reject). Each
// matches ErrInvalid with errors.Is.
var (
	ErrInvalid         = errors.New("transform: invalid value")
	ErrInvalidName     = invalidError("name")
	ErrInvalidEmail    = invalidError("e-mail address")
	ErrInvalidPhone    = invalidError("phone number")
	ErrInvalidDate     = invalidError("date")
	ErrInvalidPostcode = invalidError("postcode")
)

// invalidErr is an error that wraps ErrInvalid with the kind of value.
type invalidErr struct{ what string }

func invalidError(what string) error { return &invalidErr{what} }

// Error names the kind of value that is invalid.
func (e *invalidErr) Error() string { return "transform: invalid " + e.what }

// Unwrap makes every invalidErr match ErrInvalid.
func (e *invalidErr) Unwrap() error { return ErrInvalid }

// Err returns the error for a value of attribute a whose status is st: nil
// unless st is Invalid, then the sentinel for a (ErrInvalidPhone for Phone,
// ErrInvalidDate for BirthDate and CreatedOn, ...) or ErrInvalid for
// attributes without their own.
func Err(a Attr, st Status) error {
	if st != Invalid {
		return nil
	}
	switch a {
	case GivenName, Surname, FullName:
		return ErrInvalidName
	case Email:
		return ErrInvalidEmail
	case Phone:
		return ErrInvalidPhone
	case BirthDate, CreatedOn:
		return ErrInvalidDate
	case Postcode:
		return ErrInvalidPostcode
	}
	return ErrInvalid
}
