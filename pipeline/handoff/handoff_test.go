package handoff

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/transform"
)

// filled returns a person whose every field holds a value derived from i,
// found by walking the struct, so that a field the schema forgets fails
// the round trip.
func filled(i int) transform.Person {
	var p transform.Person
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		n++
		switch v.Kind() {
		case reflect.String:
			v.SetString(fmt.Sprintf("v%d-%d é", i, n))
		case reflect.Int, reflect.Int64:
			v.SetInt(int64(i*100 + n))
		case reflect.Uint8:
			v.SetUint(uint64(1 + (i+n)%3))
		case reflect.Struct:
			if d, ok := v.Addr().Interface().(*transform.Date); ok {
				*d = transform.Date{Year: int16(1900 + i%120), Month: int8(1 + n%12), Day: int8(1 + i%28)}
				return
			}
			if val, ok := v.Addr().Interface().(*transform.Value); ok {
				// Every way a Value joins its two strings: apart, one, or no form.
				raw, norm := fmt.Sprintf("v%d-%d é", i, n), fmt.Sprintf("n%d-%d", i, n)
				switch (i + n) % 4 {
				case 1:
					norm = raw
				case 2:
					norm = ""
				}
				*val = transform.NewValue(raw, norm, transform.Status(1+(i+n)%3))
				return
			}
			for f := range v.NumField() {
				fill(v.Field(f))
			}
		default:
			panic(fmt.Sprintf("field kind %s: teach the test and the schema", v.Kind()))
		}
	}
	fill(reflect.ValueOf(&p).Elem())
	return p
}

func TestPeopleRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, 3, batchRows + 5} {
		people := make([]transform.Person, n)
		for i := range people {
			people[i] = filled(i)
		}
		var buf bytes.Buffer
		if err := WritePeople(&buf, people); err != nil {
			t.Fatal(err)
		}
		got, err := ReadPeople(&buf, "people.arrows")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != n {
			t.Fatalf("%d people back, want %d", len(got), n)
		}
		for i := range people {
			if !reflect.DeepEqual(got[i], people[i]) {
				t.Fatalf("person %d:\n got %+v\nwant %+v", i, got[i], people[i])
			}
		}
	}
}

func TestReadPeopleErrors(t *testing.T) {
	if _, err := ReadPeople(strings.NewReader("not arrow"), "people.arrows"); err == nil || !strings.Contains(err.Error(), "people.arrows") {
		t.Errorf("garbage: error %v, want one naming the file", err)
	}
}

func TestPairsRoundTrip(t *testing.T) {
	kept := []matching.Pair{
		{L: 1, R: 7, Rule: 3, Weight: float64(float32(12.345678)), Levels: []int8{1, -1, 4}, Weights: []float32{3.25, 0, float32(math.Pi)}},
		{L: 0, R: 2, Rule: 0, Weight: float64(float32(-6.6438561)), Levels: []int8{0, 2, 8}, Weights: []float32{-1e-7, 1e10, -2.5}},
	}
	var buf bytes.Buffer
	for _, p := range kept {
		buf.WriteString(KeptLine(p) + "\n")
	}
	got, err := ReadKept(&buf, KeptFile, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, kept) {
		t.Fatalf("kept:\n got %+v\nwant %+v", got, kept)
	}
	below := []matching.Candidate{{L: 4, R: 5, Weight: -13.287712}, {L: 9, R: 10, Weight: float32(math.SmallestNonzeroFloat32)}}
	buf.Reset()
	for _, c := range below {
		buf.WriteString(BelowLine(c) + "\n")
	}
	var back []matching.Candidate
	if err := ReadBelow(&buf, BelowFile, func(c matching.Candidate) { back = append(back, c) }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, below) {
		t.Fatalf("below: got %+v, want %+v", back, below)
	}
	skipped := Skipped{Rule: 2, Key: math.MaxUint64, Size: 1 << 40}
	s, err := ReadSkipped(strings.NewReader(SkippedLine(skipped)+"\n"), SkippedFile)
	if err != nil || len(s) != 1 || s[0] != skipped {
		t.Fatalf("skipped: got %+v, %v", s, err)
	}
}

func TestReadPairsErrors(t *testing.T) {
	tests := []struct {
		name, text   string
		line, column int
	}{
		{"too few fields", "1\t2\t0\t1.5\t1,2\n", 1, 6},
		{"bad index", "1\t2\t0\t1.5\t1,2\t1,2\nx\t2\t0\t1.5\t1,2\t1,2\n", 2, 1},
		{"bad weight", "1\t2\t0\tabc\t1,2\t1,2\n", 1, 4},
		{"levels short", "1\t2\t0\t1.5\t1\t1,2\n", 1, 5},
		{"rule too large", "1\t2\t300\t1.5\t1,2\t1,2\n", 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadKept(strings.NewReader(tt.text), KeptFile, 2)
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("error %v, want a LineError", err)
			}
			if le.File != KeptFile || le.Line != tt.line || le.Column != tt.column {
				t.Errorf("at %s line %d column %d, want line %d column %d (%v)", le.File, le.Line, le.Column, tt.line, tt.column, err)
			}
		})
	}
}
