package cluster

import (
	"errors"
	"fmt"
	"slices"
)

// ErrNumbering is returned, wrapped, when cluster numbers do not run from 0
// to k-1 with every number used.
var ErrNumbering = errors.New("cluster numbers must run from 0 to k-1 with none unused")

// Count returns k, the number of clusters in an assignment (record i is in
// cluster[i]), after checking that the numbers run from 0 to k-1 with none
// unused, as Components numbers them.
func Count(cluster []int32) (int, error) {
	k := 0
	for i, c := range cluster {
		if c < 0 {
			return 0, fmt.Errorf("%w: record %d has cluster %d", ErrNumbering, i, c)
		}
		k = max(k, int(c)+1)
	}
	used := make([]bool, k)
	for _, c := range cluster {
		used[c] = true
	}
	if i := slices.Index(used, false); i >= 0 {
		return 0, fmt.Errorf("%w: cluster %d of %d has no record", ErrNumbering, i, k)
	}
	return k, nil
}
