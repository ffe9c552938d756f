package fetch

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryWait(t *testing.T) {
	now := time.Date(2026, 11, 27, 21, 0, 0, 0, time.UTC)
	reply := func(status int, retryAfter string) *http.Response {
		h := http.Header{}
		if retryAfter != "" {
			h.Set("Retry-After", retryAfter)
		}
		return &http.Response{StatusCode: status, Header: h}
	}
	const lo, hi, capRA = 100 * time.Millisecond, 1 * time.Second, 5 * time.Second
	tests := []struct {
		name     string
		retry    int
		resp     *http.Response
		min, max time.Duration // the wait must fall in [min, max]
	}{
		{"first retry, no reply", 0, nil, 50 * time.Millisecond, 100 * time.Millisecond},
		{"second retry doubles", 1, reply(500, ""), 100 * time.Millisecond, 200 * time.Millisecond},
		{"fourth retry doubles thrice", 3, reply(502, ""), 400 * time.Millisecond, 800 * time.Millisecond},
		{"capped at max", 10, reply(503, ""), 500 * time.Millisecond, time.Second},
		{"huge retry number does not overflow", 200, nil, 500 * time.Millisecond, time.Second},
		{"429 Retry-After seconds", 0, reply(429, "2"), 2 * time.Second, 2 * time.Second},
		{"503 Retry-After seconds", 3, reply(503, "1"), time.Second, time.Second},
		{"429 Retry-After capped", 0, reply(429, "3600"), capRA, capRA},
		{"429 Retry-After HTTP date", 0, reply(429, "Fri, 27 Nov 2026 21:00:03 GMT"), 3 * time.Second, 3 * time.Second},
		{"429 Retry-After date in the past", 0, reply(429, "Fri, 27 Nov 2026 20:00:00 GMT"), 0, 0},
		{"429 Retry-After zero", 0, reply(429, "0"), 0, 0},
		{"429 bad Retry-After falls back", 0, reply(429, "soon"), 50 * time.Millisecond, 100 * time.Millisecond},
		{"429 negative Retry-After falls back", 0, reply(429, "-5"), 50 * time.Millisecond, 100 * time.Millisecond},
		{"500 Retry-After ignored", 0, reply(500, "60"), 50 * time.Millisecond, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 50 { // jitter: every draw must stay in bounds
				got := retryWait(lo, hi, capRA, tt.retry, tt.resp, now)
				if got < tt.min || got > tt.max {
					t.Fatalf("retryWait = %v, want within [%v, %v]", got, tt.min, tt.max)
				}
			}
		})
	}
}

func TestRetryWaitJitters(t *testing.T) {
	seen := map[time.Duration]bool{}
	for range 50 {
		seen[retryWait(time.Second, time.Minute, time.Minute, 2, nil, time.Time{})] = true
	}
	if len(seen) < 2 {
		t.Fatalf("50 waits took %d distinct values, want jitter", len(seen))
	}
}
