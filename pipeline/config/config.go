// Package config reads the c360 YAML config file strictly: an unknown key,
// a wrong type or a bad value is an *Error naming the file, line and column
// ("c360.yaml:7:3: unknown key \"urll\""). Relative paths are resolved
// against the config file's directory, so a cron job behaves the same from
// any working directory, and secrets named by token_env and sas_env are read
// from the environment once, at load time.
//
// A full config; the comments give each optional key's default:
//
//	database: out/c360.duckdb   # required; the published database
//	work_dir: out/work          # required; landing folder, download cache, state
//	as_of: 2026-11-27           # default: today (UTC); reports are computed as of this day
//	report: out/report.html     # default: report.html beside the database
//	keep_runs: 7                # landing run folders kept
//	max_reject_share: 0.01      # per source, share of rejected rows that fails the run ...
//	min_rejects_to_fail: 5      # ... when at least this many rows were rejected; fewer only warn
//	max_row_drop: 0.5           # largest share by which a row count may fall vs the last published run
//	memory_limit: 3GiB          # memory a run aims to stay within (Go's heap and DuckDB's buffers)
//	sources:                    # all four required
//	  contacts: {url: https://aka.ms/CI-ILT/Contacts, token_env: C360_TOKEN}
//	  loyalty:  {url: https://aka.ms/CI-ILT/LoyaltySchemeCustomers}
//	  pos:      {url: https://aka.ms/CI-ILT/POSPurchases, sas_env: C360_POS_SAS}
//	  online:   {url: file:///srv/exports/OnlinePurchases.csv}
//	crm:                        # optional, and so is each export
//	  accounts:    {url: crm/accounts.csv}
//	  deals:       {url: crm/deals.csv}
//	  tech_checks: {url: crm/tech_checks.csv}
//	  leads:       {url: crm/leads.csv}
//	  activities:  {url: crm/activities.csv}
//	                            # or crm: {dataverse: {...}}, the Web API (see dataverse.go)
//	sales_process: ...          # default: today's process (see sales.go)
//	fetch:
//	  timeout: 30s              # connect and response headers, per attempt
//	  stall: 60s                # no bytes for this long aborts an attempt
//	  deadline: 30m             # the whole fetch of one source, retries included
//	  retries: 5
//	  max_bytes: 2GiB           # bytes, or a number with KiB, MiB, GiB or TiB
//	matching:
//	  threshold: 0.9            # default: the matching model's own threshold
//	  never_match:  [[contacts:CNTID_1, loyalty:LOYID_9]]
//	  always_match: [[contacts:CNTID_2, loyalty:LOYID_7]]
//	  cross_reference: [{from: loyalty.contact_id, to: contacts}]   # default: none
//	  survivorship: {email: [most_recent]}                          # rule names checked by matching
//	  max_cluster_size: 50      # default 0: the matching package's own limit
//	load:                       # see Loading
//	  max_quoted_bytes: 8KiB    # a quoted field over line ends holds at most this...
//	  max_quoted_lines: 8       # ...and spans at most this many lines, or its quote is stray
//	  dates: {earliest: 1900-01-01, latest: 2100-12-31}   # every date and timestamp value
//	  birth_dates: {earliest: 1900-01-01}                 # latest default: as_of
//
// A source may also declare its text encoding: {url: ..., encoding: latin1}
// (utf-8, the default, latin1, windows-1252 or utf-16; a BOM overrides it).
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/contoso/c360/matching/stableid"
	"github.com/contoso/c360/matching/survive"
	"github.com/contoso/c360/pipeline/salesprocess"
)

// Defaults for the optional keys.
const (
	DefaultKeepRuns       = 7
	DefaultMaxRejectShare = 0.01
	DefaultMinRejects     = 5
	DefaultMaxRowDrop     = 0.5
	DefaultMemoryLimit    = 3 << 30   // 3 GiB
	MinMemoryLimit        = 256 << 20 // 256 MiB
	DefaultTimeout        = 30 * time.Second
	DefaultStall          = 60 * time.Second
	DefaultDeadline       = 30 * time.Minute
	DefaultRetries        = 5
	DefaultMaxBytes       = 2 << 30 // 2 GiB
	DefaultReportName     = "report.html"
)

// Config is a loaded and checked config file. Paths are absolute, sources
// are in a fixed order and secrets have been read from the environment.
type Config struct {
	// File is the config file name as given to Load or Parse, for messages.
	File string
	// Dir is the absolute directory relative paths were resolved against.
	Dir string

	// Database is the published DuckDB file (yaml database, required).
	Database string
	// WorkDir holds the landing folder, download cache and state (yaml
	// work_dir, required).
	WorkDir string
	// Report is the HTML report file (yaml report); default report.html in
	// Database's directory.
	Report string
	// AsOf is the day reports are computed as of, at midnight UTC (yaml
	// as_of, YYYY-MM-DD); default today in UTC. SetAsOf overrides it.
	AsOf time.Time

	// Sources are the four customer sources (yaml sources, all required),
	// in the order contacts, loyalty, pos, online.
	Sources []Source
	// CRM are the CRM exports present (yaml crm, optional), in the order
	// accounts, deals, tech_checks, leads, activities.
	CRM []Source
	// Dataverse, when set, reads the five CRM exports through the
	// Dataverse Web API instead (yaml crm.dataverse; see dataverse.go).
	Dataverse *Dataverse
	// SalesProcess is the sales process the CRM loads and reports follow
	// (yaml sales_process; see sales.go); default salesprocess.Default().
	SalesProcess *salesprocess.Process

	// KeepRuns is how many landing run folders are kept (yaml keep_runs,
	// at least 1); default 7.
	KeepRuns int
	// MaxRejectShare is, per source, the share of rows rejected (0 to 1)
	// above which the run fails (yaml max_reject_share); default 0.01.
	MaxRejectShare float64
	// MinRejectsToFail is how many rows a source must reject, besides
	// exceeding MaxRejectShare, for the run to fail (yaml
	// min_rejects_to_fail, at least 1); fewer make a warning. Default 5,
	// so that one odd row in a three-row file does not stop the night.
	MinRejectsToFail int
	// MaxRowDrop is the largest share (0 to 1) by which a table's row count
	// may fall against the last published run (yaml max_row_drop); default 0.5.
	MaxRowDrop float64
	// MemoryLimit is the memory, in bytes, a run aims to stay within (yaml
	// memory_limit, "3GiB" or bytes, at least 256MiB); default 3 GiB,
	// enough for a million persons. It is split between DuckDB's buffer
	// pool and Go's soft memory limit; past it the run slows down rather
	// than fails.
	MemoryLimit int64

	// Fetch limits downloads (yaml fetch).
	Fetch Fetch
	// Matching tunes entity resolution (yaml matching).
	Matching Matching
	// Load tunes how input files are read (yaml load); see Loading.
	Load Loading
}

// Fetch limits how sources are downloaded (yaml fetch). Durations are Go
// duration strings ("30s", "1h30m") and must be positive.
type Fetch struct {
	Timeout  time.Duration // yaml timeout: connect and response headers, per attempt; default 30s
	Stall    time.Duration // yaml stall: an attempt receiving no bytes this long is aborted; default 60s
	Deadline time.Duration // yaml deadline: the whole fetch of one source, retries included; default 30m
	Retries  int           // yaml retries: attempts after the first; 0 means none (fetch.Options spells that -1); default 5
	MaxBytes int64         // yaml max_bytes: largest accepted file, "2GiB" or bytes; default 2 GiB
}

// Matching tunes entity resolution (yaml matching). The matching package
// validates rule names and applies its own defaults.
type Matching struct {
	// Threshold overrides the model's match probability threshold (yaml
	// threshold, strictly between 0 and 1). Nil: the default model's own
	// threshold is used.
	Threshold *float64
	// NeverMatch lists record pairs that must not end in one customer (yaml
	// never_match: [[contacts:CNTID_1, loyalty:LOYID_9], ...]).
	NeverMatch []RecordPair
	// AlwaysMatch lists record pairs that must end in one customer (yaml
	// always_match, same form). A pair may not be in both lists.
	AlwaysMatch []RecordPair
	// CrossReference declares source columns that hold another source's key
	// as exact link evidence (yaml cross_reference); default none.
	CrossReference []CrossReference
	// Survivorship maps an attribute to the rules that pick its surviving
	// value, in order (yaml survivorship: an attribute to a list of rule
	// names); attributes it does not name keep the defaults. Load has
	// validated it.
	Survivorship survive.Policy
	// MaxClusterSize caps how many records one customer may gather (yaml
	// max_cluster_size, at least 2); 0: the matching package's own limit.
	MaxClusterSize int
}

// RecordPair is two distinct records, each written "source:id" in the YAML.
type RecordPair [2]stableid.Ref

// CrossReference declares that column FromColumn of source FromSource holds
// keys of source To (yaml {from: loyalty.contact_id, to: contacts}).
type CrossReference struct {
	FromSource string
	FromColumn string
	To         string
}

// Load reads and checks the config file at path. Relative paths in it are
// resolved against path's directory. Problems in the file are *Error.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		cause := err
		var pe *fs.PathError
		if errors.As(err, &pe) {
			cause = pe.Err // the path is already in the message
		}
		return nil, &Error{File: path, Msg: fmt.Sprintf("cannot read config: %v", cause), Err: err}
	}
	return Parse(data, path, filepath.Dir(path))
}

// Parse checks the config in data. name is the file name used in messages;
// relative paths are resolved against dir. Secrets are read from the
// process environment and a missing as_of is today in UTC.
func Parse(data []byte, name, dir string) (*Config, error) {
	return parse(data, name, dir, os.LookupEnv, time.Now)
}

// SetAsOf sets AsOf from a YYYY-MM-DD day, overriding as_of in the file;
// the command's --as-of flag uses it.
func (c *Config) SetAsOf(day string) error {
	t, err := parseDate(day)
	if err != nil {
		return fmt.Errorf("config: as-of: %w", err)
	}
	c.AsOf = t
	return nil
}

// Source returns the customer source or CRM export with the given name.
func (c *Config) Source(name string) (Source, bool) {
	for _, list := range [][]Source{c.Sources, c.CRM} {
		for _, s := range list {
			if s.Name == name {
				return s, true
			}
		}
	}
	return Source{}, false
}
