package load

import (
	"fmt"
	"strings"
)

// RejectError says why one input row was not loaded. It prints as
// "contacts Contact.txt line 812, column EMail: not a date (want ...)" and
// unwraps to one of the package's sentinel errors.
type RejectError struct {
	Source string
	File   string // the file name as the user knows it (not the landed path)
	Line   int    // line where the record starts (the header is line 1)
	Column string // header name of the offending column; empty for whole-row faults
	// Position is the 1-based field number of Column, or the character
	// column of a CSV syntax error; 0 when unknown.
	Position int
	Value    string // the offending value, as read
	Err      error
	Raw      string // the record's text as it appears in the file
}

func (e *RejectError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s line %d", e.Source, e.File, e.Line)
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %s", e.Column)
	}
	b.WriteString(": ")
	if e.Value != "" {
		fmt.Fprintf(&b, "%q: ", e.Value)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *RejectError) Unwrap() error { return e.Err }

// HeaderError reports a header that lacks required columns.
type HeaderError struct {
	Source  string
	File    string
	Missing []string // required names not found
	Found   []string // names the header has
}

func (e *HeaderError) Error() string {
	return fmt.Sprintf("load %s %s: missing column(s) %s; the header has %s",
		e.Source, e.File, strings.Join(e.Missing, ", "), strings.Join(e.Found, ", "))
}
