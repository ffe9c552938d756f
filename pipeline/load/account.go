package load

import (
	"errors"
	"fmt"
)

// ErrAccounting means the bytes or lines of a file's records do not add up
// to the file's: some part of the file was neither loaded nor rejected.
var ErrAccounting = errors.New("bytes or lines not accounted for")

// Span is a count of bytes and physical lines of a file.
type Span struct {
	Bytes int64
	Lines int64
}

func (s *Span) add(bytes int64, lines int) {
	s.Bytes += bytes
	s.Lines += int64(lines)
}

// Accounting tells where every byte and physical line of a file went.
// File is what the file holds; the other spans split it: Skipped (the byte
// order mark, the header and blank lines) + Loaded + Rejected = File.
type Accounting struct {
	File     Span // the whole file, as read
	Skipped  Span // BOM, header record, blank lines: no data
	Loaded   Span // records loaded into the table
	Rejected Span // records rejected (see Result.Rejects)
}

// Check reports ErrAccounting unless the spans add up to File and File's
// bytes are size, the file's size on disk.
func (a Accounting) Check(size int64) error {
	sum := Span{
		Bytes: a.Skipped.Bytes + a.Loaded.Bytes + a.Rejected.Bytes,
		Lines: a.Skipped.Lines + a.Loaded.Lines + a.Rejected.Lines,
	}
	if sum != a.File || a.File.Bytes != size {
		return fmt.Errorf("%w: the file has %d bytes (%d read) in %d lines, but skipped %d+%d, loaded %d+%d and rejected %d+%d bytes+lines",
			ErrAccounting, size, a.File.Bytes, a.File.Lines, a.Skipped.Bytes, a.Skipped.Lines,
			a.Loaded.Bytes, a.Loaded.Lines, a.Rejected.Bytes, a.Rejected.Lines)
	}
	return nil
}
