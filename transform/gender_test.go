package transform

import "testing"

func TestNormalizeGender(t *testing.T) {
	tests := []struct {
		raw, want string
		st        Status
	}{
		{"Male", "m", OK},
		{"male", "m", OK},
		{"M", "m", OK},
		{" m ", "m", OK},
		{"MAN", "m", OK},
		{"masculino", "m", OK},
		{"Female", "f", OK},
		{"F", "f", OK},
		{"woman", "f", OK},
		{"Femenino", "f", OK},
		{"Féminin", "f", OK},
		{"other", "", Empty},
		{"unknown", "", Empty},
		{"U", "", Empty},
		{"female | male", "", Empty}, // Splink historical_50k
		{"t2227949966", "", Empty},   // a Wikidata id in historical_50k
		{"", "", Empty},
	}
	for _, tt := range tests {
		got, st := NormalizeGender(tt.raw)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizeGender(%q) = %q, %v; want %q, %v", tt.raw, got, st, tt.want, tt.st)
		}
	}
}

func TestNormalizeNationalID(t *testing.T) {
	tests := []struct {
		raw, want string
		st        Status
	}{
		{"6988048", "6988048", OK}, // FEBRL soc_sec_id
		{"123-45-6789", "123456789", OK},
		{" 123 45 6789 ", "123456789", OK},
		{"000000000", "000000000", Junk},
		{"999-99-9999", "999999999", Junk},
		{"7", "7", OK},
		{"n/a", "", Invalid},
		{"", "", Empty},
	}
	for _, tt := range tests {
		got, st := NormalizeNationalID(tt.raw)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizeNationalID(%q) = %q, %v; want %q, %v", tt.raw, got, st, tt.want, tt.st)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		raw, want string
		st        Status
	}{
		{"Software Engineer", "software engineer", OK},
		{"  Teacher ", "teacher", OK},
		{"Médecin", "medecin", OK},
		{"...", "", Invalid},
		{"", "", Empty},
	}
	for _, tt := range tests {
		got, st := NormalizeText(tt.raw)
		if got != tt.want || st != tt.st {
			t.Errorf("NormalizeText(%q) = %q, %v; want %q, %v", tt.raw, got, st, tt.want, tt.st)
		}
	}
}
