// Package compare evaluates comparison levels between two records. The
// records are held as a Table of interned columns, so most comparisons are
// integer tests and none allocates. Every level kind of package spec is
// written once here.
package compare

import (
	"strings"
	"sync"
	"time"

	"github.com/contoso/c360/transform"
)

// Column is one attribute of every record, interned: equal values share an
// id, so equality is an integer test.
type Column struct {
	ID    []uint32  // per record; 0 means the record has no usable value
	Value []string  // by id; Value[0] is ""
	Count []uint32  // by id: how many records hold the value
	chars []charSet // by id: the bytes the value holds
}

// Present returns how many records have a value.
func (c *Column) Present() int { return len(c.ID) - int(c.Count[0]) }

// Str returns the value of record i ("" when missing).
func (c *Column) Str(i int32) string { return c.Value[c.ID[i]] }

// Table holds the comparable form of every record, one column per
// attribute. It is read-only once built and safe for concurrent use.
type Table struct {
	Sources []string // source names, by source index
	Source  []uint16 // per record: index into Sources

	cols []Column // by position in transform.Attrs
	// Nickname is the given name reduced to its formal name, interned.
	Nickname Column
	// Date holds the birth date of each record as year*10000+month*100+day
	// (0 when missing) and Day the same date as days since 1970-01-01.
	Date []int32
	Day  []int32
}

// TableOptions tunes how a Table is built.
type TableOptions struct {
	// Nickname reduces a normalized given name to its formal form
	// (transform.Nickname). Nil leaves names as they are.
	Nickname func(given string) string
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

// NewTable builds the table for people. Only values whose status is OK are
// used; empty, invalid and junk values are missing. When a record has
// neither given name nor surname, they are taken from its full name (first
// and last word). An invalid phone falls back to its digits when it has at
// least seven.
func NewTable(people []transform.Person, opts TableOptions) *Table {
	n := len(people)
	t := &Table{Source: make([]uint16, n), Date: make([]int32, n), Day: make([]int32, n),
		cols: make([]Column, len(transform.Attrs))}
	index := map[string]uint16{}
	for i := range people {
		s := people[i].Source
		k, ok := index[s]
		if !ok {
			k = uint16(len(t.Sources))
			index[s] = k
			t.Sources = append(t.Sources, s)
		}
		t.Source[i] = k
	}
	var wg sync.WaitGroup
	for ai, a := range transform.Attrs {
		wg.Go(func() { t.cols[ai] = intern(people, func(p *transform.Person) string { return value(p, a) }) })
	}
	wg.Go(func() {
		t.Nickname = intern(people, func(p *transform.Person) string {
			g := value(p, transform.GivenName)
			if g != "" && opts.Nickname != nil {
				return opts.Nickname(g)
			}
			return g
		})
	})
	wg.Go(func() {
		for i := range people {
			if d, ok := birthDate(&people[i]); ok {
				t.Date[i] = int32(d.Year)*10000 + int32(d.Month)*100 + int32(d.Day)
				t.Day[i] = int32(time.Date(int(d.Year), time.Month(d.Month), int(d.Day), 0, 0, 0, 0, time.UTC).Unix() / 86400)
			}
		}
	})
	wg.Wait()
	return t
}

func intern(people []transform.Person, get func(*transform.Person) string) Column {
	c := Column{ID: make([]uint32, len(people)), Value: []string{""}, Count: []uint32{0}, chars: []charSet{{}}}
	ids := map[string]uint32{}
	for i := range people {
		v := get(&people[i])
		if v == "" {
			c.Count[0]++
			continue
		}
		id, ok := ids[v]
		if !ok {
			id = uint32(len(c.Value))
			ids[v] = id
			c.Value = append(c.Value, v)
			c.Count = append(c.Count, 0)
			c.chars = append(c.chars, charsOf(v))
		}
		c.ID[i] = id
		c.Count[id]++
	}
	return c
}

func ok(v transform.Value) string {
	if v.Status != transform.OK {
		return ""
	}
	return v.Norm
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

// value returns the comparable text of attribute a of p, "" when missing.
func value(p *transform.Person, a transform.Attr) string {
	switch a {
	case transform.GivenName, transform.Surname:
		g, s := ok(p.Given), ok(p.Surname)
		if g == "" && s == "" {
			g, s = splitFullName(ok(p.FullName))
		}
		if a == transform.GivenName {
			return g
		}
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
		d = transform.PhoneDigits(p.Phone.Raw, "")
	}
	if len(d) < 7 {
		return ""
	}
	return d
}
