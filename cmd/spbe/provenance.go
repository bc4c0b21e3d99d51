package main

import (
	"github.com/spbe-id/spbe/internal/excelout"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// newProvenance records a run for JSON output: the rubric named by
// rubricArg (an embedded id or a file) and the hash of every input.
func newProvenance(r *rubric.Rubric, rubricArg string, paths []string) (*result.Provenance, error) {
	p := result.NewProvenance(provenanceVersion(version, commit), r, excelout.RubricSource(rubricArg), now())
	for _, path := range paths {
		h, err := excelout.HashFile(path)
		if err != nil {
			return nil, err
		}
		p.AddFile(path, h)
	}
	return p, nil
}

// renderOptions are the output options of a score run over the inputs
// paths: JSON carries the run's provenance.
func (opts *scoreOptions) renderOptions(r *rubric.Rubric, paths []string) (textout.Options, error) {
	o := textout.Options{Lang: opts.Lang.String(), Detail: opts.Detail, Color: opts.io.ColorEnabled()}
	if opts.Format == "json" {
		p, err := newProvenance(r, opts.Rubric, paths)
		if err != nil {
			return o, err
		}
		o.Provenance = p
	}
	return o, nil
}
