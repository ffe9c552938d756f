// Package handoff holds the files c360 and an out-of-process match engine
// (the Beam pipeline in cmd/c360-beam) exchange in the run folder: the
// normalized people as an Arrow IPC stream, the trained plan as JSON, and
// the scored pairs the engine returns as tab-separated lines. Both sides
// read and write them with this package, so the format is written once.
package handoff

import (
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/contoso/c360/transform"
)

// The files of a hand-off, in its folder.
const (
	PeopleFile  = "people.arrows" // the normalized people, Arrow IPC stream
	PlanFile    = "plan.json"     // matching.Plan
	KeptFile    = "kept.tsv"      // pairs at or above the review floor, with evidence
	BelowFile   = "below.tsv"     // pairs under the floor: L, R and weight
	SkippedFile = "skipped.tsv"   // blocks the engine did not pair
)

// batchRows is the number of people in one Arrow record batch.
const batchRows = 1 << 16

// column is one field of transform.Person in the Arrow schema.
type column struct {
	name string
	typ  arrow.DataType
	put  func(b array.Builder, p *transform.Person)
	get  func(a arrow.Array, i int, p *transform.Person)
}

func stringCol(name string, at func(*transform.Person) *string) column {
	return column{name, arrow.BinaryTypes.String,
		func(b array.Builder, p *transform.Person) { b.(*array.StringBuilder).Append(*at(p)) },
		func(a arrow.Array, i int, p *transform.Person) { *at(p) = a.(*array.String).Value(i) }}
}

func statusCol(name string, at func(*transform.Person) *transform.Status) column {
	return column{name, arrow.PrimitiveTypes.Uint8,
		func(b array.Builder, p *transform.Person) { b.(*array.Uint8Builder).Append(uint8(*at(p))) },
		func(a arrow.Array, i int, p *transform.Person) { *at(p) = transform.Status(a.(*array.Uint8).Value(i)) }}
}

// dateCol stores a date as yyyymmdd (0: missing).
func dateCol(name string, at func(*transform.Person) *transform.Date) column {
	return column{name, arrow.PrimitiveTypes.Int32,
		func(b array.Builder, p *transform.Person) {
			d := at(p)
			b.(*array.Int32Builder).Append(int32(d.Year)*10000 + int32(d.Month)*100 + int32(d.Day))
		},
		func(a arrow.Array, i int, p *transform.Person) {
			v := a.(*array.Int32).Value(i)
			*at(p) = transform.Date{Year: int16(v / 10000), Month: int8(v / 100 % 100), Day: int8(v % 100)}
		}}
}

// valueCols are the three columns of a transform.Value, read in order:
// the raw text, then the comparable form joined to it, then the status.
func valueCols(name string, at func(*transform.Person) *transform.Value) []column {
	str := func(a arrow.Array, i int) string { return a.(*array.String).Value(i) }
	return []column{
		{name + "_raw", arrow.BinaryTypes.String,
			func(b array.Builder, p *transform.Person) { b.(*array.StringBuilder).Append(at(p).Raw()) },
			func(a arrow.Array, i int, p *transform.Person) { *at(p) = transform.NewValue(str(a, i), "", 0) }},
		{name, arrow.BinaryTypes.String,
			func(b array.Builder, p *transform.Person) { b.(*array.StringBuilder).Append(at(p).Norm()) },
			func(a arrow.Array, i int, p *transform.Person) {
				*at(p) = transform.NewValue(at(p).Raw(), str(a, i), 0)
			}},
		statusCol(name+"_status", func(p *transform.Person) *transform.Status { return &at(p).Status }),
	}
}

// columns lists every field of transform.Person, in schema order.
func columns() []column {
	cols := []column{
		stringCol("source", func(p *transform.Person) *string { return &p.Source }),
		stringCol("id", func(p *transform.Person) *string { return &p.ID }),
		{"line", arrow.PrimitiveTypes.Int64,
			func(b array.Builder, p *transform.Person) { b.(*array.Int64Builder).Append(int64(p.Line)) },
			func(a arrow.Array, i int, p *transform.Person) { p.Line = int(a.(*array.Int64).Value(i)) }},
		dateCol("birth_date", func(p *transform.Person) *transform.Date { return &p.BirthDate }),
		stringCol("birth_date_raw", func(p *transform.Person) *string { return &p.BirthDateRaw }),
		statusCol("birth_date_status", func(p *transform.Person) *transform.Status { return &p.BirthDateStat }),
		stringCol("phone_ext", func(p *transform.Person) *string { return &p.PhoneExt }),
		stringCol("phone_digits", func(p *transform.Person) *string { return &p.PhoneDigits }),
		dateCol("created_on", func(p *transform.Person) *transform.Date { return &p.CreatedOn }),
	}
	values := []struct {
		name string
		at   func(*transform.Person) *transform.Value
	}{
		{"given_name", func(p *transform.Person) *transform.Value { return &p.Given }},
		{"surname", func(p *transform.Person) *transform.Value { return &p.Surname }},
		{"full_name", func(p *transform.Person) *transform.Value { return &p.FullName }},
		{"email", func(p *transform.Person) *transform.Value { return &p.Email }},
		{"phone", func(p *transform.Person) *transform.Value { return &p.Phone }},
		{"postcode", func(p *transform.Person) *transform.Value { return &p.Postcode }},
		{"street", func(p *transform.Person) *transform.Value { return &p.Street }},
		{"city", func(p *transform.Person) *transform.Value { return &p.City }},
		{"state", func(p *transform.Person) *transform.Value { return &p.State }},
		{"country", func(p *transform.Person) *transform.Value { return &p.Country }},
		{"national_id", func(p *transform.Person) *transform.Value { return &p.NationalID }},
		{"gender", func(p *transform.Person) *transform.Value { return &p.Gender }},
		{"text", func(p *transform.Person) *transform.Value { return &p.Text }},
	}
	for _, v := range values {
		cols = append(cols, valueCols(v.name, v.at)...)
	}
	return cols
}

func schema(cols []column) *arrow.Schema {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: c.name, Type: c.typ}
	}
	return arrow.NewSchema(fields, nil)
}

// WritePeople writes people to w as an Arrow IPC stream, in record
// batches of up to 65,536 people.
func WritePeople(w io.Writer, people []transform.Person) error {
	cols := columns()
	sc := schema(cols)
	wr := ipc.NewWriter(w, ipc.WithSchema(sc))
	b := array.NewRecordBuilder(memory.DefaultAllocator, sc)
	defer b.Release()
	for lo := 0; lo < len(people); lo += batchRows {
		for i := lo; i < min(lo+batchRows, len(people)); i++ {
			for c, col := range cols {
				col.put(b.Field(c), &people[i])
			}
		}
		rec := b.NewRecordBatch()
		err := wr.Write(rec)
		rec.Release()
		if err != nil {
			return fmt.Errorf("handoff: write people: %w", err)
		}
	}
	if err := wr.Close(); err != nil {
		return fmt.Errorf("handoff: write people: %w", err)
	}
	return nil
}

// ErrSchema means a people file does not have the columns this version
// of c360 writes.
var ErrSchema = errors.New("handoff: people file schema differs")

// ReadPeople reads the people WritePeople wrote. name names the file in
// errors.
func ReadPeople(r io.Reader, name string) ([]transform.Person, error) {
	rd, err := ipc.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("handoff: read %s: %w", name, err)
	}
	defer rd.Release()
	cols := columns()
	if err := checkSchema(rd.Schema(), cols); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrSchema, name, err)
	}
	var people []transform.Person
	for rd.Next() {
		rec := rd.RecordBatch()
		start := len(people)
		people = append(people, make([]transform.Person, rec.NumRows())...)
		for c, col := range cols {
			a := rec.Column(c)
			if a.NullN() > 0 {
				return nil, fmt.Errorf("handoff: read %s: column %s has nulls", name, col.name)
			}
			for i := range int(rec.NumRows()) {
				col.get(a, i, &people[start+i])
			}
		}
	}
	if err := rd.Err(); err != nil {
		return nil, fmt.Errorf("handoff: read %s: %w", name, err)
	}
	return people, nil
}

func checkSchema(got *arrow.Schema, cols []column) error {
	if got.NumFields() != len(cols) {
		return fmt.Errorf("%d columns, want %d", got.NumFields(), len(cols))
	}
	for i, c := range cols {
		f := got.Field(i)
		if f.Name != c.name || !arrow.TypeEqual(f.Type, c.typ) {
			return fmt.Errorf("column %d is %s %s, want %s %s", i+1, f.Name, f.Type, c.name, c.typ)
		}
	}
	return nil
}
