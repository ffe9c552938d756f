package gen

import (
	"math"
	"sort"
)

// Streams name independent random sequences derived from the seed. Every
// random decision about person n is drawn from stream(seed, kind, n), so a
// person's records do not depend on the order or concurrency of generation.
const (
	streamPlan      uint64 = iota + 1 // which records and purchases a person has
	streamPerson                      // the person's true attributes
	streamPair                        // household and same-name decisions for persons 2k-1 and 2k
	streamRecord                      // + slot: noise for one profile record
	_                                 // streamRecord + 1
	_                                 // streamRecord + 2
	_                                 // streamRecord + 3
	streamBuys                        // + slot: purchases of one profile record
	_                                 // streamBuys + 1
	_                                 // streamBuys + 2
	_                                 // streamBuys + 3
	streamChunk                       // row order inside one chunk
	streamCRM                         // the CRM sample
	streamProduct                     // product prices
	streamGUID                        // GUID contact ids, by id number
	streamEmail                       // a person's own mailbox
	streamHousehold                   // large-household decision of a block of persons
)

// rng is a splitmix64 generator: tiny, allocation-free and statistically
// good enough for synthetic data. The zero value is usable but every rng in
// this package is made by newRNG.
type rng struct{ s uint64 }

// mix64 is the splitmix64 output function, used to decorrelate seeds.
func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// newRNG returns the generator for item n of stream kind under seed.
func newRNG(seed int64, kind uint64, n uint64) rng {
	s := mix64(uint64(seed) + 0x9e3779b97f4a7c15)
	s = mix64(s ^ kind*0xd1b54a32d192ed03)
	s = mix64(s ^ n*0x8cb92ba72f3d8dd7 ^ 0x5851f42d4c957f2d)
	return rng{s: s}
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix64(r.s)
}

// intn returns a uniform int in [0, n); n must be in (0, 2^32).
func (r *rng) intn(n int) int {
	return int((r.next() >> 32) * uint64(n) >> 32)
}

// between returns a uniform int in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a uniform float64 in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// poisson draws from a Poisson distribution with the given mean (Knuth's
// product method; means here are small).
func (r *rng) poisson(mean float64) int {
	if mean <= 0 {
		return 0
	}
	limit := math.Exp(-mean)
	k, p := 0, r.float()
	for p > limit && k < 1000 {
		k++
		p *= r.float()
	}
	return k
}

// zipf picks ranks 0..n-1 with weight 1/(rank+1+offset): a Zipf-like
// distribution whose head is flattened by offset.
type zipf struct{ cum []float64 }

func newZipf(n int, offset float64) zipf {
	cum := make([]float64, n)
	total := 0.0
	for i := range cum {
		total += 1 / (float64(i) + 1 + offset)
		cum[i] = total
	}
	for i := range cum {
		cum[i] /= total
	}
	return zipf{cum: cum}
}

func (z zipf) pick(r *rng) int {
	i := sort.SearchFloat64s(z.cum, r.float())
	if i >= len(z.cum) {
		i = len(z.cum) - 1
	}
	return i
}
