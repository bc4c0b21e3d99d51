package textout

import (
	"io"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Num is a JSON number written from exact decimal text, always with a
// decimal point (2.95, 1.30, 3.0); the empty Num is null (the mean of
// no evaluations).
type Num string

// MarshalJSON writes n as a bare number, or null.
func (n Num) MarshalJSON() ([]byte, error) {
	if n == "" {
		return []byte("null"), nil
	}
	return []byte(n), nil
}

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
	// ToNextPredicate is the fewest steps on this indicator alone (a
	// step to the next whole level, as a plan takes it) that lift the
	// index into the next predicate band; null when this indicator alone
	// cannot, or the index is in the top band already.
	ToNextPredicate *int   `json:"to_next_predicate"`
	Cell            string `json:"cell,omitempty"`
}

// JSONProvisional marks a provisional evaluation: the indicators whose
// levels are the rubric's assumption for values other agencies have not
// given yet (result.Evaluation.Assumed).
type JSONProvisional struct {
	Indicators []string `json:"indicators"`
	Note       string   `json:"note"`
}

func newJSONProvisional(r *rubric.Rubric, assumed []string) *JSONProvisional {
	if len(assumed) == 0 {
		return nil
	}
	return &JSONProvisional{Indicators: assumed, Note: label.ProvisionalNote(r, assumed, "en")}
}

// JSONResult is the JSON form of one evaluation (documented in docs/json.md).
type JSONResult struct {
	Source     string     `json:"source"`
	Sheet      string     `json:"sheet"`
	Instansi   string     `json:"instansi"`
	Rubric     JSONRubric `json:"rubric"`
	Index      Num        `json:"index"`
	IndexExact string     `json:"index_exact"`
	Predicate  string     `json:"predicate"`
	Edge       *JSONEdge  `json:"edge"`
	// Provisional is present when levels are the rubric's assumption.
	Provisional *JSONProvisional `json:"provisional,omitempty"`
	// Butir is present when the evaluation was read with a butir list.
	Butir      *JSONButir         `json:"butir,omitempty"`
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
	out.Provisional = newJSONProvisional(r.Rubric, e.Assumed)
	out.Butir = newJSONButir(e)
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
	// [] rather than null when a rubric has no domains (or aspects).
	out.Domains = make([]JSONGroup, 0, len(r.Domains))
	out.Aspects = make([]JSONGroup, 0, len(r.Aspects))
	out.Indicators = make([]JSONIndicator, 0, len(r.Indicators))
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
			ToNextPredicate: toNext(margins[i]),
			Cell:            e.Cells[it.Indicator.ID],
		})
	}
	return out
}

// toNext is the JSON to_next_predicate of a margin: nil (null) when the
// indicator alone cannot reach the next band (plan.Margin's 0).
func toNext(m plan.Margin) *int {
	if m.ToNextBand == 0 {
		return nil
	}
	return &m.ToNextBand
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
// for several, one evaluation at a time (the shape of JSONResult).
func JSON(w io.Writer, evals []*result.Evaluation, o Options) error {
	if len(evals) == 1 {
		b, err := appendResult(nil, 0, evals[0], nil, o.Provenance, false)
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	}
	b := appendKey([]byte{'{'}, 2, "results", true)
	b = append(b, '[')
	for i, e := range evals {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendNewline(b, 4)
		b, _ = appendResult(b, 4, e, nil, nil, false) // no provenance: no error
		if _, err := w.Write(b); err != nil {
			return err
		}
		b = b[:0]
	}
	b = appendEnd(b, 2, ']', len(evals) == 0)
	if o.Provenance != nil {
		var err error
		b = appendKey(b, 2, "provenance", false)
		if b, err = appendAny(b, o.Provenance, 2, false); err != nil {
			return err
		}
	}
	_, err := w.Write(append(b, '\n', '}', '\n'))
	return err
}
