package gen

import (
	"testing"
	"time"
)

// within reports whether v lies in [lo, hi], logging it either way.
func within(t *testing.T, what string, v, lo, hi float64) {
	t.Helper()
	if v < lo || v > hi {
		t.Errorf("%s = %.4f, want between %g and %g", what, v, lo, hi)
	} else {
		t.Logf("%s = %.4f", what, v)
	}
}

// TestRatesAtTwentyThousand measures the noise model in the files against
// the default rates, with loose bounds.
func TestRatesAtTwentyThousand(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 20,000 persons")
	}
	const persons = 20000
	dir, st := generate(t, Options{Persons: persons, Seed: 2026})
	d := load(t, dir)
	n := float64(persons)

	var withContact, withLoyalty, duplicated float64
	var records, swapped, typos, missing float64
	for _, recs := range d.byPerson {
		per := map[string]int{}
		for _, r := range recs {
			per[r.source]++
			records++
			f := r.fields
			full, first, last := f["FullName"], f["FirstName"], f["LastName"]
			switch full {
			case first + " " + last:
			case last + " " + first:
				swapped++
			default:
				typos++
			}
			empty := f["EMail"] == "" || f["Telephone"] == "" || f["DateOfBirth"] == "" || f["Gender"] == ""
			if r.source == "contacts" && (f["StreetAddress"] == "" || f["PostCode"] == "") {
				empty = true
			}
			if empty {
				missing++
			}
		}
		if per["contacts"] > 0 {
			withContact++
		}
		if per["loyalty"] > 0 {
			withLoyalty++
		}
		if per["contacts"] > 1 || per["loyalty"] > 1 {
			duplicated++
		}
	}
	// A person with neither record gets one in proportion 0.8 : 0.5.
	within(t, "persons with a contact", withContact/n, 0.84, 0.88)
	within(t, "persons with a loyalty record", withLoyalty/n, 0.52, 0.56)
	within(t, "persons with a duplicate", duplicated/n, 0.010, 0.020)
	within(t, "records per person", records/n, 1.35, 1.45)
	within(t, "FullName swapped (among records without a typo)", swapped/(records-typos), 0.32, 0.38)
	within(t, "FullName typo", typos/records, 0.08, 0.13)
	within(t, "records with a missing value", missing/records, 0.02, 0.04)

	purchases := float64(len(d.purchases["pos"]) + len(d.purchases["online"]))
	orphans := 0.0
	for _, list := range d.purchases {
		for _, m := range list {
			if m["person"] == "" {
				orphans++
			}
		}
	}
	within(t, "purchases per person", purchases/n, 3.9, 4.1)
	within(t, "orphan purchases", orphans/purchases, 0.0004, 0.002)
	// Household pairs (0.05 of persons) plus households of 3 to 5 starting
	// 0.04 of the blocks of 8 (0.04·4/8 = 0.02 of persons).
	within(t, "household persons (stats)", float64(st.HouseholdPersons)/n, 0.06, 0.08)

	crossSourceRates(t, d)
	householdRates(t, d, persons)
}

// crossSourceRates compares each person's contact and loyalty records.
func crossSourceRates(t *testing.T, d *dataset) {
	var pairs, phone, email, dob, gender float64
	for _, recs := range d.byPerson {
		var c, l *profileRow
		for _, r := range recs {
			if r.source == "contacts" && c == nil {
				c = r
			}
			if r.source == "loyalty" && l == nil {
				l = r
			}
		}
		if c == nil || l == nil || len(recs) > 2 {
			continue // duplicates vary on purpose
		}
		pairs++
		cf, lf := c.fields, l.fields
		if cf["Telephone"] != "" && lf["Telephone"] != "" && cf["Telephone"] != lf["Telephone"] {
			phone++
		}
		if cf["EMail"] != "" && lf["EMail"] != "" && cf["EMail"] != lf["EMail"] {
			email++
		}
		if cf["DateOfBirth"] != "" && lf["DateOfBirth"] != "" && isoFromMDY(cf["DateOfBirth"]) != lf["DateOfBirth"] {
			dob++
		}
		if cf["Gender"] != "" && lf["Gender"] != "" && cf["Gender"] != lf["Gender"] {
			gender++
		}
	}
	// Each record reformats its phone with p=0.2, changes it with p=0.02
	// and writes a placeholder with p=0.015.
	within(t, "pairs with different phones", phone/pairs, 0.30, 0.47)
	// Each record changes its e-mail with p=0.01 and writes a placeholder
	// with p=0.02: about 2·0.03 of pairs differ.
	within(t, "pairs with different e-mails", email/pairs, 0.03, 0.09)
	within(t, "pairs with different dates of birth", dob/pairs, 0.0003, 0.006)
	within(t, "pairs with different genders", gender/pairs, 0, 0.004)
}

// householdRates checks hard negatives: pairs of persons who share a
// surname and an address, or a full name.
func householdRates(t *testing.T, d *dataset, persons int) {
	var households, namesakes float64
	for a := 1; a+1 <= persons; a += 2 {
		shareAddress, shareName := false, false
		for _, x := range d.byPerson[a] {
			for _, y := range d.byPerson[a+1] {
				xf, yf := x.fields, y.fields
				if x.source == "contacts" && y.source == "contacts" && xf["LastName"] == yf["LastName"] &&
					xf["StreetAddress"] == yf["StreetAddress"] && xf["PostCode"] == yf["PostCode"] {
					shareAddress = true
				}
				if xf["FirstName"] == yf["FirstName"] && xf["LastName"] == yf["LastName"] {
					shareName = true
				}
			}
		}
		if shareAddress {
			households++
		}
		if shareName && !shareAddress {
			namesakes++
		}
	}
	pairs := float64(persons / 2)
	// Only pairs where both persons have contact records can show it
	// (~0.74): household pairs (0.05), Jr./Sr. pairs (0.01), twins (0.004)
	// and the pairs inside households of 3 to 5 (about 0.04·2/4 = 0.02;
	// spouses keep their own surname now and then).
	within(t, "pairs sharing surname and address", households/pairs, 0.035, 0.07)
	within(t, "pairs sharing a full name", namesakes/pairs, 0.003, 0.012)

	given, surnames := map[string]int{}, map[string]bool{}
	for _, recs := range d.byPerson {
		given[recs[0].fields["FirstName"]]++
		surnames[recs[0].fields["LastName"]] = true
	}
	top := 0
	for _, c := range given {
		top = max(top, c)
	}
	within(t, "share of the commonest given name", float64(top)/float64(persons), 0.01, 0.05)
	within(t, "distinct surnames per person", float64(len(surnames))/float64(persons), 0.25, 0.8)
}

// isoFromMDY turns M/D/YYYY into YYYY-MM-DD.
func isoFromMDY(s string) string {
	var m, d, y, part int
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			part++
			continue
		}
		v := int(s[i] - '0')
		switch part {
		case 0:
			m = m*10 + v
		case 1:
			d = d*10 + v
		default:
			y = y*10 + v
		}
	}
	return string(appendDateISO(nil, fromCivil(y, time.Month(m), d)))
}
