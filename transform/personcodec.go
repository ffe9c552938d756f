package transform

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The binary form of a Person lets a run set its people aside (on disk,
// while matching holds its own compact columns) and read them back. A
// record is
//
//	uvarint Line, BirthDate and CreatedOn (4 bytes each), BirthDateStat,
//	for each Value: uvarint len(Raw) and a byte of Status and same,
//	the lengths of the plain strings, each shared string (length, bytes),
//	then the plain strings' bytes, one after another.
//
// The shared strings are those an Interner shares; the plain ones (ids,
// e-mails, streets) arrive as one string a record, so reading a person
// back is one allocation and the shared ones none once seen.

// ErrCorrupt is returned by PersonDecoder.Decode for bytes that are not an
// encoded Person.
var ErrCorrupt = errors.New("transform: corrupt encoded person")

// values are p's Values in their encoded order.
func (p *Person) values() [13]*Value {
	return [...]*Value{&p.Given, &p.Surname, &p.FullName, &p.Email, &p.Phone, &p.Postcode,
		&p.Street, &p.City, &p.State, &p.Country, &p.NationalID, &p.Gender, &p.Text}
}

// shared are the strings an Interner shares (and the source name), in
// their encoded order.
func (p *Person) shared() [9]*string {
	return [...]*string{&p.Source, &p.Given.text, &p.Surname.text, &p.City.text, &p.State.text,
		&p.Country.text, &p.Gender.text, &p.Postcode.text, &p.BirthDateRaw}
}

// plain are the other strings, in their encoded order.
func (p *Person) plain() [9]*string {
	return [...]*string{&p.ID, &p.FullName.text, &p.Email.text, &p.Phone.text, &p.PhoneExt,
		&p.PhoneDigits, &p.Street.text, &p.NationalID.text, &p.Text.text}
}

// AppendPerson appends the binary form of p to dst.
func AppendPerson(dst []byte, p *Person) []byte {
	dst = binary.AppendUvarint(dst, uint64(p.Line))
	dst = appendDate(dst, p.BirthDate)
	dst = appendDate(dst, p.CreatedOn)
	dst = append(dst, byte(p.BirthDateStat))
	appendValue := func(v *Value) {
		flags := byte(v.Status)
		if v.same {
			flags |= 0x80
		}
		dst = binary.AppendUvarint(dst, uint64(v.raw))
		dst = append(dst, flags)
	}
	for _, v := range p.values() {
		appendValue(v)
	}
	plain := p.plain()
	for _, s := range plain {
		dst = binary.AppendUvarint(dst, uint64(len(*s)))
	}
	for _, s := range p.shared() {
		dst = binary.AppendUvarint(dst, uint64(len(*s)))
		dst = append(dst, *s...)
	}
	for _, s := range plain {
		dst = append(dst, *s...)
	}
	return dst
}

func appendDate(dst []byte, d Date) []byte {
	return append(dst, byte(uint16(d.Year)), byte(uint16(d.Year)>>8), byte(d.Month), byte(d.Day))
}

// A PersonDecoder reads people written by AppendPerson, sharing the text
// of the attributes an Interner shares. It is not safe for concurrent use.
type PersonDecoder struct {
	in *Interner
}

// NewPersonDecoder returns a decoder with an empty Interner.
func NewPersonDecoder() *PersonDecoder { return &PersonDecoder{in: NewInterner()} }

// NewTransientDecoder returns a decoder that shares no text between
// people: all of a person's text is one string. It is for people used one
// at a time and dropped, where looking every name up in an Interner cost
// more than it saved (at a million persons, 1.8 s of the 3 s that
// decoding took).
func NewTransientDecoder() *PersonDecoder { return &PersonDecoder{} }

// Decode sets p to the person encoded in b, which it does not keep.
func (d *PersonDecoder) Decode(b []byte, p *Person) error {
	r := decoder{b: b}
	*p = Person{Line: int(r.uvarint())}
	p.BirthDate, p.CreatedOn = r.date(), r.date()
	p.BirthDateStat = Status(r.byte())
	readValue := func(v *Value) {
		v.raw = uint32(r.uvarint())
		flags := r.byte()
		v.same, v.Status = flags&0x80 != 0, Status(flags&0x7f)
	}
	for _, v := range p.values() {
		readValue(v)
	}
	plain := p.plain()
	var lens [len(plain)]int
	total := 0
	for i := range lens {
		lens[i] = int(r.uvarint())
		if lens[i] < 0 || lens[i] > len(b) { // a corrupt length, or one past int's range
			r.bad, lens[i] = true, 0
		}
		total += lens[i]
	}
	// Without an Interner every text is a part of rest, the bytes after
	// the lengths made one string.
	base, rest := r.b, ""
	if d.in == nil {
		rest = string(base)
	}
	text := func(n int) string {
		at := len(base) - len(r.b)
		part := r.next(n)
		switch {
		case r.bad:
			return ""
		case d.in == nil:
			return rest[at : at+n]
		}
		return d.in.bytes(part)
	}
	for _, s := range p.shared() {
		*s = text(int(r.uvarint()))
	}
	var block string
	if d.in == nil {
		block = text(total)
	} else {
		block = string(r.next(total))
	}
	if r.bad || len(r.b) != 0 {
		return fmt.Errorf("%w (%d bytes)", ErrCorrupt, len(b))
	}
	for i, s := range plain {
		*s, block = block[:lens[i]], block[lens[i]:]
	}
	for _, v := range p.values() {
		if int(v.raw) > len(v.text) {
			return fmt.Errorf("%w: a raw length past its text", ErrCorrupt)
		}
	}
	return nil
}

// bytes is text for a byte slice: a lookup that does not allocate when
// the text was seen before.
func (in *Interner) bytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if t, ok := in.texts[string(b)]; ok {
		return t
	}
	s := string(b)
	in.texts[s] = s
	return s
}

// decoder reads the parts of one encoded person; bad records a short or
// malformed input, after which every read returns zero.
type decoder struct {
	b   []byte
	bad bool
}

func (r *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *decoder) next(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.bad, r.b = true, nil
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *decoder) byte() byte {
	if b := r.next(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *decoder) date() Date {
	b := r.next(4)
	if b == nil {
		return Date{}
	}
	return Date{Year: int16(uint16(b[0]) | uint16(b[1])<<8), Month: int8(b[2]), Day: int8(b[3])}
}
