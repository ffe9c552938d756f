package config

import (
	"slices"
	"strings"
	"time"
)

// Defaults of the load section.
const (
	DefaultMaxQuotedBytes = 8 << 10 // 8 KiB
	DefaultMaxQuotedLines = 8
)

// DefaultDates is the default window of every date and timestamp value.
func DefaultDates() DateWindow {
	return DateWindow{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 12, 31, 0, 0, 0, 0, time.UTC)}
}

// Encodings are the text encodings a source may declare (yaml encoding);
// the default is utf-8. A byte order mark in a file overrides it.
func Encodings() []string { return []string{"utf-8", "latin1", "windows-1252", "utf-16"} }

// Loading tunes how input files are read (yaml load):
//
//	load:
//	  max_quoted_bytes: 8KiB   # a quoted field running over line ends may hold this many bytes...
//	  max_quoted_lines: 8      # ...and span this many lines, before its quote is judged stray
//	  dates: {earliest: 1900-01-01, latest: 2100-12-31}   # every date and timestamp value
//	  birth_dates: {earliest: 1900-01-01}                 # default latest: as_of
//
// A value outside its window is rejected at load, with its line and column.
type Loading struct {
	// MaxQuotedBytes and MaxQuotedLines bound a quoted field that runs over
	// line ends (yaml max_quoted_bytes, max_quoted_lines); past either, its
	// opening quote is judged stray, that line is rejected and reading
	// resumes on the next. Defaults 8 KiB and 8 lines.
	MaxQuotedBytes int64
	MaxQuotedLines int
	// Dates bounds every date and timestamp value (yaml dates); default
	// 1900-01-01 to 2100-12-31.
	Dates DateWindow
	// BirthDates bounds birth dates (yaml birth_dates); default 1900-01-01
	// to the run's as_of day, which a zero Latest stands for.
	BirthDates DateWindow
}

// DateWindow is a range of days, both ends included.
type DateWindow struct {
	Earliest, Latest time.Time
}

type loadingDoc struct {
	MaxQuotedBytes byteSize      `yaml:"max_quoted_bytes"`
	MaxQuotedLines count         `yaml:"max_quoted_lines"`
	Dates          dateWindowDoc `yaml:"dates"`
	BirthDates     dateWindowDoc `yaml:"birth_dates"`
}

type dateWindowDoc struct {
	Earliest date `yaml:"earliest"`
	Latest   date `yaml:"latest"`
}

// buildLoading checks the load section and fills its defaults.
func buildLoading(doc loadingDoc) (Loading, error) {
	l := Loading{MaxQuotedBytes: DefaultMaxQuotedBytes, MaxQuotedLines: DefaultMaxQuotedLines, Dates: DefaultDates()}
	l.BirthDates = DateWindow{Earliest: l.Dates.Earliest}
	if doc.MaxQuotedBytes.set() {
		l.MaxQuotedBytes = doc.MaxQuotedBytes.value
	}
	if doc.MaxQuotedLines.set() {
		if doc.MaxQuotedLines.value < 1 {
			return Loading{}, errorAt(doc.MaxQuotedLines.node, "max_quoted_lines must be at least 1")
		}
		l.MaxQuotedLines = doc.MaxQuotedLines.value
	}
	for _, w := range []struct {
		doc dateWindowDoc
		dst *DateWindow
	}{{doc.Dates, &l.Dates}, {doc.BirthDates, &l.BirthDates}} {
		if w.doc.Earliest.node != nil {
			w.dst.Earliest = w.doc.Earliest.value
		}
		if w.doc.Latest.node != nil {
			w.dst.Latest = w.doc.Latest.value
		}
		if !w.dst.Latest.IsZero() && w.dst.Latest.Before(w.dst.Earliest) {
			at := w.doc.Latest.node
			if at == nil {
				at = w.doc.Earliest.node
			}
			return Loading{}, errorAt(at, "latest must not be before earliest")
		}
	}
	return l, nil
}

// checkEncoding checks a source's encoding and returns its canonical name.
func checkEncoding(v text) (string, error) {
	if !v.set() {
		return "", nil
	}
	name := strings.ToLower(strings.TrimSpace(v.value))
	if !slices.Contains(Encodings(), name) {
		return "", errorAt(v.node, "unknown encoding %q (want one of %s)", v.value, strings.Join(Encodings(), ", "))
	}
	return name, nil
}
