package transform

import (
	"strings"
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

// TestInterner: records that share a surname share its text, and keep
// their values.
func TestInterner(t *testing.T) {
	n := &Normalizer{}
	get := func(m map[string]string) func(string) string { return func(f string) string { return m[f] } }
	mapping := Mapping{GivenName: {"first"}, Surname: {"last"}, City: {"city"}}
	// Each record's text is its own, as the loader reads it.
	a := n.Person("contacts", "1", 2, mapping, get(map[string]string{"first": "Ann", "last": strings.Clone("Smith"), "city": "Austin"}))
	b := n.Person("contacts", "2", 3, mapping, get(map[string]string{"first": "Bob", "last": strings.Clone("Smith"), "city": "Austin"}))
	if unsafe.StringData(a.Surname.text) == unsafe.StringData(b.Surname.text) {
		t.Fatal("the test's two Smiths share their text before interning")
	}
	wantA, wantB := a, b
	in := NewInterner()
	in.Person(&a)
	in.Person(&b)
	if a != wantA || b != wantB {
		t.Fatalf("interning changed the people: %+v, %+v", a, b)
	}
	if unsafe.StringData(a.Surname.text) != unsafe.StringData(b.Surname.text) {
		t.Error("two Smiths hold two copies of the surname")
	}
	if unsafe.StringData(a.Given.text) == unsafe.StringData(b.Given.text) {
		t.Error("Ann and Bob share a given name's text")
	}
}
