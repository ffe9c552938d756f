package spec

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultIsValid(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatal(err)
	}
	a, b := Default(), Default()
	a.Comparisons[0].Levels[1].Label = "changed"
	if b.Comparisons[0].Levels[1].Label == "changed" {
		t.Error("Default returns models that share state")
	}
}

func TestRoundTrip(t *testing.T) {
	m := Default()
	data, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(data)
	if err != nil {
		t.Fatalf("parse marshalled default: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(m, back) {
		t.Error("YAML round trip changed the model")
	}
	js, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var fromJSON Model
	if err := json.Unmarshal(js, &fromJSON); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m, &fromJSON) {
		t.Error("JSON round trip changed the model")
	}
}

func TestParseRejectsUnknownKeys(t *testing.T) {
	data, _ := Default().Marshal()
	bad := strings.Replace(string(data), "threshold: 0.5", "threshold: 0.5\nthreshhold: 0.9", 1)
	_, err := Parse([]byte(bad))
	if err == nil || !strings.Contains(err.Error(), "threshhold") {
		t.Errorf("unknown key: err %v", err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(m *Model)
		want   string
	}{
		{"missing level not first", func(m *Model) {
			l := m.Comparisons[0].Levels
			l[0], l[1] = l[1], l[0]
		}, "missing must be the first level"},
		{"no else level", func(m *Model) {
			c := &m.Comparisons[0]
			c.Levels = c.Levels[:len(c.Levels)-1]
		}, "must end with an else level"},
		{"unknown kind", func(m *Model) { m.Comparisons[0].Levels[2].Kind = "soundslike" }, "unknown kind"},
		{"tf on a fuzzy level", func(m *Model) { firstOf(m, JaroWinkler).TF = true }, "tf applies to exact levels only"},
		{"bad jaro-winkler threshold", func(m *Model) { firstOf(m, JaroWinkler).Threshold = 1.5 }, "not in (0, 1]"},
		{"date level on a name", func(m *Model) { m.Comparisons[1].Levels[3].Kind = DayMonthSwap }, "only for birth_date"},
		{"unknown attribute", func(m *Model) { m.Comparisons[0].Attr = "shoe_size" }, "cannot be compared"},
		{"duplicate comparison", func(m *Model) { m.Comparisons[1].Name = m.Comparisons[0].Name }, "defined twice"},
		{"bad blocking key", func(m *Model) { m.Blocking[0].Keys = []string{"email.reverse"} }, "unknown function"},
		{"bad blocking attribute", func(m *Model) { m.Blocking[0].Keys = []string{"mail"} }, "unknown attribute"},
		{"prefix too long", func(m *Model) { m.Blocking[0].Keys = []string{"surname.prefix12"} }, "prefix length"},
		{"threshold not a probability", func(m *Model) { m.Threshold = 1 }, "threshold"},
		{"review floor above threshold", func(m *Model) { m.ReviewFloor = 0.9 }, "review_floor"},
		{"no blocking", func(m *Model) { m.Blocking = nil }, "no blocking rules"},
		{"tiny blocks", func(m *Model) { m.MaxBlockSize = 1 }, "max_block_size"},
		{"no training sample", func(m *Model) { m.Training.RandomPairs = 0 }, "training"},
		{"two household comparisons", func(m *Model) {
			h := m.Comparisons[len(m.Comparisons)-1]
			h.Name = "household2"
			m.Comparisons = append(m.Comparisons, h)
		}, "at most one"},
		{"household comparison with an attribute", func(m *Model) { householdOf(m).Attr = "surname" }, "takes no attribute"},
		{"household comparison with a third level", func(m *Model) {
			h := householdOf(m)
			h.Levels = append([]Level{h.Levels[0]}, h.Levels...)
		}, "exactly the levels household and else"},
		{"household level in another comparison", func(m *Model) { m.Comparisons[0].Levels[2].Kind = Household }, "only as the first level"},
		{"household without shared comparisons", func(m *Model) {
			for i := range m.Comparisons {
				m.Comparisons[i].Shared = false
			}
		}, "needs comparisons marked shared"},
		{"too many comparisons", func(m *Model) {
			for len(m.Comparisons) <= MaxComparisons {
				c := m.Comparisons[0]
				c.Name += "x"
				m.Comparisons = append(m.Comparisons, c)
			}
		}, "comparisons, at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Default()
			tt.change(m)
			err := m.Validate()
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want ErrInvalid mentioning %q", err, tt.want)
			}
		})
	}
}

// householdOf returns the model's household comparison.
func householdOf(m *Model) *Comparison {
	for i := range m.Comparisons {
		if m.Comparisons[i].IsHousehold() {
			return &m.Comparisons[i]
		}
	}
	panic("no household comparison")
}

// firstOf returns the first level of the given kind in the model.
func firstOf(m *Model, kind Kind) *Level {
	for i := range m.Comparisons {
		for j := range m.Comparisons[i].Levels {
			if m.Comparisons[i].Levels[j].Kind == kind {
				return &m.Comparisons[i].Levels[j]
			}
		}
	}
	panic("no level of kind " + string(kind))
}

func TestParseKey(t *testing.T) {
	tests := []struct {
		key, attr, fn string
		ok            bool
	}{
		{"email", "email", "", true},
		{"surname.metaphone", "surname", "metaphone", true},
		{"name.metaphone", "name", "metaphone", true},
		{"given_name.prefix3", "given_name", "prefix3", true},
		{"birth_date.year", "birth_date", "year", true},
		{"given_name.prefix", "", "", false},
		{"street.words2", "street", "words2", true},
		{"street.words0", "", "", false},
		{"street.words", "", "", false},
		{"nose.initial", "", "", false},
	}
	for _, tt := range tests {
		attr, fn, err := ParseKey(tt.key)
		if (err == nil) != tt.ok || attr != tt.attr || fn != tt.fn {
			t.Errorf("ParseKey(%q) = %q, %q, %v", tt.key, attr, fn, err)
		}
	}
}
