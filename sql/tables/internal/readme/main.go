// Command readme rewrites the table list of the README named by its
// argument from the tables' declarations (package sql/tables). Run it with
// go generate ./sql/tables.
package main

import (
	"fmt"
	"os"

	"github.com/contoso/c360/sql/tables"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "readme:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: readme README.md")
	}
	all, err := tables.All()
	if err != nil {
		return err
	}
	old, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	updated, err := tables.ReplaceREADME(string(old), tables.READMESection(all))
	if err != nil {
		return err
	}
	return os.WriteFile(args[0], []byte(updated), 0o644)
}
