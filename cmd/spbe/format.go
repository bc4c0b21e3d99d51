package main

import (
	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/textout"
)

// addFormatFlag binds --format (-f) to p, default def, for the formats fs
// of a command: an enum flag (addEnumFlag), so that the name is checked
// (a *textout.FormatError, a usage error) and completed when parsed; the
// help lists the names.
func addFormatFlag[W any](cmd *cobra.Command, p *string, def string, fs textout.Formats[W]) {
	var choices []choice
	for _, n := range fs.Names() {
		choices = append(choices, choice{name: n, value: n})
	}
	addEnumFlag(cmd, p, "format", "f", def, choices, "output format: "+fs.List(),
		func(s string) error { return &textout.FormatError{Name: s, Want: fs.List(), Names: fs.Names()} })
}
