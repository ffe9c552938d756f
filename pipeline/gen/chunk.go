package gen

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"sync"

	"github.com/contoso/c360/pipeline/progress"
)

// counts holds row counts (or first id numbers) of the four person files.
type counts struct{ contacts, loyalty, pos, online int64 }

// chunkBuf is the output of one chunk of persons plus the scratch space to
// build it; writers recycle it.
type chunkBuf struct {
	files             [numPersonFiles][]byte
	persons           []person
	plans             []plan
	contacts, loyalty []record
	rows              [numPersonFiles]int // data rows in files
	stats             Stats               // counters only; Files stays nil
}

// chunkRange returns the first and last person numbers of chunk i.
func (g *generator) chunkRange(i int) (first, last int64) {
	first = int64(i)*chunkSize + 1
	return first, min(first+chunkSize-1, int64(g.opts.Persons))
}

func (g *generator) numChunks() int { return (g.opts.Persons + chunkSize - 1) / chunkSize }

// chunkCounts counts the rows chunk i will produce, from plans alone.
func (g *generator) chunkCounts(i int) counts {
	var c counts
	first, last := g.chunkRange(i)
	for n := first; n <= last; n++ {
		pl := g.plan(n)
		for s, ok := range pl.has {
			if !ok {
				continue
			}
			if s == slotContact || s == slotContactDup {
				c.contacts++
				c.online += int64(pl.buys[s])
			} else {
				c.loyalty++
				c.pos += int64(pl.buys[s])
			}
		}
	}
	return c
}

// number fills g.offsets with each chunk's first id numbers, counting the
// chunks in parallel, and g.loyaltyTotal.
func (g *generator) number(ctx context.Context) error {
	n := g.numChunks()
	per := make([]counts, n)
	var wg sync.WaitGroup
	for w := range g.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n && ctx.Err() == nil; i += g.opts.Workers {
				per[i] = g.chunkCounts(i)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("gen: numbering records: %w", err)
	}
	g.offsets = make([]counts, n)
	next := counts{idBase, idBase, idBase, idBase}
	for i, c := range per {
		g.offsets[i] = next
		next.contacts += c.contacts
		next.loyalty += c.loyalty
		next.pos += c.pos
		next.online += c.online
	}
	g.loyaltyTotal = int(next.loyalty - idBase)
	return nil
}

// chunk generates chunk i into cb.
func (g *generator) chunk(i int, cb *chunkBuf) {
	for f := range cb.files {
		cb.files[f] = cb.files[f][:0]
	}
	cb.stats, cb.rows = Stats{}, [numPersonFiles]int{}
	first, last := g.chunkRange(i)
	cb.persons, cb.plans = cb.persons[:0], cb.plans[:0]
	for n := first; n <= last; n++ {
		cb.plans = append(cb.plans, g.plan(n))
		cb.persons = append(cb.persons, g.newPerson(n))
	}
	g.relate(cb)
	cb.contacts, cb.loyalty = cb.contacts[:0], cb.loyalty[:0]
	for k := range cb.persons {
		g.finish(&cb.persons[k])
		pl := &cb.plans[k]
		for s, ok := range pl.has {
			if !ok {
				continue
			}
			rec := record{person: int32(k), slot: uint8(s), guid: s == slotContact && pl.guidContact}
			if s == slotContact || s == slotContactDup {
				cb.contacts = append(cb.contacts, rec)
			} else {
				cb.loyalty = append(cb.loyalty, rec)
			}
			if s == slotContactDup || s == slotLoyaltyDup {
				cb.stats.Duplicates++
			}
		}
	}
	r := newRNG(g.seed, streamChunk, uint64(i))
	shuffle(&r, cb.contacts)
	shuffle(&r, cb.loyalty)
	off := g.offsets[i]
	for k := range cb.contacts {
		cb.contacts[k].num = off.contacts + int64(k)
		if cb.contacts[k].slot == slotContact {
			cb.persons[cb.contacts[k].person].contact = int32(k)
		}
	}
	for k := range cb.loyalty {
		cb.loyalty[k].num = off.loyalty + int64(k)
	}
	g.renderChunk(cb, off)
}

// relate makes the households, namesakes, Jr./Sr. pairs and twins of a
// chunk's persons, block by block, and counts them.
func (g *generator) relate(cb *chunkBuf) {
	st := &cb.stats
	for start := 0; start < len(cb.persons); start += blockSize {
		block := cb.persons[start:min(start+blockSize, len(cb.persons))]
		h := g.largeHousehold(block)
		if h > 0 {
			st.LargeHouseholds++
			st.HouseholdPersons += h
		}
		for k := h + h%2; k+1 < len(block); k += 2 {
			switch g.pairUp(&block[k], &block[k+1]) {
			case pairHousehold:
				st.HouseholdPersons += 2
			case pairNamesake:
				st.SameNamePersons += 2
			case pairJuniorSenior:
				st.JuniorPairs++
			case pairTwins:
				st.TwinPairs++
			}
		}
	}
}

// renderChunk writes the rows of a numbered chunk into its buffers.
func (g *generator) renderChunk(cb *chunkBuf, off counts) {
	b, truth := cb.files[fileContacts], cb.files[fileTruth]
	for k := range cb.contacts {
		rec := &cb.contacts[k]
		p := &cb.persons[rec.person]
		b = append(g.appendContact(b, p, rec), '\n')
		truth = g.appendContactID(append(truth, "contacts,"...), rec)
		truth = append(strconv.AppendInt(append(truth, ','), p.num, 10), '\n')
	}
	cb.files[fileContacts] = b
	b = cb.files[fileLoyalty]
	for k := range cb.loyalty {
		rec := &cb.loyalty[k]
		p := &cb.persons[rec.person]
		var contact *record
		if p.contact >= 0 {
			contact = &cb.contacts[p.contact]
		}
		// The loyalty file has no final newline, so rows start with one.
		b = g.appendLoyalty(append(b, '\n'), p, rec, contact)
		truth = strconv.AppendInt(append(truth, "loyalty,LOYID_"...), rec.num, 10)
		truth = append(strconv.AppendInt(append(truth, ','), p.num, 10), '\n')
	}
	cb.files[fileLoyalty], cb.files[fileTruth] = b, truth
	next := off.pos
	for k := range cb.loyalty {
		rec := &cb.loyalty[k]
		g.appendPurchases(cb, &cb.persons[rec.person], rec, int(cb.plans[rec.person].buys[rec.slot]), &next)
	}
	next = off.online
	for k := range cb.contacts {
		rec := &cb.contacts[k]
		g.appendPurchases(cb, &cb.persons[rec.person], rec, int(cb.plans[rec.person].buys[rec.slot]), &next)
	}
	for _, recs := range [][]record{cb.contacts, cb.loyalty} {
		for k := range recs {
			if recs[k].placeholders&placeholderEmail != 0 {
				cb.stats.PlaceholderEmails++
			}
			if recs[k].placeholders&placeholderPhone != 0 {
				cb.stats.PlaceholderPhones++
			}
		}
	}
	cb.stats.Persons = len(cb.persons)
	cb.stats.Profiles = len(cb.contacts) + len(cb.loyalty)
	cb.rows[fileContacts], cb.rows[fileLoyalty] = len(cb.contacts), len(cb.loyalty)
	cb.rows[fileTruth] = cb.stats.Profiles + cb.stats.Purchases
}

func shuffle(r *rng, recs []record) {
	for i := len(recs) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		recs[i], recs[j] = recs[j], recs[i]
	}
}

// writePersons generates every chunk with opts.Workers goroutines and
// writes them, in chunk order, to the person files' writers.
func (g *generator) writePersons(ctx context.Context, w [numPersonFiles]*bufio.Writer, task progress.Task) (Stats, error) {
	if err := g.number(ctx); err != nil {
		return Stats{}, err
	}
	for f, h := range personFileHeaders() {
		w[f].WriteString(h)
		if f != fileLoyalty {
			w[f].WriteByte('\n')
		}
	}
	type job struct {
		index int
		done  chan *chunkBuf
	}
	jobs := make(chan job)
	order := make(chan chan *chunkBuf, 2*g.opts.Workers)
	stop := make(chan struct{})
	free := make(chan *chunkBuf, 3*g.opts.Workers)
	var wg sync.WaitGroup
	for range g.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				var cb *chunkBuf
				select {
				case cb = <-free:
				default:
					cb = new(chunkBuf)
				}
				g.chunk(j.index, cb)
				j.done <- cb
			}
		}()
	}
	go func() { // hands out chunks in order; stops when the writer does
		defer close(jobs)
		defer close(order)
		for i := range g.numChunks() {
			select {
			case <-stop:
				return
			default:
			}
			done := make(chan *chunkBuf, 1)
			select {
			case order <- done:
			case <-stop:
				return
			}
			jobs <- job{i, done}
		}
	}()
	stats, err := g.collect(ctx, order, free, w, task)
	close(stop)
	for range order { // drain so the dispatcher can finish
	}
	wg.Wait()
	return stats, err
}

// collect writes finished chunks in order and sums their stats.
func (g *generator) collect(ctx context.Context, order <-chan chan *chunkBuf, free chan<- *chunkBuf, w [numPersonFiles]*bufio.Writer, task progress.Task) (Stats, error) {
	total := Stats{Files: map[string]int{}}
	var rows [numPersonFiles]int
	for done := range order {
		cb := <-done
		if err := ctx.Err(); err != nil {
			return Stats{}, fmt.Errorf("gen: generating persons: %w", err)
		}
		for f, b := range cb.files {
			if _, err := w[f].Write(b); err != nil {
				return Stats{}, fmt.Errorf("gen: writing %s: %w", personFileNames()[f], err)
			}
			rows[f] += cb.rows[f]
		}
		total.add(&cb.stats)
		task.Add(int64(cb.stats.Persons))
		select {
		case free <- cb:
		default:
		}
	}
	for f, name := range personFileNames() {
		total.Files[name] = rows[f]
	}
	return total, nil
}

// add adds the counters of s (not Files) to t.
func (t *Stats) add(s *Stats) {
	t.Persons += s.Persons
	t.Profiles += s.Profiles
	t.Duplicates += s.Duplicates
	t.HouseholdPersons += s.HouseholdPersons
	t.SameNamePersons += s.SameNamePersons
	t.LargeHouseholds += s.LargeHouseholds
	t.JuniorPairs += s.JuniorPairs
	t.TwinPairs += s.TwinPairs
	t.PlaceholderEmails += s.PlaceholderEmails
	t.PlaceholderPhones += s.PlaceholderPhones
	t.Purchases += s.Purchases
	t.OrphanPurchases += s.OrphanPurchases
}
