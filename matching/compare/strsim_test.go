package compare

import (
	"math"
	"math/rand/v2"
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
		"katherine", "catherine", "jon", "joan", "dixon", "dicksonx", "zzz", "3958 perez centers suite 216",
		"aaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaab"}
	for _, a := range words {
		for _, b := range words {
			got, bound := JaroWinkler(a, b), jaroWinklerBound(sketchOf(a), sketchOf(b))
			if bound < got-1e-12 {
				t.Errorf("bound(%q, %q) = %v below JaroWinkler %v", a, b, bound, got)
			}
		}
	}
	if b := jaroWinklerBound(sketchOf("michael"), sketchOf("sandra")); b > 0.5 {
		t.Errorf("unrelated names bounded at %v, want a useful bound", b)
	}
}

func TestEditLowerBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := "0123456789abcxyz "
	word := func() string {
		b := make([]byte, 5+rng.IntN(8))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 20000 {
		a := word()
		b := []byte(a)
		for range rng.IntN(4) { // a few random edits
			i := rng.IntN(len(b))
			switch rng.IntN(3) {
			case 0:
				b[i] = alphabet[rng.IntN(len(alphabet))]
			case 1:
				b = append(b[:i], b[i+1:]...)
			default:
				b = append(b[:i], append([]byte{alphabet[rng.IntN(len(alphabet))]}, b[i:]...)...)
			}
			if len(b) == 0 {
				b = []byte{'0'}
			}
		}
		d := Levenshtein(a, string(b), 20)
		if lb := sketchOf(a).editLowerBound(sketchOf(string(b))); lb > d {
			t.Fatalf("edit bound(%q, %q) = %d above the distance %d", a, b, lb, d)
		}
	}
	// Unrelated phone numbers are ruled out.
	if lb := sketchOf("5696265660").editLowerBound(sketchOf("3128874412")); lb <= 2 {
		t.Errorf("unrelated phones bounded at %d", lb)
	}
}

func TestNibbleMinSum(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 10000 {
		x, y := rng.Uint64(), rng.Uint64()
		want := 0
		for i := 0; i < 64; i += 4 {
			want += int(min(x>>i&15, y>>i&15))
		}
		if got := nibbleMinSum(x, y); got != want {
			t.Fatalf("nibbleMinSum(%x, %x) = %d, want %d", x, y, got, want)
		}
	}
}
