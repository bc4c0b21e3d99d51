package main

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
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
	if in.Lang != "id" && in.Lang != "en" {
		return nil, nil, nil, usagef("unknown language %q (want id or en)", in.Lang)
	}
	r, err := givenRubric(in.io, in.Rubric)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := checkInputPaths(in.Lang, in.Paths[0]); err != nil {
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

// choices are the embedded rubrics, each with its Scorer, in the order
// rubric.EmbeddedIDs lists them: what a workbook's rubric is chosen
// among when --rubric is not given.
var choices = sync.OnceValue(func() []*batch.Scorer {
	var scs []*batch.Scorer
	for _, id := range rubric.EmbeddedIDs() {
		if r, err := rubric.ByID(id); err == nil {
			scs = append(scs, batch.NewScorer(r))
		}
	}
	return scs
})

// batchRubric is the one rubric of the inputs' evaluations: the one
// given (r), else the one chosen for them. Inputs of different rubrics
// (instruments) are not ranked or compared together: that is an error
// that says which are which and what to do. With no evaluation at all,
// it is the default rubric, for the errors' sake.
func batchRubric(r *rubric.Rubric, ins []*batch.Input, what string) (*rubric.Rubric, error) {
	if r != nil {
		return r, nil
	}
	var rs []*rubric.Rubric
	files := map[*rubric.Rubric][]string{}
	for _, in := range ins {
		for _, ir := range in.Rubrics {
			if !slices.Contains(rs, ir) {
				rs = append(rs, ir)
			}
			if len(files[ir]) < 3 {
				files[ir] = append(files[ir], in.Path)
			} else if len(files[ir]) == 3 {
				files[ir] = append(files[ir], "...")
			}
		}
	}
	switch len(rs) {
	case 0:
		return rubric.ByID(rubric.DefaultID)
	case 1:
		return rs[0], nil
	}
	var parts []string
	for _, x := range rs {
		parts = append(parts, fmt.Sprintf("%s (%s)", x.ID, strings.Join(files[x], ", ")))
	}
	return nil, fmt.Errorf("the inputs are of different instruments: %s; they have different indicators and predicate bands, "+
		"so they are not %s together: give the inputs of each apart, or --rubric to read all with one "+
		"(with --keep-going, the inputs of another are reported and the rest %s)", strings.Join(parts, "; "), what, what)
}
