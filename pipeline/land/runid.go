package land

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

// runIDTime is the time part of a run id: UTC to the second.
const runIDTime = "20060102T150405Z"

// NewRunID returns a new run id such as "20261127T210943Z-3f9a": the UTC
// time from now, to the second, then 4 random hex digits so that two runs
// started in the same second differ. Ids sort by time as strings do.
func NewRunID(now func() time.Time) string {
	var b [2]byte
	rand.Read(b[:]) // never fails (crypto/rand, Go 1.24+)
	return now().UTC().Format(runIDTime) + "-" + hex.EncodeToString(b[:])
}

// ParseRunID checks that id is a run id as NewRunID makes them and returns
// its time.
func ParseRunID(id string) (time.Time, error) {
	bad := fmt.Errorf("land: %q is not a run id (want YYYYMMDDThhmmssZ-xxxx)", id)
	n := len(runIDTime)
	if len(id) != n+5 || id[n] != '-' {
		return time.Time{}, bad
	}
	for _, c := range id[n+1:] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return time.Time{}, bad
		}
	}
	t, err := time.Parse(runIDTime, id[:n])
	if err != nil {
		return time.Time{}, bad
	}
	return t, nil
}
