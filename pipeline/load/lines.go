package load

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encodings a source may declare (config key encoding). A byte order mark
// at the start of a file overrides the declaration: UTF-8 and UTF-16 (either
// byte order) are detected.
const (
	UTF8        = "utf-8"
	Latin1      = "latin1"
	Windows1252 = "windows-1252"
	UTF16       = "utf-16" // little-endian unless a BOM says otherwise
)

// Encodings lists the accepted encoding names, for messages.
func Encodings() []string { return []string{UTF8, Latin1, Windows1252, UTF16} }

// maxLineBytes caps the bytes of one physical line kept in memory; the rest
// of a longer line is read, counted and dropped, and its record rejected.
const maxLineBytes = 1 << 20

// physLine is one physical line of a file: its bytes as in the file and
// its text as UTF-8, line terminator included in both.
type physLine struct {
	raw  []byte // the file's bytes; at most maxLineBytes of them
	text []byte // raw decoded to UTF-8 (raw itself for UTF-8 files)
	size int64  // the line's true length in the file, in bytes
}

func (l physLine) truncated() bool { return int64(len(l.raw)) < l.size }

// lineReader cuts a file into physical lines, each ended by "\n" (a
// UTF-16 line by the code unit U+000A) or by the end of the file.
type lineReader struct {
	br    *bufio.Reader
	dec   *encoding.Decoder // nil for UTF-8
	wide  bool              // UTF-16: lines are read two bytes at a time
	big   bool              // UTF-16 big-endian
	buf   []byte
	text  []byte
	bom   int64 // bytes of the byte order mark skipped at the start
	bytes int64 // bytes returned so far, BOM included
	lines int64 // lines returned so far
}

// newLineReader reads r in the declared encoding, detecting a BOM.
func newLineReader(r io.Reader, declared string) (*lineReader, error) {
	lr := &lineReader{br: bufio.NewReaderSize(r, 1<<20)}
	name := strings.ToLower(strings.TrimSpace(declared))
	switch name {
	case "", UTF8, "utf8":
	case Latin1, "iso-8859-1":
		lr.dec = charmap.ISO8859_1.NewDecoder()
	case Windows1252, "cp1252":
		lr.dec = charmap.Windows1252.NewDecoder()
	case UTF16, "utf16":
		lr.wide = true
	default:
		return nil, fmt.Errorf("unknown encoding %q (want one of %s)", declared, strings.Join(Encodings(), ", "))
	}
	head, _ := lr.br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		lr.dec, lr.wide, lr.bom = nil, false, 3
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		lr.dec, lr.wide, lr.big, lr.bom = nil, true, false, 2
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		lr.dec, lr.wide, lr.big, lr.bom = nil, true, true, 2
	}
	lr.br.Discard(int(lr.bom))
	lr.bytes = lr.bom
	if lr.wide {
		order := unicode.LittleEndian
		if lr.big {
			order = unicode.BigEndian
		}
		lr.dec = unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder()
	}
	return lr, nil
}

// next returns the next physical line, valid until the following call, or
// io.EOF after the last.
func (lr *lineReader) next() (physLine, error) {
	var l physLine
	var err error
	if lr.wide {
		l, err = lr.nextWide()
	} else {
		l, err = lr.nextNarrow()
	}
	if err != nil {
		return l, err
	}
	lr.bytes += l.size
	lr.lines++
	if lr.dec == nil {
		l.text = l.raw
		return l, nil
	}
	lr.text, err = lr.dec.Bytes(l.raw)
	if err != nil {
		return l, fmt.Errorf("decode line %d: %w", lr.lines, err)
	}
	l.text = lr.text
	return l, nil
}

func (lr *lineReader) nextNarrow() (physLine, error) {
	s, err := lr.br.ReadSlice('\n')
	if err == nil {
		return physLine{raw: s, size: int64(len(s))}, nil // the common case: no copy
	}
	lr.buf = append(lr.buf[:0], s...)
	size := int64(len(s))
	for errors.Is(err, bufio.ErrBufferFull) {
		s, err = lr.br.ReadSlice('\n')
		size += int64(len(s))
		if room := maxLineBytes - len(lr.buf); room > 0 {
			lr.buf = append(lr.buf, s[:min(room, len(s))]...)
		}
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return physLine{}, err
	}
	if size == 0 {
		return physLine{}, io.EOF
	}
	return physLine{raw: lr.buf, size: size}, nil
}

func (lr *lineReader) nextWide() (physLine, error) {
	lr.buf = lr.buf[:0]
	var size int64
	for {
		a, err := lr.br.ReadByte()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				return physLine{}, err
			}
			if size == 0 {
				return physLine{}, io.EOF
			}
			return physLine{raw: lr.buf, size: size}, nil
		}
		size++
		b, err := lr.br.ReadByte()
		if err == nil {
			size++
		}
		if len(lr.buf) < maxLineBytes {
			lr.buf = append(lr.buf, a)
			if err == nil {
				lr.buf = append(lr.buf, b)
			}
		}
		if err != nil {
			continue // an odd trailing byte: the next read ends the line
		}
		if (!lr.big && a == '\n' && b == 0) || (lr.big && a == 0 && b == '\n') {
			return physLine{raw: lr.buf, size: size}, nil
		}
	}
}

// trimEOL returns text without its line terminator ("\n", "\r\n", or a
// "\r" left at the end of the file).
func trimEOL(text []byte) []byte {
	text = bytes.TrimSuffix(text, []byte("\n"))
	return bytes.TrimSuffix(text, []byte("\r"))
}
