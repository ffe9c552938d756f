package compare

import (
	"math"
	"testing"
)

func TestJaroWinkler(t *testing.T) {
	// Reference values from Winkler's papers and the usual textbook examples.
	tests := []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.9611},
		{"dwayne", "duane", 0.8400},
		{"dixon", "dicksonx", 0.8133},
		{"jones", "johnson", 0.8324},
		{"abc", "abc", 1},
		{"abc", "xyz", 0},
		{"", "abc", 0},
		{"", "", 0},
		{"a", "a", 1},
	}
	for _, tt := range tests {
		got := JaroWinkler(tt.a, tt.b)
		if math.Abs(got-tt.want) > 5e-4 {
			t.Errorf("JaroWinkler(%q, %q) = %.4f, want %.4f", tt.a, tt.b, got, tt.want)
		}
		if rev := JaroWinkler(tt.b, tt.a); math.Abs(rev-got) > 1e-12 {
			t.Errorf("JaroWinkler not symmetric for %q, %q: %v vs %v", tt.a, tt.b, got, rev)
		}
	}
}

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 2, 3}, // over the limit: limit+1
		{"flaw", "lawn", 3, 2},
		{"", "abc", 5, 3},
		{"same", "same", 1, 0},
		{"5304218", "5304281", 2, 2},
		{"abcdefgh", "ab", 3, 4},
	}
	for _, tt := range tests {
		if got := Levenshtein(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("Levenshtein(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestOneSlip(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"19860508", "19860509", true},  // one digit
		{"19860508", "19860580", true},  // adjacent swap
		{"19860508", "19860508", false}, // equal is not a slip
		{"19860508", "19860590", false}, // two digits
		{"19860508", "1986058", false},  // lengths differ
		{"5696265660", "5696265606", true},
		{"ab", "ba", true},
		{"abc", "cba", false},
	}
	for _, tt := range tests {
		if got := OneSlip(tt.a, tt.b); got != tt.want {
			t.Errorf("OneSlip(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestTokenJaccard(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"8 stanley street miami", "8 stanley street", 0.75},
		{"8 stanley street", "stanley street 8", 1},
		{"a a b", "a b", 1},
		{"a b", "c d", 0},
		{"", "a", 0},
		{"  a  b ", "a", 0.5},
	}
	for _, tt := range tests {
		if got := TokenJaccard(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("TokenJaccard(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestStringFunctionsDoNotAllocate(t *testing.T) {
	sink := 0.0
	allocs := testing.AllocsPerRun(100, func() {
		sink += JaroWinkler("katherine", "catherine")
		sink += float64(Levenshtein("5304218", "5034218", 2))
		if OneSlip("19860508", "19860580") {
			sink++
		}
		sink += TokenJaccard("8 stanley street", "stanley street 8 miami")
	})
	if sink == 0 {
		t.Error("similarities all zero")
	}
	if allocs != 0 {
		t.Errorf("string functions allocate %v times per run", allocs)
	}
}

func TestJaroWinklerBound(t *testing.T) {
	words := []string{"michael", "sandra", "micheal", "robert255@smith.net", "roberta25@smith.net", "a", "ab", "ba",
		"katherine", "catherine", "jon", "joan", "dixon", "dicksonx", "zzz", "3958 perez centers suite 216"}
	for _, a := range words {
		for _, b := range words {
			got, bound := JaroWinkler(a, b), jaroWinklerBound(a, b, charsOf(a), charsOf(b))
			if bound < got-1e-12 {
				t.Errorf("bound(%q, %q) = %v below JaroWinkler %v", a, b, bound, got)
			}
		}
	}
	if b := jaroWinklerBound("michael", "sandra", charsOf("michael"), charsOf("sandra")); b > 0.5 {
		t.Errorf("unrelated names bounded at %v, want a useful bound", b)
	}
}
