package serve

import "testing"

func TestEditsWithinOne(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"smith", "smith", true},
		{"smith", "smyth", true},  // substitution
		{"smith", "smiht", true},  // transposition
		{"smith", "smit", true},   // deletion
		{"smith", "smitth", true}, // insertion
		{"smith", "simth", true},
		{"smith", "smythe", false},
		{"smith", "jones", false},
		{"ab", "ba", true},
		{"abc", "cab", false},
		{"", "a", true},
		{"", "ab", false},
	} {
		if got := editsWithinOne(tc.a, tc.b); got != tc.want {
			t.Errorf("editsWithinOne(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := editsWithinOne(tc.b, tc.a); got != tc.want {
			t.Errorf("editsWithinOne(%q, %q) = %v, want %v", tc.b, tc.a, got, tc.want)
		}
	}
}
