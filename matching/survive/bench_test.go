package survive

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/contoso/c360/transform"
)

// benchRecords is the production scale: about 1.3M person records.
const benchRecords = 1_300_000

// benchPeople generates n records in clusters of one to four, in random
// order, with some values missing, junk or invalid.
func benchPeople(n int) ([]transform.Person, []int32) {
	rng := rand.New(rand.NewPCG(5, 6))
	given := []string{"Abbie", "Kenneth", "Anthony", "Michael", "Mary-Jo", "KATE", "katherine", "Jon"}
	surname := []string{"Moss", "Beraun", "Koteles", "Lauser", "O'Neil", "SMITH", "garcia"}
	cities := []string{"Fairfield", "Amarillo", "Inglewood", "Nashville", "NEW YORK"}
	value := func(raw, norm string) transform.Value {
		switch r := rng.IntN(20); {
		case r == 0:
			return transform.Value{}
		case r == 1:
			return transform.NewValue(raw, "", transform.Invalid)
		case r == 2:
			return transform.NewValue(raw, norm, transform.Junk)
		}
		return transform.NewValue(raw, norm, transform.OK)
	}
	people := make([]transform.Person, 0, n)
	cluster := make([]int32, 0, n)
	for c := int32(0); len(people) < n; c++ {
		g, s := given[rng.IntN(len(given))], surname[rng.IntN(len(surname))]
		for range 1 + rng.IntN(4) {
			id := strconv.Itoa(len(people))
			p := transform.Person{
				Source:    []string{"contacts", "loyalty"}[rng.IntN(2)],
				ID:        "ID_" + id,
				CreatedOn: transform.Date{Year: int16(2015 + rng.IntN(8)), Month: 1 + int8(rng.IntN(12)), Day: 1 + int8(rng.IntN(28))},
				Given:     value(g, g), Surname: value(s, s), FullName: value(g+" "+s, g+" "+s),
				Email:         value(g+id+"@example.com", g+id+"@example.com"),
				Phone:         value("569-626-"+id, "+1569626"+id),
				BirthDate:     transform.Date{Year: int16(1940 + rng.IntN(60)), Month: 5, Day: 8},
				BirthDateStat: transform.OK,
				Gender:        value("Female", "f"),
				Postcode:      value("10753", "10753"),
				Street:        value(id+" Miller Plaza", id+" miller plaza"),
				City:          value(cities[rng.IntN(len(cities))], "city"),
				State:         value("California", "ca"),
				Country:       value("USA", "us"),
			}
			people = append(people, p)
			cluster = append(cluster, c)
		}
	}
	rng.Shuffle(len(people), func(i, j int) {
		people[i], people[j] = people[j], people[i]
		cluster[i], cluster[j] = cluster[j], cluster[i]
	})
	return people, cluster
}

// BenchmarkMerge measures survivorship over 1.3M records with the default
// policy, with records in random order (the worst case for memory access)
// and in the pipeline's order: by source and id, clusters numbered by their
// first record.
func BenchmarkMerge(b *testing.B) {
	people, cluster := benchPeople(benchRecords)
	b.Run("order=random", func(b *testing.B) { benchMerge(b, people, cluster) })
	sortBySource(people, cluster)
	b.Run("order=source", func(b *testing.B) { benchMerge(b, people, cluster) })
}

func benchMerge(b *testing.B, people []transform.Person, cluster []int32) {
	for b.Loop() {
		if _, err := Merge(people, cluster, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(people)), "records")
}

// sortBySource puts the records in (Source, ID) order and renumbers the
// clusters in order of their first record, as the loader and the
// clustering step do.
func sortBySource(people []transform.Person, cluster []int32) {
	order := make([]int, len(people))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int {
		return cmp.Or(cmp.Compare(people[i].Source, people[j].Source), cmp.Compare(people[i].ID, people[j].ID))
	})
	sortedPeople := make([]transform.Person, len(people))
	renumber := map[int32]int32{}
	sortedCluster := make([]int32, len(people))
	for to, from := range order {
		sortedPeople[to] = people[from]
		c, ok := renumber[cluster[from]]
		if !ok {
			c = int32(len(renumber))
			renumber[cluster[from]] = c
		}
		sortedCluster[to] = c
	}
	copy(people, sortedPeople)
	copy(cluster, sortedCluster)
}
