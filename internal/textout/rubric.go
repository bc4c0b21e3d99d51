package textout

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// ProblemText writes a problem of a rubric file as file:line:col: message,
// the message in lang (the language of messages).
func ProblemText(w io.Writer, p *rubric.PosError, lang label.Lang) error {
	_, err := fmt.Fprintln(NewTerminalWriter(w), msg.Text(lang, p))
	return err
}

// ProblemGitHub writes a problem of a rubric file as a GitHub annotation
// on its line: an error, or a warning for a problem that does not fail.
// The message is in lang.
func ProblemGitHub(w io.Writer, p *rubric.PosError, lang label.Lang) error {
	a := Annotation{Level: "error", File: p.File, Line: p.Line, Col: p.Col, Msg: msg.Text(lang, p.Err)}
	if p.Warning {
		a.Level = "warning"
	}
	return WriteAnnotation(w, a)
}

// RubricYAML writes the YAML source of a rubric as it is given.
func RubricYAML(w io.Writer, _ *rubric.Rubric, yaml []byte, _ Options) error {
	_, err := w.Write(yaml)
	return err
}

// RubricInfo is one rubric of spbe rubric list (one object of its JSON).
type RubricInfo struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Regulation string `json:"regulation"`
	Years      []int  `json:"years"`
	Default    bool   `json:"default"`
	Domains    int    `json:"domains"`
	Aspects    int    `json:"aspects"`
	Indicators int    `json:"indicators"`
	SHA256     string `json:"sha256"`
}

// NewRubricInfo describes r; isDefault says it is the default rubric.
func NewRubricInfo(r *rubric.Rubric, isDefault bool) RubricInfo {
	years := r.Years
	if years == nil {
		years = []int{}
	}
	return RubricInfo{
		ID: r.ID, Name: r.Name, Regulation: r.Regulation, Years: years, Default: isDefault,
		Domains: len(r.Domains), Aspects: len(r.Aspects()), Indicators: len(r.Indicators()), SHA256: r.SHA256(),
	}
}

// RubricListText writes the rubrics as a table, in the words of o.Lang.
func RubricListText(w io.Writer, rubrics []RubricInfo, o Options) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	out := NewTerminalWriter(tw)
	fmt.Fprintln(out, label.Rubric.Get(o.Lang, "list"))
	for _, in := range rubrics {
		id := in.ID
		if in.Default {
			id += " (" + label.Rubric.Get(o.Lang, "default") + ")"
		}
		fmt.Fprintf(out, "%s\t%s\t%d\t%s\t%s\n", id, Years(in.Years), in.Indicators, in.Name, in.Regulation)
	}
	return tw.Flush()
}

// RubricListJSON writes the rubrics as a JSON array.
func RubricListJSON(w io.Writer, rubrics []RubricInfo, _ Options) error {
	enc := json.NewEncoder(jsonWriter(w))
	enc.SetIndent("", "  ")
	return enc.Encode(rubrics)
}
