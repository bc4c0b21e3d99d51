package batch

import (
	"math"
	"strconv"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Eval is one scored instansi, kept compact: a wide workbook of 100,000
// instansi holds 100,000 of them. The full index.Result is rebuilt from
// the levels when an output needs it (Full).
type Eval struct {
	Source, Sheet      string
	Instansi, Category string
	// Region is the region (province) of the instansi when it is known:
	// the workbook's region cell or column (workbook.Sheet.Region,
	// WideRow.Region), else a provinsi's own name (workbook.ProvinceOf);
	// "" when neither gives one.
	Region string
	// Named is true when Instansi is the workbook's own (an Instansi cell
	// or column, or a sheet's name), false when it is made from the file
	// name (FileInstansi), which says nothing of the instansi.
	Named bool
	// Levels are the levels in rubric order.
	Levels Levels
	// Published is the published index.
	Published rubric.Decimal
	// Assumed are the indicators, in rubric order, whose level is the
	// rubric's assumption for a value another agency has not given
	// (Options.AssumeExternal): the evaluation is provisional. nil for
	// most.
	Assumed []string
	// Rank is the rank in the whole batch (ties share a rank).
	Rank int32
	// row is the sheet row of a wide table's instansi.
	row int32
	// Band is the predicate's index in the rubric's predicates, -1 for
	// none.
	Band int8
	// cells are the level cells per indicator in rubric order (long
	// layout), or nil; wide rows have cols (shared by the rows of a
	// table) and row.
	cells []string
	cols  []string
	// butir is the butir list behind the evaluation, or nil.
	butir *result.Butir
}

// Butir returns the butir list behind the evaluation, or nil.
func (e *Eval) Butir() *result.Butir { return e.butir }

// Levels are the levels of one evaluation in rubric order, stored in a
// byte per level when every level is a whole number up to 255 (always,
// on the SPBE scales); else in four bytes as millionths (the units of
// rubric.Decimal) when every level is a Decimal (no scale goes beyond
// 2147); else exactly, as rubric.Level (a fractional level stored with
// 17 significant digits, such as 1.1666666666666667).
type Levels struct {
	small []uint8
	large []int32
	exact []rubric.Level
}

// NewLevels stores levels compactly.
func NewLevels(levels []rubric.Level) Levels {
	small, large := true, true
	for _, l := range levels {
		if !l.IsInteger() || l < 0 || l > rubric.NewLevel(255) {
			small = false
		}
		if d, ok := l.Decimal(); !ok || d.Units() < math.MinInt32 || d.Units() > math.MaxInt32 {
			large = false
			break
		}
	}
	switch {
	case small && large:
		b := make([]uint8, len(levels))
		for i, l := range levels {
			b[i] = uint8(l.Floor())
		}
		return Levels{small: b}
	case large:
		v := make([]int32, len(levels))
		for i, l := range levels {
			d, _ := l.Decimal()
			v[i] = int32(d.Units())
		}
		return Levels{large: v}
	}
	return Levels{exact: append([]rubric.Level(nil), levels...)}
}

// Len returns the number of levels.
func (l Levels) Len() int { return len(l.small) + len(l.large) + len(l.exact) }

// At returns the i-th level.
func (l Levels) At(i int) rubric.Level {
	switch {
	case l.small != nil:
		return rubric.NewLevel(int64(l.small[i]))
	case l.large != nil:
		lv, _ := rubric.LevelOf(rubric.Decimal(l.large[i]))
		return lv
	}
	return l.exact[i]
}

// Cell returns the cell the level of the i-th indicator came from.
func (e *Eval) Cell(i int) string {
	switch {
	case e.cells != nil:
		return e.cells[i]
	case e.cols != nil && e.cols[i] != "":
		// One allocation: Full asks for every cell of every row.
		var b [32]byte
		return string(strconv.AppendInt(append(b[:0], e.cols[i]...), int64(e.row), 10))
	}
	return ""
}

// Row is the sheet row of a wide table's instansi, or 0.
func (e *Eval) Row() int { return int(e.row) }

// NewEval makes an Eval from levels in rubric order, scoring it.
func NewEval(sc *Scorer, levels []rubric.Level) *Eval {
	e := &Eval{Levels: NewLevels(levels)}
	var s Sums
	sc.Sums(e.Levels, &s)
	var band int
	e.Published, band = sc.Judge(sc.Index(&s))
	e.Band = int8(band)
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
func (e *Eval) Full(r *rubric.Rubric) (*result.Evaluation, error) {
	inds := r.Indicators()
	levels := make(index.Levels, len(inds))
	cells := make(map[string]string, len(inds))
	for i, ind := range inds {
		levels[ind.ID] = e.Levels.At(i)
		if c := e.Cell(i); c != "" {
			cells[ind.ID] = c
		}
	}
	res, err := index.Compute(r, levels)
	if err != nil {
		return nil, err
	}
	return &result.Evaluation{Source: e.Source, Sheet: e.Sheet, Instansi: e.Instansi, Region: e.Region, Row: e.Row(), Cells: cells, Result: res, Assumed: e.Assumed, Butir: e.butir}, nil
}

// Scored returns what the gates look at, named by the input, its sheet
// and the instansi.
func (e *Eval) Scored(r *rubric.Rubric) result.Scored {
	name := e.Source
	if e.Sheet != "" {
		name += ": " + e.Sheet
	}
	return result.Scored{Name: name + ": " + e.Instansi, Published: e.Published, Precision: r.Precision, Predicate: e.Predicate(r)}
}
