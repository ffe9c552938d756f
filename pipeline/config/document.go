package config

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/contoso/c360/transform/sources"
)

// document is the config file as written. Its leaves keep their YAML nodes
// so that checks after decoding can name a line and column; build turns it
// into a Config. See the package comment for what each key means.
type document struct {
	Database       text                 `yaml:"database"`
	WorkDir        text                 `yaml:"work_dir"`
	AsOf           date                 `yaml:"as_of"`
	Report         text                 `yaml:"report"`
	Sources        map[string]sourceDoc `yaml:"sources"`
	CRM            crmDoc               `yaml:"crm"`
	SalesProcess   salesProcessDoc      `yaml:"sales_process"`
	KeepRuns       count                `yaml:"keep_runs"`
	MaxRejectShare number               `yaml:"max_reject_share"`
	MinRejects     count                `yaml:"min_rejects_to_fail"`
	MaxRowDrop     number               `yaml:"max_row_drop"`
	MemoryLimit    byteSize             `yaml:"memory_limit"`
	Fetch          fetchDoc             `yaml:"fetch"`
	Matching       matchingDoc          `yaml:"matching"`
	Load           loadingDoc           `yaml:"load"`
}

// fetchDoc is the fetch section as written.
type fetchDoc struct {
	Timeout  duration `yaml:"timeout"`
	Stall    duration `yaml:"stall"`
	Deadline duration `yaml:"deadline"`
	Retries  count    `yaml:"retries"`
	MaxBytes byteSize `yaml:"max_bytes"`
}

// matchingDoc is the matching section as written.
type matchingDoc struct {
	Threshold      number            `yaml:"threshold"`
	NeverMatch     [][]text          `yaml:"never_match"`
	AlwaysMatch    [][]text          `yaml:"always_match"`
	CrossReference []crossRefDoc     `yaml:"cross_reference"`
	Survivorship   map[string][]text `yaml:"survivorship"`
	MaxClusterSize count             `yaml:"max_cluster_size"`
}

// crossRefDoc is one cross_reference entry as written.
type crossRefDoc struct {
	From text `yaml:"from"` // source.column
	To   text `yaml:"to"`   // source
}

// customerSources are the required sources, in Config.Sources order.
func customerSources() []string { return sources.Names(sources.Customer()) }

// crmExports are the optional CRM exports, in Config.CRM order.
func crmExports() []string { return sources.Names(sources.CRM()) }

// parse is Parse with the environment and clock passed in.
func parse(data []byte, name, dir string, env func(string) (string, bool), now func() time.Time) (*Config, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, &Error{File: name, Msg: fmt.Sprintf("resolving directory %q: %v", dir, err), Err: err}
	}
	root, err := parseTree(data)
	if err != nil {
		return nil, locate(name, err)
	}
	if err := rejectTags(root); err != nil {
		return nil, locate(name, err)
	}
	var doc document
	if err := decode(root, &doc); err != nil {
		return nil, locate(name, err)
	}
	b := builder{root: root, dir: absDir, env: env, now: now}
	cfg, err := b.build(&doc)
	if err != nil {
		return nil, locate(name, err)
	}
	cfg.File = name
	return cfg, nil
}

// decode decodes root into doc strictly. A panic in the YAML library is
// turned into an error: a config file must not crash the command.
func decode(root ast.Node, doc *document) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errorAt(root, "the YAML decoder failed on this file: %v", p)
		}
	}()
	return yaml.NodeToValue(root, doc, yaml.Strict())
}

// parseTree parses data into the body of its single YAML document.
func parseTree(data []byte) (ast.Node, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, err
	}
	var docs []*ast.DocumentNode
	for _, d := range file.Docs {
		if d.Body != nil && d.Body.Type() != ast.CommentGroupType && d.Body.Type() != ast.CommentType {
			docs = append(docs, d)
		}
	}
	switch {
	case len(docs) == 0:
		return nil, errorAt(nil, "the config is empty")
	case len(docs) > 1:
		at := ast.Node(docs[1].Body)
		if docs[1].Start != nil {
			at = docs[1]
		}
		return nil, errorAt(at, "want one YAML document, found %d", len(docs))
	}
	return docs[0].Body, nil
}

// builder turns a decoded document into a Config.
type builder struct {
	root ast.Node
	dir  string
	env  func(string) (string, bool)
	now  func() time.Time
}

// build checks doc and fills a Config, with defaults for absent keys.
func (b builder) build(doc *document) (*Config, error) {
	cfg := &Config{Dir: b.dir}
	var err error
	if cfg.Database, err = b.requiredPath(doc.Database, "database"); err != nil {
		return nil, err
	}
	if strings.Contains(doc.Database.value, "?") {
		return nil, errorAt(doc.Database.node, "database path may not contain '?' (DuckDB would read what follows as options)")
	}
	if cfg.WorkDir, err = b.requiredPath(doc.WorkDir, "work_dir"); err != nil {
		return nil, err
	}
	cfg.Report = filepath.Join(filepath.Dir(cfg.Database), DefaultReportName)
	if doc.Report.set() {
		if cfg.Report, err = b.requiredPath(doc.Report, "report"); err != nil {
			return nil, err
		}
	}
	y, m, d := b.now().UTC().Date()
	cfg.AsOf = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if doc.AsOf.node != nil {
		cfg.AsOf = doc.AsOf.value
	}
	if cfg.Sources, err = b.sources("sources", doc.Sources, customerSources(), true); err != nil {
		return nil, err
	}
	if err := b.crm(cfg, doc.CRM); err != nil {
		return nil, err
	}
	if cfg.SalesProcess, err = b.buildSalesProcess(doc.SalesProcess); err != nil {
		return nil, err
	}
	if err := b.limits(cfg, doc); err != nil {
		return nil, err
	}
	if cfg.Fetch, err = buildFetch(doc.Fetch); err != nil {
		return nil, err
	}
	if cfg.Matching, err = buildMatching(b.root, doc.Matching); err != nil {
		return nil, err
	}
	if cfg.Load, err = buildLoading(doc.Load); err != nil {
		return nil, err
	}
	return cfg, nil
}

// requiredPath resolves a required path value against the config's directory.
func (b builder) requiredPath(v text, key string) (string, error) {
	if !v.set() {
		return "", errorAt(keyOrRoot(b.root, key), "missing required key %q", key)
	}
	if strings.TrimSpace(v.value) == "" {
		return "", errorAt(v.node, "%s is empty", key)
	}
	p := filepath.FromSlash(v.value)
	if !filepath.IsAbs(p) {
		p = filepath.Join(b.dir, p)
	}
	return filepath.Clean(p), nil
}

// keyOrRoot returns the key node of key in the top-level mapping, or nil
// (which locates at 1:1) when the key is absent.
func keyOrRoot(root ast.Node, key string) ast.Node {
	if e := entry(root, key); e != nil {
		return e.Key
	}
	return nil
}

// sources checks a section of sources (sources or crm) and returns them in
// the order of names. With required set, every name must be present.
func (b builder) sources(section string, docs map[string]sourceDoc, names []string, required bool) ([]Source, error) {
	sectionEntry := entry(b.root, section)
	if sectionEntry == nil {
		if required {
			return nil, errorAt(nil, "missing required key %q", section)
		}
		return nil, nil
	}
	for _, e := range entries(sectionEntry.Value) {
		if key := e.Key.GetToken().Value; !slices.Contains(names, key) {
			return nil, errorAt(e.Key, "unknown source %q in %s (want %s)", key, section, strings.Join(names, ", "))
		}
	}
	var out []Source
	for _, name := range names {
		e := entry(sectionEntry.Value, name)
		if e == nil {
			if required {
				return nil, errorAt(sectionEntry.Key, "missing required source %q in %s", name, section)
			}
			continue
		}
		s, err := resolveSource(name, e, docs[name], b.dir, b.env)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// limits fills the run's thresholds.
func (b builder) limits(cfg *Config, doc *document) error {
	cfg.KeepRuns = DefaultKeepRuns
	if doc.KeepRuns.set() {
		if doc.KeepRuns.value < 1 {
			return errorAt(doc.KeepRuns.node, "keep_runs must be at least 1")
		}
		cfg.KeepRuns = doc.KeepRuns.value
	}
	var err error
	if cfg.MaxRejectShare, err = share(doc.MaxRejectShare, "max_reject_share", DefaultMaxRejectShare); err != nil {
		return err
	}
	cfg.MinRejectsToFail = DefaultMinRejects
	if doc.MinRejects.set() {
		if doc.MinRejects.value < 1 {
			return errorAt(doc.MinRejects.node, "min_rejects_to_fail must be at least 1")
		}
		cfg.MinRejectsToFail = doc.MinRejects.value
	}
	if cfg.MaxRowDrop, err = share(doc.MaxRowDrop, "max_row_drop", DefaultMaxRowDrop); err != nil {
		return err
	}
	cfg.MemoryLimit = DefaultMemoryLimit
	if doc.MemoryLimit.set() {
		if doc.MemoryLimit.value < MinMemoryLimit {
			return errorAt(doc.MemoryLimit.node, "memory_limit must be at least 256MiB")
		}
		cfg.MemoryLimit = doc.MemoryLimit.value
	}
	return nil
}

// share returns a share between 0 and 1, or def when absent.
func share(v number, key string, def float64) (float64, error) {
	if !v.set() {
		return def, nil
	}
	if v.value < 0 || v.value > 1 {
		return 0, errorAt(v.node, "%s must be between 0 and 1", key)
	}
	return v.value, nil
}

// buildFetch fills the download limits.
func buildFetch(doc fetchDoc) (Fetch, error) {
	f := Fetch{
		Timeout:  DefaultTimeout,
		Stall:    DefaultStall,
		Deadline: DefaultDeadline,
		Retries:  DefaultRetries,
		MaxBytes: DefaultMaxBytes,
	}
	for _, d := range []struct {
		v   duration
		dst *time.Duration
	}{{doc.Timeout, &f.Timeout}, {doc.Stall, &f.Stall}, {doc.Deadline, &f.Deadline}} {
		if d.v.set() {
			*d.dst = d.v.value
		}
	}
	if doc.Retries.set() {
		if doc.Retries.value < 0 {
			return Fetch{}, errorAt(doc.Retries.node, "retries must be 0 or more")
		}
		f.Retries = doc.Retries.value
	}
	if doc.MaxBytes.set() {
		f.MaxBytes = doc.MaxBytes.value
	}
	return f, nil
}
