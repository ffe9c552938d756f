package stableid

import (
	"crypto/sha1"
	"hash"
	"slices"
	"strconv"

	"github.com/google/uuid"
)

// Namespace is the UUIDv5 namespace of new customer ids: the UUIDv5 of the
// URL "https://contoso.com/c360/customer" in the standard URL namespace.
// Changing it changes every id a fresh build issues.
const Namespace = "4e0fc505-42a7-546e-84be-510fc989c5b9"

// NewID returns draw number n of the id for a cluster whose smallest record
// is r: the UUIDv5 in Namespace of r.Source, a NUL byte and r.ID, followed by
// "#n" when n > 0. Assign uses draw 0 unless that id was issued before.
func NewID(r Ref, n int) string {
	return newDrawer().draw(r, n).String()
}

// drawer computes new ids, reusing its hash and name buffer between calls.
// It is not safe for concurrent use.
type drawer struct {
	space uuid.UUID
	hash  hash.Hash
	name  []byte
}

func newDrawer() *drawer {
	return &drawer{space: uuid.MustParse(Namespace), hash: sha1.New()}
}

func (d *drawer) draw(r Ref, n int) uuid.UUID {
	d.name = append(d.name[:0], r.Source...)
	d.name = append(d.name, 0)
	d.name = append(d.name, r.ID...)
	if n > 0 {
		d.name = append(d.name, '#')
		d.name = strconv.AppendInt(d.name, int64(n), 10)
	}
	return uuid.NewHash(d.hash, d.space, d.name, 5)
}

// issueNew gives a new id to every cluster that kept no previous id.
func (a *assigner) issueNew() {
	smallest := a.smallestRecords()
	d := newDrawer()
	taken := make(map[uuid.UUID]int32) // new id -> cluster
	var redraw []int32
	for c, w := range a.keeper {
		if w >= 0 {
			continue
		}
		u := d.draw(a.current[smallest[c]], 0)
		id := u.String()
		other, clash := taken[u]
		switch {
		case a.issuedBefore(id):
			redraw = append(redraw, int32(c))
		case !clash:
			taken[u], a.ids[c], a.born[c] = int32(c), id, a.run.Seq
		case a.current[smallest[c]].Compare(a.current[smallest[other]]) < 0:
			// Two clusters drew the same id: the smaller ref keeps it, so the
			// outcome does not depend on cluster numbering.
			taken[u], a.ids[c], a.born[c] = int32(c), id, a.run.Seq
			redraw = append(redraw, other)
		default:
			redraw = append(redraw, int32(c))
		}
	}
	slices.SortFunc(redraw, func(c, d int32) int {
		return a.current[smallest[c]].Compare(a.current[smallest[d]])
	})
	for _, c := range redraw {
		for n := 1; ; n++ {
			u := d.draw(a.current[smallest[c]], n)
			id := u.String()
			if _, clash := taken[u]; !clash && !a.issuedBefore(id) {
				taken[u], a.ids[c], a.born[c] = c, id, a.run.Seq
				break
			}
		}
	}
}

// smallestRecords returns, for each cluster that kept no previous id, the
// index of its smallest record by ref (other entries are unset).
func (a *assigner) smallestRecords() []int32 {
	smallest := make([]int32, a.k)
	for c := range smallest {
		smallest[c] = -1
	}
	for i, c := range a.cluster {
		if a.keeper[c] >= 0 {
			continue
		}
		if s := smallest[c]; s < 0 || a.current[i].Compare(a.current[s]) < 0 {
			smallest[c] = int32(i)
		}
	}
	return smallest
}

// issuedBefore reports whether id was issued by an earlier run.
func (a *assigner) issuedBefore(id string) bool {
	if a.prev.Issued[id] || a.retired[id] {
		return true
	}
	_, present := a.oldIdx[id]
	return present
}
