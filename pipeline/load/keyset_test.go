package load

import (
	"fmt"
	"strings"
	"testing"
)

func TestKeySetFindsDuplicatesAndTheirFirstLine(t *testing.T) {
	s := newKeySet()
	steps := []struct {
		key        string
		line, want int
	}{
		{"CNTID_1", 2, 0},
		{"CNTID_10", 3, 0}, // CNTID_1 is a prefix: a different key
		{"", 4, 0},
		{"CNTID_1", 5, 2},
		{"cntid_1", 6, 0}, // keys are compared byte for byte
		{"", 7, 4},
		{"CNTID_10", 8, 3},
		{"CNTID_1", 9, 2}, // a second duplicate still names the first line
	}
	for _, st := range steps {
		if got := s.add(st.key, st.line); got != st.want {
			t.Errorf("add(%q, %d) = %d, want %d", st.key, st.line, got, st.want)
		}
	}
	if s.len() != 4 {
		t.Errorf("len = %d, want 4", s.len())
	}
}

// TestKeySetGrows adds enough keys to double the table many times and
// checks that each is still found, on its own line, and nothing else is.
func TestKeySetGrows(t *testing.T) {
	s := newKeySet()
	const n = 200_000
	for i := range n {
		if got := s.add(fmt.Sprintf("PID_%d", i), i+2); got != 0 {
			t.Fatalf("new key PID_%d reported as seen on line %d", i, got)
		}
	}
	for i := range n {
		if got := s.add(fmt.Sprintf("PID_%d", i), n+i+2); got != i+2 {
			t.Fatalf("PID_%d: first line %d, want %d", i, got, i+2)
		}
	}
	if got := s.add("PID_"+strings.Repeat("9", 20), 1); got != 0 {
		t.Errorf("an unseen key was reported seen on line %d", got)
	}
	if s.len() != n+1 {
		t.Errorf("len = %d, want %d", s.len(), n+1)
	}
	if len(s.slots) < 2*s.len() {
		t.Errorf("%d slots for %d keys: more than half full", len(s.slots), s.len())
	}
}

func TestKeySetReserveKeepsKeysAndMakesRoom(t *testing.T) {
	s := newKeySet()
	s.add("a", 2)
	s.add("b", 3)
	s.reserve(100_000)
	slots := len(s.slots)
	if slots < 200_000 {
		t.Fatalf("%d slots after reserving 100,000 keys", slots)
	}
	if s.add("a", 4) != 2 || s.add("b", 5) != 3 {
		t.Fatal("keys added before reserve were lost")
	}
	for i := range 100_000 - 2 {
		s.add(fmt.Sprint(i), i+6)
	}
	if len(s.slots) != slots {
		t.Errorf("the table grew from %d to %d slots within what was reserved", slots, len(s.slots))
	}
	s.reserve(10) // less than it holds: nothing changes
	if len(s.slots) != slots || s.add("a", 7) != 2 {
		t.Error("a smaller reserve changed the set")
	}
}

// BenchmarkKeySet adds a million purchase ids, as the load of a large
// purchases file does; BenchmarkKeyMap is the map[string]int of cloned
// keys it replaced, sized as it was for a 94-byte row.
func BenchmarkKeySet(b *testing.B) {
	keys := benchKeys(1_000_000)
	for b.Loop() {
		s := newKeySet()
		s.reserve(len(keys) * 11 / 10) // as the load does after its first rows
		for i, k := range keys {
			if s.add(k, i+2) != 0 {
				b.Fatal("duplicate")
			}
		}
	}
}

func BenchmarkKeyMap(b *testing.B) {
	keys := benchKeys(1_000_000)
	for b.Loop() {
		m := make(map[string]int, len(keys)*94/48)
		for i, k := range keys {
			if _, dup := m[k]; dup {
				b.Fatal("duplicate")
			}
			m[strings.Clone(k)] = i + 2
		}
	}
}

func benchKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("OPID_%d", 1000+i)
	}
	return keys
}
