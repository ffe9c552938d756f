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
// load writes them as it reads the rows, normalize reads them into memory,
// and matching, once it has its own compact columns, lets them go and
// reads them back for merge. At ten million persons the people are some
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
	total := 0
	for _, f := range files {
		total += f.n
	}
	task.SetTotal(int64(total))
	people := make([]transform.Person, total)
	d := transform.NewPersonDecoder()
	off := 0
	for _, f := range files {
		if err := f.read(d, people[off:off+f.n], task); err != nil {
			return nil, err
		}
		off += f.n
	}
	return people, nil
}

// read decodes the file's people into out, which holds exactly f.n.
func (f *peopleFile) read(d *transform.PersonDecoder, out []transform.Person, task progress.Task) error {
	file, err := os.Open(f.path)
	if err != nil {
		return fmt.Errorf("read people: %w", err)
	}
	defer file.Close()
	r := bufio.NewReaderSize(file, 1<<20)
	var buf []byte
	for i := range out {
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
		if err == nil {
			err = d.Decode(buf, &out[i])
		}
		if err != nil {
			return fmt.Errorf("read people from %s: record %d of %d: %w", f.path, i+1, f.n, err)
		}
		if (i+1)%reportEvery == 0 {
			task.Add(reportEvery)
		}
	}
	task.Add(int64(f.n % reportEvery))
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
