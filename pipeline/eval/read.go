package eval

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/contoso/c360/transform"
)

// data is a dataset read into memory: the records as the matcher sees them
// and, apart, the truth as pairs of record indexes.
type data struct {
	people []transform.Person
	truth  map[uint64]bool
}

// normalizer is the one normalizer used for every dataset. Its earliest
// valid year is lower than the pipeline's (customers are born after
// 1880) because one labelled set holds historical figures; no dataset gets
// settings of its own.
func normalizer() *transform.Normalizer {
	return &transform.Normalizer{EarliestYear: 1000}
}

// load reads every file of ds and its truth.
func load(ds *Dataset, dir string) (*data, error) {
	d := &data{truth: map[uint64]bool{}}
	norm := normalizer()
	keys := map[string]int32{} // record key -> index; only to join the truth
	entity := map[string][]int32{}
	for _, f := range ds.Files {
		mapping, err := ds.mapping(f)
		if err != nil {
			return nil, err
		}
		if err := readFile(filepath.Join(dir, f.Path), func(line int, get func(string) string) error {
			i := int32(len(d.people))
			key := get(f.Key)
			if _, dup := keys[key]; dup {
				return fmt.Errorf("duplicate key %q", key)
			}
			keys[key] = i
			if ds.Truth.Cluster != "" {
				e := get(ds.Truth.Cluster)
				entity[e] = append(entity[e], i)
			}
			// The matcher sees the row number, never the key.
			id := f.Source + ":" + strconv.Itoa(line)
			d.people = append(d.people, norm.Person(f.Source, id, line, mapping, get))
			return nil
		}); err != nil {
			return nil, fmt.Errorf("eval: %s: %w", ds.Name, err)
		}
	}
	var err error
	switch {
	case ds.Truth.Entities != "":
		err = readEntities(filepath.Join(dir, ds.Truth.Entities), keys, d.people, entity)
	case ds.Truth.Pairs != "":
		err = readPairs(filepath.Join(dir, ds.Truth.Pairs), keys, d.truth)
	}
	if err != nil {
		return nil, fmt.Errorf("eval: %s: %w", ds.Name, err)
	}
	for _, m := range entity {
		for a := range m {
			for b := a + 1; b < len(m); b++ {
				d.truth[pairKey(m[a], m[b])] = true
			}
		}
	}
	return d, nil
}

// readFile reads a CSV file with a header and calls row for each record
// with its line number (the header is line 1) and a getter by header name
// (case-insensitive; "" for an unknown name). Leading spaces after commas
// are trimmed (FEBRL writes ", ").
func readFile(path string, row func(line int, get func(string) string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.TrimLeadingSpace = true
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", path, err)
	}
	index := map[string]int{}
	for i, h := range header {
		index[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var rec []string
	get := func(name string) string {
		if i, ok := index[strings.ToLower(name)]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	for line := 2; ; line++ {
		rec, err = r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := row(line, get); err != nil {
			return fmt.Errorf("%s line %d: %w", path, line, err)
		}
	}
}

// readPairs reads a truth file of key pairs into truth as record-index pairs.
func readPairs(path string, keys map[string]int32, truth map[uint64]bool) error {
	return eachRecord(path, func(rec []string) error {
		if len(rec) < 2 {
			return fmt.Errorf("%s: want two keys per row", path)
		}
		a, okA := keys[rec[0]]
		b, okB := keys[rec[1]]
		if okA && okB { // pairs with a record outside the files are not findable
			truth[pairKey(a, b)] = true
		}
		return nil
	})
}

// readEntities reads a truth file of (source, key, entity) rows into
// entity, the record indexes of each entity. Rows naming a key that is not
// loaded, or loaded from another source, or with no entity, are skipped.
func readEntities(path string, keys map[string]int32, people []transform.Person, entity map[string][]int32) error {
	return eachRecord(path, func(rec []string) error {
		if len(rec) < 3 {
			return fmt.Errorf("%s: want source, key and entity per row", path)
		}
		i, ok := keys[rec[1]]
		if !ok || rec[2] == "" || people[i].Source != rec[0] {
			return nil
		}
		entity[rec[2]] = append(entity[rec[2]], i)
		return nil
	})
}

// eachRecord calls fn for each record of the CSV file at path after its
// header, with leading spaces trimmed (FEBRL writes ", "). The record slice
// is reused between calls; its strings are not.
func eachRecord(path string, fn func(rec []string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.TrimLeadingSpace = true
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		return fmt.Errorf("%s: header: %w", path, err)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}
