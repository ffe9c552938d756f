package transform

import (
	"testing"
	"unsafe"
)

// TestNewValue: a Value gives back the raw text, comparable form and
// status it was made of, in every arrangement of the two strings.
func TestNewValue(t *testing.T) {
	cases := []struct {
		raw, norm string
		st        Status
	}{
		{"Abbie", "abbie", OK},
		{"abbie", "abbie", OK},
		{"-", "", Invalid},
		{"", "", Empty},
		{"", "us", OK}, // a default filled in where the source had nothing
		{"Dr. Abbie Moss", "abbie moss", OK},
		{"noemail@gmail.com", "noemail@gmail.com", Junk},
		{"Ærø", "aero", OK},
	}
	for _, c := range cases {
		v := NewValue(c.raw, c.norm, c.st)
		if v.Raw() != c.raw || v.Norm() != c.norm || v.Status != c.st {
			t.Errorf("NewValue(%q, %q, %s) = %v", c.raw, c.norm, c.st, v)
		}
		if v != NewValue(c.raw, c.norm, c.st) {
			t.Errorf("NewValue(%q, %q, %s) is not equal to itself made again", c.raw, c.norm, c.st)
		}
	}
	if (NewValue("", "", Empty) != Value{}) {
		t.Error("an empty Value is not the zero Value")
	}
	if NewValue("ab", "b", OK) == NewValue("a", "bb", OK) {
		t.Error("values that split their text differently are equal")
	}
	// Thirteen of them a record: the size is the point of the layout.
	if n := unsafe.Sizeof(Value{}); n != 24 {
		t.Errorf("a Value is %d bytes, want 24", n)
	}
}
