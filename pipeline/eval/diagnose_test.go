package eval

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/transform"
)

// TestDiagnose prints the false positives and false negatives of the
// datasets named in $C360_EVAL_DEBUG (comma-separated), with each record's
// values and the pair's evidence; "generated" is generated with
// $C360_GEN_PERSONS persons when set (or read from $C360_GEN_DIR, written
// by `c360 gen` beforehand). It is a tool for looking at errors, so
// it only runs when asked.
func TestDiagnose(t *testing.T) {
	names := os.Getenv("C360_EVAL_DEBUG")
	if names == "" {
		t.Skip("set C360_EVAL_DEBUG=dataset[,dataset] to list a dataset's errors")
	}
	sets, err := Datasets()
	if err != nil {
		t.Fatal(err)
	}
	sets = append(sets, *generatedDataset())
	limit := 40
	for i := range sets {
		if !slices.Contains(strings.Split(names, ","), sets[i].Name) {
			continue
		}
		var o *outcome
		if dir := os.Getenv("C360_GEN_DIR"); sets[i].Name == Generated && dir != "" {
			// Files written by `c360 gen` beforehand, perhaps by another build.
			o, err = evaluate(context.Background(), &sets[i], dir, Config{})
		} else if sets[i].Name == Generated {
			persons, _ := strconv.Atoi(os.Getenv("C360_GEN_PERSONS"))
			if persons <= 0 {
				persons = GeneratedPersons
			}
			o, err = evaluateGenerated(context.Background(), CustomRow(persons, "", GeneratedSeed), Config{})
		} else {
			o, err = evaluate(context.Background(), &sets[i], datasetsOrSkip(t), Config{})
		}
		if err != nil {
			t.Fatal(err)
		}
		pr := o.match.Params
		t.Logf("%s: P %.4f R %.4f F1 %.4f; lambda %.3g (candidates %.3g), households %.3g (candidates %.3g), EM %d iterations (converged %v), candidates %d, stats %+v",
			o.Dataset, o.Precision, o.Recall, o.F1, pr.Lambda, pr.CandidateLambda, pr.HouseholdLambda, pr.CandidateHouseholdLambda,
			pr.Iterations, pr.Converged, o.match.Stats.Candidates, o.match.Stats.Blocking.Rules)
		for _, w := range pr.Warnings {
			t.Logf("warning: %s", w)
		}
		for _, s := range pr.Sessions {
			t.Logf("session %+v", s)
		}
		for k, c := range o.match.Params.Comparisons {
			var b strings.Builder
			for _, l := range c.Levels {
				fmt.Fprintf(&b, " [%s m=%.3g u=%.3g w=%.1f", l.Label, l.M, l.U, l.Weight)
				if l.H != 0 {
					fmt.Fprintf(&b, " h=%.3g", l.H)
				}
				b.WriteString("]")
			}
			t.Logf("comparison %d %s:%s", k, c.Name, b.String())
		}
		scored := map[uint64]matching.Pair{}
		for _, p := range o.match.Pairs {
			scored[pairKey(p.L, p.R)] = p
		}
		cl := o.match.Cluster
		fn, fp := 0, 0
		fnScored, fpDirect := 0, 0
		for key := range o.truth {
			i, j := int32(key>>32), int32(uint32(key))
			if cl[i] == cl[j] {
				continue
			}
			if _, ok := scored[key]; ok {
				fnScored++
			}
			if fn++; fn <= limit {
				t.Logf("FN %s", describe(o, scored, i, j))
			}
		}
		forEachPredicted(cl, o.data, sets[i].Task == "link", func(i, j int32) {
			if o.truth[pairKey(i, j)] {
				return
			}
			if p, ok := scored[pairKey(i, j)]; ok && p.Matched {
				fpDirect++
			}
			if fp++; fp <= limit {
				t.Logf("FP %s", describe(o, scored, i, j))
			}
		})
		t.Logf("%s: %d false negatives (%d scored above the review floor), %d false positives (%d matched directly, the rest through clustering)",
			o.Dataset, fn, fnScored, fp, fpDirect)
	}
}

func describe(o *outcome, scored map[uint64]matching.Pair, i, j int32) string {
	var b strings.Builder
	p, ok := scored[pairKey(i, j)]
	if ok {
		fmt.Fprintf(&b, "w=%.1f p=%.3f rule=%d", p.Weight, p.Prob, p.Rule)
		for k, l := range p.Levels {
			fmt.Fprintf(&b, " %s:%d(%.1f)", o.match.Params.Comparisons[k].Name, l, p.Weights[k])
		}
	} else {
		b.WriteString("not kept (below review floor or not blocked)")
	}
	fmt.Fprintf(&b, "\n    %s\n    %s", show(o.data.people[i]), show(o.data.people[j]))
	return b.String()
}

func show(p transform.Person) string {
	v := func(x transform.Value) string { return x.Norm() }
	return fmt.Sprintf("%s | %s | %s | %s | %d-%d-%d | %s | %s | %s | %s | %s | %s | %s | %s",
		p.ID, v(p.Given), v(p.Surname), v(p.FullName), p.BirthDate.Year, p.BirthDate.Month, p.BirthDate.Day,
		v(p.Email), p.Phone.Raw(), v(p.Street), v(p.City), v(p.Postcode), v(p.NationalID), v(p.Gender), v(p.Text))
}
