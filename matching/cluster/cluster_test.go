package cluster

import (
	"errors"
	"slices"
	"testing"
)

func TestComponents(t *testing.T) {
	// Chain 0-1-2-3 with a weak middle link, a pair 5-6, and 4 alone.
	chain := []Edge{{0, 1, 20}, {1, 2, 3}, {2, 3, 18}, {5, 6, 10}}
	tests := []struct {
		name       string
		n          int
		edges      []Edge
		opts       Options
		want       []int32
		wantCapped []int32
		wantCut    int
	}{{
		name:  "connected components numbered by smallest record",
		n:     7,
		edges: chain,
		want:  []int32{0, 0, 0, 0, 1, 2, 2},
	}, {
		name:       "size cap splits at the weakest link and flags the pieces",
		n:          7,
		edges:      chain,
		opts:       Options{MaxSize: 3},
		want:       []int32{0, 0, 1, 1, 2, 3, 3},
		wantCapped: []int32{0, 1},
		wantCut:    1,
	}, {
		name:    "never-match pair is kept apart by dropping the weakest link between them",
		n:       7,
		edges:   chain,
		opts:    Options{Never: []Link{{0, 3}}},
		want:    []int32{0, 0, 1, 1, 2, 3, 3},
		wantCut: 1,
	}, {
		name:  "always-match pair joins records without a scored link",
		n:     7,
		edges: chain,
		opts:  Options{Always: []Link{{4, 6}}},
		want:  []int32{0, 0, 0, 0, 1, 1, 1},
	}, {
		name: "always-match links are honoured past the size cap",
		n:    4,
		opts: Options{MaxSize: 2, Always: []Link{{0, 1}, {1, 2}, {2, 3}}},
		want: []int32{0, 0, 0, 0},
	}, {
		name:       "a scored link is cut when always-match links already fill the cap",
		n:          4,
		edges:      []Edge{{0, 1, 5}},
		opts:       Options{MaxSize: 2, Always: []Link{{1, 2}, {2, 3}}},
		want:       []int32{0, 1, 1, 1},
		wantCapped: []int32{0, 1},
		wantCut:    1,
	}, {
		name:    "never and always together: always joined first, never cuts the rest",
		n:       4,
		edges:   []Edge{{0, 1, 9}, {1, 2, 8}, {2, 3, 7}},
		opts:    Options{Always: []Link{{2, 3}}, Never: []Link{{0, 3}}},
		want:    []int32{0, 0, 1, 1},
		wantCut: 1,
	}, {
		name:  "no edges: every record alone",
		n:     3,
		want:  []int32{0, 1, 2},
		edges: nil,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Components(tt.n, tt.edges, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Cluster, tt.want) {
				t.Errorf("clusters %v, want %v", res.Cluster, tt.want)
			}
			if !slices.Equal(res.Capped, tt.wantCapped) {
				t.Errorf("capped %v, want %v", res.Capped, tt.wantCapped)
			}
			if res.Cut != tt.wantCut || res.Kept != len(tt.edges)-tt.wantCut {
				t.Errorf("cut %d kept %d, want cut %d", res.Cut, res.Kept, tt.wantCut)
			}
			if want := int(slices.Max(tt.want)) + 1; res.Count != want {
				t.Errorf("count %d, want %d", res.Count, want)
			}
		})
	}
}

func TestAverageLinkage(t *testing.T) {
	// Records 0-1-2 are one person, 3-4 another; one strong link 2-3
	// bridges them, but the other scored pairs across say they differ.
	links := []Edge{{0, 1, 20}, {1, 2, 15}, {3, 4, 18}, {2, 3, 12}}
	against := []Edge{{0, 3, -20}, {1, 4, -15}, {0, 4, -18}}
	tests := []struct {
		name     string
		evidence []Edge
		want     []int32
		cut      int
	}{
		{"the bridge is cut when the pairs across disagree", against, []int32{0, 0, 0, 1, 1}, 1},
		{"without evidence against, the groups join", nil, []int32{0, 0, 0, 0, 0}, 0},
		{"evidence for joining keeps them joined", []Edge{{0, 3, 2}, {1, 4, 3}}, []int32{0, 0, 0, 0, 0}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Components(5, links, Options{MinLinkage: 0.5, Evidence: tt.evidence})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Cluster, tt.want) || res.CutByLinkage != tt.cut {
				t.Errorf("clusters %v (cut by linkage %d), want %v (%d)", res.Cluster, res.CutByLinkage, tt.want, tt.cut)
			}
		})
	}
}

func TestComponentsDeterministic(t *testing.T) {
	edges := []Edge{{3, 4, 5}, {0, 9, 7}, {4, 9, 5}, {1, 2, 5}, {2, 8, 5}, {5, 6, 1}, {6, 7, 1}, {5, 7, 1}}
	first, err := Components(10, edges, Options{MaxSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		shuffled := slices.Clone(edges)
		for j := range shuffled { // a fixed permutation per round
			k := (j*7 + i) % len(shuffled)
			shuffled[j], shuffled[k] = shuffled[k], shuffled[j]
		}
		again, err := Components(10, shuffled, Options{MaxSize: 3})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(first.Cluster, again.Cluster) || !slices.Equal(first.Capped, again.Capped) {
			t.Fatalf("edge order changed the result: %v vs %v", first.Cluster, again.Cluster)
		}
	}
	for _, c := range first.Cluster {
		if n := countOf(first.Cluster, c); n > 3 {
			t.Errorf("cluster %d has %d records, cap 3", c, n)
		}
	}
}

func countOf(s []int32, v int32) int {
	n := 0
	for _, x := range s {
		if x == v {
			n++
		}
	}
	return n
}

func TestComponentsErrors(t *testing.T) {
	_, err := Components(3, nil, Options{Always: []Link{{0, 1}, {1, 2}}, Never: []Link{{0, 2}}})
	if !errors.Is(err, ErrConflict) {
		t.Errorf("conflicting lists: err %v, want ErrConflict", err)
	}
	if _, err := Components(2, []Edge{{0, 5, 1}}, Options{}); err == nil {
		t.Error("edge out of range accepted")
	}
}

func TestUnionFind(t *testing.T) {
	u := newUnionFind(6)
	u.union(0, 1)
	u.union(2, 3)
	u.union(1, 3)
	if u.find(0) != u.find(2) || u.find(4) == u.find(0) || u.size[u.find(3)] != 4 {
		t.Errorf("union-find state wrong: parents %v sizes %v", u.parent, u.size)
	}
}

func TestContradictionSplits(t *testing.T) {
	// Two households joined by one wrong link (2-3): 0-1-2 and 3-4 link
	// strongly, and records 0 and 4, scored but far below the threshold,
	// say they are two people. Average linkage alone lets the weak link
	// through: the other pairs across are missing or near even.
	links := []Edge{{0, 1, 25}, {1, 2, 22}, {2, 3, 4}, {3, 4, 24}}
	checks := []Edge{{0, 4, -18}, {0, 2, 12}, {1, 3, 2}, {1, 4, 3}, {2, 4, 3}, {0, 3, 2}}
	res, err := Components(5, links, Options{MinPairWeight: -10, MinLinkage: 0.5, Evidence: checks})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int32{0, 0, 0, 1, 1}; !slices.Equal(res.Cluster, want) {
		t.Errorf("clusters %v, want %v", res.Cluster, want)
	}
	if res.CutByContradiction != 1 || res.Cut != 1 {
		t.Errorf("cut %d (by contradiction %d), want the one weak link", res.Cut, res.CutByContradiction)
	}
	// Without the guard the wrong link chains them.
	res, err = Components(5, links, Options{MinLinkage: 0.5, Evidence: checks})
	if err != nil {
		t.Fatal(err)
	}
	if res.Count != 1 {
		t.Errorf("%d clusters without the guard, want one chained", res.Count)
	}
	// A contradiction no weaker than the bar does not split.
	res, err = Components(5, links, Options{MinPairWeight: -20, MinLinkage: 0.5, Evidence: checks})
	if err != nil {
		t.Fatal(err)
	}
	if res.Count != 1 {
		t.Errorf("%d clusters with a -20 bar, want one", res.Count)
	}
}
