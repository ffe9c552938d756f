// Package sql holds every SQL statement c360 runs, as .sql files embedded
// at build time: the schema of the published tables, the purchase and
// measure builds, and the CRM reports. No SQL is assembled from user input;
// the few statements that take values use parameters.
//
// A file may hold several statements separated by semicolons at the end of
// a line. Import it as c360sql to keep it apart from database/sql.
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

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// Files returns the embedded .sql files.
func Files() fs.FS { return files }
