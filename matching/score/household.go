package score

import "github.com/contoso/c360/matching/spec"

// householdFixed returns how two people of one household reach the levels
// of the comparisons not marked shared: like two random people (u), but
// at the levels with a spec.Level.HouseholdShare, that share, the other
// levels scaled to make up the rest.
func householdFixed(cs []spec.Comparison, u [][]float64, neutral [][]bool) [][]float64 {
	out := copy2(u)
	for k, c := range cs {
		if !c.HouseholdFixed() {
			continue
		}
		fixed, rest := 0.0, 0.0
		for l, lv := range c.Levels {
			switch {
			case neutral[k][l]:
			case lv.HouseholdShare > 0:
				fixed += lv.HouseholdShare
			default:
				rest += u[k][l]
			}
		}
		for l, lv := range c.Levels {
			switch {
			case neutral[k][l]:
			case lv.HouseholdShare > 0:
				out[k][l] = lv.HouseholdShare
			case rest > 0:
				out[k][l] = u[k][l] * (1 - fixed) / rest
			}
		}
	}
	return out
}

// sharedOf returns the comparisons marked shared, or nil when the model
// has no household comparison.
func sharedOf(cs []spec.Comparison) []bool {
	shared := make([]bool, len(cs))
	found := false
	for k, c := range cs {
		shared[k] = c.Shared
		found = found || c.IsHousehold()
	}
	if !found {
		return nil
	}
	return shared
}
