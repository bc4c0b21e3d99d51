package batch

import (
	"fmt"
	"slices"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// SidesOptions say what spbe compare compares and how its sides are read.
type SidesOptions struct {
	// Old and New are the two sides: workbooks, CSV files or folders (or
	// one workbook twice, with OldCol and NewCol).
	Old, New string
	// OldCol and NewCol override Read.LevelCol on their side; a level
	// column read means the long layout.
	OldCol, NewCol string
	Recursive      bool
	Jobs           int
	// Read is how both sides are read: Rubric nil chooses it per table;
	// Instansi selects one instansi on each side.
	Read *Options
	// Lang is the language of the labels that say where each side's
	// levels came from ("sheet", "column").
	Lang string
}

// Sides are the inputs of the two sides of spbe compare, as read.
type Sides struct {
	o          SidesOptions
	Olds, News []*Input
	// Files are every file read, for the output policy: an output never
	// replaces one of them.
	Files []string
}

// ReadSides expands and reads both sides, old then new, each in input
// order. A side without a workbook is an error; an input that cannot be
// read is in its Input.Errs.
func ReadSides(o SidesOptions) (*Sides, error) {
	s := &Sides{o: o}
	var sc *Scorer
	if o.Read.Rubric != nil {
		sc = NewScorer(o.Read.Rubric) // one Scorer for both sides
	}
	side := func(path, col string) ([]*Input, error) {
		inputs, err := Expand([]string{path}, o.Recursive)
		if err != nil {
			return nil, err
		}
		s.Files = append(s.Files, inputs...)
		if len(inputs) == 0 {
			return nil, msg.Errorf("no workbooks (.xlsx, .xlsm, .csv) in %s", path)
		}
		ro := *o.Read
		ro.Scorer = sc
		if col != "" {
			ro.LevelCol = col
		}
		if ro.LevelCol != "" {
			ro.Layout = LayoutLong
		}
		var ins []*Input
		err = ReadAll(inputs, o.Jobs, &ro, func(in *Input) { ins = append(ins, in) })
		return ins, err
	}
	var err error
	if s.Olds, err = side(o.Old, o.OldCol); err != nil {
		return nil, err
	}
	if s.News, err = side(o.New, o.NewCol); err != nil {
		return nil, err
	}
	return s, nil
}

// All are the inputs of both sides, old side first.
func (s *Sides) All() []*Input { return append(slices.Clone(s.Olds), s.News...) }

// OneAgainstOne reports whether the sides are one workbook of one
// instansi against another (OneAgainstOne).
func (s *Sides) OneAgainstOne() bool { return OneAgainstOne(s.Olds, s.News) }

// Compare compares the sides under the rubric given (Read.Rubric) or the
// one chosen for both: the instansi --instansi names must be on each
// side (a *ChooseError), the sides must be of one instrument (an error
// that says why, CheckInstruments and SingleRubric), then CompareSides,
// each evaluation labelled with its file, sheet and level column.
func (s *Sides) Compare() (*result.Comparisons, []error, error) {
	o := s.o
	if err := FindAll(s.Olds, o.Read.Instansi, o.Old); err != nil {
		return nil, nil, err
	}
	if err := FindAll(s.News, o.Read.Instansi, o.New); err != nil {
		return nil, nil, err
	}
	if o.Read.Rubric == nil {
		if err := differentInstruments(s.Olds, s.News); err != nil {
			return nil, nil, err
		}
	}
	r, err := SingleRubric(o.Read.Rubric, s.All(), "compared")
	if err != nil {
		return nil, nil, err
	}
	where := func(e *Eval, old bool) string {
		col := o.NewCol
		if old {
			col = o.OldCol
		}
		w := e.Source
		if e.Sheet != "" {
			w += ", " + label.SheetWord(o.Lang) + " " + e.Sheet
		}
		if col != "" {
			w += fmt.Sprintf(", %s %q", label.ColumnWord(o.Lang), col)
		}
		return w
	}
	if err := s.checkInstruments(r); err != nil {
		return nil, nil, err
	}
	return CompareSides(r, s.Olds, s.News, where)
}

// checkInstruments refuses, with the reason, to compare two sides when
// one of them failed to read under the rubric but is an evaluation of
// another embedded rubric (an SPBE 2025 workbook against a Pemdi 2026
// one): CheckInstruments, each side's first input read again under
// every other embedded rubric.
func (s *Sides) checkInstruments(r *rubric.Rubric) error {
	var others []*rubric.Rubric
	for _, id := range rubric.EmbeddedIDs() {
		if o, err := rubric.ByID(id); err == nil {
			others = append(others, o)
		}
	}
	o := s.o
	reread := func(path string, other *rubric.Rubric) bool {
		col := o.NewCol
		if slices.ContainsFunc(s.Olds, func(in *Input) bool { return in.Path == path }) {
			col = o.OldCol
		}
		ro := &Options{Rubric: other, Scorer: NewScorer(other), Sheet: o.Read.Sheet, AllSheets: o.Read.AllSheets, LevelCol: col, Password: o.Read.Password}
		if col != "" {
			ro.Layout = LayoutLong
		}
		in := Read(path, ro)
		return len(in.Errs) == 0 && len(in.Evals) > 0
	}
	return CheckInstruments(r, o.Old, s.Olds, o.New, s.News, others, reread)
}
