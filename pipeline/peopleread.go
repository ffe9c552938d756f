package pipeline

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sync"

	"github.com/contoso/c360/pipeline/progress"
	"github.com/contoso/c360/transform"
)

// chunkPeople is how many consecutive records of a people file one worker
// decodes at a time.
const chunkPeople = 4096

// A chunk is up to chunkPeople consecutive records of one file: read by
// decodePeople's reader, decoded by a worker, then used in order.
type chunk struct {
	seq    int // its place among the chunks of all the files
	file   *peopleFile
	start  int                // the index of its first record in file
	first  int                // ... and among all the files' people
	data   []byte             // the records' bytes, end to end
	ends   []int              // ends[j]: where record j ends in data
	people []transform.Person // the decoded people, when not decoded in place
	err    error
}

// decodePeople reads the files' records in chunks on one goroutine and
// decodes the chunks on as many workers as there are CPUs, each with its
// own decoder (one that shares no text when the people only pass by). Person i (counting over the files in order) is decoded into
// into(i) when into is not nil, else into its chunk's own slice, reused
// for a later chunk; yield, when not nil, gets every person in order on
// the calling goroutine. An error from yield stops it. Decoding was a
// single core's work: at a million persons matching's prepare and the
// people's return after it each spent some 1.5 s on it while the other
// core waited.
func decodePeople(files []*peopleFile, into func(i int) *transform.Person, yield func(*transform.Person) error, task progress.Task) error {
	workers := runtime.GOMAXPROCS(0)
	stop := make(chan struct{})
	defer close(stop) // the reader and the workers stop when we return early
	read := make(chan *chunk, workers)
	decoded := make(chan *chunk, workers)
	free := make(chan *chunk, 3*workers+1)
	go readChunks(files, read, free, stop)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			d := transform.NewPersonDecoder()
			if into == nil { // the people pass by one at a time: share nothing
				d = transform.NewTransientDecoder()
			}
			for c := range read {
				if c.err == nil {
					c.err = c.decode(d, into)
				}
				select {
				case decoded <- c:
				case <-stop:
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(decoded) }()
	pending := make(map[int]*chunk) // decoded ahead of their turn
	next := 0
	for c := range decoded {
		pending[c.seq] = c
		for c := pending[next]; c != nil; c = pending[next] {
			delete(pending, next)
			next++
			if err := c.use(into, yield, task); err != nil {
				return err
			}
			select {
			case free <- c:
			default:
			}
		}
	}
	return nil
}

// readChunks reads the files into chunks, in order, and sends them to
// read, taking chunks to reuse from free. A chunk that could not be read
// carries the error and is the last sent.
func readChunks(files []*peopleFile, read chan<- *chunk, free <-chan *chunk, stop <-chan struct{}) {
	defer close(read)
	seq, first := 0, 0
	send := func(c *chunk) bool {
		c.seq = seq
		seq++
		ok := c.err == nil // c is the worker's once sent
		select {
		case read <- c:
			return ok
		case <-stop:
			return false
		}
	}
	get := func() *chunk {
		select {
		case c := <-free:
			return c
		default:
			return &chunk{}
		}
	}
	for _, f := range files {
		file, err := os.Open(f.path)
		if err != nil {
			send(&chunk{err: fmt.Errorf("read people: %w", err)})
			return
		}
		r := bufio.NewReaderSize(file, 1<<20)
		ok := true
		for start := 0; start < f.n && ok; start += chunkPeople {
			c := get()
			c.file, c.start, c.first = f, start, first+start
			c.fill(r, min(chunkPeople, f.n-start))
			ok = send(c)
		}
		if ok {
			if _, err := r.ReadByte(); err != io.EOF {
				ok = send(&chunk{file: f, err: fmt.Errorf("read people from %s: more than the %d records written", f.path, f.n)})
			}
		}
		file.Close()
		if !ok {
			return
		}
		first += f.n
	}
}

// fill reads the next n records of c's file from r.
func (c *chunk) fill(r *bufio.Reader, n int) {
	c.data, c.ends, c.err = c.data[:0], c.ends[:0], nil
	for j := range n {
		size, err := binary.ReadUvarint(r)
		if err == nil && size > maxPersonBytes {
			err = fmt.Errorf("a record of %d bytes", size)
		}
		if err == nil {
			at := len(c.data)
			c.data = slices.Grow(c.data, int(size))[:at+int(size)]
			_, err = io.ReadFull(r, c.data[at:])
		}
		if err != nil {
			c.err = c.recordErr(j, err)
			return
		}
		c.ends = append(c.ends, len(c.data))
	}
}

// decode decodes c's records, into into(c.first+j) or else c.people.
func (c *chunk) decode(d *transform.PersonDecoder, into func(i int) *transform.Person) error {
	if into == nil { // Decode sets every field, so the slice can be reused
		c.people = slices.Grow(c.people[:0], len(c.ends))[:len(c.ends)]
	}
	begin := 0
	for j, end := range c.ends {
		p := c.person(j, into)
		if err := d.Decode(c.data[begin:end], p); err != nil {
			return c.recordErr(j, err)
		}
		begin = end
	}
	return nil
}

// use passes c's people to yield and counts them on task, or returns c's
// error.
func (c *chunk) use(into func(i int) *transform.Person, yield func(*transform.Person) error, task progress.Task) error {
	if c.err != nil {
		return c.err
	}
	if yield != nil {
		for j := range c.ends {
			if err := yield(c.person(j, into)); err != nil {
				return err
			}
		}
	}
	if task != nil {
		task.Add(int64(len(c.ends)))
	}
	return nil
}

// person is where c's record j is decoded.
func (c *chunk) person(j int, into func(i int) *transform.Person) *transform.Person {
	if into != nil {
		return into(c.first + j)
	}
	return &c.people[j]
}

// recordErr says which record of which file err is about.
func (c *chunk) recordErr(j int, err error) error {
	return fmt.Errorf("read people from %s: record %d of %d: %w", c.file.path, c.start+j+1, c.file.n, err)
}
