package compare

import (
	"testing"

	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// BenchmarkComparePair evaluates every comparison of the default model on
// a near-match pair (the costly case: most levels need string similarity).
func BenchmarkComparePair(b *testing.B) {
	l := transform.Person{Given: okv("katherine"), Surname: okv("koteles"), Email: okv("kate.koteles@example.com"),
		Phone: okv("+15696265660"), Street: okv("3958 perez centers suite 216"), Postcode: okv("28679"),
		City: okv("inglewood"), BirthDate: date(1975, 8, 28), BirthDateStat: transform.OK}
	r := transform.Person{Given: okv("catherine"), Surname: okv("kotelse"), Email: okv("k.koteles@example.org"),
		Phone: okv("+15696265606"), Street: okv("3958 perez center ste 216"), Postcode: okv("28697"),
		City: okv("inglewod"), BirthDate: date(1975, 8, 29), BirthDateStat: transform.OK}
	table := NewTable([]transform.Person{l, r}, TableOptions{})
	comps, err := Compile(table, spec.Default().Comparisons)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range comps {
			c.Level(0, 1)
		}
	}
}
