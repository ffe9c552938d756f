package load

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/contoso/c360/pipeline/bulk"
	"github.com/contoso/c360/transform"
	"github.com/contoso/c360/transform/sources"
)

// dateWindows returns the window of dates of each layout column.
func (rd *reader) dateWindows() []Window {
	dates, births := rd.opts.Dates, rd.opts.BirthDates
	if dates.zero() {
		dates = DefaultDates()
	}
	if births.zero() {
		births = DefaultBirthDates()
	}
	ws := make([]Window, len(rd.layout.cols))
	for i, c := range rd.layout.cols {
		ws[i] = dates
		if slices.Contains(rd.in.Source.People[transform.BirthDate], c.spec.Field) {
			ws[i] = births
		}
	}
	return ws
}

// cell is one converted value: text in s, a number in n (days for a date,
// microseconds for a timestamp, cents for money) or f.
type cell struct {
	null bool
	s    string
	n    int64
	f    float64
	t    time.Time // a date or timestamp, for the date window
}

// convert checks and converts one record into cells; a nil result means
// the row is good. Nothing is written until every value has converted, so a
// rejected row leaves no trace in the table.
func (rd *reader) convert(rec []string, line int, cells []cell) *RejectError {
	for i, c := range rd.layout.cols {
		raw := strings.TrimSpace(rec[c.index])
		v, err := rd.value(i, raw)
		if err != nil {
			return &RejectError{Line: line, Column: c.name, Position: c.index + 1, Value: raw, Err: err}
		}
		cells[i] = v
	}
	if k := rd.layout.key; k >= 0 {
		c := rd.layout.cols[k]
		key := strings.TrimSpace(rec[c.index])
		if first := rd.seen.add(key, line); first > 0 {
			return &RejectError{Line: line, Column: c.name, Position: c.index + 1, Value: key,
				Err: fmt.Errorf("%w: first seen on line %d", ErrDuplicate, first)}
		}
		if rd.res.Keys != nil {
			rd.res.Keys[key] = struct{}{}
		}
	}
	return nil
}

// value converts the raw text of layout column i.
func (rd *reader) value(i int, raw string) (cell, error) {
	c := rd.layout.cols[i]
	if raw == "" {
		if c.spec.Required {
			return cell{}, ErrRequired
		}
		return cell{null: true}, nil
	}
	if strings.IndexByte(raw, 0) >= 0 {
		return cell{}, ErrNUL
	}
	if !utf8.ValidString(raw) {
		return cell{}, ErrText
	}
	if m := rd.labels[i]; m != nil {
		canon, ok := m[strings.ToLower(raw)]
		switch {
		case ok:
			raw = canon
		case c.spec.Open && !isWholeNumber(raw):
			// An open choice keeps a label it does not know, as written.
		case c.spec.Open:
			return cell{}, fmt.Errorf("%w: option value %s has no label (give it one in sales_process.option_labels)", ErrLabel, raw)
		default:
			return cell{}, fmt.Errorf("%w (want one of %s)", ErrLabel, labelList(c.spec.Labels))
		}
	}
	if c.spec.Ref != "" && !rd.refExists(c.spec.Ref, raw) {
		return cell{}, fmt.Errorf("%w: no %s %q", ErrDangling, c.spec.Ref, raw)
	}
	v, err := convertKind(c.spec, raw)
	if err == nil && (c.spec.Kind == sources.Date || c.spec.Kind == sources.Timestamp) {
		err = rd.windows[i].check(v.t)
	}
	return v, err
}

func (rd *reader) refExists(ref, key string) bool {
	for _, r := range strings.Split(ref, "|") {
		src, _, _ := strings.Cut(r, ".")
		if _, ok := rd.opts.Keys[src][key]; ok {
			return true
		}
	}
	return false
}

// convertKind turns non-empty text into a cell for the column's type.
func convertKind(c sources.Column, raw string) (cell, error) {
	switch c.Kind {
	case sources.Text:
		return cell{s: raw}, nil
	case sources.Date:
		t, err := parseDate(raw)
		return cell{n: bulk.DaysSinceEpoch(t), t: t}, err
	case sources.Timestamp:
		t, err := parseTimestamp(raw)
		return cell{n: t.UnixMicro(), t: t}, err
	case sources.Money:
		cents, err := parseMoney(raw)
		if err != nil {
			return cell{}, err
		}
		return cell{n: cents}, checkRange(float64(cents)/100, c.Min, c.Max)
	case sources.Int:
		v, err := parseInt(raw)
		if err != nil {
			return cell{}, err
		}
		if v > MaxInt || v < -MaxInt {
			return cell{}, fmt.Errorf("%w: beyond ±%d", ErrRange, int64(MaxInt))
		}
		return cell{n: v}, checkRange(float64(v), c.Min, c.Max)
	case sources.Float:
		v, err := parseFloat(raw)
		if err != nil {
			return cell{}, err
		}
		return cell{f: v}, checkRange(v, c.Min, c.Max)
	}
	return cell{}, fmt.Errorf("unknown column kind %d", c.Kind)
}
