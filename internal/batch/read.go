package batch

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Layouts accepted by Options.Layout.
const (
	LayoutAuto = ""
	LayoutLong = "long"
	LayoutWide = "wide"
)

// Options say how to read and score inputs.
type Options struct {
	Rubric *rubric.Rubric
	Scorer *Scorer
	// Layout is LayoutAuto (detect: wide when a sheet has a wide header,
	// else long), LayoutLong or LayoutWide.
	Layout string
	// Sheet is a sheet name, or "" to detect. SheetAll ("all") is the
	// deprecated spelling of AllSheets: see Read.
	Sheet string
	// AllSheets reads every sheet that holds a table (one instansi per
	// sheet, or every wide table) instead of the first one.
	AllSheets                 bool
	IDCol, LevelCol, Password string
	// MaxUnzipSize bounds the unpacked size of a workbook (0: the reader's
	// default).
	MaxUnzipSize int64
	// Hint may add advice to the error of a long-layout workbook (e.g.
	// "try --rubric permenpanrb-5-2018"); nil for none.
	Hint func(path string, err error) error
}

// SheetAll is the deprecated Options.Sheet that meant AllSheets.
const SheetAll = "all"

// readOptions are the reader's options.
func (o *Options) readOptions() workbook.Options {
	r := o.Rubric
	layout := workbook.LayoutAuto
	switch o.Layout {
	case LayoutLong:
		layout = workbook.LayoutLong
	case LayoutWide:
		layout = workbook.LayoutWide
	}
	return workbook.Options{
		Layout: layout, Sheet: o.Sheet, AllSheets: o.AllSheets,
		IDCol: o.IDCol, LevelCol: o.LevelCol, Password: o.Password, MaxUnzipSize: o.MaxUnzipSize,
		Known: func(id string) bool { return r.Indicator(id) != nil },
		Want:  len(r.Indicators()),
	}
}

// Input is what reading one input gave: its evaluations, its problems
// (each a *workbook.Error or an error naming the file), and notes for
// stderr.
type Input struct {
	Path  string
	Evals []*Eval
	Errs  []error
	// LevelNote says which level column was used when there were several
	// (long layout); Warnings are the reader's warnings.
	LevelNote string
	Warnings  []string
	// Wide is set when the input was read in the wide layout.
	Wide bool
	// AllSheets is set when every sheet was read (Options.AllSheets, or
	// the deprecated Sheet "all" in a workbook without a sheet "all").
	AllSheets bool
}

// Read reads and scores one input with workbook.Read. It never fails as a
// whole: problems are in Input.Errs, and the evaluations that could be
// scored are kept.
//
// Sheet "all" (SheetAll) reads the sheet named "all" when the workbook
// has one; otherwise it means AllSheets, with a warning that it is
// deprecated.
func Read(path string, o *Options) *Input {
	in := &Input{Path: path}
	opts := o.readOptions()
	if o.Sheet == SheetAll {
		has, err := workbook.HasSheet(path, SheetAll, opts)
		if !has {
			// An unreadable file is read with AllSheets, which says why.
			opts.Sheet, opts.AllSheets = "", true
		}
		if !has && err == nil {
			in.Warnings = append(in.Warnings, path+`: warning: --sheet all is deprecated; use --all-sheets (there is no sheet named "all")`)
		}
	}
	in.AllSheets = opts.AllSheets
	wide := &wideSink{o: o, in: in}
	err := workbook.Read(path, opts, workbook.Visitor{
		Long: func(sh *workbook.Sheet, err error) error {
			longSheet(path, sh, err, o, in)
			return nil
		},
		Wide: wide.table,
		Row:  wide.row,
	})
	in.Wide = wide.cur != nil
	wide.end()
	if err != nil {
		in.Errs = append(in.Errs, flatten(o.hint(path, err))...)
	}
	return in
}

// hint adds the Hint's advice to err.
func (o *Options) hint(path string, err error) error {
	if o.Hint != nil {
		return o.Hint(path, err)
	}
	return err
}

// longSheet scores a sheet read in the long layout.
func longSheet(path string, sh *workbook.Sheet, err error, o *Options, in *Input) {
	r := o.Rubric
	if err != nil {
		in.Errs = append(in.Errs, flatten(o.hint(path, err))...)
		return
	}
	if len(sh.OtherLevelColumns) > 0 {
		in.LevelNote = fmt.Sprintf("%s: levels from column %s %q (also found: %s)",
			path, sh.LevelColumn, sh.LevelHeader, strings.Join(sh.OtherLevelColumns, ", "))
	}
	for _, w := range sh.Warnings {
		in.Warnings = append(in.Warnings, path+": warning: "+w)
	}
	levels, err := sh.Levels(r)
	if err != nil {
		in.Errs = append(in.Errs, flatten(o.hint(path, err))...)
		return
	}
	inds := r.Indicators()
	ls := make([]rubric.Level, len(inds))
	for i, ind := range inds {
		ls[i] = levels[ind.ID]
	}
	e := NewEval(o.Scorer, ls)
	e.Source, e.Sheet, e.Instansi = path, sh.Sheet, sh.Instansi
	if in.AllSheets && sh.InstansiCell == "" && sh.Sheet != "" {
		e.Instansi = sh.Sheet
	}
	e.Category = nameCategory(e.Instansi)
	pos := make(map[string]int, len(inds))
	for i, ind := range inds {
		pos[ind.ID] = i
	}
	e.cells = make([]string, len(inds))
	for _, en := range sh.Entries {
		if i, ok := pos[en.ID]; ok && e.cells[i] == "" {
			e.cells[i] = en.Cell
		}
	}
	in.Evals = append(in.Evals, e)
}

// nameCategory is the category an instansi's name implies, or "".
func nameCategory(name string) string {
	c := workbook.Category(name)
	if slices.Contains(workbook.Categories[:], c) {
		return c
	}
	return ""
}

// wideSink scores the rows of wide tables as the reader hands them on.
type wideSink struct {
	o      *Options
	in     *Input
	cur    *workbook.WideTable
	cols   []string
	levels []rubric.Level
	rows   int // rows of cur
}

// table checks a wide table's columns before its rows, and notes which
// columns it reads when an indicator has several.
func (w *wideSink) table(t *workbook.WideTable) error {
	w.end()
	w.cur, w.rows = t, 0
	if t.LevelNote != "" {
		w.in.LevelNote = w.in.Path + ": " + sheetPrefix(t.Sheet) + t.LevelNote
	}
	if err := t.CheckColumns(w.o.Rubric); err != nil {
		return err
	}
	inds := w.o.Rubric.Indicators()
	w.cols = make([]string, len(inds))
	for i, ind := range inds {
		w.cols[i] = t.Columns[ind.ID]
	}
	return nil
}

// end warns when the wide table just read had no rows: an empty
// national template scores nothing, and says why.
func (w *wideSink) end() {
	if w.cur != nil && w.rows == 0 {
		w.in.Warnings = append(w.in.Warnings, fmt.Sprintf("%s: warning: %sthe wide table under the header in row %d has no instansi rows",
			w.in.Path, sheetPrefix(w.cur.Sheet), w.cur.HeaderRow))
	}
	w.cur, w.rows = nil, -1 // warned once
}

func sheetPrefix(sheet string) string {
	if sheet == "" {
		return ""
	}
	return sheet + ": "
}

func (w *wideSink) row(t *workbook.WideTable, row *workbook.WideRow) error {
	w.rows++
	r := w.o.Rubric
	var err error
	w.levels, err = row.Levels(t, r, w.levels)
	if err != nil {
		w.in.Errs = append(w.in.Errs, flatten(err)...)
		return nil
	}
	e := NewEval(w.o.Scorer, w.levels)
	e.Source, e.Sheet, e.Instansi = w.in.Path, t.Sheet, row.Instansi
	if row.Category != "" {
		e.Category = workbook.Category(row.Category)
	} else {
		e.Category = nameCategory(row.Instansi)
	}
	e.cols, e.row = w.cols, int32(row.Row)
	w.in.Evals = append(w.in.Evals, e)
	return nil
}

// flatten splits an errors.Join into its errors.
func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
