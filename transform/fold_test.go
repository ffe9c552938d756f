package transform

import "testing"

func TestFold(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"   ", ""},
		{"Kenneth", "kenneth"},
		{"kenneth", "kenneth"},
		{"  Beraun   Kenneth ", "beraun kenneth"},
		{"O'Brien", "obrien"},
		{"O’Brien", "obrien"}, // typographic apostrophe
		{"Smith-Jones", "smith jones"},
		{"Smith - Jones", "smith jones"},
		{"J.R.R. Tolkien", "jrr tolkien"},
		{"n/a", "n a"},
		{"José Álvarez", "jose alvarez"},
		{"Zoë Saldaña", "zoe saldana"},
		{"MÜLLER", "muller"},
		{"Straße", "strasse"},
		{"Ørsted", "orsted"},
		{"Łukasz Wałęsa", "lukasz walesa"},
		{"Æsir", "aesir"},
		{"ﬁnn", "finn"},              // ligature, NFKC
		{"ＪＯＨＮ", "john"},             // full-width, NFKC
		{"Ｊｏｈｎ　Ｓｍｉｔｈ", "john smith"}, // ideographic space
		{"Søren Kierkegaard", "soren kierkegaard"},
		{"Иван Петров", "иван петров"},
		{"e\u0301", "e"}, // decomposed accent
		{"\u0301", ""},   // lone combining mark
		{"3958 Perez Centers Suite 216", "3958 perez centers suite 216"},
		{"tab\tand\nnewline", "tab and newline"},
		{"--", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldASCIIFastPathDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_ = Fold("kenneth beraun")
	})
	if allocs != 0 {
		t.Errorf("Fold of a folded ASCII string allocates %v times, want 0", allocs)
	}
}

func TestIsBlank(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{" \t\r\n", true},
		{"\u00a0", true}, // no-break space
		{"\u3000", true}, // ideographic space
		{" x ", false},
		{"é", false},
	}
	for _, tt := range tests {
		if got := isBlank(tt.in); got != tt.want {
			t.Errorf("isBlank(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
