package explain

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/contoso/c360/pipeline/safetext"
)

// customerColumns are printed first, in this order.
var customerColumns = []string{"customer_id", "first_name", "last_name", "full_name", "email", "phone",
	"date_of_birth", "gender", "postcode", "street", "city", "state", "country", "record_count"}

// WriteJSON writes e as indented JSON.
func (e *Explanation) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(e)
}

// WriteText writes e for a reader: the customer, its records, and each
// link's comparisons with the weight each added.
func (e *Explanation) WriteText(w io.Writer) error {
	fmt.Fprintln(w, "Customer")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	from, _ := e.Customer["attribute_source"].(map[string]any)
	for _, c := range customerColumns {
		v, ok := e.Customer[c]
		if !ok || v == nil {
			continue
		}
		src := ""
		if s, ok := from[c].(string); ok {
			src = "from " + s
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", c, safetext.Printable(text(v)), safetext.Printable(src))
	}
	tw.Flush()
	fmt.Fprintf(w, "\nSource records (%d)\n", len(e.Records))
	for _, r := range e.Records {
		fmt.Fprintf(w, "  %s:%s (line %d)", r.Source, safetext.Printable(r.ID), r.Line)
		for _, k := range slices.Sorted(maps.Keys(r.Fields)) {
			fmt.Fprintf(w, " %s=%q", k, r.Fields[k])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\nLinks (threshold: probability %.2f; every pair starts at the prior weight %.2f)\n", e.Threshold, e.Prior)
	if len(e.Links) == 0 {
		fmt.Fprintln(w, "  none: no scored pair touches this customer's records")
	}
	for _, l := range e.Links {
		e.writeLink(w, l)
	}
	return nil
}

func (e *Explanation) writeLink(w io.Writer, l Link) {
	verdict := "linked"
	switch {
	case !l.Matched && l.Within:
		verdict = "below threshold, joined through other links"
	case !l.Matched:
		verdict = "near miss, not linked"
	case !l.Within:
		verdict = "linked, but split apart by a guard"
	}
	fmt.Fprintf(w, "\n  %s ~ %s: weight %.2f, probability %.4f (%s; found by blocking rule %s)\n",
		safetext.Printable(l.Left), safetext.Printable(l.Right), l.Weight, l.Probability, verdict, l.BlockingRule)
	fmt.Fprintf(w, "    %+8.2f  prior\n", e.Prior)
	for _, ev := range l.Evidence {
		if ev.Weight == 0 {
			continue
		}
		fmt.Fprintf(w, "    %+8.2f  %s: %s\n", ev.Weight, ev.Comparison, ev.Label)
	}
	fmt.Fprintf(w, "    %8.2f  total\n", l.Weight)
}

func text(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.Format(time.DateOnly)
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = fmt.Sprint(p)
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}
