package block

// The two rules below decide which pairs a rule contributes. The in-process
// Index applies them, and so does any engine that blocks elsewhere (the Beam
// pipeline in cmd/c360-beam): calling the same functions is what keeps the
// engines' answers the same.

// TooLarge reports whether a block of size records is over the cap
// maxSize (0: no cap). Such blocks are skipped and reported, not paired.
func TooLarge(size, maxSize int) bool { return maxSize > 0 && size > maxSize }

// SharesBlock reports whether two records share a block under one of the
// rules before the current one, so that the pair belongs to that earlier
// rule. l and r hold the two records' block identities under those rules,
// in rule order; the zero value means no block (no key, or a skipped
// block), and never counts as shared.
func SharesBlock[T comparable](l, r []T) bool {
	var none T
	for i, g := range l {
		if g != none && g == r[i] {
			return true
		}
	}
	return false
}

// SkippedBlock is a block the index did not pair: over MaxBlockSize, or
// dropped to keep within MaxPairs.
type SkippedBlock struct {
	Rule int
	// Member is one record of the block (its smallest index), by which a
	// caller that knows the rule's keys can name the block.
	Member int32
	Size   int
	// OverBudget is true when the block was within MaxBlockSize and was
	// dropped to keep within MaxPairs.
	OverBudget bool
}

// Skipped lists the blocks that Count (or Pairs) skipped, by rule and then block
// order. Call it after Count.
func (ix *Index) Skipped() []SkippedBlock {
	var out []SkippedBlock
	for i := range ix.rules {
		b := &ix.rules[i]
		for g, gr := range b.groups {
			if !b.skip[g] {
				continue
			}
			size := int(gr.end - gr.start)
			out = append(out, SkippedBlock{Rule: i, Member: b.members[gr.start], Size: size,
				OverBudget: !TooLarge(size, ix.opts.MaxBlockSize)})
		}
	}
	return out
}
