package main

import (
	"time"

	"github.com/spbe-id/spbe/internal/excelout"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// now is the clock of the provenance; tests replace it.
var now = time.Now

// writeReport writes the Excel report of -o: atomically, never over an
// input, over an existing file only with --force.
func writeReport(opts *scoreOptions, r *rubric.Rubric, evals []*result.Evaluation) error {
	src := excelout.RubricSource(opts.Rubric)
	save := opts.saveOptions()
	if err := outfile.Check(opts.Output, save); err != nil {
		return err
	}
	p, err := excelout.NewProvenance(provenanceVersion(version, commit), r, src, evals, opts.Lang.String(), now())
	if err != nil {
		return err
	}
	p.IDCol, p.LevelCol = opts.IDCol, opts.LevelCol
	if err := excelout.WriteWith(opts.Output, evals, p, save, excelout.Options{PerInstansi: opts.PerInstansi, Title: opts.Title}); err != nil {
		return err
	}
	detail := msg.Sprintf(msgLang(opts.io), "1 evaluation")
	if len(evals) > 1 {
		detail = msg.Sprintf(msgLang(opts.io), "%d evaluations, ranked", len(evals))
	}
	wrote(opts.io, opts.Output, msg.Word("the Excel report"), detail)
	return nil
}

// saveOptions are the rules of the -o report: every input is protected,
// the files of folder arguments too (opts.inputs), and the rubric file.
func (opts *scoreOptions) saveOptions() outfile.Options {
	inputs := append(append([]string{}, opts.Paths...), opts.inputs...)
	if src := excelout.RubricSource(opts.Rubric); src != excelout.Embedded {
		inputs = append(inputs, src)
	}
	return saveOptions(opts.io, opts.Force, true, inputs)
}
