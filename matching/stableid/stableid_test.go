package stableid

import (
	"cmp"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// ref parses "source/id".
func ref(s string) Ref {
	source, id, _ := strings.Cut(s, "/")
	return Ref{Source: source, ID: id}
}

// expectID expands "new:source/id" and "new:source/id#n" into the UUIDv5 a
// new customer whose smallest record is source/id must get, derived here
// from the standard URL namespace rather than from the package's helpers.
// Any other string is returned unchanged.
func expectID(t *testing.T, s string) string {
	t.Helper()
	name, ok := strings.CutPrefix(s, "new:")
	if !ok {
		return s
	}
	space := uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://contoso.com/c360/customer"))
	name, draw, _ := strings.Cut(name, "#")
	r := ref(name)
	full := r.Source + "\x00" + r.ID
	if draw != "" {
		full += "#" + draw
	}
	return uuid.NewSHA1(space, []byte(full)).String()
}

// layout turns clusters written as lists of refs into Assign's inputs.
func layout(clusters [][]string) ([]Ref, []int32) {
	var refs []Ref
	var cluster []int32
	for c, members := range clusters {
		for _, m := range members {
			refs = append(refs, ref(m))
			cluster = append(cluster, int32(c))
		}
	}
	return refs, cluster
}

// previous builds a Previous from customer id -> records.
func previous(customers map[string][]string, born map[string]int64, issued ...string) Previous {
	p := Previous{Assignment: map[Ref]string{}, Born: born, Issued: map[string]bool{}}
	for id, members := range customers {
		for _, m := range members {
			p.Assignment[ref(m)] = id
		}
		p.Issued[id] = true
	}
	for _, id := range issued {
		p.Issued[id] = true
	}
	return p
}

func sortChanges(cs []Change) {
	slices.SortFunc(cs, func(x, y Change) int {
		return cmp.Or(cmp.Compare(x.CustomerID, y.CustomerID), cmp.Compare(x.PreviousID, y.PreviousID),
			cmp.Compare(x.Kind, y.Kind))
	})
}

func TestNamespace(t *testing.T) {
	want := uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://contoso.com/c360/customer"))
	if Namespace != want.String() {
		t.Fatalf("Namespace = %s, want %s", Namespace, want)
	}
}

// TestNewIDPinned pins one id so that a change to the naming scheme, which
// would change every customer id of a fresh build, cannot go unnoticed.
func TestNewIDPinned(t *testing.T) {
	got := NewID(Ref{"contacts", "CNTID_1000"}, 0)
	if want := expectID(t, "new:contacts/CNTID_1000"); got != want {
		t.Fatalf("NewID = %s, want %s", got, want)
	}
	if got != "dd7cda27-bf32-5ab2-95c7-e9cee445e0d0" {
		t.Fatalf("NewID(contacts/CNTID_1000, 0) = %s; the id scheme changed", got)
	}
	if v := uuid.MustParse(got).Version(); v != 5 {
		t.Fatalf("version %d, want 5", v)
	}
}

func TestAssign(t *testing.T) {
	const (
		idA = "aaaaaaaa-0000-5000-8000-000000000001"
		idB = "bbbbbbbb-0000-5000-8000-000000000002"
		idC = "cccccccc-0000-5000-8000-000000000003"
	)
	born := map[string]int64{idA: 10, idB: 20, idC: 30}
	tests := []struct {
		name     string
		prev     Previous
		clusters [][]string
		want     []string // per cluster; "new:ref[#n]" is a new id
		wantBorn []int64
		changes  []Change // RunID is filled in
	}{
		{
			name:     "fresh build",
			clusters: [][]string{{"loyalty/LOYID_1000", "contacts/CNTID_1000"}, {"contacts/CNTID_1001"}},
			want:     []string{"new:contacts/CNTID_1000", "new:contacts/CNTID_1001"},
			wantBorn: []int64{7, 7},
			changes: []Change{
				{CustomerID: "new:contacts/CNTID_1000", Kind: Created},
				{CustomerID: "new:contacts/CNTID_1001", Kind: Created},
			},
		},
		{
			name:     "rerun unchanged",
			prev:     previous(map[string][]string{idA: {"contacts/1", "loyalty/1"}, idB: {"contacts/2"}}, born),
			clusters: [][]string{{"contacts/1", "loyalty/1"}, {"contacts/2"}},
			want:     []string{idA, idB},
			wantBorn: []int64{10, 20},
		},
		{
			name:     "rerun with clusters renumbered",
			prev:     previous(map[string][]string{idA: {"contacts/1", "loyalty/1"}, idB: {"contacts/2"}}, born),
			clusters: [][]string{{"contacts/2"}, {"loyalty/1", "contacts/1"}},
			want:     []string{idB, idA},
			wantBorn: []int64{20, 10},
		},
		{
			name:     "added record joins a customer",
			prev:     previous(map[string][]string{idA: {"contacts/1"}}, born),
			clusters: [][]string{{"contacts/1", "loyalty/9"}},
			want:     []string{idA},
			wantBorn: []int64{10},
		},
		{
			name:     "new person",
			prev:     previous(map[string][]string{idA: {"contacts/1"}}, born),
			clusters: [][]string{{"contacts/1"}, {"loyalty/7", "contacts/5"}},
			want:     []string{idA, "new:contacts/5"},
			wantBorn: []int64{10, 7},
			changes:  []Change{{CustomerID: "new:contacts/5", Kind: Created}},
		},
		{
			name: "merge keeps the older id even when it has fewer records",
			prev: previous(map[string][]string{
				idA: {"contacts/9"}, idB: {"contacts/1", "loyalty/1"}}, born),
			clusters: [][]string{{"contacts/1", "loyalty/1", "contacts/9"}},
			want:     []string{idA},
			wantBorn: []int64{10},
			changes:  []Change{{CustomerID: idA, PreviousID: idB, Kind: Merged}},
		},
		{
			name: "merge of equally old ids keeps the smaller id",
			prev: previous(map[string][]string{idC: {"contacts/1"}, idB: {"contacts/2"}},
				map[string]int64{idB: 5, idC: 5}),
			clusters: [][]string{{"contacts/1", "contacts/2"}},
			want:     []string{idB},
			wantBorn: []int64{5},
			changes:  []Change{{CustomerID: idB, PreviousID: idC, Kind: Merged}},
		},
		{
			name: "three-way merge",
			prev: previous(map[string][]string{
				idA: {"contacts/3"}, idB: {"contacts/1"}, idC: {"contacts/2"}}, born),
			clusters: [][]string{{"contacts/1", "contacts/2", "contacts/3"}},
			want:     []string{idA},
			wantBorn: []int64{10},
			changes: []Change{
				{CustomerID: idA, PreviousID: idB, Kind: Merged},
				{CustomerID: idA, PreviousID: idC, Kind: Merged},
			},
		},
		{
			name:     "split: larger part keeps the id",
			prev:     previous(map[string][]string{idA: {"contacts/1", "contacts/2", "contacts/3"}}, born),
			clusters: [][]string{{"contacts/1"}, {"contacts/2", "contacts/3"}},
			want:     []string{"new:contacts/1", idA},
			wantBorn: []int64{7, 10},
			changes:  []Change{{CustomerID: "new:contacts/1", PreviousID: idA, Kind: Split}},
		},
		{
			name:     "split tie: the part with the smallest record keeps the id",
			prev:     previous(map[string][]string{idA: {"loyalty/1", "contacts/2"}}, born),
			clusters: [][]string{{"loyalty/1"}, {"contacts/2"}},
			want:     []string{"new:loyalty/1", idA},
			wantBorn: []int64{7, 10},
			changes:  []Change{{CustomerID: "new:loyalty/1", PreviousID: idA, Kind: Split}},
		},
		{
			name: "record moves from one customer to another",
			prev: previous(map[string][]string{
				idA: {"contacts/1", "contacts/2", "contacts/3"}, idB: {"contacts/4", "contacts/5"}}, born),
			clusters: [][]string{{"contacts/1", "contacts/2"}, {"contacts/3", "contacts/4", "contacts/5"}},
			want:     []string{idA, idB},
			wantBorn: []int64{10, 20},
		},
		{
			name: "merge and split at once",
			prev: previous(map[string][]string{
				idA: {"contacts/1", "contacts/2"}, idB: {"contacts/3", "contacts/4"}}, born),
			clusters: [][]string{{"contacts/1", "contacts/3"}, {"contacts/2", "contacts/4"}},
			want:     []string{idA, "new:contacts/2"},
			wantBorn: []int64{10, 7},
			changes: []Change{
				{CustomerID: idA, PreviousID: idB, Kind: Merged},
				{CustomerID: "new:contacts/2", PreviousID: idA, Kind: Split},
				{CustomerID: "new:contacts/2", PreviousID: idB, Kind: Split},
			},
		},
		{
			name: "retire",
			prev: previous(map[string][]string{
				idA: {"contacts/1"}, idB: {"contacts/2", "loyalty/2"}}, born),
			clusters: [][]string{{"contacts/2"}},
			want:     []string{idB},
			wantBorn: []int64{20},
			changes:  []Change{{PreviousID: idA, Kind: Retired}},
		},
		{
			name: "never reissue an id retired in an earlier run",
			prev: previous(map[string][]string{idA: {"contacts/1", "contacts/2", "contacts/3"}}, born,
				expectID(t, "new:contacts/1")),
			clusters: [][]string{{"contacts/1"}, {"contacts/2", "contacts/3"}},
			want:     []string{"new:contacts/1#1", idA},
			wantBorn: []int64{7, 10},
			changes:  []Change{{CustomerID: "new:contacts/1#1", PreviousID: idA, Kind: Split}},
		},
		{
			name: "never reissue an id retired in this run",
			prev: Previous{
				Assignment: map[Ref]string{
					ref("contacts/5"): expectID(t, "new:contacts/1"),
					ref("contacts/1"): idA, ref("contacts/2"): idA, ref("contacts/3"): idA,
				},
				Born: born,
			},
			clusters: [][]string{{"contacts/1"}, {"contacts/2", "contacts/3"}},
			want:     []string{"new:contacts/1#1", idA},
			wantBorn: []int64{7, 10},
			changes: []Change{
				{CustomerID: "new:contacts/1#1", PreviousID: idA, Kind: Split},
				{PreviousID: expectID(t, "new:contacts/1"), Kind: Retired},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refs, cluster := layout(tt.clusters)
			got, err := Assign(refs, cluster, tt.prev, Run{ID: "run-2", Seq: 7})
			if err != nil {
				t.Fatal(err)
			}
			want := make([]string, len(tt.want))
			for c, w := range tt.want {
				want[c] = expectID(t, w)
			}
			if !slices.Equal(got.IDs, want) {
				t.Errorf("IDs = %q, want %q", got.IDs, want)
			}
			if !slices.Equal(got.Born, tt.wantBorn) {
				t.Errorf("Born = %v, want %v", got.Born, tt.wantBorn)
			}
			wantChanges := make([]Change, len(tt.changes))
			for i, ch := range tt.changes {
				wantChanges[i] = Change{CustomerID: expectID(t, ch.CustomerID),
					PreviousID: expectID(t, ch.PreviousID), Kind: ch.Kind, RunID: "run-2"}
			}
			sortChanges(wantChanges)
			if !slices.Equal(got.Changes, wantChanges) {
				t.Errorf("Changes =\n%v\nwant\n%v", got.Changes, wantChanges)
			}
		})
	}
}

func TestAssignErrors(t *testing.T) {
	one := []Ref{ref("contacts/1")}
	tests := []struct {
		name    string
		refs    []Ref
		cluster []int32
		prev    Previous
		runID   string
		want    error // nil: any error
	}{
		{"length mismatch", one, []int32{0, 0}, Previous{}, "r", nil},
		{"negative cluster", one, []int32{-1}, Previous{}, "r", ErrClusterNumber},
		{"unused cluster number", []Ref{ref("contacts/1"), ref("contacts/2")}, []int32{0, 2}, Previous{}, "r", ErrClusterNumber},
		{"no birth", one, []int32{0}, Previous{Assignment: map[Ref]string{ref("contacts/1"): "x"}}, "r", ErrUnknownBirth},
		{"no run id", one, []int32{0}, Previous{}, "", ErrNoRunID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Assign(tt.refs, tt.cluster, tt.prev, Run{ID: tt.runID})
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestAssignEmpty(t *testing.T) {
	got, err := Assign(nil, nil, Previous{}, Run{ID: "r"})
	if err != nil || len(got.IDs) != 0 || len(got.Changes) != 0 {
		t.Fatalf("Assign(nothing) = %+v, %v", got, err)
	}
}

func TestRefCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"contacts/2", "loyalty/1", -1},
		{"loyalty/1", "contacts/2", 1},
		{"contacts/CNTID_10", "contacts/CNTID_9", -1},
		{"contacts/1", "contacts/1", 0},
	}
	for _, tt := range tests {
		if got := ref(tt.a).Compare(ref(tt.b)); got != tt.want {
			t.Errorf("%s.Compare(%s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if s := (Ref{"contacts", "CNTID_1"}).String(); s != "contacts:CNTID_1" {
		t.Errorf("String() = %q", s)
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		in   string
		want Ref
		ok   bool
	}{
		{"contacts:CNTID_1", Ref{"contacts", "CNTID_1"}, true},
		{"pos:P:7", Ref{"pos", "P:7"}, true}, // the id keeps its colons
		{":X", Ref{"", "X"}, true},           // the caller checks the source
		{"contacts:", Ref{"contacts", ""}, false},
		{"contacts/CNTID_1", Ref{"contacts/CNTID_1", ""}, false},
	}
	for _, tt := range tests {
		got, ok := ParseRef(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseRef(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok && got.String() != tt.in {
			t.Errorf("ParseRef(%q).String() = %q, want the input back", tt.in, got.String())
		}
	}
}

// orderChanges orders as a comparison sort by compareChanges does, with
// empty ids, ids sharing their first eight bytes, ids shorter than eight
// and one id with several changes.
func TestOrderChangesIsTheSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ids := []string{"", "", "a", "ab", "abcdefgh", "abcdefgh", "abcdefghi", "abcdefgha", "\x00", "\x00\x00x", "zz"}
	for range 2000 {
		ids = append(ids, uuid.New().String()[:rng.IntN(37)])
	}
	kinds := []Kind{Created, Merged, Split, Retired}
	var changes []Change
	for _, id := range ids {
		for range 1 + rng.IntN(3) {
			changes = append(changes, Change{CustomerID: id, PreviousID: ids[rng.IntN(len(ids))], Kind: kinds[rng.IntN(len(kinds))]})
		}
	}
	want := slices.Clone(changes)
	sortChanges(want)
	if got := orderChanges(changes); !slices.Equal(got, want) {
		t.Errorf("orderChanges differs from the comparison sort")
	}
}
