package survive

import (
	"fmt"
	"slices"

	clusters "github.com/contoso/c360/matching/cluster"
	"github.com/contoso/c360/transform"
)

// Customer is one unified customer: the attributes survivorship chose from
// the records of one cluster, as values to show, with their lineage. An
// empty string (or zero date) means no record had a value.
type Customer struct {
	Cluster int32 // the cluster number given to Merge

	FirstName, LastName, FullName string
	Email, Phone                  string
	DateOfBirth                   transform.Date
	Gender                        string // "Male", "Female" or ""
	Postcode, Street, City        string
	State, Country                string

	// From[a] is the index, in the people given to Merge, of the record
	// attribute a came from, or -1 when a is empty.
	From [NumAttributes]int32
}

// Value returns attribute a as text: date_of_birth as YYYY-MM-DD, or "" when
// a is empty. It serves code that writes every attribute in a loop.
func (c *Customer) Value(a Attribute) string {
	switch a {
	case FirstName:
		return c.FirstName
	case LastName:
		return c.LastName
	case FullName:
		return c.FullName
	case Email:
		return c.Email
	case Phone:
		return c.Phone
	case DateOfBirth:
		if c.DateOfBirth.IsZero() {
			return ""
		}
		d := c.DateOfBirth
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case Gender:
		return c.Gender
	case Postcode:
		return c.Postcode
	case Street:
		return c.Street
	case City:
		return c.City
	case State:
		return c.State
	case Country:
		return c.Country
	}
	return ""
}

// Record returns the record attribute a came from, or nil when a is empty.
// people must be the slice given to Merge.
func (c *Customer) Record(a Attribute, people []transform.Person) *transform.Person {
	if !a.valid() || c.From[a] < 0 {
		return nil
	}
	return &people[c.From[a]]
}

// set stores the display value of a string attribute.
func (c *Customer) set(a Attribute, s string) {
	switch a {
	case FirstName:
		c.FirstName = s
	case LastName:
		c.LastName = s
	case FullName:
		c.FullName = s
	case Email:
		c.Email = s
	case Phone:
		c.Phone = s
	case Gender:
		c.Gender = s
	case Postcode:
		c.Postcode = s
	case Street:
		c.Street = s
	case City:
		c.City = s
	case State:
		c.State = s
	case Country:
		c.Country = s
	}
}

// ErrClusterNumber is returned, wrapped, when cluster numbers do not run
// from 0 to k-1 with every number used.
var ErrClusterNumber = clusters.ErrNumbering

// Merge builds one customer per cluster: people[i] belongs to cluster
// cluster[i], numbers run from 0 to k-1 with every number used, and the
// result holds k customers, customer c at index c. Attributes are chosen by
// p, which must pass Validate; attributes p does not name use DefaultPolicy,
// so a nil p means the default policy.
// Merge does not modify people, and its result does not depend on the order
// of records within a cluster.
func Merge(people []transform.Person, cluster []int32, p Policy) ([]Customer, error) {
	m, err := NewMerger(people, cluster, p)
	if err != nil {
		return nil, err
	}
	customers := make([]Customer, m.Len())
	for c := range customers {
		m.Build(c, &customers[c])
	}
	return customers, nil
}

// A Merger builds Merge's customers one at a time, for a caller that
// writes each as it comes instead of holding them all (some 2.5 GB at ten
// million persons). It is not safe for concurrent use.
type Merger struct {
	m              merger
	members, start []int32
}

// NewMerger checks its arguments as Merge does and groups the records by
// cluster.
func NewMerger(people []transform.Person, cluster []int32, p Policy) (*Merger, error) {
	if len(people) != len(cluster) {
		return nil, fmt.Errorf("survive: %d people but %d cluster numbers", len(people), len(cluster))
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	k, err := clusters.Count(cluster)
	if err != nil {
		return nil, fmt.Errorf("survive: %w", err)
	}
	members, start := groupByCluster(cluster, k)
	return &Merger{m: merger{people: people, rules: rulesFor(p)}, members: members, start: start}, nil
}

// Len returns the number of customers: one per cluster.
func (m *Merger) Len() int { return len(m.start) - 1 }

// Members returns the indexes, in the people given to NewMerger, of the
// records of cluster c. The caller must not change them.
func (m *Merger) Members(c int) []int32 { return m.members[m.start[c]:m.start[c+1]] }

// Build sets *out to the customer of cluster c, as Merge's result holds it
// at index c.
func (m *Merger) Build(c int, out *Customer) {
	*out = Customer{}
	m.m.build(out, int32(c), m.Members(c))
}

// groupByCluster returns the record indices ordered by cluster (a counting
// sort): cluster c's records are members[start[c]:start[c+1]].
func groupByCluster(cluster []int32, k int) (members, start []int32) {
	start = make([]int32, k+1)
	for _, c := range cluster {
		start[c+1]++
	}
	for c := 1; c <= k; c++ {
		start[c] += start[c-1]
	}
	next := slices.Clone(start[:k])
	members = make([]int32, len(cluster))
	for i, c := range cluster {
		members[next[c]] = int32(i)
		next[c]++
	}
	return members, start
}
