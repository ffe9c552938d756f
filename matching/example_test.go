package matching_test

import (
	"context"
	"fmt"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/transform"
)

func ExampleMatch() {
	v := func(s string) transform.Value { return transform.NewValue(s, s, transform.OK) }
	person := func(source, id, given, surname, email string, y, m, d int) transform.Person {
		return transform.Person{Source: source, ID: id, Given: v(given), Surname: v(surname), Email: v(email),
			BirthDate: transform.Date{Year: int16(y), Month: int8(m), Day: int8(d)}, BirthDateStat: transform.OK}
	}
	var people []transform.Person
	// A few hundred distinct customers, so the model has something to learn from...
	for i := range 300 {
		given, surname := fmt.Sprintf("given%03d", i), fmt.Sprintf("surname%03d", i%150)
		people = append(people, person("contacts", fmt.Sprint("C", i), given, surname,
			fmt.Sprintf("%s.%s@example.com", given, surname), 1950+i%50, 1+i%12, 1+i%28))
		if i%2 == 0 { // ...half of whom are also loyalty customers.
			people = append(people, person("loyalty", fmt.Sprint("L", i), given, surname,
				fmt.Sprintf("%s.%s@example.com", given, surname), 1950+i%50, 1+i%12, 1+i%28))
		}
	}
	// Anna Moss is in both sources, with her names the other way round and
	// a typo in her e-mail address on the loyalty side.
	people = append(people,
		person("contacts", "C-anna", "anna", "moss", "anna.moss@example.com", 1986, 5, 8),
		person("loyalty", "L-anna", "moss", "anna", "anna.mos@example.com", 1986, 5, 8))

	res, err := matching.Match(context.Background(), people, matching.Options{Mode: matching.LinkAndDedupe})
	if err != nil {
		fmt.Println(err)
		return
	}
	n := len(people)
	fmt.Println("records:", res.Stats.Records, "customers:", res.Stats.Clusters)
	fmt.Println("Anna is one customer:", res.Cluster[n-2] == res.Cluster[n-1])
	// Output:
	// records: 452 customers: 301
	// Anna is one customer: true
}
