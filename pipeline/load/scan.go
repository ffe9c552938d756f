package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Defaults for Limits.
const (
	// DefaultMaxQuotedBytes is how many bytes a quoted field running over
	// more than one line may hold before its opening quote is judged stray.
	DefaultMaxQuotedBytes = 8 << 10
	// DefaultMaxQuotedLines is how many physical lines a quoted field may
	// span before its opening quote is judged stray.
	DefaultMaxQuotedLines = 8
)

// Syntax errors of a CSV record. A RejectError wraps one of them.
var (
	ErrBareQuote  = errors.New(`bare " in an unquoted field`)
	ErrQuote      = errors.New(`extraneous or missing " in a quoted field`)
	ErrStrayQuote = errors.New(`stray "`)
	ErrLineLength = errors.New("line too long")
)

// record is one CSV record as the scanner found it: where it lies in the
// file and, unless it is malformed, its fields.
type record struct {
	line   int    // physical line where it starts (1-based)
	lines  int    // physical lines it spans
	bytes  int64  // bytes it spans in the file, line terminators included
	text   []byte // its text as UTF-8 (at most maxLineBytes per line), valid until the next call
	fields []string
	blank  bool  // an empty line: no record at all
	err    error // a *syntaxError when the record is malformed
}

// syntaxError locates a CSV syntax error within a record.
type syntaxError struct {
	line, column int // 1-based; column counts bytes of the decoded line
	err          error
	detail       string
}

func (e *syntaxError) Error() string {
	msg := fmt.Sprintf("line %d, column %d: %v", e.line, e.column, e.err)
	if e.detail != "" {
		msg += ": " + e.detail
	}
	return msg
}

func (e *syntaxError) Unwrap() error { return e.err }

// scanner splits a file into records, RFC 4180 style: fields separated by
// commas, optionally quoted with '"', a quote doubled inside a quoted
// field, records ended by "\n" or "\r\n". Every byte of the file belongs to
// exactly one record (a blank line is a record with blank set), so the
// records' bytes and lines sum to the file's.
//
// A quoted field may run over line ends, but for at most maxLines lines and
// maxBytes bytes: past that, or at the end of the file, its opening quote
// is judged stray, the record is cut back to its first physical line (and
// reported malformed), and scanning resumes on the line after it.
type scanner struct {
	lr       *lineReader
	maxBytes int
	maxLines int

	pending []physLine // lines read ahead, to scan again after a stray quote
	held    []physLine // copies of the current record's lines after the first
	lineNo  int        // physical lines handed out so far

	rec    record
	text   []byte // the current record's text: its first line's, until a second is read
	own    []byte // the buffer text moves to when the record spans lines
	first  int    // length of its first line's text
	field  []byte // the current record's field text, concatenated
	ends   []int  // end of each field in field
	fields []string
}

func newScanner(lr *lineReader, maxBytes, maxLines int) *scanner {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxQuotedBytes
	}
	if maxLines <= 0 {
		maxLines = DefaultMaxQuotedLines
	}
	return &scanner{lr: lr, maxBytes: maxBytes, maxLines: maxLines}
}

// readLine returns the next physical line, from the read-ahead first.
func (s *scanner) readLine() (physLine, error) {
	if len(s.pending) > 0 {
		l := s.pending[0]
		s.pending = s.pending[1:]
		return l, nil
	}
	return s.lr.next()
}

// next returns the next record, valid until the following call, or io.EOF.
func (s *scanner) next() (*record, error) {
	l, err := s.readLine()
	if err != nil {
		return nil, err
	}
	s.lineNo++
	s.rec = record{line: s.lineNo, lines: 1, bytes: l.size}
	s.text = l.text // no copy: most records are one line, parsed before the next read
	s.first = len(s.text)
	s.held = s.held[:0]
	s.field, s.ends = s.field[:0], s.ends[:0]
	if l.truncated() {
		return s.done(&syntaxError{line: s.lineNo, column: maxLineBytes, err: ErrLineLength,
			detail: fmt.Sprintf("%d bytes, more than %d", l.size, maxLineBytes)}), nil
	}
	text := l.text
	if len(trimEOL(text)) == 0 {
		s.rec.blank = true
		return s.done(nil), nil
	}
	p := parser{s: s, line: s.lineNo}
	for {
		quoted, err := p.parse(text)
		if p.tooLong {
			return s.stray(p, "it holds more than %d bytes", s.maxBytes), nil
		}
		if err != nil || !quoted {
			return s.done(err), nil
		}
		// A quoted field runs on past the line's end.
		if p.quotedLines+2 > s.maxLines || p.quotedBytes > s.maxBytes {
			return s.stray(p, "it runs over more than %d lines or %d bytes", s.maxLines, s.maxBytes), nil
		}
		if len(s.held) == 0 {
			s.own = append(s.own[:0], s.text...) // the line reader reuses its buffer
			s.text = s.own
		}
		l, err := s.readLine()
		if errors.Is(err, io.EOF) {
			return s.stray(p, "the file ends inside it"), nil
		}
		if err != nil {
			return nil, err
		}
		s.held = append(s.held, physLine{raw: clone(l.raw), text: clone(l.text), size: l.size})
		s.rec.lines++
		s.rec.bytes += l.size
		s.text = append(s.text, l.text...)
		s.own = s.text
		p.line++
		p.quotedLines++
		if l.truncated() {
			return s.stray(p, "line %d is longer than %d bytes", p.line, maxLineBytes), nil
		}
		text = l.text
	}
}

// stray cuts the record back to its first line, judging the quote that
// opened the unfinished field stray, and keeps the later lines to scan again.
func (s *scanner) stray(p parser, why string, args ...any) *record {
	first := s.rec.bytes
	for _, l := range s.held {
		first -= l.size
	}
	s.pending = append(append([]physLine(nil), s.held...), s.pending...)
	s.lineNo = s.rec.line
	s.rec.lines, s.rec.bytes = 1, first
	s.text = s.text[:s.first]
	return s.done(&syntaxError{line: p.quoteLine, column: p.quoteColumn, err: ErrStrayQuote,
		detail: "the quoted field it opens is never closed: " + fmt.Sprintf(why, args...)})
}

// done finishes the current record: its fields, unless err says it is malformed.
func (s *scanner) done(err error) *record {
	s.lineNo = s.rec.line + s.rec.lines - 1
	s.rec.text = s.text
	if err != nil {
		s.rec.err = err
		return &s.rec
	}
	if !s.rec.blank {
		all := string(s.field) // one allocation for every field of the record
		s.fields = s.fields[:0]
		start := 0
		for _, end := range s.ends {
			s.fields = append(s.fields, all[start:end])
			start = end
		}
		s.rec.fields = s.fields
	}
	return &s.rec
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

// parser holds the state of one record's parse across its lines.
type parser struct {
	s           *scanner
	line        int  // physical line being parsed
	inQuote     bool // inside a quoted field at the end of the last line
	quoteLine   int  // where the open quoted field's quote is
	quoteColumn int
	quotedLines int  // line ends the open quoted field has run over
	quotedBytes int  // bytes of the open quoted field
	tooLong     bool // a quoted field over line ends closed past maxBytes
}

// parse reads the fields of one line of text, line terminator included (a
// terminator inside a quoted field reads as "\n"). It reports whether a
// quoted field is still open at the line's end.
func (p *parser) parse(text []byte) (open bool, err error) {
	s := p.s
	body := trimEOL(text)
	i := 0
	for {
		if !p.inQuote {
			if i < len(body) && body[i] == '"' {
				p.inQuote, p.quoteLine, p.quoteColumn, p.quotedLines, p.quotedBytes = true, p.line, i+1, 0, 0
				i++
			} else {
				end := len(body)
				j := bytes.IndexByte(body[i:], ',')
				if j >= 0 {
					end = i + j
				}
				if k := bytes.IndexByte(body[i:end], '"'); k >= 0 {
					return false, &syntaxError{line: p.line, column: i + k + 1, err: ErrBareQuote}
				}
				s.field = append(s.field, body[i:end]...)
				s.ends = append(s.ends, len(s.field))
				if j < 0 {
					return false, nil
				}
				i = end + 1
				continue
			}
		}
		j := bytes.IndexByte(body[i:], '"')
		if j < 0 {
			s.field = append(s.field, body[i:]...)
			if len(text) > len(body) {
				s.field = append(s.field, '\n')
			}
			p.quotedBytes += len(text) - i
			return true, nil
		}
		s.field = append(s.field, body[i:i+j]...)
		p.quotedBytes += j + 1
		i += j + 1
		if i < len(body) && body[i] == '"' {
			s.field = append(s.field, '"')
			i++
			continue
		}
		p.inQuote = false
		if p.quotedLines > 0 && p.quotedBytes > s.maxBytes {
			p.tooLong = true
			return false, nil
		}
		switch {
		case i == len(body):
			s.ends = append(s.ends, len(s.field))
			return false, nil
		case body[i] == ',':
			s.ends = append(s.ends, len(s.field))
			i++
		default:
			return false, &syntaxError{line: p.line, column: i + 1, err: ErrQuote}
		}
	}
}
