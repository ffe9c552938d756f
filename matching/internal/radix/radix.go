// Package radix orders records by 64-bit keys in linear time, for the
// engine's grouping steps (blocking keys, interning values by hash).
package radix

import (
	"cmp"
	"slices"
)

// Order returns the indexes of the records whose key is not 0, ordered by
// key and, within a key, by index: a stable least-significant-digit radix
// sort, sixteen bits at a time, that skips the digits every key shares.
func Order(keys []uint64) []int32 {
	n := 0
	for _, k := range keys {
		if k != 0 {
			n++
		}
	}
	a := make([]keyed, 0, n)
	for i, k := range keys {
		if k != 0 {
			a = append(a, keyed{k, int32(i)})
		}
	}
	if len(a) < 1<<12 { // the radix passes cost more than they save
		slices.SortStableFunc(a, func(x, y keyed) int { return cmp.Compare(x.key, y.key) })
		return indexes(a)
	}
	tmp := make([]keyed, len(a))
	var count [1 << 16]int
	for shift := 0; shift < 64; shift += 16 {
		clear(count[:])
		for _, x := range a {
			count[x.key>>shift&0xffff]++
		}
		if len(a) == 0 || count[a[0].key>>shift&0xffff] == len(a) {
			continue // every key has this digit
		}
		sum := 0
		for d, c := range count {
			count[d] = sum
			sum += c
		}
		for _, x := range a {
			d := x.key >> shift & 0xffff
			tmp[count[d]] = x
			count[d]++
		}
		a, tmp = tmp, a
	}
	return indexes(a)
}

type keyed struct {
	key uint64
	idx int32
}

func indexes(a []keyed) []int32 {
	out := make([]int32, len(a))
	for i, x := range a {
		out[i] = x.idx
	}
	return out
}
