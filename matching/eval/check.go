package eval

import (
	"errors"
	"fmt"
	"strings"
)

// Bar is the accuracy a dataset must reach.
type Bar struct {
	F1 float64
	// Customers, when not 0, is the expected number of clusters, give or
	// take CustomersTolerance.
	Customers          int
	CustomersTolerance int
}

// Bars returns the accuracy bars by dataset name. They are checked, never
// given to the matcher.
func Bars() map[string]Bar {
	return map[string]Bar{
		"contoso":         {F1: 0.9995, Customers: 5002, CustomersTolerance: 1},
		"contoso-noemail": {F1: 0.999},
		"febrl1":          {F1: 0.99},
		"febrl2":          {F1: 0.99},
		"febrl3":          {F1: 0.99},
		"febrl4":          {F1: 0.998},
		"fake_1000":       {F1: 0.85},
		"historical_50k":  {F1: 0.70},
		Generated:         {F1: 0.99},
	}
}

// MaxSeconds is the time the whole evaluation may take.
const MaxSeconds = 600

// ErrBelowBar is wrapped by Check's error.
var ErrBelowBar = errors.New("eval: below the bar")

// Check returns an error naming every result below its bar, and the total
// time when it exceeds MaxSeconds; nil when all hold.
func Check(results []Result) error {
	bars := Bars()
	var failed []string
	total := 0.0
	for _, r := range results {
		total += r.Seconds
		b, ok := bars[r.Dataset]
		if !ok {
			continue
		}
		if r.F1 < b.F1 {
			failed = append(failed, fmt.Sprintf("%s F1 %.4f < %.4f", r.Dataset, r.F1, b.F1))
		}
		if b.Customers > 0 && (r.Customers < b.Customers-b.CustomersTolerance || r.Customers > b.Customers+b.CustomersTolerance) {
			failed = append(failed, fmt.Sprintf("%s customers %d, want %d ± %d", r.Dataset, r.Customers, b.Customers, b.CustomersTolerance))
		}
	}
	if total > MaxSeconds {
		failed = append(failed, fmt.Sprintf("evaluation took %.0f s > %d s", total, MaxSeconds))
	}
	if len(failed) > 0 {
		return fmt.Errorf("%w: %s", ErrBelowBar, strings.Join(failed, "; "))
	}
	return nil
}
