package eval

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/goccy/go-yaml"

	"github.com/contoso/c360/matching"
	"github.com/contoso/c360/transform"
	"github.com/contoso/c360/transform/sources"
)

//go:embed specs/*.yaml
var specFiles embed.FS

// Dataset describes one labelled dataset. It only maps columns onto
// attribute types and says whether the task is linking or deduplication;
// the model is always the default one.
type Dataset struct {
	Name string `yaml:"name"`
	// Task is "link" (pairs across files only), "dedupe" (one file) or
	// "link_and_dedupe" (every pair, as the nightly pipeline runs).
	Task  string `yaml:"task"`
	Files []File `yaml:"files"`
	// Drop lists attributes left unmapped, for variants of a dataset
	// without some evidence.
	Drop  []transform.Attr `yaml:"drop,omitempty"`
	Truth Truth            `yaml:"truth"`
}

// File is one input file of a dataset.
type File struct {
	Path   string `yaml:"path"`   // relative to the datasets folder
	Source string `yaml:"source"` // source name given to the matcher
	// Key is the column holding the record's key. It is used only to join
	// the truth and never reaches the matcher, which sees row numbers.
	Key string `yaml:"key"`
	// Schema names a source of package transform/sources ("contacts",
	// "loyalty") whose default attribute mapping is used; otherwise
	// Columns maps attributes to header names.
	Schema  string                      `yaml:"schema,omitempty"`
	Columns map[transform.Attr][]string `yaml:"columns,omitempty"`
}

// Truth says where the answer is. Exactly one field is set.
type Truth struct {
	// Pairs is a CSV file (with a header) of key pairs that match.
	Pairs string `yaml:"pairs,omitempty"`
	// Cluster is a column holding an entity id; records sharing it match.
	Cluster string `yaml:"cluster,omitempty"`
	// Entities is a CSV file (with a header) of rows naming a source, a
	// record key and an entity id (gen.TruthFile); records sharing an
	// entity match. Rows of other sources or unknown keys are ignored.
	Entities string `yaml:"entities,omitempty"`
}

// set counts the fields of t that are set.
func (t Truth) set() int {
	n := 0
	for _, f := range []string{t.Pairs, t.Cluster, t.Entities} {
		if f != "" {
			n++
		}
	}
	return n
}

// Datasets returns the embedded dataset specs, sorted by file name.
func Datasets() ([]Dataset, error) {
	names, err := fs.Glob(specFiles, "specs/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("eval: list specs: %w", err)
	}
	slices.Sort(names)
	var out []Dataset
	for _, n := range names {
		data, err := specFiles.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("eval: read %s: %w", n, err)
		}
		var d Dataset
		dec := yaml.NewDecoder(bytes.NewReader(data), yaml.Strict(), yaml.DisallowUnknownField())
		if err := dec.Decode(&d); err != nil {
			return nil, fmt.Errorf("eval: %s: %w", path.Base(n), err)
		}
		if err := d.validate(); err != nil {
			return nil, fmt.Errorf("eval: %s: %w", path.Base(n), err)
		}
		out = append(out, d)
	}
	return out, nil
}

// Mode returns the matching mode of the task.
func (d *Dataset) Mode() matching.Mode {
	switch d.Task {
	case "link":
		return matching.LinkOnly
	case "dedupe":
		return matching.DedupeOnly
	}
	return matching.LinkAndDedupe
}

func (d *Dataset) validate() error {
	switch d.Task {
	case "link", "dedupe", "link_and_dedupe":
	default:
		return fmt.Errorf("dataset %q: unknown task %q", d.Name, d.Task)
	}
	if len(d.Files) == 0 {
		return fmt.Errorf("dataset %q: no files", d.Name)
	}
	if d.Truth.set() != 1 {
		return fmt.Errorf("dataset %q: truth needs exactly one of pairs, cluster and entities", d.Name)
	}
	for _, f := range d.Files {
		if f.Key == "" || f.Source == "" || f.Path == "" {
			return fmt.Errorf("dataset %q: file %q needs path, source and key", d.Name, f.Path)
		}
		if (f.Schema == "") == (len(f.Columns) == 0) {
			return fmt.Errorf("dataset %q: file %q needs exactly one of schema and columns", d.Name, f.Path)
		}
		for a, cols := range f.Columns {
			if !slices.Contains(transform.Attrs, a) {
				return fmt.Errorf("dataset %q: unknown attribute %q", d.Name, a)
			}
			// Labels never reach the matcher.
			if slices.Contains(cols, f.Key) || (d.Truth.Cluster != "" && slices.Contains(cols, d.Truth.Cluster)) {
				return fmt.Errorf("dataset %q: attribute %q maps the key or truth column", d.Name, a)
			}
		}
	}
	return nil
}

// mapping returns the file's attribute -> header-name mapping with the
// dataset's dropped attributes removed.
func (d *Dataset) mapping(f File) (transform.Mapping, error) {
	out := transform.Mapping{}
	if f.Schema != "" {
		src, ok := schema(f.Schema)
		if !ok {
			return nil, fmt.Errorf("eval: dataset %q: unknown schema %q", d.Name, f.Schema)
		}
		header := map[string]string{} // field -> header name
		for _, c := range src.Columns {
			header[c.Field] = c.Name
		}
		for a, fields := range src.People {
			for _, fld := range fields {
				out[a] = append(out[a], header[fld])
			}
		}
	} else {
		for a, cols := range f.Columns {
			out[a] = slices.Clone(cols)
		}
	}
	for _, a := range d.Drop {
		delete(out, a)
	}
	return out, nil
}

func schema(name string) (sources.Source, bool) {
	for _, s := range sources.Customer() {
		if s.Name == name {
			return s, true
		}
	}
	return sources.Source{}, false
}
