// Command c360 builds Contoso's single customer view and sales reports in a
// DuckDB database. See README.md for the commands and their exit codes.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/contoso/c360/pipeline/safetext"
)

// Exit codes; documented in README.md.
const (
	exitOK     = 0 // published (or, for other commands, done)
	exitFailed = 1 // the run failed; the last published database is untouched
	exitUsage  = 2 // bad flags, arguments or configuration
	exitLocked = 3 // another run holds the lock on the database
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes the command line args and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	root := app.rootCommand()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	// Errors may quote text from a source (a header, a value): escaped, it
	// can neither send terminal escapes nor forge a line of a JSON log.
	fmt.Fprintln(stderr, "c360:", safetext.Printable(err.Error()))
	return exitCode(err)
}

// usageError marks errors in flags, arguments or configuration.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitCode maps an error to the documented exit codes.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue) || isConfigError(err):
		return exitUsage
	case isLockHeld(err):
		return exitLocked
	}
	return exitFailed
}
