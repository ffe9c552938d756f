package score

import "math"

// TFAdjustments returns, for each value id of a column (count[id] records
// hold value id; id 0 is "missing" and ignored), the weight to add when two
// records agree exactly on that value: log2(Σf² / f_v), where f_v is the
// value's share of the records that have a value. Agreeing on a value held
// by everyone is weaker evidence than agreeing on an average one, and
// agreeing on a rare one is stronger. The level's own weight already
// prices an average agreement, so the adjustments average out near zero.
// The result is clamped to ±maxTF bits.
func TFAdjustments(count []uint32) []float32 {
	out := make([]float32, len(count))
	total := 0.0
	for _, c := range count[1:] {
		total += float64(c)
	}
	if total == 0 {
		return out
	}
	sumSq := 0.0
	for _, c := range count[1:] {
		f := float64(c) / total
		sumSq += f * f
	}
	for id := 1; id < len(count); id++ {
		f := float64(count[id]) / total
		out[id] = float32(min(maxTF, max(-maxTF, math.Log2(sumSq/f))))
	}
	return out
}

// maxTF bounds a term-frequency adjustment, in bits.
const maxTF = 10
