package transform

import "testing"

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		raw  string
		want string
		st   Status
	}{
		// Contoso's addresses, and their variants.
		{"abbie_moss@collinsreedandhoward.com", "abbie_moss@collinsreedandhoward.com", OK},
		{"  Kenneth_Beraun@KimBoyle.com ", "kenneth_beraun@kimboyle.com", OK},
		{"mailto:aarons@microsoft.com", "aarons@microsoft.com", OK},
		{"<robert255@smith.net>", "robert255@smith.net", OK},
		{"first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk", OK},
		{"o'neil@mail.ie", "o'neil@mail.ie", OK},
		{"josé@correo.es", "josé@correo.es", OK},
		// Blank.
		{"", "", Empty},
		{"   ", "", Empty},
		// Placeholders written instead of an address: junk, text kept.
		{"n/a", "n/a", Junk},
		{"N/A", "n/a", Junk},
		{"none", "none", Junk},
		{"NoEmail", "noemail", Junk},
		// Syntax errors.
		{"abbie_moss.collinsreedandhoward.com", "", Invalid},
		{"abbie@moss@x.com", "", Invalid},
		{"@x.com", "", Invalid},
		{"abbie@", "", Invalid},
		{"abbie@localhost", "", Invalid},
		{"abbie@x.c", "", Invalid},
		{"abbie@x..com", "", Invalid},
		{"abbie@-x.com", "", Invalid},
		{"abbie@x-.com", "", Invalid},
		{"abbie@10.0.0.1", "", Invalid},
		{".abbie@x.com", "", Invalid},
		{"abbie.@x.com", "", Invalid},
		{"ab..bie@x.com", "", Invalid},
		{"ab bie@x.com", "", Invalid},
		{"ab(bie)@x.com", "", Invalid},
		{"abbie@x_y.com", "", Invalid},
		{"hello", "", Invalid},
		// Well formed but known junk.
		{"test@test.com", "test@test.com", Junk},
		{"Test@Company.com", "test@company.com", Junk},
		{"noemail@gmail.com", "noemail@gmail.com", Junk},
		{"none@none.com", "none@none.com", Junk},
		{"john@example.com", "john@example.com", Junk},
		{"john@example.org", "john@example.org", Junk},
		{"john@mail.test", "john@mail.test", Junk},
		{"x@x.com", "x@x.com", Junk},
		{"xxxx@gmail.com", "xxxx@gmail.com", Junk},
		{"aaa@yahoo.com", "aaa@yahoo.com", Junk},
		{"donotreply@contoso.com", "donotreply@contoso.com", Junk},
		// Near misses of junk that are fine.
		{"x@contoso.com", "x@contoso.com", OK},
		{"xy@x.com", "xy@x.com", OK},
		{"aa@yahoo.com", "aa@yahoo.com", OK},
		{"tester.jones@examples.com", "tester.jones@examples.com", OK},
	}
	for _, tt := range tests {
		got, st := NormalizeEmail(tt.raw)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q, %v", tt.raw, got, st, tt.want, tt.st)
		}
	}
}
