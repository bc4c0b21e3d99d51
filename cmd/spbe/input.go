package main

import (
	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// addInputFlags binds the flags that say how to read one workbook.
func addInputFlags(cmd *cobra.Command, o *scoreOptions) {
	addRubricFlag(cmd, &o.Rubric, "")
	addReadFlags(cmd, &o.readFlags)
	addLangFlag(cmd, &o.Lang)
	addInstansiFlag(cmd, &o.readFlags)
}

// addAllSheetsFlag binds --all-sheets, which reads every sheet that holds
// a table instead of the first; given with --sheet it is a usage error.
// (--sheet all, its old spelling, still works: see batch.Read.)
func addAllSheetsFlag(cmd *cobra.Command, sheet *string, all *bool) {
	cmd.Flags().BoolVar(all, "all-sheets", false, "read every sheet that holds a table: one instansi per sheet, or every wide table")
	run := cmd.RunE
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if *all && *sheet != "" {
			return usagef("--sheet and --all-sheets cannot be used together")
		}
		return run(c, args)
	}
}

// readOne reads and scores the single workbook of a command, with the
// rubric --rubric names or the one chosen by its indicators.
func readOne(in *scoreOptions) (*rubric.Rubric, *result.Evaluation, index.Levels, error) {
	r, err := givenRubric(in.io, in.Rubric)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := checkInputPaths(in.Paths[0]); err != nil {
		return nil, nil, nil, err
	}
	r, e, err := scoreFile(in, r, in.Paths[0])
	if err != nil {
		return nil, nil, nil, err
	}
	levels := index.Levels{}
	for _, it := range e.Result.Indicators {
		levels[it.Indicator.ID] = it.Level
	}
	return r, e, levels, nil
}
