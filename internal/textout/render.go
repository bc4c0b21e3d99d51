// Package textout turns the results model (internal/result) into text,
// JSON, CSV, Markdown and GitHub Actions annotations, and does nothing
// else: it computes no index, reads no input and writes no file. Each
// command's formats are one registry, Formats (ScoreFormats,
// CompareFormats, PlanFormats, ...), that the CLI looks --format up in.
// Words and numbers shown to people come from internal/label.
//
// Imports: textout depends on internal/result, internal/label and pkg/;
// nothing below it (result, label, batch, excelout) imports textout.
package textout

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
