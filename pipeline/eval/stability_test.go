package eval

import (
	"context"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"text/tabwriter"

	mscore "github.com/contoso/c360/matching/score"
)

// TestWeightStability trains the default model on each of the generated
// folders named in $C360_STABILITY_DIRS (comma-separated, smallest first:
// the same population at growing sizes, written by `c360 gen`) and prints
// every level's weight on each, the spread (largest minus smallest), and
// m on each. A level whose weight spreads by a bit or more is flagged,
// except the exact levels whose u falls as one over the number of people
// (a value no two strangers share: an e-mail, a phone, a street): their
// weight grows with the file exactly as the prior falls, so the odds they
// give a pair do not move; their m must not move instead. It is a tool for
// BENCHMARKS.md, so it only runs when asked, and fails when a weight
// (or such an m) moves by a bit or more.
func TestWeightStability(t *testing.T) {
	dirs := os.Getenv("C360_STABILITY_DIRS")
	if dirs == "" {
		t.Skip("set C360_STABILITY_DIRS=dir,dir,... to compare the model trained at several sizes")
	}
	var params []mscore.Params
	var priors []float64
	for _, dir := range strings.Split(dirs, ",") {
		o, err := evaluate(context.Background(), generatedDataset(), dir, Config{})
		if err != nil {
			t.Fatal(err)
		}
		params = append(params, o.match.Params)
		priors = append(priors, o.match.Params.PriorWeight())
		t.Logf("%s: %d records, F1 %.4f, prior %.2f bits, warnings %q", dir, o.Records, o.F1, o.match.Params.PriorWeight(), o.match.Params.Warnings)
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "comparison\tlevel\tweights\tspread\tm (matching training pairs)\tlog2 m spread\t\n")
	for k, c := range params[0].Comparisons {
		for l, lp := range c.Levels {
			if lp.M == 1 && lp.U == 1 {
				continue // carries no weight on the smallest
			}
			ws, ms := make([]string, len(params)), make([]string, len(params))
			lo, hi, mlo, mhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
			uFalls := true
			for i, p := range params {
				q := p.Comparisons[k].Levels[l]
				ws[i], ms[i] = fmt.Sprintf("%.2f", q.Weight), fmt.Sprintf("%.3g (%.0f)", q.M, q.Matches)
				lo, hi = min(lo, q.Weight), max(hi, q.Weight)
				mlo, mhi = min(mlo, math.Log2(q.M)), max(mhi, math.Log2(q.M))
				if i > 0 {
					// u one over the size: the weight grows as the prior falls.
					grow := q.Weight - params[i-1].Comparisons[k].Levels[l].Weight
					uFalls = uFalls && math.Abs(grow+(priors[i]-priors[i-1])) < 1
				}
			}
			flag := ""
			switch {
			case hi-lo < 1:
			case uFalls && l == 1 && mhi-mlo < 1:
				flag = "u ~ 1/n"
			default:
				flag = "MOVED"
				t.Errorf("%s / %s: weight spreads %.2f bits", c.Name, lp.Label, hi-lo)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f %s\t%s\t%.2f\t\n", c.Name, lp.Label, strings.Join(ws, " "), hi-lo, flag,
				strings.Join(ms, " "), mhi-mlo)
		}
	}
	tw.Flush()
	t.Logf("\n%s", b.String())
}
