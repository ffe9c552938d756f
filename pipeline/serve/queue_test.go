package serve_test

import (
	"math"
	"regexp"
	"sort"
	"testing"
)

// TestReviewQueueOrder computes, in Go from match_pair and customer_source,
// which pair should head each list of the review page, and checks that it
// does: the pair whose probability is nearest the threshold, and of the
// customers whose least firmly attached record hangs on the weakest link,
// that link.
func TestReviewQueueOrder(t *testing.T) {
	f := newFixture(t, "")
	db := openReadOnly(t, f.cfg.Database)
	var threshold float64
	if err := db.QueryRow(`SELECT value FROM match_param WHERE name = 'threshold'`).Scan(&threshold); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT p.source_l || ':' || p.id_l, p.source_r || ':' || p.id_r, p.match_weight,
			p.match_probability, p.matched, l.customer_id, r.customer_id
		FROM match_pair p
		JOIN customer_source l ON l.source = p.source_l AND l.source_id = p.id_l
		JOIN customer_source r ON r.source = p.source_r AND r.source_id = p.id_r`)
	if err != nil {
		t.Fatal(err)
	}
	type pair struct {
		l, r         string
		weight, prob float64
		matched      bool
		cl, cr       string
	}
	var pairs []pair
	for rows.Next() {
		var p pair
		if err := rows.Scan(&p.l, &p.r, &p.weight, &p.prob, &p.matched, &p.cl, &p.cr); err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, p)
	}
	rows.Close()
	db.Close()

	nearest := pairs[0]
	for _, p := range pairs {
		if d, best := math.Abs(p.prob-threshold), math.Abs(nearest.prob-threshold); d < best || (d == best && p.weight < nearest.weight) {
			nearest = p
		}
	}
	// Each record's strongest link inside its customer; a customer is as
	// weak as its weakest such link.
	strongest := map[string]pair{}
	for _, p := range pairs {
		if !p.matched || p.cl != p.cr {
			continue
		}
		for _, rec := range []string{p.l, p.r} {
			if s, ok := strongest[rec]; !ok || p.weight > s.weight {
				strongest[rec] = p
			}
		}
	}
	weakest := map[string]pair{}
	for _, p := range strongest {
		if w, ok := weakest[p.cl]; !ok || p.weight < w.weight {
			weakest[p.cl] = p
		}
	}
	customers := make([]string, 0, len(weakest))
	for c := range weakest {
		customers = append(customers, c)
	}
	sort.Slice(customers, func(i, j int) bool {
		a, b := weakest[customers[i]], weakest[customers[j]]
		return a.weight < b.weight || (a.weight == b.weight && customers[i] < customers[j])
	})
	want := weakest[customers[0]]

	_, body := f.do(t, "GET", "/review", nil)
	head := regexp.MustCompile(`<h3>(\S+) ~ (\S+):`)
	for _, tc := range []struct {
		section string
		want    pair
	}{{"near", nearest}, {"weakest", want}} {
		m := head.FindStringSubmatch(cardSection(t, body, tc.section))
		if m == nil {
			t.Fatalf("the %s list is empty", tc.section)
		}
		if !(m[1] == tc.want.l && m[2] == tc.want.r) {
			t.Errorf("the %s list starts with %s ~ %s, want %s ~ %s (weight %.2f, probability %.4f)",
				tc.section, m[1], m[2], tc.want.l, tc.want.r, tc.want.weight, tc.want.prob)
		}
	}
}
