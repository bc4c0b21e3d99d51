package main

import (
	"time"

	"github.com/spbe-id/spbe/internal/render"
	"github.com/spbe-id/spbe/internal/report"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// newProvenance records a run for JSON output: the rubric named by
// rubricArg (an embedded id or a file) and the hash of every input.
func newProvenance(r *rubric.Rubric, rubricArg string, paths []string) (*render.Provenance, error) {
	p := &render.Provenance{
		Version:     version,
		Rubric:      render.ProvenanceRubric{ID: r.ID, SHA256: r.SHA256(), Source: report.RubricSource(rubricArg)},
		Rounding:    r.Rounding,
		Precision:   r.Precision,
		PredicateOn: r.PredicateOn,
		Time:        now().UTC().Format(time.RFC3339),
		Inputs:      make([]render.ProvenanceInput, 0, len(paths)),
	}
	for _, path := range paths {
		h, err := report.HashFile(path)
		if err != nil {
			return nil, err
		}
		p.Inputs = append(p.Inputs, render.ProvenanceInput{Path: path, SHA256: h})
	}
	return p, nil
}

// renderOptions are the output options of a score run over the inputs
// paths: JSON carries the run's provenance.
func (opts *scoreOptions) renderOptions(r *rubric.Rubric, paths []string) (render.Options, error) {
	o := render.Options{Lang: opts.Lang, Detail: opts.Detail, Color: opts.io.colorEnabled()}
	if opts.Format == "json" {
		p, err := newProvenance(r, opts.Rubric, paths)
		if err != nil {
			return o, err
		}
		o.Provenance = p
	}
	return o, nil
}
