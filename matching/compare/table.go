// Package compare evaluates comparison levels between two records. The
// records are held as a Table of interned columns, so most comparisons are
// integer tests and none allocates. Every level kind of package spec is
// written once here.
package compare

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/contoso/c360/matching/internal/radix"
	"github.com/contoso/c360/matching/spec"
	"github.com/contoso/c360/transform"
)

// Column is one attribute of every record, interned: equal values share an
// id, so equality is an integer test. The ids live in the table's rows
// (see Table), read with ID.
type Column struct {
	Value []string // by id; Value[0] is ""
	Count []uint32 // by id: how many records of this column hold the value

	rows   []uint32 // the table's rows
	stride int
	slot   int // this column's place in a row

	// Derived per value id, built by Compile for the levels that use them.
	parts        []emailParts  // e-mail: ids of the user name and the domain
	partSketches *partSketches // e-mail: sketches of the parts
	tokens       *tokenSets    // words, for TokenOverlap and FirstToken
	sketches     []sketch      // byte counts, bounding similarity and edit distance
}

// ID returns the value id of record i (0: no usable value). A column that
// was not built reads one zero for every record (stride 0).
func (c *Column) ID(i int32) uint32 { return c.rows[int(i)*c.stride+c.slot] }

// Present returns how many records have a value.
func (c *Column) Present() int {
	n := 0
	for _, k := range c.Count[1:] {
		n += int(k)
	}
	return n
}

// Str returns the value of record i ("" when missing).
func (c *Column) Str(i int32) string { return c.Value[c.ID(i)] }

// Table holds the comparable form of every record. It is read-only once
// built and safe for concurrent use.
//
// The value ids of a record's columns sit side by side in one row (with
// its nickname id and birth date), so comparing a pair reads one or two
// cache lines per record however many comparisons the model makes: the
// candidate pairs of a million records touch them in no useful order, and
// one array per column cost a cache miss per comparison.
type Table struct {
	Sources []string // source names, by source index
	Source  []uint16 // per record: index into Sources

	cols []Column // by position in transform.Attrs
	// Nickname is the given name reduced to its formal name, interned.
	Nickname Column

	// Placeholders lists the values treated as missing because they stand
	// for "none".
	Placeholders []Placeholder

	rows   []uint32 // per record: stride values (see slots)
	stride int
	date   int // slot of the birth date as year*10000+month*100+day
	day    int // slot of the birth date as days since 1970-01-01 (biased)
}

// dayBias keeps Day values of real birth dates positive in a uint32.
const dayBias = 1 << 30

// TableOptions tunes how a Table is built.
type TableOptions struct {
	// Nickname reduces a normalized given name to its formal form
	// (transform.Nickname). Nil leaves names as they are.
	Nickname func(given string) string
	// Attrs lists the attributes to build; nil builds every one. The
	// columns of other attributes are empty (every record missing).
	Attrs []transform.Attr
	// Placeholders says which values stand for "none"; they are treated
	// as missing (see Table.Placeholders).
	Placeholders spec.Placeholders
}

// attrIndex returns the position of a in transform.Attrs, or -1.
func attrIndex(a transform.Attr) int {
	for i, b := range transform.Attrs {
		if a == b {
			return i
		}
	}
	return -1
}

// Len returns the number of records.
func (t *Table) Len() int { return len(t.Source) }

// Column returns the column of attribute a, or nil when a is unknown.
func (t *Table) Column(a transform.Attr) *Column {
	i := attrIndex(a)
	if i < 0 {
		return nil
	}
	return &t.cols[i]
}

// Date returns the birth date of record i as year*10000+month*100+day, 0
// when missing.
func (t *Table) Date(i int32) int32 { return int32(t.rows[int(i)*t.stride+t.date]) }

// Day returns the birth date of record i as days since 1970-01-01; only
// meaningful when Date is not 0.
func (t *Table) Day(i int32) int32 { return int32(t.rows[int(i)*t.stride+t.day]) - dayBias }

// NewTable builds the table for people. Only values whose status is OK are
// used; empty, invalid and junk values are missing. When a record has
// neither given name nor surname, they are taken from its full name (first
// and last word). An invalid phone falls back to its digits when it has at
// least seven. Given names and surnames share one dictionary, so a value
// id means the same name in both columns. It panics when one attribute's
// text passes 4 GiB; a Builder returns that as an error.
func NewTable(people []transform.Person, opts TableOptions) *Table {
	b := NewBuilder(len(people), opts)
	for i := range people {
		if err := b.Add(&people[i]); err != nil {
			panic(err) // 4 GiB of one attribute's text: n records are never past n
		}
	}
	t, err := b.Table()
	if err != nil {
		panic(err)
	}
	return t
}

// A Builder builds a Table from people added one at a time, so that they
// need never all be in memory: it keeps of each record only the text the
// table's columns are interned from (the comparable values, end to end,
// at 4 bytes a record and attribute plus the text), its source and its
// birth date.
type Builder struct {
	n     int
	opts  TableOptions
	t     *Table
	index map[string]uint16 // source name -> index
	added int

	text             []*texts // by position in transform.Attrs; nil when not built
	givens, surnames *texts   // nil when names are not built
	dates, days      []uint32
}

// NewBuilder returns a builder of a table of n records.
func NewBuilder(n int, opts TableOptions) *Builder {
	b := &Builder{n: n, opts: opts, index: map[string]uint16{},
		t:    &Table{Source: make([]uint16, 0, n), cols: make([]Column, len(transform.Attrs))},
		text: make([]*texts, len(transform.Attrs)), dates: make([]uint32, 0, n), days: make([]uint32, 0, n)}
	want := func(a transform.Attr) bool { return opts.Attrs == nil || slices.Contains(opts.Attrs, a) }
	for ai, a := range transform.Attrs {
		if want(a) && a != transform.GivenName && a != transform.Surname {
			b.text[ai] = newTexts(n)
		}
	}
	if want(transform.GivenName) || want(transform.Surname) {
		b.givens, b.surnames = newTexts(n), newTexts(n)
	}
	return b
}

// Add adds the next record. It keeps nothing of p.
func (b *Builder) Add(p *transform.Person) error {
	if b.added == b.n {
		return fmt.Errorf("compare: more than the %d records announced", b.n)
	}
	b.added++
	t := b.t
	k, ok := b.index[p.Source]
	if !ok {
		k = uint16(len(t.Sources))
		b.index[p.Source] = k
		t.Sources = append(t.Sources, strings.Clone(p.Source))
	}
	t.Source = append(t.Source, k)
	for ai, x := range b.text {
		if x != nil {
			if err := x.add(value(p, transform.Attrs[ai])); err != nil {
				return fmt.Errorf("compare: %s: %w", transform.Attrs[ai], err)
			}
		}
	}
	if b.givens != nil {
		g, s := names(p)
		if err := errors.Join(b.givens.add(g), b.surnames.add(s)); err != nil {
			return fmt.Errorf("compare: names: %w", err)
		}
	}
	var date, day uint32
	if d, ok := birthDate(p); ok {
		date = uint32(d.Year)*10000 + uint32(d.Month)*100 + uint32(d.Day)
		day = uint32(time.Date(int(d.Year), time.Month(d.Month), int(d.Day), 0, 0, 0, 0, time.UTC).Unix()/86400 + dayBias)
	}
	b.dates, b.days = append(b.dates, date), append(b.days, day)
	return nil
}

// Table interns the columns and returns the table. Call it once, after
// the n records.
func (b *Builder) Table() (*Table, error) {
	if b.added != b.n {
		return nil, fmt.Errorf("compare: %d records added of the %d announced", b.added, b.n)
	}
	t, n := b.t, b.n
	// Interned columns are built one array per column, as many at once as
	// there are CPUs (each needs some 40 bytes a record while it is built:
	// 6 GB for all of them at once at ten million persons), and then laid
	// out in rows. Each column's text goes as its column is built.
	built := make([]*Column, 0, len(transform.Attrs)+1)
	ids := make([][]uint32, 0, cap(built)) // never grown: add hands out pointers into it
	add := func(c *Column) *[]uint32 {
		built = append(built, c)
		ids = append(ids, nil)
		return &ids[len(ids)-1]
	}
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	build := func(f func()) {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			f()
		})
	}
	for ai := range transform.Attrs {
		t.cols[ai] = unbuilt(n)
		x := b.text[ai]
		if x == nil {
			continue
		}
		b.text[ai] = nil
		out := add(&t.cols[ai])
		build(func() { *out = intern(x.strings(), &t.cols[ai]) })
	}
	t.Nickname = unbuilt(n)
	if b.givens != nil {
		given, surname := &t.cols[attrIndex(transform.GivenName)], &t.cols[attrIndex(transform.Surname)]
		g, s, f := add(given), add(surname), add(&t.Nickname)
		gx, sx := b.givens, b.surnames
		b.givens, b.surnames = nil, nil
		build(func() {
			*g, *s, *f = internNames(gx.strings(), sx.strings(), given, surname, &t.Nickname, b.opts.Nickname)
		})
	}
	wg.Wait()
	t.layout(built, ids, b.dates, b.days)
	b.dates, b.days = nil, nil
	t.Placeholders = t.dropPlaceholders(b.opts.Placeholders)
	return t, nil
}

// texts holds one attribute's comparable text of every record, end to end.
type texts struct {
	data []byte
	ends []uint32 // ends[i]: where record i's text ends in data
}

func newTexts(n int) *texts { return &texts{ends: make([]uint32, 0, n)} }

// errTooMuchText is returned when one attribute's text passes 4 GiB.
var errTooMuchText = errors.New("more than 4 GiB of text")

func (x *texts) add(s string) error {
	if uint64(len(x.data))+uint64(len(s)) > math.MaxUint32 {
		return errTooMuchText
	}
	x.data = append(x.data, s...)
	x.ends = append(x.ends, uint32(len(x.data)))
	return nil
}

// strings returns each record's text, all in one string, and empties x.
func (x *texts) strings() []string {
	all := string(x.data)
	out := make([]string, len(x.ends))
	start := uint32(0)
	for i, end := range x.ends {
		out[i], start = all[start:end], end
	}
	x.data, x.ends = nil, nil
	return out
}

// unbuilt returns a column of n records without values.
func unbuilt(n int) Column {
	return Column{Value: []string{""}, Count: []uint32{uint32(n)}, rows: []uint32{0}}
}

// layout writes the per-column ids into rows, in parallel over records.
func (t *Table) layout(built []*Column, ids [][]uint32, dates, days []uint32) {
	n := len(t.Source)
	t.stride = len(built) + 2
	t.date, t.day = len(built), len(built)+1
	t.rows = make([]uint32, n*t.stride)
	for s, c := range built {
		c.rows, c.stride, c.slot = t.rows, t.stride, s
	}
	var wg sync.WaitGroup
	const chunk = 1 << 14
	for lo := 0; lo < n; lo += chunk {
		wg.Go(func() {
			for i := lo; i < min(n, lo+chunk); i++ {
				row := t.rows[i*t.stride : (i+1)*t.stride]
				for s := range built {
					row[s] = ids[s][i]
				}
				row[t.date], row[t.day] = dates[i], days[i]
			}
		})
	}
	wg.Wait()
}

// intern fills c's dictionary with vals, each record's value, and returns
// each record's value id.
func intern(vals []string, c *Column) []uint32 {
	ids, values := dictionary(vals)
	c.Value, c.Count = values, counts(ids, len(values))
	return ids
}

// internNames interns given names and surnames into one dictionary shared
// by both columns (each counts its own records), and reduces the given
// names to their formal names (nickname nil: left as they are) into
// another.
func internNames(givens, surnames []string, given, surname, formal *Column, nickname func(string) string) (g, s, f []uint32) {
	n := len(givens)
	ids, values := dictionary(slices.Concat(givens, surnames)) // given names, then surnames
	g, s = ids[:n:n], ids[n:]
	given.Value, given.Count = values, counts(g, len(values))
	surname.Value, surname.Count = values, counts(s, len(values))
	// Each distinct name is reduced once.
	reduced := make([]string, len(values))
	for id, v := range values {
		if v != "" && nickname != nil {
			v = nickname(v)
		}
		reduced[id] = v
	}
	byName, formals := dictionary(reduced)
	f = make([]uint32, n)
	for i, id := range g {
		f[i] = byName[id]
	}
	formal.Value, formal.Count = formals, counts(f, len(formals))
	return g, s, f
}

// dictionary interns vals ("" is no value): it returns each one's id (0
// for "") and the distinct values by id, ordered by their hashes. Values
// are grouped by a 64-bit hash with a radix sort, and told apart by
// comparison within a hash, so that no map of millions of strings is built.
func dictionary(vals []string) (ids []uint32, values []string) {
	keys := make([]uint64, len(vals))
	for i, v := range vals {
		if v != "" {
			keys[i] = hashString(v)
		}
	}
	ids = make([]uint32, len(vals))
	values = []string{""}
	order := radix.Order(keys)
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && keys[order[end]] == keys[order[start]] {
			end++
		}
		first := len(values) // values of this hash get ids from here
		for _, i := range order[start:end] {
			id := 0
			for j := first; j < len(values); j++ {
				if values[j] == vals[i] {
					id = j
					break
				}
			}
			if id == 0 {
				id = len(values)
				values = append(values, vals[i])
			}
			ids[i] = uint32(id)
		}
		start = end
	}
	return ids, pack(values)
}

// pack copies values into one string that they then share, so that a
// dictionary keeps none of its caller's strings (and the records they are
// part of) alive.
func pack(values []string) []string {
	n := 0
	for _, v := range values {
		n += len(v)
	}
	var b strings.Builder
	b.Grow(n)
	for _, v := range values {
		b.WriteString(v)
	}
	all, off := b.String(), 0
	for i, v := range values {
		values[i] = all[off : off+len(v)]
		off += len(v)
	}
	return values
}

// counts returns how many of ids hold each of n ids.
func counts(ids []uint32, n int) []uint32 {
	c := make([]uint32, n)
	for _, id := range ids {
		c[id]++
	}
	return c
}

// hashString is 64-bit FNV-1a, never 0.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h | 1
}

func ok(v transform.Value) string {
	if v.Status != transform.OK {
		return ""
	}
	return v.Norm()
}

func birthDate(p *transform.Person) (transform.Date, bool) {
	d := p.BirthDate
	if d.IsZero() || p.BirthDateStat == transform.Invalid || p.BirthDateStat == transform.Junk {
		return d, false
	}
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
		return d, false
	}
	return d, true
}

// names returns the comparable given name and surname of p: its own, or
// the first and last words of its full name when it has neither.
func names(p *transform.Person) (given, surname string) {
	g, s := ok(p.Given), ok(p.Surname)
	if g == "" && s == "" {
		g, s = splitFullName(ok(p.FullName))
	}
	return g, s
}

// value returns the comparable text of attribute a of p, "" when missing.
func value(p *transform.Person, a transform.Attr) string {
	switch a {
	case transform.GivenName:
		g, _ := names(p)
		return g
	case transform.Surname:
		_, s := names(p)
		return s
	case transform.FullName:
		return ok(p.FullName)
	case transform.BirthDate:
		d, valid := birthDate(p)
		if !valid {
			return ""
		}
		return dateString(d)
	case transform.Email:
		return ok(p.Email)
	case transform.Phone:
		return phoneDigits(p)
	case transform.Postcode:
		return ok(p.Postcode)
	case transform.Street:
		return ok(p.Street)
	case transform.City:
		return ok(p.City)
	case transform.State:
		return ok(p.State)
	case transform.Country:
		return ok(p.Country)
	case transform.NationalID:
		return ok(p.NationalID)
	case transform.Gender:
		return ok(p.Gender)
	case transform.Text:
		return ok(p.Text)
	}
	return ""
}

func splitFullName(full string) (given, surname string) {
	words := strings.Fields(full)
	switch len(words) {
	case 0:
		return "", ""
	case 1:
		return words[0], ""
	}
	return words[0], words[len(words)-1]
}

func dateString(d transform.Date) string {
	var b [8]byte
	y, m, day := int(d.Year), int(d.Month), int(d.Day)
	for i := 3; i >= 0; i-- {
		b[i] = byte('0' + y%10)
		y /= 10
	}
	b[4], b[5] = byte('0'+m/10), byte('0'+m%10)
	b[6], b[7] = byte('0'+day/10), byte('0'+day%10)
	return string(b[:])
}

// phoneDigits returns the national digits of a phone (Person.PhoneDigits,
// or transform.PhoneDigits of the raw text when that is not set), valid or
// not, when there are at least seven, so that a number that failed
// validation can still agree with a valid one.
func phoneDigits(p *transform.Person) string {
	if p.Phone.Status != transform.OK && p.Phone.Status != transform.Invalid {
		return ""
	}
	d := p.PhoneDigits
	if d == "" {
		d = transform.PhoneDigits(p.Phone.Raw(), "")
	}
	if len(d) < 7 {
		return ""
	}
	return d
}
