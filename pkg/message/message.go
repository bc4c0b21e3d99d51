// Package message carries the English format and arguments of an error that
// a user meets, beside its English text, so that a program can say the
// message in the user's language from a catalog keyed by the English format
// (spbe's internal/msg does, at the command line's edge).
//
// It is spbe's one mechanism for the messages of packages that may import
// nothing of spbe's internals (pkg/, internal/outfile, internal/result):
// each declares
//
//	func messagef(format string, args ...any) error { return message.Errorf(format, args...) }
//
// and makes its messages with messagef, whose call sites spbe's catalog test
// finds, so that every format has an entry in the catalog
// (docs/messages.md).
package message

import "fmt"

// Error is an error said by its English format and arguments. Error() is
// English (fmt.Errorf's text, with %w wrapping); MessageFormat gives the
// format and the arguments.
type Error struct {
	format string
	args   []any
	err    error
}

// Errorf returns fmt.Errorf(format, args...) as an *Error. format must be
// a constant string: it is the key of the catalog.
func Errorf(format string, args ...any) error {
	return &Error{format: format, args: args, err: fmt.Errorf(format, args...)}
}

func (e *Error) Error() string { return e.err.Error() }

// MessageFormat returns the English format and the arguments of the
// message.
func (e *Error) MessageFormat() (format string, args []any) { return e.format, e.args }

// Unwrap returns the errors wrapped with %w.
func (e *Error) Unwrap() []error {
	switch u := e.err.(type) {
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	case interface{ Unwrap() error }:
		return []error{u.Unwrap()}
	}
	return nil
}
