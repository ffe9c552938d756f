package block

import (
	"math/bits"

	"github.com/contoso/c360/matching/internal/radix"
)

// group1 sorts the keyed records of one rule by key and finds its blocks.
func group1(r Rule, maxSize int) ruleBlocks {
	b := ruleBlocks{name: r.Name}
	b.members = radix.Order(r.Keys)
	keys := r.Keys
	b.keyed = len(b.members)
	for s := 0; s < len(b.members); {
		e := s + 1
		for e < len(b.members) && keys[b.members[e]] == keys[b.members[s]] {
			e++
		}
		if size := e - s; size >= 2 {
			bucket := bits.Len(uint(size-1)) - 1
			for len(b.sizes) <= bucket {
				b.sizes = append(b.sizes, 0)
			}
			b.sizes[bucket]++
			b.groups = append(b.groups, group{int32(s), int32(e)})
			b.skip = append(b.skip, TooLarge(size, maxSize))
		}
		s = e
	}
	b.emitted = make([]int64, len(b.groups))
	return b
}

// groupTable holds, for every record, its block under each rule side by
// side (so checking a pair against all earlier rules reads two short
// rows): the block's index plus one, or 0 when the record has no key or
// its block is skipped, so that later rules do not take those pairs for
// found.
type groupTable struct {
	rules  int
	groups []uint32 // [record*rules + rule]
}

func newGroupTable(n int, rules []ruleBlocks) groupTable {
	t := groupTable{rules: len(rules), groups: make([]uint32, n*len(rules))}
	for r := range rules {
		b := &rules[r]
		for g, gr := range b.groups {
			if b.skip[g] {
				continue
			}
			for _, m := range b.members[gr.start:gr.end] {
				t.groups[int(m)*t.rules+r] = uint32(g) + 1
			}
		}
	}
	return t
}

// clear forgets the blocks just dropped.
func (t groupTable) clear(rules []ruleBlocks, dropped []groupRef) {
	for _, d := range dropped {
		gr := rules[d.rule].groups[d.group]
		for _, m := range rules[d.rule].members[gr.start:gr.end] {
			t.groups[int(m)*t.rules+d.rule] = 0
		}
	}
}

// foundBefore reports whether a rule before rule blocks l and r together.
func (t groupTable) foundBefore(rule int, l, r int32) bool {
	return SharesBlock(t.groups[int(l)*t.rules:int(l)*t.rules+rule], t.groups[int(r)*t.rules:int(r)*t.rules+rule])
}
