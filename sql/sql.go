// Package sql holds every SQL statement c360 runs, as .sql files embedded
// at build time: the schema of the published tables, the purchase and
// measure builds, the CRM reports, and the read queries of the reports, the
// web app, explain and the run summary. No SQL is assembled from user
// input. Values go in as parameters wherever DuckDB takes them; where it
// does not (an ATTACH path, SET memory_limit, COMMENT ON text) the caller
// quotes them as literals, and identifiers built into a statement (a
// loaded table's columns, match_pair's per-comparison columns) are quoted.
//
// A file may hold several statements separated by semicolons at the end of
// a line; Exec runs them in order. A file of read queries names each one
// with a line "-- name: <name>" above it; Query returns one by name.
// Import the package as c360sql to keep it apart from database/sql.
package sql

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed *.sql
var files embed.FS

// Text returns the text of the named file, e.g. "schema.sql".
func Text(name string) (string, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return "", fmt.Errorf("sql: %w", err)
	}
	return string(b), nil
}

// Statements splits the named file into its statements.
func Statements(name string) ([]string, error) {
	text, err := Text(name)
	if err != nil {
		return nil, err
	}
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			if s := strings.TrimSpace(cur.String()); s != ";" {
				out = append(out, s)
			}
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out, nil
}

// Execer is what Exec needs: a *sql.DB, *sql.Conn or *sql.Tx.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Exec runs every statement of the named file in order.
func Exec(ctx context.Context, db Execer, name string) error {
	stmts, err := Statements(name)
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("sql: %s: %w\n%s", name, err, firstLine(s))
		}
	}
	return nil
}

// Query returns the statement called name in the named file: the lines
// after "-- name: <name>" up to the next such line, without comment lines
// and the final semicolon. The files are compiled in, so a missing one is a
// programming error that any test of the caller finds: Query panics.
func Query(file, name string) string {
	text, err := Text(file)
	if err != nil {
		panic(err)
	}
	q, ok := named(text)[name]
	if !ok {
		panic(fmt.Sprintf("sql: %s has no statement %q", file, name))
	}
	return q
}

// Names returns the names of the named file's statements, in file order.
func Names(file string) ([]string, error) {
	text, err := Text(file)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), namePrefix); ok {
			out = append(out, strings.TrimSpace(n))
		}
	}
	return out, nil
}

const namePrefix = "-- name:"

// named splits text into its named statements.
func named(text string) map[string]string {
	out := make(map[string]string)
	name := ""
	var cur strings.Builder
	flush := func() {
		if name != "" {
			out[name] = strings.TrimSuffix(strings.TrimSpace(cur.String()), ";")
		}
		cur.Reset()
	}
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if n, ok := strings.CutPrefix(t, namePrefix); ok {
			flush()
			name = strings.TrimSpace(n)
			continue
		}
		if strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
	}
	flush()
	return out
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// Files returns the embedded .sql files.
func Files() fs.FS { return files }
