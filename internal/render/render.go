// Package render writes scored evaluations as text, JSON, CSV or Markdown.
// Each format is one Renderer; the CLI picks one by name from Formats.
package render

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Evaluation is one scored instansi with where its levels came from.
type Evaluation struct {
	Source   string // input file as given
	Sheet    string // sheet read ("" for CSV)
	Instansi string
	// Cells maps an indicator id to the cell its level was read from.
	Cells  map[string]string
	Result *index.Result
}

// Options select the language and the amount of detail.
type Options struct {
	Lang   string // "id" (default) or "en"
	Detail bool   // list every indicator
	Color  bool   // ANSI colours in text output
	Costs  bool   // plans: step costs were given, so show them
	// Provenance, when set, is written with JSON results.
	Provenance *Provenance
}

// Renderer writes evaluations in one format.
type Renderer func(w io.Writer, evals []*Evaluation, o Options) error

// Formats maps the names accepted by --format to their renderers.
var Formats = map[string]Renderer{
	"text":     Text,
	"json":     JSON,
	"csv":      CSV,
	"markdown": Markdown,
}

// FormatNames returns the format names, sorted, for help and errors.
func FormatNames() []string {
	var names []string
	for n := range Formats {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// lookup returns the word for key in the language of a table of labels,
// Indonesian when the language has none.
func lookup(labels map[string]map[string]string, lang, key string) string {
	if w, ok := labels[lang][key]; ok {
		return w
	}
	return labels["id"][key]
}

// Number formats d with places decimals and the language's separator.
func Number(d rubric.Decimal, places int, lang string) string {
	s := d.Fixed(places)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// PredicateName is the band's name in the language.
func PredicateName(b *rubric.Band, lang string) string {
	if b == nil {
		return ""
	}
	if lang == "en" && b.NameEN != "" {
		return b.NameEN + " (" + b.Name + ")"
	}
	return b.Name
}

// columns are the per-evaluation table columns of CSV and Markdown.
func columns(evals []*Evaluation) []string {
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

func row(e *Evaluation, lang string) []string {
	r := e.Result
	p := r.Rubric.Precision
	out := []string{e.Source, e.Sheet, e.Instansi, r.Published.Fixed(p), PredicateName(r.Predicate, lang)}
	for _, d := range r.Domains {
		out = append(out, d.Index.Round(p).Fixed(p))
	}
	for _, a := range r.Aspects {
		out = append(out, a.Index.Round(p).Fixed(p))
	}
	return out
}

func errorf(format string, args ...any) error { return fmt.Errorf("render: "+format, args...) }
