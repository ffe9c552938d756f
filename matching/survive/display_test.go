package survive

import "testing"

func TestTidyName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abbie", "Abbie"},
		{"ABBIE", "Abbie"},
		{"  Abbie  ", "Abbie"},
		{"McDonald", "McDonald"},
		{"mary-jo", "Mary-Jo"},
		{"O'NEIL", "O'Neil"},
		{"d’angelo", "D’Angelo"},
		{"van  der\tberg", "Van Der Berg"},
		{"van der Berg", "van der Berg"},
		{"st. louis", "St. Louis"},
		{"ÉLODIE", "Élodie"},
		{"J", "J"},
		{"", ""},
		{"123", "123"},
	}
	for _, tt := range tests {
		if got := tidyName(tt.in); got != tt.want {
			t.Errorf("tidyName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCollapseSpace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"129 Miller Plaza", "129 Miller Plaza"},
		{" 129  Miller\tPlaza\n", "129 Miller Plaza"},
		{"a\u00a0b", "a b"},
		{"   ", ""},
		{"USA", "USA"},
	}
	for _, tt := range tests {
		if got := collapseSpace(tt.in); got != tt.want {
			t.Errorf("collapseSpace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
