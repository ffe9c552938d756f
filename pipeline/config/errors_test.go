package config

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestParseErrors checks that every kind of mistake is reported at the
// right line and column. Each input is the minimal config with one line
// replaced or added; want is the whole message.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		// Unknown keys, at every level.
		{"unknown key in source", replace(0, "  contacts: {urll: https://aka.ms/CI-ILT/Contacts}"),
			`c360.yaml:4:14: unknown key "urll"`},
		{"unknown key in block source", strings.Replace(minimal, "  contacts: {url: https://aka.ms/CI-ILT/Contacts}\n",
			"  contacts:\n    token_env: C360_SET\n    urll: https://aka.ms/CI-ILT/Contacts\n", 1),
			`c360.yaml:6:5: unknown key "urll"`},
		{"unknown top-level key", "databse: x.duckdb\n" + minimal,
			`c360.yaml:1:1: unknown key "databse"`},
		{"unknown fetch key", minimal + "fetch:\n  timeout: 5s\n  retry: 3\n",
			`c360.yaml:10:3: unknown key "retry"`},
		{"unknown matching key", minimal + "matching:\n  treshold: 0.5\n",
			`c360.yaml:9:3: unknown key "treshold"`},
		{"unknown cross_reference key", minimal + "matching:\n  cross_reference: [{from: loyalty.contact_id, too: contacts}]\n",
			`c360.yaml:9:48: unknown key "too"`},
		{"unknown source name", replace(3, "  onlin:   {url: https://aka.ms/CI-ILT/OnlinePurchases}"),
			`c360.yaml:7:3: unknown source "onlin" in sources (want contacts, loyalty, pos, online)`},
		{"unknown CRM export", minimal + "crm:\n  deal: {url: crm/deals.csv}\n",
			`c360.yaml:9:3: unknown source "deal" in crm (want accounts, deals, tech_checks, leads, activities)`},

		// The load section, encodings and the database path (issue 10).
		{"unknown encoding", replace(0, "  contacts: {url: https://aka.ms/CI-ILT/Contacts, encoding: ebcdic}"),
			`c360.yaml:4:61: unknown encoding "ebcdic" (want one of utf-8, latin1, windows-1252, utf-16)`},
		{"max_quoted_lines zero", minimal + "load:\n  max_quoted_lines: 0\n",
			`c360.yaml:9:21: max_quoted_lines must be at least 1`},
		{"date window backwards", minimal + "load:\n  dates: {earliest: 2000-01-01, latest: 1999-01-01}\n",
			`c360.yaml:9:41: latest must not be before earliest`},
		{"unknown load key", minimal + "load:\n  max_quoted: 3\n",
			`c360.yaml:9:3: unknown key "max_quoted"`},
		{"database with a query", strings.Replace(minimal, "database: out/c360.duckdb", "database: out/c360.duckdb?access_mode=read_only", 1),
			`c360.yaml:1:11: database path may not contain '?' (DuckDB would read what follows as options)`},

		// Syntax and structure.
		{"duplicate key", minimal + "work_dir: other\n",
			`c360.yaml:8:1: mapping key "work_dir" already defined at [2:1]`},
		{"unclosed flow mapping", replace(0, "  contacts: {url: https://aka.ms/CI-ILT/Contacts"),
			"c360.yaml:5:3: ',' or '}' must be specified"},
		{"empty file", "", `c360.yaml:1:1: the config is empty`},
		{"comments only", "# nothing here\n", `c360.yaml:1:1: the config is empty`},
		{"two documents", minimal + "---\ndatabase: y\n", `c360.yaml:8:1: want one YAML document, found 2`},
		{"YAML tag", strings.Replace(minimal, "work_dir: out/work", "work_dir: !!str out/work", 1),
			`c360.yaml:2:11: YAML tags such as !!str are not supported`},
		{"not a mapping", "- a\n- b\n", `c360.yaml:1:1: sequence was used where mapping is expected`},
		{"sources not a mapping", "database: d\nwork_dir: w\nsources: [contacts, loyalty]\n",
			`c360.yaml:3:10: sequence was used where mapping is expected`},

		// Wrong types.
		{"url is a number", replace(0, "  contacts: {url: 42}"),
			`c360.yaml:4:19: want a string, got int`},
		{"database is a mapping", "database: {path: x}\nwork_dir: w\n" + strings.Join(strings.SplitAfter(minimal, "\n")[2:], ""),
			`c360.yaml:1:11: want a string, got mapping`},
		{"keep_runs is a float", minimal + "keep_runs: 7.5\n", `c360.yaml:8:12: want a whole number, got float`},
		{"keep_runs is a string", minimal + "keep_runs: seven\n", `c360.yaml:8:12: want a whole number, got string`},
		{"memory_limit too small", minimal + "memory_limit: 1MiB\n", `c360.yaml:8:15: memory_limit must be at least 256MiB`},
		{"memory_limit in GB", minimal + "memory_limit: 5GB\n", `c360.yaml:8:15: bad size "5GB": want bytes or a number with KiB, MiB, GiB or TiB`},
		{"share is a string", minimal + "max_reject_share: 1%\n", `c360.yaml:8:19: want a number, got string`},
		{"never_match not pairs", minimal + "matching:\n  never_match: [contacts:1, loyalty:2]\n",
			`c360.yaml:9:17: string was used where sequence is expected`},

		// Bad values.
		{"bad date", "as_of: 2026-13-01\n" + minimal,
			`c360.yaml:1:8: bad date "2026-13-01": want a real day as YYYY-MM-DD`},
		{"date is a number", "as_of: 20261127\n" + minimal, `c360.yaml:1:8: want a date YYYY-MM-DD, got int`},
		{"negative share", minimal + "max_reject_share: -0.1\n", `c360.yaml:8:19: max_reject_share must be between 0 and 1`},
		{"share above one", minimal + "max_row_drop: 1.5\n", `c360.yaml:8:15: max_row_drop must be between 0 and 1`},
		{"keep_runs zero", minimal + "keep_runs: 0\n", `c360.yaml:8:12: keep_runs must be at least 1`},
		{"bad duration", minimal + "fetch:\n  stall: 5 minutes\n",
			`c360.yaml:9:10: bad duration "5 minutes": want a duration such as 30s, 5m or 1h30m`},
		{"duration without unit", minimal + "fetch:\n  timeout: 30\n", `c360.yaml:9:12: want a duration such as 30s, got int`},
		{"negative duration", minimal + "fetch:\n  deadline: -1m\n", `c360.yaml:9:13: duration "-1m" must be positive`},
		{"negative retries", minimal + "fetch:\n  retries: -1\n", `c360.yaml:9:12: retries must be 0 or more`},
		{"bad size", minimal + "fetch:\n  max_bytes: 2GB\n",
			`c360.yaml:9:14: bad size "2GB": want bytes or a number with KiB, MiB, GiB or TiB`},
		{"threshold of one", minimal + "matching:\n  threshold: 1\n",
			`c360.yaml:9:14: threshold must be between 0 and 1 (exclusive)`},
		{"cluster size one", minimal + "matching:\n  max_cluster_size: 1\n",
			`c360.yaml:9:21: max_cluster_size must be at least 2`},
		{"unsupported scheme", replace(2, "  pos: {url: ftp://example.com/pos.csv}"),
			`c360.yaml:6:14: url "ftp://example.com/pos.csv": unsupported scheme "ftp" (want http, https, file or a path)`},

		// Missing things.
		{"source without url", replace(1, "  loyalty: {token_env: LOYALTY_TOKEN}"),
			`c360.yaml:5:3: source "loyalty" has no url`},
		{"source with empty url", replace(1, "  loyalty: {url: ''}"),
			`c360.yaml:5:18: source "loyalty" has no url`},
		{"source with no value", replace(1, "  loyalty:"), `c360.yaml:5:3: source "loyalty" has no url`},
		{"missing required source", replace(2, ""),
			`c360.yaml:3:1: missing required source "pos" in sources`},
		{"missing sources", "database: d\nwork_dir: w\n", `c360.yaml:1:1: missing required key "sources"`},
		{"missing database", strings.Replace(minimal, "database: out/c360.duckdb\n", "", 1),
			`c360.yaml:1:1: missing required key "database"`},
		{"empty work_dir", strings.Replace(minimal, "work_dir: out/work", "work_dir: ''", 1),
			`c360.yaml:2:11: work_dir is empty`},

		// Secrets.
		{"token env unset", replace(0, "  contacts: {url: https://aka.ms/CI-ILT/Contacts, token_env: C360_UNSET}"),
			`c360.yaml:4:62: environment variable C360_UNSET (token_env) is not set or empty`},
		{"sas env empty", replace(0, "  contacts: {url: https://aka.ms/CI-ILT/Contacts, sas_env: C360_EMPTY}"),
			`c360.yaml:4:60: environment variable C360_EMPTY (sas_env) is not set or empty`},
		{"token env not a name", replace(0, "  contacts: {url: https://aka.ms/CI-ILT/Contacts, token_env: eyJ.abc-def}"),
			`c360.yaml:4:62: token_env must name an environment variable (letters, digits, _)`},
		{"token on a file", replace(0, "  contacts: {url: contacts.csv, token_env: C360_SET}"),
			`c360.yaml:4:44: token_env applies only to http(s) URLs`},

		// Matching lists.
		{"pair of three", minimal + "matching:\n  always_match:\n    - [contacts:1, loyalty:2, pos:3]\n",
			`c360.yaml:10:7: want a pair [source:id, source:id], got 3 records`},
		{"record without id", minimal + "matching:\n  never_match: [[contacts:1, loyalty]]\n",
			`c360.yaml:9:30: bad record "loyalty": want source:id, such as contacts:CNTID_1`},
		{"record of unknown source", minimal + "matching:\n  never_match: [[contacts:1, deals:2]]\n",
			`c360.yaml:9:30: unknown source "deals" in record "deals:2" (want contacts, loyalty, pos, online)`},
		{"record paired with itself", minimal + "matching:\n  never_match: [[contacts:1, contacts:1]]\n",
			`c360.yaml:9:30: record contacts:1 is paired with itself`},
		{"pair listed twice", minimal + "matching:\n  never_match:\n  - [contacts:1, loyalty:2]\n  - [loyalty:2, contacts:1]\n",
			`c360.yaml:11:6: pair loyalty:2, contacts:1 is listed twice`},
		{"pair in both lists", minimal + "matching:\n  never_match: [[contacts:1, loyalty:2]]\n  always_match: [[loyalty:2, contacts:1]]\n",
			`c360.yaml:10:18: pair loyalty:2, contacts:1 is also in never_match`},
		{"cross_reference without to", minimal + "matching:\n  cross_reference:\n    - from: loyalty.contact_id\n",
			`c360.yaml:10:7: cross_reference needs both from (source.column) and to (source)`},
		{"cross_reference bad column", minimal + "matching:\n  cross_reference: [{from: loyalty.contactid, to: contacts}]\n",
			`c360.yaml:9:28: source loyalty has no column "contactid"`},
		{"cross_reference bad from", minimal + "matching:\n  cross_reference: [{from: loyalty, to: contacts}]\n",
			`c360.yaml:9:28: bad from "loyalty": want source.column, such as loyalty.contact_id`},
		{"cross_reference to itself", minimal + "matching:\n  cross_reference: [{from: loyalty.contact_id, to: loyalty}]\n",
			`c360.yaml:9:52: cross_reference must link two different sources`},
		{"survivorship rules not a list", minimal + "matching:\n  survivorship: {email: most_recent}\n",
			`c360.yaml:9:25: string was used where sequence is expected`},
	}
	env := envOf(map[string]string{"C360_SET": "x", "C360_EMPTY": " "})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parse([]byte(tt.yaml), "c360.yaml", "/etc/c360", env, fixedNow)
			var cerr *Error
			if !errors.As(err, &cerr) {
				t.Fatalf("got %v (%T), want *Error %s\ninput:\n%s", err, err, tt.want, tt.yaml)
			}
			if cfg != nil {
				t.Errorf("got a config with the error")
			}
			if got := cerr.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s\ninput:\n%s", got, tt.want, numbered(tt.yaml))
			}
		})
	}
}

// replace returns the minimal config with source line i (0: contacts,
// 1: loyalty, 2: pos, 3: online; file lines 4 to 7) replaced by line, or
// removed when line is "".
func replace(i int, line string) string {
	lines := strings.SplitAfter(minimal, "\n")
	lines[3+i] = ""
	if line != "" {
		lines[3+i] = line + "\n"
	}
	return strings.Join(lines, "")
}

// numbered prefixes each line of s with its number, for failure messages.
func numbered(s string) string {
	var b strings.Builder
	for i, l := range strings.SplitAfter(s, "\n") {
		if l != "" {
			fmt.Fprintf(&b, "%3d| %s", i+1, l)
		}
	}
	return b.String()
}
