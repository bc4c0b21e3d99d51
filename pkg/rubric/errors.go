package rubric

import (
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
	pos := e.File
	if e.Line > 0 {
		pos = fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Col)
	}
	if e.Warning {
		return fmt.Sprintf("%s: warning: %v", pos, e.Err)
	}
	return fmt.Sprintf("%s: %v", pos, e.Err)
}

// Unwrap returns Err, for errors.Is and errors.As.
func (e *PosError) Unwrap() error { return e.Err }

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}
