package transform

import "testing"

func TestNormalizeName(t *testing.T) {
	tests := []struct {
		raw  string
		want string
		st   Status
	}{
		{"Kenneth", "kenneth", OK},
		{"Beraun Kenneth", "beraun kenneth", OK},
		{"Acthony Koteles", "acthony koteles", OK}, // typo kept: matching scores it
		{"O'Brien", "obrien", OK},
		{"Smith-Jones", "smith jones", OK},
		{"  McDonald ", "mcdonald", OK},
		{"Françoise", "francoise", OK},
		{"", "", Empty},
		{"   ", "", Empty},
		{"-", "", Invalid},
		{"?", "", Invalid},
		{"Unknown", "unknown", Junk},
		{"N/A", "n a", Junk},
		{"TEST", "test", Junk},
		{"FNU", "fnu", Junk},
	}
	for _, tt := range tests {
		got, st := NormalizeName(tt.raw)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizeName(%q) = %q, %v; want %q, %v", tt.raw, got, st, tt.want, tt.st)
		}
	}
}

func TestNormalizeFullName(t *testing.T) {
	tests := []struct {
		raw  string
		want string
		st   Status
	}{
		{"Beraun Kenneth", "beraun kenneth", OK},
		{"Beraun, Kenneth", "beraun kenneth", OK},
		{"Dr. Kenneth Beraun Jr.", "kenneth beraun", OK},
		{"Mrs Abbie Moss", "abbie moss", OK},
		{"Moss, Mrs Abbie", "moss abbie", OK},
		{"John Smith, III", "john smith", OK},
		{"Smith Jr, John", "smith john", OK},
		{"Ruth Moss-Finch PhD", "ruth moss finch", OK},
		{"Dr", "dr", OK}, // a lone title is kept: it is all there is
		{"", "", Empty},
		{"n/a", "n a", Junk},
	}
	for _, tt := range tests {
		got, st := NormalizeFullName(tt.raw)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizeFullName(%q) = %q, %v; want %q, %v", tt.raw, got, st, tt.want, tt.st)
		}
	}
}

func TestParseFullName(t *testing.T) {
	tests := []struct {
		raw                    string
		givenHint, surnameHint string
		wantGiven, wantSurname string
		rawGiven, rawSurname   string
		givenStat, surnameStat Status
	}{
		// "First Last" and "Last First" resolved by the hints.
		{"Abbie Moss", "", "", "abbie", "moss", "Abbie", "Moss", OK, OK},
		{"Beraun Kenneth", "kenneth", "", "kenneth", "beraun", "Kenneth", "Beraun", OK, OK},
		{"Beraun Kenneth", "", "beraun", "kenneth", "beraun", "Kenneth", "Beraun", OK, OK},
		{"Beraun Kenneth", "", "", "beraun", "kenneth", "Beraun", "Kenneth", OK, OK}, // no hint: first word is given
		{"Kenneth Beraun", "kenneth", "beraun", "kenneth", "beraun", "Kenneth", "Beraun", OK, OK},
		{"Moss Abbie", "abby", "", "abbie", "moss", "Abbie", "Moss", OK, OK}, // hint through Nickname
		{"Acthony Koteles", "anthony", "", "acthony", "koteles", "Acthony", "Koteles", OK, OK},
		// "Last, First".
		{"Moss, Abbie", "", "", "abbie", "moss", "Abbie", "Moss", OK, OK},
		{"de la Cruz, María José", "", "", "maria", "de la cruz", "María", "de la Cruz", OK, OK},
		{"Smith Jr., John", "", "", "john", "smith", "John", "Smith", OK, OK},
		// Titles, suffixes and middle names.
		{"Mr. John Q. Public III", "", "", "john", "public", "John", "Public", OK, OK},
		{"Dr Jane Smith-Jones", "", "", "jane", "smith jones", "Jane", "Smith-Jones", OK, OK},
		{"John Smith, Jr.", "", "", "john", "smith", "John", "Smith", OK, OK},
		{"Maria de la Cruz", "", "", "maria", "cruz", "Maria", "Cruz", OK, OK},
		// One word, none.
		{"Madonna", "", "", "madonna", "", "Madonna", "", OK, Empty},
		{"", "", "", "", "", "", "", Empty, Empty},
		{" - ", "", "", "", "", "", "", Empty, Empty},
		{"Unknown Smith", "", "", "unknown", "smith", "Unknown", "Smith", Junk, OK},
	}
	for _, tt := range tests {
		g, s := ParseFullName(tt.raw, tt.givenHint, tt.surnameHint)
		want := [2]Value{
			NewValue(tt.rawGiven, tt.wantGiven, tt.givenStat),
			NewValue(tt.rawSurname, tt.wantSurname, tt.surnameStat),
		}
		if g != want[0] || s != want[1] {
			t.Errorf("ParseFullName(%q, %q, %q) = %+v, %+v; want %+v, %+v",
				tt.raw, tt.givenHint, tt.surnameHint, g, s, want[0], want[1])
		}
	}
}
