package score

import "github.com/contoso/c360/matching/spec"

// Levels marked spec.Level.AsElse are trained and weighed as their
// comparison's else level: the functions here pool their pairs into the
// else level before training and copy the else level's parameters to
// them after.

// elseAliases returns, per comparison and level, the level it is trained
// as: itself, or the else level for an AsElse level.
func elseAliases(cs []spec.Comparison) [][]int8 {
	out := make([][]int8, len(cs))
	for k, c := range cs {
		out[k] = make([]int8, len(c.Levels))
		last := int8(len(c.Levels) - 1)
		for l, lv := range c.Levels {
			out[k][l] = int8(l)
			if lv.AsElse {
				out[k][l] = last
			}
		}
	}
	return out
}

// pool returns s with every AsElse level replaced by its else level.
func pool(s Sample, alias [][]int8) Sample {
	if !hasAlias(alias) {
		return s
	}
	ps := make([]Pattern, 0, len(s.Patterns))
	counts := map[Pattern]float64{}
	for i, p := range s.Patterns {
		q := p
		for k, row := range alias {
			if l := p.Level(k); row[l] != l {
				q = q.With(k, row[l])
			}
		}
		if _, ok := counts[q]; !ok {
			ps = append(ps, q)
		}
		counts[q] += s.Counts[i]
	}
	out := Sample{Patterns: ps, Counts: make([]float64, len(ps))}
	for i, p := range ps {
		out.Counts[i] = counts[p]
	}
	return out
}

// poolCounts returns level counts with those of AsElse levels added to
// their else level.
func poolCounts(counts [][]float64, alias [][]int8) [][]float64 {
	out := make([][]float64, len(counts))
	for k, row := range counts {
		out[k] = make([]float64, len(row))
		for l, n := range row {
			out[k][alias[k][l]] += n
		}
	}
	return out
}

// copyAliases gives every AsElse level its else level's parameters, but
// for Matches: the two are trained as one level, whose pairs the else
// level counts.
func copyAliases(cs []spec.Comparison, alias [][]int8, p *Params) {
	for k := range cs {
		for l, to := range alias[k] {
			if int(to) != l {
				lp := &p.Comparisons[k].Levels[l]
				label := lp.Label
				*lp = p.Comparisons[k].Levels[to]
				lp.Label, lp.Matches = label, 0
			}
		}
	}
}

func hasAlias(alias [][]int8) bool {
	for _, row := range alias {
		for l, to := range row {
			if int(to) != l {
				return true
			}
		}
	}
	return false
}
