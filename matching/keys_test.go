package matching

import "testing"

func TestFirstWords(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"95 leahy place crestfield", 2, "95 leahy"},
		{"95 leahy lplace crestkield", 2, "95 leahy"},
		{"7 erldunda", 2, "7 erldunda"},
		{"erldunda", 2, "erldunda"},
		{"95 leahy place", 1, "95"},
		{"", 2, ""},
	}
	for _, tt := range tests {
		if got := firstWords(tt.s, tt.n); got != tt.want {
			t.Errorf("firstWords(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
