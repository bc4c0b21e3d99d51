package result

import (
	"github.com/spbe-id/spbe/pkg/butir"
	"time"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// Provenance is where a result came from: enough to recompute every
// number and to tell whether its inputs changed since. JSON output carries
// it as "provenance" (the fields with a json key); the Excel report keeps
// all of it in its hidden Provenance sheet, which spbe verify reads back.
type Provenance struct {
	Version string `json:"spbe_version"`
	// Rubric is the rubric and the hash of its canonical form.
	Rubric      ProvenanceRubric `json:"rubric"`
	Rounding    string           `json:"rounding"` // "half-up"
	Precision   int              `json:"precision"`
	PredicateOn string           `json:"predicate_on"`
	// Lang is the language of a report ("id" or "en"); IDCol and LevelCol
	// are the column overrides the inputs were read with.
	Lang            string `json:"-"`
	IDCol, LevelCol string `json:"-"`
	// Time is the time of the run, in UTC to the second.
	Time time.Time `json:"time"`
	// Inputs are the input files of a run (JSON), or the evaluations
	// read with their levels (a report).
	Inputs []ProvenanceInput `json:"inputs"`
}

// ProvenanceRubric identifies the rubric of a run.
type ProvenanceRubric struct {
	ID   string `json:"id"`
	Name string `json:"-"`
	// SHA256 is the hash of the rubric's canonical form
	// (rubric.Rubric.SHA256).
	SHA256 string `json:"sha256"`
	// Source is "embedded" or the path of the rubric file.
	Source string `json:"source"`
	// DiffersFromEmbedded is the id of the embedded (official) rubric
	// that this one presents itself as but differs from
	// (rubric.Rubric.Mismatch), with that rubric's hash; both "" when
	// there is none.
	DiffersFromEmbedded string `json:"differs_from_embedded,omitempty"`
	EmbeddedSHA256      string `json:"embedded_sha256,omitempty"`
}

// ProvenanceInput is one input of a run: a file with its hash and, for
// a report, the evaluation read from it.
type ProvenanceInput struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	// Sheet, Instansi, Region, Row and Levels (in rubric order) are
	// recorded by a report. Row is the sheet row of a wide table's
	// instansi (Evaluation.Row), 0 for a long table.
	Sheet    string      `json:"-"`
	Instansi string      `json:"-"`
	Region   string      `json:"-"`
	Row      int         `json:"-"`
	Levels   []CellLevel `json:"-"`
	// Butir, for an evaluation read with a butir list, records the list
	// (its sheet, whether the levels are simulated from it, every butir),
	// so that spbe verify rebuilds the report's butir sheets; nil else.
	Butir *ProvenanceButir `json:"-"`
}

// ProvenanceButir is the butir list of a recorded evaluation.
type ProvenanceButir struct {
	Sheet     string
	Simulated bool
	HasCost   bool
	Items     []*butir.Item
}

// CellLevel is one indicator's level and the cell it was read from.
type CellLevel struct {
	ID, Cell string
	Level    rubric.Level
}

// NewProvenance starts the provenance of a run of spbe version with
// rubric r, read from rubricSource ("embedded" or a file), at time now.
// It has no inputs yet.
func NewProvenance(version string, r *rubric.Rubric, rubricSource string, now time.Time) *Provenance {
	pr := ProvenanceRubric{ID: r.ID, Name: r.Name, SHA256: r.SHA256(), Source: rubricSource}
	if m := r.Mismatch(); m != nil {
		pr.DiffersFromEmbedded, pr.EmbeddedSHA256 = m.ID, m.EmbeddedSHA256
	}
	return &Provenance{
		Version:     version,
		Rubric:      pr,
		Rounding:    r.Rounding,
		Precision:   r.Precision,
		PredicateOn: r.PredicateOn,
		Time:        now.UTC().Truncate(time.Second),
		Inputs:      []ProvenanceInput{},
	}
}

// AddFile records an input file with the hash of its content.
func (p *Provenance) AddFile(path, sha256 string) {
	p.Inputs = append(p.Inputs, ProvenanceInput{Path: path, SHA256: sha256})
}

// AddEvaluation records an evaluation with the hash of its file and the
// level of every indicator with its cell.
func (p *Provenance) AddEvaluation(e *Evaluation, sha256 string) {
	in := ProvenanceInput{Path: e.Source, SHA256: sha256, Sheet: e.Sheet, Instansi: e.Instansi, Region: e.Region, Row: e.Row}
	for _, it := range e.Result.Indicators {
		in.Levels = append(in.Levels, CellLevel{ID: it.Indicator.ID, Cell: e.Cells[it.Indicator.ID], Level: it.Level})
	}
	if b := e.Butir; b != nil {
		in.Butir = &ProvenanceButir{Sheet: b.Sheet, Simulated: b.Simulated, HasCost: b.HasCost, Items: b.Scored.Items}
	}
	p.Inputs = append(p.Inputs, in)
}
