package load

import (
	"hash/maphash"
	"slices"
)

// keySet remembers every key loaded so far and the line it was on, to
// reject duplicates. The keys are copied back to back into one byte arena
// and found through an open-addressing table of their indexes, so a file of
// millions of rows costs a few slices that double as they grow, not an
// allocation per key, and holds nothing the garbage collector has to
// follow. (A map[string]int of cloned keys, sized for the file, cost about
// 4 s of a million-person run's CPU, in lookups, in sizing and in copies.)
type keySet struct {
	seed  maphash.Seed
	arena []byte   // every key, back to back
	ends  []int    // ends[i] is where key i ends in arena
	lines []int    // lines[i] is the line key i was first seen on
	slots []uint64 // 0: empty; else the key's index+1 (below 2^32), and in the high 32 bits its hash's
	mask  uint64   // len(slots)-1; len(slots) is a power of two
}

func newKeySet() *keySet {
	const initial = 1 << 10
	return &keySet{seed: maphash.MakeSeed(), slots: make([]uint64, initial), mask: initial - 1}
}

// add records key on line and returns 0, or, when key was added before,
// the line it was first added on (lines start at 1).
func (s *keySet) add(key string, line int) (first int) {
	h := maphash.String(s.seed, key)
	tag := h >> 32 << 32
	for i := h & s.mask; ; i = (i + 1) & s.mask {
		slot := s.slots[i]
		if slot == 0 {
			s.slots[i] = tag | uint64(len(s.ends)+1)
			s.arena = append(s.arena, key...)
			s.ends = append(s.ends, len(s.arena))
			s.lines = append(s.lines, line)
			if 2*len(s.ends) > len(s.slots) { // at most half full, so probes stay short
				s.grow()
			}
			return 0
		}
		if slot&^(1<<32-1) == tag {
			if k := int(uint32(slot)) - 1; string(s.bytesOf(k)) == key { // compared without a copy
				return s.lines[k]
			}
		}
	}
}

// reserve makes room for n keys in all, so that a set told early how many
// keys are coming never doubles its table (each doubling places every key
// again, in random order over memory).
func (s *keySet) reserve(n int) {
	n = min(n, maxReserve)
	size := len(s.slots)
	for size < 2*n {
		size *= 2
	}
	if size > len(s.slots) {
		s.rehash(size)
	}
	if more := n - len(s.ends); more > 0 {
		s.ends, s.lines = slices.Grow(s.ends, more), slices.Grow(s.lines, more)
		if len(s.ends) > 0 { // keys to come as long as those so far
			s.arena = slices.Grow(s.arena, more*len(s.arena)/len(s.ends))
		}
	}
}

// maxReserve bounds reserve: past it (a 1 GiB table) the set grows as keys come.
const maxReserve = 1 << 26

// bytesOf returns the bytes of key k in the arena.
func (s *keySet) bytesOf(k int) []byte {
	start := 0
	if k > 0 {
		start = s.ends[k-1]
	}
	return s.arena[start:s.ends[k]]
}

// grow doubles the table.
func (s *keySet) grow() { s.rehash(2 * len(s.slots)) }

// rehash places every key again in a table of size slots, a power of two.
func (s *keySet) rehash(size int) {
	s.slots = make([]uint64, size)
	s.mask = uint64(len(s.slots) - 1)
	for k := range s.ends {
		h := maphash.Bytes(s.seed, s.bytesOf(k)) // equal to maphash.String of the key
		i := h & s.mask
		for s.slots[i] != 0 {
			i = (i + 1) & s.mask
		}
		s.slots[i] = h>>32<<32 | uint64(k+1)
	}
}

// len returns the number of keys.
func (s *keySet) len() int { return len(s.ends) }
