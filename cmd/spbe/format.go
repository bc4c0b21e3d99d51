package main

import (
	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/render"
)

// addFormatFlag binds --format (-f) to p, default def, for the formats fs
// of a command: the help lists their names and shell completion offers
// them. The command looks its format up in fs (a *render.FormatError is a
// usage error).
func addFormatFlag[W any](cmd *cobra.Command, p *string, def string, fs render.Formats[W]) {
	cmd.Flags().StringVarP(p, "format", "f", def, "output format: "+fs.List())
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(fs.Names(), cobra.ShellCompDirectiveNoFileComp))
}
