package radix

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestOrder(t *testing.T) {
	// Keys that differ only in high digits, equal keys (kept in index
	// order) and records without a key.
	keys := []uint64{5 << 48, 0, 3, 5 << 48, 1<<32 | 3, 3, 0, 2 << 16}
	if got, want := Order(keys), []int32{2, 5, 7, 4, 0, 3}; !slices.Equal(got, want) {
		t.Errorf("Order = %v, want %v", got, want)
	}
	if got := Order([]uint64{0, 0}); len(got) != 0 {
		t.Errorf("no keys: %v", got)
	}
}

func TestOrderMatchesSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	keys := make([]uint64, 20000) // above the size sorted without radix passes
	for i := range keys {
		switch rng.IntN(3) {
		case 0: // missing
		case 1:
			keys[i] = uint64(rng.IntN(50)) + 1 // repeated small keys
		default:
			keys[i] = rng.Uint64() | 1
		}
	}
	var want []int32
	for i, k := range keys {
		if k != 0 {
			want = append(want, int32(i))
		}
	}
	slices.SortStableFunc(want, func(a, b int32) int { return cmp.Compare(keys[a], keys[b]) })
	if got := Order(keys); !slices.Equal(got, want) {
		t.Error("Order differs from a stable sort by key")
	}
}
