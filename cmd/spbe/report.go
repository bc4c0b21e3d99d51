package main

import (
	"fmt"
	"time"

	"github.com/spbe-id/spbe/internal/report"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// now is the clock of the provenance; tests replace it.
var now = time.Now

// writeReport writes the Excel report of -o: atomically, never over an
// input, over an existing file only with --force.
func writeReport(opts *scoreOptions, r *rubric.Rubric, evals []*result.Evaluation) error {
	src := report.RubricSource(opts.Rubric)
	save := opts.saveOptions()
	if err := report.CheckOutput(opts.Output, save); err != nil {
		return err
	}
	p, err := report.NewProvenance(provenanceVersion(version, commit), r, src, evals, opts.Lang, now())
	if err != nil {
		return err
	}
	p.IDCol, p.LevelCol = opts.IDCol, opts.LevelCol
	if err := report.WriteWith(opts.Output, evals, p, save, report.Options{PerInstansi: opts.PerInstansi, Title: opts.Title}); err != nil {
		return err
	}
	detail := "1 evaluation"
	if len(evals) > 1 {
		detail = fmt.Sprintf("%d evaluations, ranked", len(evals))
	}
	wrote(opts.io, opts.Output, "the Excel report", detail)
	return nil
}

// saveOptions are the rules of the -o report: every input is protected,
// the files of folder arguments too (opts.inputs), and the rubric file.
func (opts *scoreOptions) saveOptions() report.SaveOptions {
	inputs := append(append([]string{}, opts.Paths...), opts.inputs...)
	if src := report.RubricSource(opts.Rubric); src != report.Embedded {
		inputs = append(inputs, src)
	}
	return opts.io.saveOptions(opts.Force, true, inputs)
}
