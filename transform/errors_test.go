package transform

import (
	"errors"
	"testing"
)

func TestErr(t *testing.T) {
	tests := []struct {
		a    Attr
		st   Status
		want error
		msg  string
	}{
		{Phone, Invalid, ErrInvalidPhone, "transform: invalid phone number"},
		{Email, Invalid, ErrInvalidEmail, "transform: invalid e-mail address"},
		{BirthDate, Invalid, ErrInvalidDate, "transform: invalid date"},
		{CreatedOn, Invalid, ErrInvalidDate, "transform: invalid date"},
		{Surname, Invalid, ErrInvalidName, "transform: invalid name"},
		{Postcode, Invalid, ErrInvalidPostcode, "transform: invalid postcode"},
		{Street, Invalid, ErrInvalid, "transform: invalid value"},
		{Phone, OK, nil, ""},
		{Phone, Empty, nil, ""},
		{Email, Junk, nil, ""},
	}
	for _, tt := range tests {
		err := Err(tt.a, tt.st)
		if err != tt.want {
			t.Errorf("Err(%s, %v) = %v, want %v", tt.a, tt.st, err, tt.want)
			continue
		}
		if err == nil {
			continue
		}
		if err.Error() != tt.msg || !errors.Is(err, ErrInvalid) {
			t.Errorf("Err(%s, %v) = %q (Is ErrInvalid: %v), want %q", tt.a, tt.st, err, errors.Is(err, ErrInvalid), tt.msg)
		}
	}
	if errors.Is(ErrInvalidPhone, ErrInvalidDate) {
		t.Error("ErrInvalidPhone matches ErrInvalidDate")
	}
}
