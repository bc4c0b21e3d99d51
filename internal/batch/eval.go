package batch

import (
	"github.com/spbe-id/spbe/internal/render"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Eval is one scored instansi, kept compact: a wide workbook of 100,000
// instansi holds 100,000 of them. The full index.Result is rebuilt from
// the levels when an output needs it (Full).
type Eval struct {
	Source, Sheet      string
	Instansi, Category string
	// Levels are the levels in rubric order, in millionths (the units of
	// rubric.Decimal); levels above 2147 do not occur on any scale.
	Levels []int32
	// Published is the published index and Band the predicate's index in
	// the rubric's predicates.
	Published rubric.Decimal
	Band      int
	// Rank is the rank in the whole batch (ties share a rank).
	Rank int
	// cells are the level cells per indicator in rubric order (long
	// layout), or nil; wide rows have cols (shared by the rows of a
	// table) and row.
	cells []string
	cols  []string
	row   int
}

// Cell returns the cell the level of the i-th indicator came from.
func (e *Eval) Cell(i int) string {
	switch {
	case e.cells != nil:
		return e.cells[i]
	case e.cols != nil && e.cols[i] != "":
		return e.cols[i] + itoa(e.row)
	}
	return ""
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(b[i:])
}

// NewEval makes an Eval from levels in rubric order, scoring it.
func NewEval(sc *Scorer, levels []rubric.Decimal) *Eval {
	e := &Eval{Levels: make([]int32, len(levels))}
	for i, l := range levels {
		e.Levels[i] = int32(l.Units())
	}
	var s Sums
	sc.Sums(e.Levels, &s)
	e.Published, e.Band = sc.Judge(sc.Index(&s))
	return e
}

// Predicate returns the predicate band, or nil.
func (e *Eval) Predicate(r *rubric.Rubric) *rubric.Band {
	if e.Band < 0 {
		return nil
	}
	return r.Predicates[e.Band]
}

// Full computes the complete result of the evaluation for the outputs
// that list every indicator (JSON, the Excel report).
func (e *Eval) Full(r *rubric.Rubric) (*render.Evaluation, error) {
	inds := r.Indicators()
	levels := make(index.Levels, len(inds))
	cells := make(map[string]string, len(inds))
	for i, ind := range inds {
		levels[ind.ID] = rubric.Decimal(e.Levels[i])
		if c := e.Cell(i); c != "" {
			cells[ind.ID] = c
		}
	}
	res, err := index.Compute(r, levels)
	if err != nil {
		return nil, err
	}
	return &render.Evaluation{Source: e.Source, Sheet: e.Sheet, Instansi: e.Instansi, Cells: cells, Result: res}, nil
}
