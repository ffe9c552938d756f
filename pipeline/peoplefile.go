package pipeline

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/contoso/c360/pipeline/progress"
	"github.com/contoso/c360/transform"
)

// A peopleFile holds one source's normalized people in the run folder:
// load writes them as it reads the rows, matching's prepare reads them one
// at a time into its compact columns, and merge reads them into memory
// once matching is done. At ten million persons the people are some
// 8 GB in memory and a quarter of that on disk, and the rows they came
// from are never held at all. Each record is its length (uvarint) and
// transform.AppendPerson's bytes.
type peopleFile struct {
	path string
	n    int // people written
}

// maxPersonBytes bounds one encoded person: its text comes from one CSV
// row, which load caps far below this.
const maxPersonBytes = 64 << 20

// peopleWriter writes a peopleFile.
type peopleWriter struct {
	file *os.File
	w    *bufio.Writer
	buf  []byte
	f    peopleFile
}

// createPeople starts a new peopleFile for source in dir.
func createPeople(dir, source string) (*peopleWriter, error) {
	file, err := os.CreateTemp(dir, "people-"+source+"-*.bin")
	if err != nil {
		return nil, fmt.Errorf("people of %s: %w", source, err)
	}
	return &peopleWriter{file: file, w: bufio.NewWriterSize(file, 1<<20), f: peopleFile{path: file.Name()}}, nil
}

// write appends p. A failed write shows in close, which returns its error.
func (pw *peopleWriter) write(p *transform.Person) {
	pw.buf = transform.AppendPerson(pw.buf[:0], p)
	var head [binary.MaxVarintLen64]byte
	pw.w.Write(head[:binary.PutUvarint(head[:], uint64(len(pw.buf)))])
	pw.w.Write(pw.buf)
	pw.f.n++
}

// close finishes the file; on error it removes it.
func (pw *peopleWriter) close() (*peopleFile, error) {
	if err := errors.Join(pw.w.Flush(), pw.file.Close()); err != nil {
		pw.f.remove()
		return nil, fmt.Errorf("write %s: %w", pw.f.path, err)
	}
	return &pw.f, nil
}

// readPeople reads the files' people, in order, into one slice, telling
// task as it goes.
func readPeople(files []*peopleFile, task progress.Task) ([]transform.Person, error) {
	people := make([]transform.Person, countPeople(files))
	task.SetTotal(int64(len(people)))
	d := transform.NewPersonDecoder()
	off := 0
	for _, f := range files {
		out := people[off : off+f.n]
		if err := f.each(d, func(i int) *transform.Person { return &out[i] }, nil, task); err != nil {
			return nil, err
		}
		off += f.n
	}
	return people, nil
}

// eachPerson passes the files' people, in order, to yield one at a time,
// decoded into one variable, so that they need not all be in memory. An
// error from yield stops it. Task, when not nil, is told as it goes.
func eachPerson(files []*peopleFile, task progress.Task, yield func(*transform.Person) error) error {
	d := transform.NewPersonDecoder()
	var p transform.Person
	at := func(int) *transform.Person { return &p }
	for _, f := range files {
		if err := f.each(d, at, yield, task); err != nil {
			return err
		}
	}
	return nil
}

// countPeople returns the number of people in the files.
func countPeople(files []*peopleFile) int {
	total := 0
	for _, f := range files {
		total += f.n
	}
	return total
}

// each decodes the file's people, the i-th into at(i), and passes each to
// yield when it is not nil.
func (f *peopleFile) each(d *transform.PersonDecoder, at func(i int) *transform.Person, yield func(*transform.Person) error, task progress.Task) error {
	file, err := os.Open(f.path)
	if err != nil {
		return fmt.Errorf("read people: %w", err)
	}
	defer file.Close()
	r := bufio.NewReaderSize(file, 1<<20)
	var buf []byte
	for i := range f.n {
		size, err := binary.ReadUvarint(r)
		if err == nil && size > maxPersonBytes {
			err = fmt.Errorf("a record of %d bytes", size)
		}
		if err == nil {
			if uint64(cap(buf)) < size {
				buf = make([]byte, size)
			}
			buf = buf[:size]
			_, err = io.ReadFull(r, buf)
		}
		p := at(i)
		if err == nil {
			err = d.Decode(buf, p)
		}
		if err != nil {
			return fmt.Errorf("read people from %s: record %d of %d: %w", f.path, i+1, f.n, err)
		}
		if yield != nil {
			if err := yield(p); err != nil {
				return err
			}
		}
		if task != nil && (i+1)%reportEvery == 0 {
			task.Add(reportEvery)
		}
	}
	if task != nil {
		task.Add(int64(f.n % reportEvery))
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return fmt.Errorf("read people from %s: more than the %d records written", f.path, f.n)
	}
	return nil
}

// remove deletes the file; a file already gone is not an error.
func (f *peopleFile) remove() error {
	if err := os.Remove(f.path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
