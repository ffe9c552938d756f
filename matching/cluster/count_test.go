package cluster

import (
	"errors"
	"testing"
)

func TestCount(t *testing.T) {
	tests := []struct {
		cluster []int32
		k       int
		ok      bool
	}{
		{nil, 0, true},
		{[]int32{0, 1, 0, 2}, 3, true},
		{[]int32{0, 2}, 0, false},  // 1 unused
		{[]int32{0, -1}, 0, false}, // negative
	}
	for _, tt := range tests {
		k, err := Count(tt.cluster)
		if tt.ok && (err != nil || k != tt.k) {
			t.Errorf("Count(%v) = %d, %v; want %d", tt.cluster, k, err, tt.k)
		}
		if !tt.ok && !errors.Is(err, ErrNumbering) {
			t.Errorf("Count(%v) err = %v, want ErrNumbering", tt.cluster, err)
		}
	}
}
