package result

import "fmt"

// messageError is an error that a user meets, said by its English format
// and arguments. Error() is English (fmt.Errorf's text, with %w wrapping);
// MessageFormat gives the format and arguments, so that the command line
// (spbe's internal/msg) can say the message in the user's language from
// its catalog, keyed by the English format. This package may import
// nothing of spbe's internals, so the convention is this method alone:
// every message made by messagef has an entry in that catalog, which its
// test checks (docs/messages.md).
type messageError struct {
	format string
	args   []any
	err    error
}

// messagef returns fmt.Errorf(format, args...) as a messageError. format
// must be a constant string: it is the key of the catalog.
func messagef(format string, args ...any) error {
	return &messageError{format: format, args: args, err: fmt.Errorf(format, args...)}
}

func (e *messageError) Error() string { return e.err.Error() }

// MessageFormat returns the English format and the arguments of the
// message.
func (e *messageError) MessageFormat() (format string, args []any) { return e.format, e.args }

// Unwrap returns the errors wrapped with %w.
func (e *messageError) Unwrap() []error {
	switch u := e.err.(type) {
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	case interface{ Unwrap() error }:
		return []error{u.Unwrap()}
	}
	return nil
}
