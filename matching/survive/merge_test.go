package survive

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/contoso/c360/transform"
)

func ok(raw, norm string) transform.Value {
	return transform.NewValue(raw, norm, transform.OK)
}

func junk(raw, norm string) transform.Value {
	return transform.NewValue(raw, norm, transform.Junk)
}

func invalid(raw string) transform.Value { return transform.NewValue(raw, "", transform.Invalid) }

func day(y, m, d int) transform.Date {
	return transform.Date{Year: int16(y), Month: int8(m), Day: int8(d)}
}

// rec is a record with the fields most tests need; more are set per test.
func rec(source, id string, created transform.Date) transform.Person {
	return transform.Person{Source: source, ID: id, CreatedOn: created}
}

func with(p transform.Person, set func(*transform.Person)) transform.Person {
	set(&p)
	return p
}

// shown is an expected attribute: its value as Customer.Value gives it and
// the index of the record it came from (-1: none).
type shown struct {
	value string
	from  int32
}

func TestMerge(t *testing.T) {
	old, recent := day(2017, 3, 14), day(2019, 1, 14)
	tests := []struct {
		name   string
		people []transform.Person
		policy Policy
		want   map[Attribute]shown
	}{
		{
			name: "contacts before loyalty by default, even when loyalty is newer",
			people: []transform.Person{
				with(rec("loyalty", "LOYID_1", recent), func(p *transform.Person) { p.Email = ok("B@x.com", "b@x.com") }),
				with(rec("contacts", "CNTID_1", old), func(p *transform.Person) { p.Email = ok(" A@x.com", "a@x.com") }),
			},
			want: map[Attribute]shown{Email: {"a@x.com", 1}, Phone: {"", -1}},
		},
		{
			name: "most recent wins within a source",
			people: []transform.Person{
				with(rec("contacts", "CNTID_1", old), func(p *transform.Person) { p.Email = ok("a@x.com", "a@x.com") }),
				with(rec("contacts", "CNTID_2", recent), func(p *transform.Person) { p.Email = ok("b@x.com", "b@x.com") }),
				with(rec("contacts", "CNTID_3", transform.Date{}), func(p *transform.Person) { p.Email = ok("c@x.com", "c@x.com") }),
			},
			want: map[Attribute]shown{Email: {"b@x.com", 1}},
		},
		{
			name: "invalid and junk values lose to a usable value from any source",
			people: []transform.Person{
				with(rec("contacts", "CNTID_1", recent), func(p *transform.Person) {
					p.Email = junk("test@test.com", "test@test.com")
					p.Phone = invalid("555-0000")
					p.BirthDateRaw, p.BirthDateStat = "2/30/1980", transform.Invalid
				}),
				with(rec("loyalty", "LOYID_1", old), func(p *transform.Person) {
					p.Email = ok("abbie@x.com", "abbie@x.com")
					p.Phone = ok("+1-569-626-5660", "+15696265660")
					p.BirthDate, p.BirthDateStat = day(1986, 5, 8), transform.OK
				}),
			},
			want: map[Attribute]shown{Email: {"abbie@x.com", 1}, Phone: {"+15696265660", 1},
				DateOfBirth: {"1986-05-08", 1}},
		},
		{
			name: "junk and invalid values are shown when nothing usable exists",
			people: []transform.Person{
				with(rec("contacts", "CNTID_1", old), func(p *transform.Person) {
					p.Phone = invalid(" 555 0000 x12 ")
					p.Gender = transform.NewValue("X", "", transform.Invalid)
					p.BirthDate, p.BirthDateStat = day(1900, 1, 1), transform.Junk
				}),
				with(rec("loyalty", "LOYID_1", recent), func(p *transform.Person) {
					p.Email = junk("Test@Test.com", "test@test.com")
					p.Phone = invalid("   ")
				}),
			},
			want: map[Attribute]shown{Email: {"test@test.com", 1}, Phone: {"555 0000 x12", 0},
				Gender: {"", -1}, DateOfBirth: {"1900-01-01", 0}},
		},
		{
			name: "an attribute missing from the preferred source comes from the next",
			people: []transform.Person{
				with(rec("contacts", "CNTID_1", recent), func(p *transform.Person) {
					p.Given, p.Surname = ok("Abbie", "abbie"), ok("Moss", "moss")
				}),
				with(rec("loyalty", "LOYID_1", old), func(p *transform.Person) {
					p.Given = ok("Abby", "abby")
					p.Phone = ok("983.566.0706", "+19835660706")
					p.Gender = ok("Female", "f")
				}),
			},
			want: map[Attribute]shown{FirstName: {"Abbie", 0}, LastName: {"Moss", 0}, FullName: {"Abbie Moss", 0},
				Phone: {"+19835660706", 1}, Gender: {"Female", 1}, Email: {"", -1}},
		},
		{
			name: "most frequent first name among the preferred source's candidates",
			people: []transform.Person{
				with(rec("contacts", "CNTID_1", recent), func(p *transform.Person) { p.Given = ok("Jon", "jon") }),
				with(rec("contacts", "CNTID_2", old), func(p *transform.Person) { p.Given = ok("John", "john") }),
				with(rec("loyalty", "LOYID_1", old), func(p *transform.Person) { p.Given = ok("JOHN", "john") }),
			},
			want: map[Attribute]shown{FirstName: {"John", 1}, FullName: {"John", 1}},
		},
		{
			name: "most complete breaks a tie of source and date",
			people: []transform.Person{
				with(rec("contacts", "CNTID_1", old), func(p *transform.Person) { p.Given = ok("Kate", "kate") }),
				with(rec("contacts", "CNTID_2", old), func(p *transform.Person) { p.Given = ok("Katherine", "katherine") }),
			},
			want: map[Attribute]shown{FirstName: {"Katherine", 1}},
		},
		{
			name: "a tie on every rule goes to the smallest source and id",
			people: []transform.Person{
				with(rec("contacts", "CNTID_9", old), func(p *transform.Person) { p.Street = ok("1 Elm St", "1 elm street") }),
				with(rec("contacts", "CNTID_10", old), func(p *transform.Person) { p.Street = ok("2 Oak St", "2 oak street") }),
			},
			want: map[Attribute]shown{Street: {"2 Oak St", 1}},
		},
		{
			name: "full name is composed from the chosen names, not the typo'd column",
			people: []transform.Person{
				with(rec("contacts", "CNTID_1002", old), func(p *transform.Person) {
					p.Given, p.Surname = ok("Anthony", "anthony"), ok("Koteles", "koteles")
					p.FullName = ok("Acthony Koteles", "acthony koteles")
				}),
			},
			want: map[Attribute]shown{FirstName: {"Anthony", 0}, LastName: {"Koteles", 0},
				FullName: {"Anthony Koteles", 0}},
		},
		{
			name: "the full name column is used when a name part is missing",
			people: []transform.Person{
				with(rec("contacts", "CNTID_1", old), func(p *transform.Person) { p.Given = ok("Abbie", "abbie") }),
				with(rec("loyalty", "LOYID_1", old), func(p *transform.Person) {
					p.FullName = ok("MOSS  ABBIE", "moss abbie")
				}),
			},
			want: map[Attribute]shown{FirstName: {"Abbie", 0}, LastName: {"", -1}, FullName: {"Moss Abbie", 1}},
		},
		{
			name: "display forms",
			people: []transform.Person{
				with(rec("contacts", "CNTID_1", old), func(p *transform.Person) {
					p.Given, p.Surname = ok("  mary-jo ", "maryjo"), ok("O'NEIL", "oneil")
					p.Gender = ok("M", "m")
					p.Postcode = ok("10753-1234", "10753")
					p.Street = ok(" 129  Miller\tPlaza ", "129 miller plaza")
					p.City = ok("NEW YORK", "new york")
					p.State = ok("California", "ca")
					p.Country = ok("USA", "us")
				}),
			},
			want: map[Attribute]shown{FirstName: {"Mary-Jo", 0}, LastName: {"O'Neil", 0},
				FullName: {"Mary-Jo O'Neil", 0}, Gender: {"Male", 0}, Postcode: {"10753", 0},
				Street: {"129 Miller Plaza", 0}, City: {"New York", 0}, State: {"CA", 0}, Country: {"USA", 0}},
		},
		{
			name: "a state that is not a two-letter code shows its source text",
			people: []transform.Person{
				with(rec("contacts", "CNTID_1", old), func(p *transform.Person) { p.State = ok("Ontario ", "ontario") }),
			},
			want: map[Attribute]shown{State: {"Ontario", 0}},
		},
		{
			name: "a policy override: most recent e-mail first",
			people: []transform.Person{
				with(rec("loyalty", "LOYID_1", recent), func(p *transform.Person) { p.Email = ok("b@x.com", "b@x.com") }),
				with(rec("contacts", "CNTID_1", old), func(p *transform.Person) {
					p.Email = ok("a@x.com", "a@x.com")
					p.Phone = ok("+15696265660", "+15696265660")
				}),
			},
			policy: Policy{Email: {{Kind: MostRecent}, {Kind: SourcePriority, Sources: []string{"contacts"}}}},
			want:   map[Attribute]shown{Email: {"b@x.com", 0}, Phone: {"+15696265660", 1}},
		},
		{
			name: "an unlisted source ranks after the listed ones",
			people: []transform.Person{
				with(rec("crm", "A1", recent), func(p *transform.Person) { p.City = ok("Boston", "boston") }),
				with(rec("loyalty", "LOYID_1", old), func(p *transform.Person) { p.City = ok("Austin", "austin") }),
			},
			want: map[Attribute]shown{City: {"Austin", 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cluster := make([]int32, len(tt.people))
			got, err := Merge(tt.people, cluster, tt.policy)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("%d customers, want 1", len(got))
			}
			c := &got[0]
			for a, w := range tt.want {
				if v := c.Value(a); v != w.value || c.From[a] != w.from {
					t.Errorf("%s = %q from %d, want %q from %d", a, v, c.From[a], w.value, w.from)
				}
				if r := c.Record(a, tt.people); w.from >= 0 && r != &tt.people[w.from] || w.from < 0 && r != nil {
					t.Errorf("%s: Record is %v, want people[%d]", a, r, w.from)
				}
			}
			checkOrderIndependent(t, tt.people, tt.policy, c)
		})
	}
}

// checkOrderIndependent merges the records again in reverse order and
// expects the same values from the same records.
func checkOrderIndependent(t *testing.T, people []transform.Person, p Policy, want *Customer) {
	t.Helper()
	n := int32(len(people))
	reversed := slices.Clone(people)
	slices.Reverse(reversed)
	got, err := Merge(reversed, make([]int32, n), p)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range Attributes() {
		from := got[0].From[a]
		if from >= 0 {
			from = n - 1 - from
		}
		if got[0].Value(a) != want.Value(a) || from != want.From[a] {
			t.Errorf("reversed input: %s = %q from %d, want %q from %d",
				a, got[0].Value(a), from, want.Value(a), want.From[a])
		}
	}
}

func TestMergeClusters(t *testing.T) {
	people := []transform.Person{
		with(rec("contacts", "CNTID_2", day(2018, 1, 1)), func(p *transform.Person) { p.Given = ok("Kenneth", "kenneth") }),
		with(rec("contacts", "CNTID_1", day(2017, 1, 1)), func(p *transform.Person) { p.Given = ok("Abbie", "abbie") }),
		with(rec("loyalty", "LOYID_2", day(2018, 1, 1)), func(p *transform.Person) { p.Given = ok("Ken", "ken") }),
		rec("loyalty", "LOYID_3", day(2018, 1, 1)),
	}
	got, err := Merge(people, []int32{1, 0, 1, 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		first string
		from  int32
	}{{"Abbie", 1}, {"Kenneth", 0}, {"", -1}}
	if len(got) != len(want) {
		t.Fatalf("%d customers, want %d", len(got), len(want))
	}
	for c, w := range want {
		if got[c].Cluster != int32(c) || got[c].FirstName != w.first || got[c].From[FirstName] != w.from {
			t.Errorf("customer %d = cluster %d %q from %d, want %q from %d",
				c, got[c].Cluster, got[c].FirstName, got[c].From[FirstName], w.first, w.from)
		}
	}
}

// A Merger building every customer into one reused Customer, in any order,
// gives Merge's customers: nothing of the one before is left over.
func TestMergerReusesCustomer(t *testing.T) {
	people := []transform.Person{
		with(rec("contacts", "CNTID_2", day(2018, 1, 1)), func(p *transform.Person) {
			p.Given, p.Email = ok("Kenneth", "kenneth"), ok("Ken@X.com", "ken@x.com")
		}),
		with(rec("loyalty", "LOYID_2", day(2018, 1, 1)), func(p *transform.Person) { p.Given = ok("Ken", "ken") }),
		rec("loyalty", "LOYID_3", day(2018, 1, 1)),
	}
	cluster := []int32{0, 0, 1}
	want, err := Merge(people, cluster, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMerger(people, cluster, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Len() != 2 {
		t.Fatalf("Len %d, want 2", m.Len())
	}
	if a, b := m.Members(0), m.Members(1); !slices.Equal(a, []int32{0, 1}) || !slices.Equal(b, []int32{2}) {
		t.Errorf("Members %v and %v, want [0 1] and [2]", a, b)
	}
	var c Customer
	for _, i := range []int{0, 1, 0, 1} {
		m.Build(i, &c)
		if !reflect.DeepEqual(c, want[i]) {
			t.Errorf("Build(%d) = %+v, want %+v", i, c, want[i])
		}
	}
	if want[1].Email != "" || want[0].Email == "" {
		t.Fatalf("the case needs an e-mail on customer 0 only: %q, %q", want[0].Email, want[1].Email)
	}
}

// TestMergeFrequencyLargeCluster covers the counting path for clusters too
// big for pairwise comparison.
func TestMergeFrequencyLargeCluster(t *testing.T) {
	var people []transform.Person
	for i := range 100 {
		name := ok("Ann", "ann")
		if i%3 == 0 {
			name = ok("Anne", "anne")
		}
		people = append(people, with(rec("contacts", string(rune('a'+i%26))+string(rune('a'+i/26)), day(2018, 1, 1)),
			func(p *transform.Person) { p.Given = name }))
	}
	rand.New(rand.NewPCG(1, 1)).Shuffle(len(people), func(i, j int) { people[i], people[j] = people[j], people[i] })
	got, err := Merge(people, make([]int32, len(people)), nil)
	if err != nil {
		t.Fatal(err)
	}
	// 66 "Ann" against 34 "Anne": most_frequent comes before most_complete.
	if got[0].FirstName != "Ann" {
		t.Fatalf("first name %q, want the most frequent, Ann", got[0].FirstName)
	}
}

func TestMergeErrors(t *testing.T) {
	two := []transform.Person{rec("contacts", "1", transform.Date{}), rec("contacts", "2", transform.Date{})}
	tests := []struct {
		name    string
		cluster []int32
		policy  Policy
		want    error // nil: any error
	}{
		{"length mismatch", []int32{0}, nil, nil},
		{"negative cluster", []int32{0, -1}, nil, ErrClusterNumber},
		{"unused cluster number", []int32{0, 2}, nil, ErrClusterNumber},
		{"invalid policy", []int32{0, 0}, Policy{Email: nil}, ErrInvalidPolicy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Merge(two, tt.cluster, tt.policy)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
		})
	}
}
