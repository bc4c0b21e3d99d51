package rubric

import (
	"github.com/spbe-id/spbe/pkg/message"

	"fmt"

	"gopkg.in/yaml.v3"
)

// PosError is a problem at a position in a rubric file.
type PosError struct {
	// File is the name of the rubric file; Line and Col (from 1) place
	// the problem in it, or are 0 for the file as a whole.
	File      string
	Line, Col int
	// Err is the problem.
	Err error
	// Warning marks a suspicious but legal thing; Parse never fails on it.
	Warning bool

	unknownKey bool // an unknown key: the rubric can still be decoded
}

// Error returns "file:line:col: problem", with "warning: " before a
// warning's problem.
func (e *PosError) Error() string {
	if e.Warning {
		return fmt.Sprintf("%s: warning: %v", e.pos(), e.Err)
	}
	return fmt.Sprintf("%s: %v", e.pos(), e.Err)
}

// pos is "file:line:col", or the file alone.
func (e *PosError) pos() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Col)
	}
	return e.File
}

// MessageFormat says the problem in the user's language (see messagef):
// the position as it is, "warning" and the problem translated.
func (e *PosError) MessageFormat() (format string, args []any) {
	if e.Warning {
		return messagef("%s: warning: %w", e.pos(), e.Err).(*message.Error).MessageFormat()
	}
	return "%s: %w", []any{e.pos(), e.Err}
}

// Unwrap returns Err, for errors.Is and errors.As.
func (e *PosError) Unwrap() error { return e.Err }

// describe says what a node holds, in the language of the message it is
// an argument of.
func describe(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		return messagef("a mapping")
	case yaml.SequenceNode:
		return messagef("a list")
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return messagef("nothing")
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return messagef("nothing")
}
