package handoff

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/contoso/c360/matching"
)

// The scored pairs travel as text lines, one pair a line, tab-separated.
// Weights are float32 values (match weights are summed in float32) written
// in the shortest form that parses back to the same value, so the pairs
// come back bit for bit.
//
//	kept:    L  R  rule  weight  levels (comma-separated)  weights (comma-separated)
//	below:   L  R  weight
//	skipped: rule  key  size

// KeptLine formats a kept pair.
func KeptLine(p matching.Pair) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d\t%d\t%d\t%s\t", p.L, p.R, p.Rule, float32Text(float32(p.Weight)))
	for i, l := range p.Levels {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(int(l)))
	}
	b.WriteByte('\t')
	for i, w := range p.Weights {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(float32Text(w))
	}
	return b.String()
}

// BelowLine formats a candidate pair under the review floor.
func BelowLine(c matching.Candidate) string {
	return fmt.Sprintf("%d\t%d\t%s", c.L, c.R, float32Text(c.Weight))
}

// Skipped is a block the engine did not pair.
type Skipped struct {
	Rule int
	Key  uint64
	Size int64
}

// SkippedLine formats a skipped block.
func SkippedLine(s Skipped) string { return fmt.Sprintf("%d\t%d\t%d", s.Rule, s.Key, s.Size) }

func float32Text(f float32) string { return strconv.FormatFloat(float64(f), 'g', -1, 32) }

// LineError locates a malformed line of a returned file.
type LineError struct {
	File   string
	Line   int
	Column int // 1-based field number
	Err    error
}

func (e *LineError) Error() string {
	return fmt.Sprintf("handoff: %s line %d, column %d: %v", e.File, e.Line, e.Column, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// fields splits line into want tab-separated fields and parses them.
type fields struct {
	file string
	line int
	f    []string
	err  error
}

func (p *fields) fail(col int, format string, args ...any) {
	if p.err == nil {
		p.err = &LineError{File: p.file, Line: p.line, Column: col, Err: fmt.Errorf(format, args...)}
	}
}

func (p *fields) int32(col int) int32 {
	v, err := strconv.ParseInt(p.f[col-1], 10, 32)
	if err != nil {
		p.fail(col, "want a record index, got %q", p.f[col-1])
	}
	return int32(v)
}

func (p *fields) uint(col int, bits int) uint64 {
	v, err := strconv.ParseUint(p.f[col-1], 10, bits)
	if err != nil {
		p.fail(col, "want an unsigned integer of %d bits, got %q", bits, p.f[col-1])
	}
	return v
}

func (p *fields) float32(col int, s string) float32 {
	v, err := strconv.ParseFloat(s, 32)
	if err != nil {
		p.fail(col, "want a number, got %q", s)
	}
	return float32(v)
}

// each reads the lines of a returned file and calls fn for each with its
// line number; name names the file in errors.
func each(r io.Reader, name string, want int, fn func(p *fields) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		p := &fields{file: name, line: line, f: strings.Split(sc.Text(), "\t")}
		if len(p.f) != want {
			return &LineError{File: name, Line: line, Column: min(len(p.f), want) + 1,
				Err: fmt.Errorf("%d fields, want %d", len(p.f), want)}
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("handoff: read %s: %w", name, err)
	}
	return nil
}

// ReadKept reads kept pairs; comparisons is the model's number of
// comparisons, the length of each pair's levels and weights.
func ReadKept(r io.Reader, name string, comparisons int) ([]matching.Pair, error) {
	var out []matching.Pair
	err := each(r, name, 6, func(p *fields) error {
		q := matching.Pair{L: p.int32(1), R: p.int32(2), Rule: uint8(p.uint(3, 8))}
		q.Weight = float64(p.float32(4, p.f[3]))
		levels, weights := strings.Split(p.f[4], ","), strings.Split(p.f[5], ",")
		if len(levels) != comparisons {
			p.fail(5, "%d levels, want %d", len(levels), comparisons)
		}
		if len(weights) != comparisons {
			p.fail(6, "%d weights, want %d", len(weights), comparisons)
		}
		if p.err != nil {
			return p.err
		}
		q.Levels, q.Weights = make([]int8, comparisons), make([]float32, comparisons)
		for i := range comparisons {
			l, err := strconv.ParseInt(levels[i], 10, 8)
			if err != nil {
				p.fail(5, "level %d: want a small integer, got %q", i+1, levels[i])
			}
			q.Levels[i] = int8(l)
			q.Weights[i] = p.float32(6, weights[i])
		}
		out = append(out, q)
		return p.err
	})
	return out, err
}

// ReadBelow calls yield for each pair of a below file.
func ReadBelow(r io.Reader, name string, yield func(matching.Candidate)) error {
	return each(r, name, 3, func(p *fields) error {
		c := matching.Candidate{L: p.int32(1), R: p.int32(2), Weight: p.float32(3, p.f[2])}
		if p.err == nil {
			yield(c)
		}
		return p.err
	})
}

// ReadSkipped reads the blocks of a skipped file.
func ReadSkipped(r io.Reader, name string) ([]Skipped, error) {
	var out []Skipped
	err := each(r, name, 3, func(p *fields) error {
		s := Skipped{Rule: int(p.uint(1, 8)), Key: p.uint(2, 64), Size: int64(p.uint(3, 63))}
		out = append(out, s)
		return p.err
	})
	return out, err
}
