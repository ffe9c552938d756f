package cluster

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkUnionFind joins 1M records along 1M random edges.
func BenchmarkUnionFind(b *testing.B) {
	const n = 1 << 20
	rng := rand.New(rand.NewPCG(1, 1))
	edges := make([][2]int32, n)
	for i := range edges {
		edges[i] = [2]int32{int32(rng.IntN(n)), int32(rng.IntN(n))}
	}
	b.ReportAllocs()
	for b.Loop() {
		u := newUnionFind(n)
		for _, e := range edges {
			u.union(e[0], e[1])
		}
	}
}

// BenchmarkComponents clusters 1M records linked in pairs and small
// groups, with a size cap, as a nightly run does.
func BenchmarkComponents(b *testing.B) {
	const n = 1 << 20
	rng := rand.New(rand.NewPCG(2, 2))
	var edges []Edge
	for i := int32(0); i+1 < n; i += 2 {
		edges = append(edges, Edge{L: i, R: i + 1, Weight: 20})
		if rng.IntN(20) == 0 && i+2 < n {
			edges = append(edges, Edge{L: i + 1, R: i + 2, Weight: 5})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Components(n, edges, Options{MaxSize: 50}); err != nil {
			b.Fatal(err)
		}
	}
}
