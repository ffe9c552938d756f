package gen

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// profileRow is a contact or loyalty row with its truth.
type profileRow struct {
	source string
	fields map[string]string
	person int
}

// dataset is a generated directory read back with its truth.
type dataset struct {
	truth    map[string]string // "source/id" -> person ("" for orphans)
	profiles map[string]*profileRow
	byPerson map[int][]*profileRow
	// purchases per source: rows as column maps
	purchases map[string][]map[string]string
}

func rowMap(header, row []string) map[string]string {
	m := make(map[string]string, len(header))
	for i, h := range header {
		m[h] = row[i]
	}
	return m
}

// load reads a generated directory and checks that truth.csv covers every
// row of the four files exactly once.
func load(t *testing.T, dir string) *dataset {
	t.Helper()
	d := &dataset{truth: map[string]string{}, profiles: map[string]*profileRow{},
		byPerson: map[int][]*profileRow{}, purchases: map[string][]map[string]string{}}
	header, rows := readTable(t, filepath.Join(dir, TruthFile))
	if strings.Join(header, ",") != TruthHeader {
		t.Fatalf("truth header %v", header)
	}
	for _, r := range rows {
		key := r[0] + "/" + r[1]
		if _, dup := d.truth[key]; dup {
			t.Fatalf("truth lists %s twice", key)
		}
		d.truth[key] = r[2]
	}
	seen := 0
	files := []struct{ source, file, key string }{
		{"contacts", ContactsFile, "ContactId"}, {"loyalty", LoyaltyFile, "LoyaltyId"},
		{"pos", POSFile, "PurchaseId"}, {"online", OnlineFile, "PurchaseId"},
	}
	for _, f := range files {
		header, rows := readTable(t, filepath.Join(dir, f.file))
		for _, r := range rows {
			m := rowMap(header, r)
			person, ok := d.truth[f.source+"/"+m[f.key]]
			if !ok {
				t.Fatalf("%s row %s has no truth", f.file, m[f.key])
			}
			seen++
			if f.source == "pos" || f.source == "online" {
				m["person"] = person
				d.purchases[f.source] = append(d.purchases[f.source], m)
				continue
			}
			n, err := strconv.Atoi(person)
			if err != nil {
				t.Fatalf("%s row %s: person %q is not a number", f.file, m[f.key], person)
			}
			p := &profileRow{source: f.source, fields: m, person: n}
			d.profiles[f.source+"/"+m[f.key]] = p
			d.byPerson[n] = append(d.byPerson[n], p)
		}
	}
	if seen != len(d.truth) {
		t.Fatalf("truth has %d rows, the files %d", len(d.truth), seen)
	}
	return d
}

func TestTruthCoversEveryRowAndLinksAgree(t *testing.T) {
	const persons = 5000
	dir, _ := generate(t, Options{Persons: persons, Seed: 11, OrphanRate: 0.01})
	d := load(t, dir)
	for n := 1; n <= persons; n++ {
		if len(d.byPerson[n]) == 0 {
			t.Fatalf("person %d has no profile record", n)
		}
	}
	if len(d.byPerson) != persons {
		t.Fatalf("truth names %d persons, want %d", len(d.byPerson), persons)
	}
	for _, p := range d.profiles {
		if p.source != "loyalty" {
			continue
		}
		hasContact := false
		for _, q := range d.byPerson[p.person] {
			hasContact = hasContact || q.source == "contacts"
		}
		ref := p.fields["ContactId"]
		switch {
		case ref == "" && hasContact:
			t.Errorf("loyalty %s: empty ContactId but person %d has a contact", p.fields["LoyaltyId"], p.person)
		case ref != "" && d.profiles["contacts/"+ref] == nil:
			t.Errorf("loyalty %s: ContactId %s does not exist", p.fields["LoyaltyId"], ref)
		case ref != "" && d.profiles["contacts/"+ref].person != p.person:
			t.Errorf("loyalty %s: ContactId %s is another person", p.fields["LoyaltyId"], ref)
		}
	}
	orphans := 0
	for source, key := range map[string]string{"pos": "LoyaltyId", "online": "ContactId"} {
		profile := map[string]string{"pos": "loyalty", "online": "contacts"}[source]
		for _, m := range d.purchases[source] {
			owner := d.profiles[profile+"/"+m[key]]
			switch {
			case m["person"] == "":
				orphans++
				if owner != nil {
					t.Errorf("%s %s: orphan whose key %s exists", source, m["PurchaseId"], m[key])
				}
			case owner == nil:
				t.Errorf("%s %s: key %s matches no %s record", source, m["PurchaseId"], m[key], profile)
			case strconv.Itoa(owner.person) != m["person"]:
				t.Errorf("%s %s: truth person %s, key's record is person %d", source, m["PurchaseId"], m["person"], owner.person)
			}
		}
	}
	if orphans == 0 {
		t.Error("no orphan purchases at OrphanRate 0.01")
	}
}

func TestIDsAndDatesFollowTheRealFormats(t *testing.T) {
	asOf := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	dir, _ := generate(t, Options{Persons: 3000, Seed: 12, AsOf: asOf})
	specs := []struct {
		file, key, prefix, layout string
		dates                     []string
	}{
		{ContactsFile, "ContactId", "CNTID_", "1/2/2006", []string{"DateOfBirth", "CreatedOn"}},
		{LoyaltyFile, "LoyaltyId", "LOYID_", "2006-01-02", []string{"DateOfBirth", "CreatedOn"}},
		{POSFile, "PurchaseId", "PID_", "2006-01-02", []string{"PurchasedOn"}},
		{OnlineFile, "PurchaseId", "OPID_", "1/2/2006", []string{"PurchasedOn"}},
	}
	for _, s := range specs {
		header, rows := readTable(t, filepath.Join(dir, s.file))
		col := columnIndex(header)
		guids := 0
		for i, r := range rows {
			id := r[col[s.key]]
			if s.key == "ContactId" && isGUID(id) {
				guids++
			} else if id != s.prefix+strconv.Itoa(idBase+i) {
				t.Fatalf("%s row %d: id %q, want %s%d", s.file, i+1, id, s.prefix, idBase+i)
			}
			for _, c := range s.dates {
				v := r[col[c]]
				if v == "" && c == "DateOfBirth" {
					continue
				}
				d, err := time.Parse(s.layout, v)
				if err != nil {
					t.Fatalf("%s %s %s: %q is not %s: %v", s.file, id, c, v, s.layout, err)
				}
				if c == "DateOfBirth" && (d.Before(asOf.AddDate(-100, 0, 0)) || d.After(asOf.AddDate(-8, 0, 0))) {
					t.Errorf("%s %s: date of birth %s out of range", s.file, id, v)
				}
				if c != "DateOfBirth" && !d.Before(asOf) {
					t.Errorf("%s %s: %s %s is not before the as-of date", s.file, id, c, v)
				}
			}
			if p, ok := col["ProductId"]; ok && !strings.HasPrefix(r[p], "ProdID_") {
				t.Errorf("%s %s: product %q", s.file, id, r[p])
			}
			if p, ok := col["TotalPrice"]; ok {
				lo, hi := 10, 500
				if s.file == OnlineFile {
					lo, hi = 100, 3000
				}
				if v, err := strconv.Atoi(r[p]); err != nil || v < lo || v > hi {
					t.Errorf("%s %s: price %q outside %d-%d", s.file, id, r[p], lo, hi)
				}
			}
		}
		if s.key == "ContactId" && (guids == 0 || guids > len(rows)/200) {
			t.Errorf("%d GUID contact ids in %d rows, want a few", guids, len(rows))
		}
	}
}

// TestPurchasesFollowTheirRecord checks that a purchase happens after its
// record was created.
func TestPurchasesFollowTheirRecord(t *testing.T) {
	dir, _ := generate(t, Options{Persons: 2000, Seed: 13})
	d := load(t, dir)
	for source, spec := range map[string]struct{ key, profile, layout, profileLayout string }{
		"pos":    {"LoyaltyId", "loyalty", "2006-01-02", "2006-01-02"},
		"online": {"ContactId", "contacts", "1/2/2006", "1/2/2006"},
	} {
		for _, m := range d.purchases[source] {
			owner := d.profiles[spec.profile+"/"+m[spec.key]]
			if owner == nil {
				continue
			}
			bought, _ := time.Parse(spec.layout, m["PurchasedOn"])
			created, _ := time.Parse(spec.profileLayout, owner.fields["CreatedOn"])
			if bought.Before(created) {
				t.Fatalf("%s %s bought %s before its record was created %s", source, m["PurchaseId"],
					m["PurchasedOn"], owner.fields["CreatedOn"])
			}
		}
	}
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdef", c) {
				return false
			}
		}
	}
	return true
}

func TestTinyAndOddSizes(t *testing.T) {
	for _, persons := range []int{1, 2, 3, chunkSize + 1} {
		dir, st := generate(t, Options{Persons: persons, Seed: 4})
		d := load(t, dir)
		if len(d.byPerson) != persons || st.Persons != persons {
			t.Errorf("%d persons: truth names %d, stats %d", persons, len(d.byPerson), st.Persons)
		}
	}
}
