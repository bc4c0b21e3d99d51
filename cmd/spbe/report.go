package main

import (
	"github.com/spbe-id/spbe/internal/render"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// writeReport writes the Excel report of -o.
func writeReport(opts *scoreOptions, r *rubric.Rubric, evals []*render.Evaluation) error {
	return usagef("-o %s: Excel reports are not built yet", opts.Output)
}
