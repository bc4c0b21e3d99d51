package render

import (
	"encoding/json"
	"io"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Num is a JSON number written from exact decimal text, always with a
// decimal point (2.95, 1.30, 3.0).
type Num string

// MarshalJSON writes n as a bare number.
func (n Num) MarshalJSON() ([]byte, error) { return []byte(n), nil }

func num(d rubric.Decimal, places int) Num {
	return Num(d.Fixed(max(places, 1)))
}

func val(v index.Value, places int) Num { return num(v.Round(places), places) }

// JSONRubric names the rubric of a result.
type JSONRubric struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// DiffersFromEmbedded is present when the rubric presents itself as
	// an embedded (official) one, by id or name, but differs from it.
	DiffersFromEmbedded *JSONMismatch `json:"differs_from_embedded,omitempty"`
}

// JSONMismatch is the JSON form of a rubric.Mismatch.
type JSONMismatch struct {
	ID             string   `json:"id"` // the embedded rubric
	By             string   `json:"by"` // "id" or "name"
	SHA256         string   `json:"sha256"`
	EmbeddedSHA256 string   `json:"embedded_sha256"`
	Changes        int      `json:"changes"`
	First          []string `json:"first_changes"` // the first few, one line each
}

// mismatchFirst is how many changes a mismatch lists.
const mismatchFirst = 5

func newJSONRubric(r *rubric.Rubric) JSONRubric {
	out := JSONRubric{ID: r.ID, Name: r.Name}
	if m := r.Mismatch(); m != nil {
		out.DiffersFromEmbedded = &JSONMismatch{ID: m.ID, By: m.By, SHA256: m.SHA256, EmbeddedSHA256: m.EmbeddedSHA256,
			Changes: m.Changes.Len(), First: MismatchChanges(m, mismatchFirst)}
	}
	return out
}

// JSONEdge is present when the index lies near a predicate boundary.
type JSONEdge struct {
	Boundary       Num    `json:"boundary"`
	ExactPredicate string `json:"exact_predicate"`
	Crossed        bool   `json:"crossed"`
}

// JSONGroup is a domain or an aspect.
type JSONGroup struct {
	ID           string `json:"id"`
	Domain       string `json:"domain,omitempty"`
	Name         string `json:"name"`
	Weight       Num    `json:"weight"`
	Index        Num    `json:"index"`
	IndexExact   string `json:"index_exact"`
	Contribution Num    `json:"contribution"`
	Available    Num    `json:"available"`
}

// JSONIndicator is one indicator's level and what it adds.
type JSONIndicator struct {
	ID           string `json:"id"`
	Aspect       string `json:"aspect"`
	Name         string `json:"name"`
	Weight       Num    `json:"weight"`
	Level        Num    `json:"level"`
	LevelName    string `json:"level_name"`
	Contribution Num    `json:"contribution"`
	Available    Num    `json:"available"`
	Step         Num    `json:"step"`
	// ToNextPredicate is the fewest level steps on this indicator alone
	// that reach the next predicate; 0 when it cannot.
	ToNextPredicate int    `json:"to_next_predicate"`
	Cell            string `json:"cell,omitempty"`
}

// JSONResult is the JSON form of one evaluation (documented in README.md).
type JSONResult struct {
	Source     string             `json:"source"`
	Sheet      string             `json:"sheet"`
	Instansi   string             `json:"instansi"`
	Rubric     JSONRubric         `json:"rubric"`
	Index      Num                `json:"index"`
	IndexExact string             `json:"index_exact"`
	Predicate  string             `json:"predicate"`
	Edge       *JSONEdge          `json:"edge"`
	Domains    []JSONGroup        `json:"domains"`
	Aspects    []JSONGroup        `json:"aspects"`
	Indicators []JSONIndicator    `json:"indicators"`
	Provenance *result.Provenance `json:"provenance,omitempty"`
}

// weightPlaces is the number of decimals weights are written with.
const weightPlaces = 2

// NewJSONResult converts an evaluation to its JSON form.
func NewJSONResult(e *result.Evaluation) JSONResult {
	r := e.Result
	p := r.Rubric.Precision
	cp := p + 2 // contributions of single indicators need more places
	out := JSONResult{
		Source: e.Source, Sheet: e.Sheet, Instansi: e.Instansi,
		Rubric:     newJSONRubric(r.Rubric),
		Index:      num(r.Published, p),
		IndexExact: r.Index.Exact(),
		Predicate:  label.PredicateName(r.Predicate, "id"),
		Domains:    make([]JSONGroup, 0, len(r.Domains)), // [] for a rubric without domains
	}
	if r.Edge != nil {
		out.Edge = &JSONEdge{
			Boundary:       num(r.Edge.Boundary, p),
			ExactPredicate: label.PredicateName(r.Edge.ExactBand, "id"),
			Crossed:        r.Edge.Crossed(r.Predicate),
		}
	}
	group := func(g index.Group) JSONGroup {
		return JSONGroup{
			ID: g.ID, Domain: g.Domain, Name: g.Name,
			Weight:       num(g.Weight, weightPlaces),
			Index:        val(g.Index, p),
			IndexExact:   g.Index.Exact(),
			Contribution: val(g.Contribution, cp),
			Available:    val(g.Available, cp),
		}
	}
	for _, d := range r.Domains {
		out.Domains = append(out.Domains, group(d))
	}
	for _, a := range r.Aspects {
		out.Aspects = append(out.Aspects, group(a))
	}
	margins := plan.Marginal(r)
	for i, it := range r.Indicators {
		out.Indicators = append(out.Indicators, JSONIndicator{
			ID: it.Indicator.ID, Aspect: it.Indicator.Aspect.ID, Name: it.Indicator.Name,
			Weight:          num(it.Indicator.Weight, weightPlaces),
			Level:           Num(levelText(it.Level)),
			LevelName:       it.LevelName,
			Contribution:    val(it.Contribution, cp),
			Available:       val(it.Available, cp),
			Step:            val(it.Step, cp),
			ToNextPredicate: margins[i].ToNextBand,
			Cell:            e.Cells[it.Indicator.ID],
		})
	}
	return out
}

// levelText writes a level exactly, with at least one decimal ("3.0",
// "2.5", "1.1666666666666667").
func levelText(l rubric.Level) string {
	s := l.String()
	if l.IsInteger() {
		s += ".0"
	}
	return s
}

// JSON writes one object for a single evaluation, or {"results": [...]}
// for several.
func JSON(w io.Writer, evals []*result.Evaluation, o Options) error {
	enc := json.NewEncoder(jsonWriter(w))
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if len(evals) == 1 {
		res := NewJSONResult(evals[0])
		res.Provenance = o.Provenance
		return enc.Encode(res)
	}
	results := make([]JSONResult, len(evals))
	for i, e := range evals {
		results[i] = NewJSONResult(e)
	}
	return enc.Encode(struct {
		Results    []JSONResult       `json:"results"`
		Provenance *result.Provenance `json:"provenance,omitempty"`
	}{results, o.Provenance})
}
