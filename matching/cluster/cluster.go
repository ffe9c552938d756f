// Package cluster groups records into customers: the connected components
// of the matched pairs, with guards. A component that holds more than two
// records is rebuilt from its strongest links down (single linkage in
// weight order) and each join is checked: two groups are joined only when
// the average match probability over all their scored pairs reaches the
// threshold (so one strong link cannot chain two people whose other pairs
// say they differ), when the result stays within the size cap (so a large
// component splits at its weakest links, and its pieces are flagged), and
// when no never-match pair would end up together. Always-match pairs are
// joined first, unconditionally.
package cluster

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Edge is a scored pair of records with its match weight in bits
// (log2 of the match odds).
type Edge struct {
	L, R   int32
	Weight float64
}

// Prob returns the match probability of the edge's weight.
func (e Edge) Prob() float64 { return 1 / (1 + math.Exp2(-e.Weight)) }

// Link is a pair of records named in an always- or never-match list.
type Link struct{ L, R int32 }

// Options are the guards.
type Options struct {
	// MaxSize caps the records in one cluster; 0 means no cap. Always-match
	// links are honoured even past the cap.
	MaxSize int
	Never   []Link // these records never share a cluster
	Always  []Link // these records always share a cluster
	// MinLinkage, when above 0, is the average match probability that the
	// scored pairs between two groups must reach for them to be joined.
	MinLinkage float64
	// Evidence holds scored pairs that are not links (below the threshold);
	// they count in the average linkage only.
	Evidence []Edge
	// MinPairWeight, when below 0, keeps apart two groups between which
	// any scored pair (a link or an Evidence pair) weighs less: strongly
	// contradicting evidence splits a cluster at its weakest links.
	MinPairWeight float64
}

// Result is a clustering.
type Result struct {
	// Cluster holds each record's cluster number. Clusters are numbered
	// 0, 1, 2, ... in the order of their smallest record index, so the
	// same input always gives the same numbers.
	Cluster []int32
	Count   int // number of clusters
	// Capped lists, in increasing order, the clusters that come from a
	// component split at the size cap.
	Capped []int32
	// Kept counts the links used; Cut the links left out by the size cap,
	// a never-match pair, weak average linkage (CutByLinkage of them) or a
	// strongly contradicting pair (CutByContradiction).
	Kept, Cut, CutByLinkage, CutByContradiction int
}

// ErrConflict means the always-match links join two records that a
// never-match link keeps apart.
var ErrConflict = errors.New("cluster: always-match links join a never-match pair")

// Components clusters n records joined by links (matched pairs).
func Components(n int, links []Edge, opts Options) (*Result, error) {
	for _, e := range slices.Concat(links, opts.Evidence) {
		if !inRange(n, e.L, e.R) {
			return nil, fmt.Errorf("cluster: edge %d-%d out of range for %d records", e.L, e.R, n)
		}
	}
	for _, l := range slices.Concat(opts.Never, opts.Always) {
		if !inRange(n, l.L, l.R) {
			return nil, fmt.Errorf("cluster: link %d-%d out of range for %d records", l.L, l.R, n)
		}
	}
	plain := Plain(n, links, opts.Always)
	// A component needs the careful rebuild when it is too large, holds a
	// never-match pair, or (with average linkage) more than two records.
	trouble := make(map[int32]bool)
	for i := range int32(n) {
		r := plain.find(i)
		size := int(plain.size[r])
		if (opts.MaxSize > 0 && size > opts.MaxSize) || ((opts.MinLinkage > 0 || opts.MinPairWeight < 0) && size > 2) {
			trouble[r] = true
		}
	}
	for _, l := range opts.Never {
		if a := plain.find(l.L); a == plain.find(l.R) {
			trouble[a] = true
		}
	}
	res := &Result{Kept: len(links)}
	final := plain
	cappedRoots := map[int32]bool{}
	if len(trouble) > 0 {
		b := &builder{uf: newUnionFind(n), opts: opts, plain: plain, trouble: trouble, res: res,
			capped: cappedRoots, never: map[int32][]int32{}, adj: map[int32]map[int32]linkage{}}
		if err := b.build(links); err != nil {
			return nil, err
		}
		final = b.uf
	}
	number(final, res, cappedRoots)
	return res, nil
}

// Plain returns the union-find forest of the links and always-match pairs:
// the components before any guard. Find gives a record's component.
func Plain(n int, links []Edge, always []Link) *Forest {
	f := newUnionFind(n)
	for _, l := range always {
		f.union(l.L, l.R)
	}
	for _, e := range links {
		f.union(e.L, e.R)
	}
	return f
}

func inRange(n int, l, r int32) bool { return l >= 0 && r >= 0 && int(l) < n && int(r) < n }

// linkage sums the match probabilities of the scored pairs between two
// groups (n of them), and holds the lowest weight of any pair between
// them (+Inf when there is none).
type linkage struct {
	sum float64
	n   int
	min float64
}

func (l linkage) add(v linkage) linkage {
	if l.n == 0 && l.min == 0 {
		l.min = math.Inf(1)
	}
	return linkage{l.sum + v.sum, l.n + v.n, min(l.min, v.min)}
}

// builder re-clusters the troubled components.
type builder struct {
	uf      *Forest
	opts    Options
	plain   *Forest
	trouble map[int32]bool
	res     *Result
	capped  map[int32]bool              // plain roots split by the cap, then final roots
	never   map[int32][]int32           // root -> never partners of its members
	adj     map[int32]map[int32]linkage // root -> root -> linkage, inside troubled components
}

func (b *builder) build(links []Edge) error {
	for _, l := range b.opts.Never {
		b.never[l.L] = append(b.never[l.L], l.R)
		b.never[l.R] = append(b.never[l.R], l.L)
	}
	if b.opts.MinLinkage > 0 || b.opts.MinPairWeight < 0 {
		for _, e := range slices.Concat(links, b.opts.Evidence) {
			if r := b.plain.find(e.L); b.trouble[r] && r == b.plain.find(e.R) {
				b.addLinkage(e.L, e.R, linkage{e.Prob(), 1, e.Weight})
			}
		}
	}
	for _, l := range b.opts.Always {
		x, y := b.uf.find(l.L), b.uf.find(l.R)
		if x == y {
			continue
		}
		if b.conflict(x, y) {
			return fmt.Errorf("%w (records %d and %d)", ErrConflict, l.L, l.R)
		}
		b.join(x, y)
	}
	sorted := slices.Clone(links)
	slices.SortFunc(sorted, func(x, y Edge) int {
		return cmp.Or(cmp.Compare(y.Weight, x.Weight), cmp.Compare(x.L, y.L), cmp.Compare(x.R, y.R))
	})
	for _, e := range sorted {
		b.consider(e)
	}
	b.res.Kept = len(links) - b.res.Cut
	// Flag the pieces of capped components by their final roots.
	marked := map[int32]bool{}
	for i := range int32(len(b.uf.parent)) {
		if b.capped[b.plain.find(i)] {
			marked[b.uf.find(i)] = true
		}
	}
	clear(b.capped)
	for r := range marked {
		b.capped[r] = true
	}
	return nil
}

// consider joins the groups of a link's records unless a guard says no.
func (b *builder) consider(e Edge) {
	x, y := b.uf.find(e.L), b.uf.find(e.R)
	if x == y {
		return
	}
	if !b.trouble[b.plain.find(e.L)] {
		b.join(x, y)
		return
	}
	if b.opts.MaxSize > 0 && int(b.uf.size[x]+b.uf.size[y]) > b.opts.MaxSize {
		b.res.Cut++
		b.capped[b.plain.find(e.L)] = true
		return
	}
	if b.conflict(x, y) {
		b.res.Cut++
		return
	}
	l := b.adj[x][y]
	if b.opts.MinLinkage > 0 && l.n > 0 && l.sum/float64(l.n) < b.opts.MinLinkage {
		b.res.Cut++
		b.res.CutByLinkage++
		return
	}
	if b.opts.MinPairWeight < 0 && l.min < b.opts.MinPairWeight {
		b.res.Cut++
		b.res.CutByContradiction++
		return
	}
	b.join(x, y)
}

func (b *builder) addLinkage(l, r int32, v linkage) {
	for _, p := range [2][2]int32{{l, r}, {r, l}} {
		m := b.adj[p[0]]
		if m == nil {
			m = map[int32]linkage{}
			b.adj[p[0]] = m
		}
		m[p[1]] = m[p[1]].add(v)
	}
}

// conflict reports whether groups x and y (roots) hold a never-match pair.
func (b *builder) conflict(x, y int32) bool {
	for _, p := range b.never[x] {
		if b.uf.find(p) == y {
			return true
		}
	}
	for _, p := range b.never[y] {
		if b.uf.find(p) == x {
			return true
		}
	}
	return false
}

// join merges groups x and y (roots) with their never lists and linkage.
func (b *builder) join(x, y int32) {
	nx, ny := b.never[x], b.never[y]
	ax, ay := b.adj[x], b.adj[y]
	r := b.uf.union(x, y)
	other := x
	if r == x {
		other = y
	}
	delete(b.never, x)
	delete(b.never, y)
	if len(nx)+len(ny) > 0 {
		b.never[r] = append(nx, ny...)
	}
	if ax == nil && ay == nil {
		return
	}
	// Fold the absorbed group's linkage into the root's.
	delete(b.adj, other)
	keep, gone := ax, ay
	if r == y {
		keep, gone = ay, ax
	}
	if keep == nil {
		keep = map[int32]linkage{}
	}
	b.adj[r] = keep
	delete(keep, other)
	for z, v := range gone {
		if z == r {
			continue
		}
		keep[z] = keep[z].add(v)
		zm := b.adj[z]
		delete(zm, other)
		zm[r] = zm[r].add(v)
	}
}

// number assigns cluster numbers in order of each cluster's smallest record.
func number(uf *Forest, res *Result, cappedRoots map[int32]bool) {
	n := len(uf.parent)
	res.Cluster = make([]int32, n)
	label := make([]int32, n)
	for i := range label {
		label[i] = -1
	}
	for i := range int32(n) {
		r := uf.find(i)
		if label[r] < 0 {
			label[r] = int32(res.Count)
			res.Count++
			if cappedRoots[r] {
				res.Capped = append(res.Capped, label[r])
			}
		}
		res.Cluster[i] = label[r]
	}
}
