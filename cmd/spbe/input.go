package main

import (
	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// addInputFlags binds the flags that say how to read one workbook.
func addInputFlags(cmd *cobra.Command, o *scoreOptions) {
	addRubricFlag(cmd, &o.Rubric)
	addReadFlags(cmd, &o.readFlags)
	addLangFlag(cmd, &o.Lang)
}

// readOne reads and scores the single workbook of a command.
func readOne(in *scoreOptions) (*rubric.Rubric, *result.Evaluation, index.Levels, error) {
	if in.Lang != "id" && in.Lang != "en" {
		return nil, nil, nil, usagef("unknown language %q (want id or en)", in.Lang)
	}
	r, err := rubric.Load(in.Rubric)
	if err != nil {
		return nil, nil, nil, err
	}
	e, err := scoreFile(in, r, in.Paths[0])
	if err != nil {
		return nil, nil, nil, err
	}
	levels := index.Levels{}
	for _, it := range e.Result.Indicators {
		levels[it.Indicator.ID] = it.Level
	}
	return r, e, levels, nil
}
