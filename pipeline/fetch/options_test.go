package fetch

import (
	"testing"
	"time"
)

func TestOptionsDefaults(t *testing.T) {
	tests := []struct {
		name string
		in   Options
		want func(o Options) bool
	}{
		{"zero value takes every default", Options{}, func(o Options) bool {
			return o.Timeout == DefaultTimeout && o.Stall == DefaultStall && o.Deadline == DefaultDeadline &&
				o.Retries == DefaultRetries && o.RetryWaitMin == DefaultRetryWaitMin && o.RetryWaitMax == DefaultRetryWaitMax &&
				o.MaxRetryAfter == DefaultMaxRetryAfter && o.MaxBytes == DefaultMaxBytes &&
				o.MaxRedirects == DefaultMaxRedirects && o.UserAgent == DefaultUserAgent && o.Logger != nil && o.Progress != nil
		}},
		{"negative retries and redirects mean none", Options{Retries: -1, MaxRedirects: -1}, func(o Options) bool {
			return o.Retries == 0 && o.MaxRedirects == 0
		}},
		{"set values are kept", Options{Timeout: time.Second, Retries: 2, MaxBytes: 10, MaxRedirects: 3}, func(o Options) bool {
			return o.Timeout == time.Second && o.Retries == 2 && o.MaxBytes == 10 && o.MaxRedirects == 3
		}},
		{"wait max below min is raised to min", Options{RetryWaitMin: time.Second, RetryWaitMax: time.Millisecond}, func(o Options) bool {
			return o.RetryWaitMin == time.Second && o.RetryWaitMax == time.Second
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.withDefaults(); !tt.want(got) {
				t.Errorf("withDefaults() = %+v", got)
			}
		})
	}
}
