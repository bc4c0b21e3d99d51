// Package render writes scored evaluations as text, JSON, CSV or Markdown.
// Each format is one Renderer; the CLI picks one by name from Formats.
package render

import (
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
)

// Options select the language and the amount of detail.
type Options struct {
	Lang   string // "id" (default) or "en"
	Detail bool   // list every indicator
	Color  bool   // ANSI colours in text output
	Costs  bool   // plans: step costs were given, so show them
	// Provenance, when set, is written with JSON results.
	Provenance *result.Provenance
}

// columns are the per-evaluation table columns of CSV and Markdown.
func columns(evals []*result.Evaluation) []string {
	cols := []string{"source", "sheet", "instansi", "index", "predicate"}
	if len(evals) == 0 {
		return cols
	}
	r := evals[0].Result
	for _, d := range r.Domains {
		cols = append(cols, d.ID)
	}
	for _, a := range r.Aspects {
		cols = append(cols, a.ID)
	}
	return cols
}

func row(e *result.Evaluation, lang string) []string {
	r := e.Result
	p := r.Rubric.Precision
	out := []string{e.Source, e.Sheet, e.Instansi, r.Published.Fixed(p), label.PredicateName(r.Predicate, lang)}
	for _, d := range r.Domains {
		out = append(out, d.Index.Round(p).Fixed(p))
	}
	for _, a := range r.Aspects {
		out = append(out, a.Index.Round(p).Fixed(p))
	}
	return out
}
