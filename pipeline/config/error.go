package config

import (
	"errors"
	"fmt"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// Error is a problem in a config file, located at a line and column
// (both 1-based). Line is 0 when the problem is not at one place, such as
// a file that cannot be read. The command maps it to exit code 2; test for
// it with errors.As.
type Error struct {
	File         string // the config file name as given to Load or Parse
	Line, Column int
	Msg          string
	Err          error // the underlying cause, if any
}

// Error returns "file:line:column: message", the form compilers use.
func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// errorAtNode returns an *Error in file at node n.
func errorAtNode(file string, n ast.Node, msg string) *Error {
	line, col := position(n)
	return &Error{File: file, Line: line, Column: col, Msg: msg}
}

// locate turns an error from parsing, decoding or checking the YAML of file
// into an *Error carrying its position.
func locate(file string, err error) *Error {
	var located *Error
	if errors.As(err, &located) {
		return located
	}
	var at *nodeError
	if errors.As(err, &at) {
		return errorAtNode(file, at.node, at.msg)
	}
	var unknown *yaml.UnknownFieldError
	if errors.As(err, &unknown) && unknown.Token != nil {
		line, col := tokenPosition(unknown.Token)
		return &Error{File: file, Line: line, Column: col, Msg: fmt.Sprintf("unknown key %q", unknown.Token.Value)}
	}
	var ye yaml.Error
	if errors.As(err, &ye) {
		line, col := tokenPosition(ye.GetToken())
		return &Error{File: file, Line: line, Column: col, Msg: ye.GetMessage()}
	}
	return &Error{File: file, Line: 1, Column: 1, Msg: err.Error(), Err: err}
}
