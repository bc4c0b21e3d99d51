package batch

import (
	"errors"
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
	// Sheet is a sheet name, "" to detect, or "all" for every sheet.
	Sheet                     string
	IDCol, LevelCol, Password string
	// MaxUnzipSize bounds the unpacked size of a workbook (0: the reader's
	// default).
	MaxUnzipSize int64
	// Hint may add advice to the error of a long-layout workbook (e.g.
	// "try --rubric permenpanrb-5-2018"); nil for none.
	Hint func(path string, err error) error
}

// readOptions are the reader's options for a sheet ("" to detect).
func (o *Options) readOptions(sheet string) workbook.Options {
	r := o.Rubric
	return workbook.Options{
		Sheet: sheet, IDCol: o.IDCol, LevelCol: o.LevelCol, Password: o.Password, MaxUnzipSize: o.MaxUnzipSize,
		Known: func(id string) bool { return r.Indicator(id) != nil },
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
}

// Read reads and scores one input. It never fails as a whole: problems
// are in Input.Errs, and the evaluations that could be scored are kept.
func Read(path string, o *Options) *Input {
	in := &Input{Path: path}
	if o.Layout == LayoutAuto && o.Sheet != "all" && o.IDCol == "" && o.LevelCol == "" {
		// One pass: the wide rows as they come, or the long table.
		r := o.Rubric
		wide := newWideSink(o, in)
		sh, err := workbook.ReadAuto(path, workbook.WideOptions{
			Options: o.readOptions(o.Sheet),
			Want:    len(r.Indicators()),
		}, wide.row)
		in.Wide = wide.cur != nil
		if sh == nil && err == nil {
			return in
		}
		longSheet(path, sh, err, o, in)
		return in
	}
	if o.Layout != LayoutLong && o.IDCol == "" && o.LevelCol == "" {
		err := readWide(path, o, in)
		if err == nil {
			in.Wide = true
			return in
		}
		if !errors.Is(err, workbook.ErrNotWide) || o.Layout == LayoutWide {
			if errors.Is(err, workbook.ErrNotWide) {
				err = fmt.Errorf("%s: %w: no header row with an instansi column (Instansi, Nama Instansi, Pemerintah Daerah, Nama) and indicator columns (1, 2, ... or Indikator 1, ...)", path, workbook.ErrNotWide)
			}
			in.Errs = append(in.Errs, err)
			return in
		}
	}
	if o.Sheet != "all" {
		readLong(path, o.Sheet, o, in)
		return in
	}
	names, err := workbook.SheetNames(path)
	if err != nil {
		in.Errs = append(in.Errs, err)
		return in
	}
	if names == nil { // CSV: one table
		readLong(path, "", o, in)
		return in
	}
	for _, name := range names {
		readLong(path, name, o, in)
	}
	if len(in.Evals) == 0 && len(in.Errs) == 0 {
		in.Errs = append(in.Errs, &workbook.Error{File: path, Err: workbook.ErrNoTable})
	}
	return in
}

// readLong reads one sheet (or the detected one) in the long layout.
func readLong(path, sheet string, o *Options, in *Input) {
	sh, err := workbook.Read(path, o.readOptions(sheet))
	if err != nil && o.Sheet == "all" && sh == nil && errors.Is(err, workbook.ErrNoTable) {
		return // --sheet all: a sheet without a table (notes, a cover) is skipped
	}
	longSheet(path, sh, err, o, in)
}

// longSheet scores a sheet read in the long layout.
func longSheet(path string, sh *workbook.Sheet, err error, o *Options, in *Input) {
	r := o.Rubric
	hint := func(err error) error {
		if o.Hint != nil {
			return o.Hint(path, err)
		}
		return err
	}
	if err != nil {
		in.Errs = append(in.Errs, flatten(hint(err))...)
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
		in.Errs = append(in.Errs, flatten(hint(err))...)
		return
	}
	inds := r.Indicators()
	ls := make([]rubric.Level, len(inds))
	for i, ind := range inds {
		ls[i] = levels[ind.ID]
	}
	e := NewEval(o.Scorer, ls)
	e.Source, e.Sheet, e.Instansi = path, sh.Sheet, sh.Instansi
	if o.Sheet == "all" && sh.InstansiCell == "" && sh.Sheet != "" {
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
}

func newWideSink(o *Options, in *Input) *wideSink { return &wideSink{o: o, in: in} }

func (w *wideSink) row(t *workbook.WideTable, row *workbook.WideRow) error {
	r := w.o.Rubric
	inds := r.Indicators()
	if t != w.cur {
		w.cur = t
		if err := t.CheckColumns(r); err != nil {
			return err
		}
		w.cols = make([]string, len(inds))
		for i, ind := range inds {
			w.cols[i] = t.Columns[ind.ID]
		}
	}
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

func readWide(path string, o *Options, in *Input) error {
	r := o.Rubric
	opts := workbook.WideOptions{
		Options:   o.readOptions(o.Sheet),
		Want:      len(r.Indicators()),
		AllSheets: o.Sheet == "all",
	}
	if o.Sheet == "all" {
		opts.Sheet = ""
	}
	return workbook.ReadWide(path, opts, newWideSink(o, in).row)
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
