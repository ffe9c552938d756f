package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/contoso/c360/transform"
)

func somePeople(n int) []transform.Person {
	norm := &transform.Normalizer{}
	m := transform.Mapping{transform.GivenName: {"first"}, transform.Surname: {"last"},
		transform.Email: {"mail"}, transform.Phone: {"tel"}, transform.BirthDate: {"dob"},
		transform.Street: {"street"}, transform.City: {"city"}}
	people := make([]transform.Person, n)
	for i := range people {
		row := map[string]string{"first": []string{"Ann", "José", "", "  Bob "}[i%4], "last": "Smith",
			"mail": fmt.Sprintf("Person%d@Example.com", i), "tel": "(425) 555-01" + fmt.Sprintf("%02d", i%100),
			"dob": []string{"1980-01-02", "31/02/1990", ""}[i%3], "street": fmt.Sprintf("%d Main St", i), "city": "Redmond"}
		people[i] = norm.Person("contacts", fmt.Sprintf("C%d", i), i+2, m, func(f string) string { return row[f] })
	}
	return people
}

// writePeople writes people to a new peopleFile in dir.
func writePeople(t *testing.T, dir string, people []transform.Person) *peopleFile {
	t.Helper()
	pw, err := createPeople(dir, "contacts")
	if err != nil {
		t.Fatal(err)
	}
	for i := range people {
		pw.write(&people[i])
	}
	f, err := pw.close()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// countingTask records what a task was told.
type countingTask struct{ total, done int64 }

func (c *countingTask) Add(n int64)      { c.done += n }
func (c *countingTask) SetTotal(n int64) { c.total = n }
func (c *countingTask) Done(error)       {}

func TestPeopleFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	people := somePeople(10_000) // more than one progress report
	files := []*peopleFile{writePeople(t, dir, people[:3000]), writePeople(t, dir, people[3000:])}
	task := &countingTask{}
	got, err := readPeople(files, task)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, people) {
		for i := range people {
			if !reflect.DeepEqual(got[i], people[i]) {
				t.Fatalf("record %d read back as\n%+v\nwant\n%+v", i, got[i], people[i])
			}
		}
		t.Fatalf("read back %d people, wrote %d", len(got), len(people))
	}
	if task.total != 10_000 || task.done != 10_000 {
		t.Errorf("task counted %d of %d, want 10000 of 10000", task.done, task.total)
	}
	for _, f := range files {
		if err := f.remove(); err != nil {
			t.Fatal(err)
		}
		if err := f.remove(); err != nil {
			t.Errorf("a second remove: %v", err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("files left after remove: %v", left)
	}
}

// A file cut short, or one with more than was written, is an error that
// names the file and the record, never fewer people.
func TestPeopleFileDamaged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(b []byte) []byte
		want   string
	}{
		{"cut short", func(b []byte) []byte { return b[:len(b)-3] }, "record 100 of 100"},
		{"cut at a record", func(b []byte) []byte { return b[:len(b)/2] }, "of 100"},
		{"extra bytes", func(b []byte) []byte { return append(b, 1, 2, 3) }, "more than the 100 records"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := writePeople(t, t.TempDir(), somePeople(100))
			b, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f.path, tc.damage(b), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err = readPeople([]*peopleFile{f}, &countingTask{})
			if err == nil || !strings.Contains(err.Error(), f.path) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want one naming %s and %q", err, f.path, tc.want)
			}
		})
	}
}

// eachPerson gives every person in order, over files whose chunks the
// workers decode out of order, counts them on the task, and stops at
// yield's first error.
func TestEachPersonInOrder(t *testing.T) {
	dir := t.TempDir()
	people := somePeople(3*chunkPeople + 10)
	cuts := []int{0, chunkPeople + 7, chunkPeople + 8, len(people)} // a file of one person between two of several chunks
	var files []*peopleFile
	for i := 1; i < len(cuts); i++ {
		files = append(files, writePeople(t, dir, people[cuts[i-1]:cuts[i]]))
	}
	files = append(files, writePeople(t, dir, nil))
	task := &countingTask{}
	n := 0
	err := eachPerson(files, task, func(p *transform.Person) error {
		if !reflect.DeepEqual(*p, people[n]) {
			t.Fatalf("person %d is\n%+v\nwant\n%+v", n, *p, people[n])
		}
		n++
		return nil
	})
	if err != nil || n != len(people) || task.done != int64(len(people)) {
		t.Fatalf("err %v, %d people given and %d counted, want %d", err, n, task.done, len(people))
	}
	stop := fmt.Errorf("enough")
	n = 0
	err = eachPerson(files, nil, func(p *transform.Person) error {
		if n++; n == 2*chunkPeople+1 {
			return stop
		}
		return nil
	})
	if err != stop || n != 2*chunkPeople+1 {
		t.Errorf("after yield's error: err %v after %d people, want %v after %d", err, n, stop, 2*chunkPeople+1)
	}
}
