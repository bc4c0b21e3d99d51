package textout

import (
	"io"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Format is one output format of a command: the name --format takes and
// the function that writes it.
type Format[W any] struct {
	Name  string
	Write W
}

// Formats are the output formats of one command, in the order that help
// and errors list them. Every command looks its --format up here.
type Formats[W any] []Format[W]

// Names returns the format names, for help and shell completion.
func (fs Formats[W]) Names() []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return names
}

// List returns the names as help and errors list them: "text or json",
// "csv, json, text".
func (fs Formats[W]) List() string {
	names := fs.Names()
	if len(names) == 2 {
		return names[0] + " or " + names[1]
	}
	return strings.Join(names, ", ")
}

// Lookup returns the writer of the format named name, or a *FormatError.
func (fs Formats[W]) Lookup(name string) (W, error) {
	for _, f := range fs {
		if f.Name == name {
			return f.Write, nil
		}
	}
	var zero W
	return zero, &FormatError{Name: name, Want: fs.List(), Names: fs.Names()}
}

// FormatError is a --format name that a command does not know: a usage
// error.
type FormatError struct {
	Name  string
	Want  string   // the known names, as Formats.List gives them
	Names []string // the known names, when given: "or" is said in the language of messages
}

func (e *FormatError) Error() string { return e.Message().String() }

// Message is the error's message, in the language of messages (msg.Text).
func (e *FormatError) Message() msg.Message {
	var want any = e.Want
	if len(e.Names) == 2 {
		want = msg.Or(e.Names)
	}
	return msg.New("unknown format %q (want %s)", e.Name, want)
}

// Renderer writes the evaluations of a run in one format.
type Renderer func(w io.Writer, evals []*result.Evaluation, o Options) error

// BatchRenderer writes a batch in one format.
type BatchRenderer func(w io.Writer, b *result.Batch, o Options) error

// ScoreWriter writes the output of spbe score in one format: the
// evaluation of one workbook (One), or the ranking of a batch (Batch).
type ScoreWriter struct {
	One   Renderer
	Batch BatchRenderer
}

// ScoreFormats are the formats of spbe score.
var ScoreFormats = Formats[ScoreWriter]{
	{"csv", ScoreWriter{CSV, BatchCSV}},
	{"json", ScoreWriter{JSON, BatchJSON}},
	{"markdown", ScoreWriter{Markdown, BatchMarkdown}},
	{"text", ScoreWriter{Text, BatchText}},
}

// CompareFormats are the formats of spbe compare.
var CompareFormats = Formats[func(w io.Writer, cs *result.Comparisons, o Options) error]{
	{"csv", CompareCSV},
	{"json", CompareJSON},
	{"text", CompareText},
}

// PlanFormats are the formats of spbe plan.
var PlanFormats = Formats[func(w io.Writer, e *result.Evaluation, p *plan.Plan, o Options) error]{
	{"csv", PlanCSV},
	{"json", PlanJSON},
	{"text", PlanText},
}

// WhatIfFormats are the formats of spbe whatif.
var WhatIfFormats = Formats[func(w io.Writer, e *result.Evaluation, after *index.Result, o Options) error]{
	{"json", WhatIfJSON},
	{"text", WhatIfText},
}

// DiffFormats are the formats of spbe rubric diff.
var DiffFormats = Formats[func(w io.Writer, d *result.RubricDiff) error]{
	{"github", DiffGitHub},
	{"json", DiffJSON},
	{"markdown", DiffMarkdown},
	{"text", DiffText},
}

// ProblemFormats are the formats of spbe rubric validate: one problem of
// a rubric file at a time.
var ProblemFormats = Formats[func(w io.Writer, p *rubric.PosError, lang label.Lang) error]{
	{"text", ProblemText},
	{"github", ProblemGitHub},
}

// RubricFormats are the formats of spbe rubric show: the rubric and its
// YAML source.
var RubricFormats = Formats[func(w io.Writer, r *rubric.Rubric, yaml []byte, o Options) error]{
	{"yaml", RubricYAML},
	{"table", func(w io.Writer, r *rubric.Rubric, _ []byte, o Options) error { return RubricTable(w, r, o) }},
}

// RubricListFormats are the formats of spbe rubric list.
var RubricListFormats = Formats[func(w io.Writer, rubrics []RubricInfo, o Options) error]{
	{"text", RubricListText},
	{"json", RubricListJSON},
}
