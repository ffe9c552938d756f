package stableid_test

import (
	"fmt"

	"github.com/contoso/c360/matching/stableid"
)

// Two customers of the previous run turn out to be one person: the merged
// customer keeps the older id and the other is recorded as merged into it.
func ExampleAssign() {
	contact := stableid.Ref{Source: "contacts", ID: "CNTID_1000"}
	loyalty := stableid.Ref{Source: "loyalty", ID: "LOYID_1000"}
	prev := stableid.Previous{
		Assignment: map[stableid.Ref]string{contact: "id-first-seen-in-run-1", loyalty: "id-first-seen-in-run-2"},
		Born:       map[string]int64{"id-first-seen-in-run-1": 1, "id-first-seen-in-run-2": 2},
	}
	res, err := stableid.Assign([]stableid.Ref{contact, loyalty}, []int32{0, 0}, prev,
		stableid.Run{ID: "run-3", Seq: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.IDs[0], res.Born[0])
	for _, ch := range res.Changes {
		fmt.Printf("%s: %s <- %s in %s\n", ch.Kind, ch.CustomerID, ch.PreviousID, ch.RunID)
	}
	// Output:
	// id-first-seen-in-run-1 1
	// merged: id-first-seen-in-run-1 <- id-first-seen-in-run-2 in run-3
}
