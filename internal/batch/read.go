package batch

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
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
	// Rubric is the rubric every input is scored with (--rubric), and
	// Scorer its Scorer; nil to choose one per table among Choices (see
	// Choose).
	Rubric *rubric.Rubric
	Scorer *Scorer
	// Choices are the rubrics a table's rubric is chosen among when Rubric
	// is nil (the embedded ones); when Rubric is given, a table that is
	// another choice's in full gets a hint ("try --rubric ...").
	Choices []*Choice
	// AssumeExternal takes the level a rubric assumes for an indicator
	// scored by another agency that has no value (see
	// workbook.LevelOptions); the evaluation is then provisional
	// (Eval.Assumed).
	AssumeExternal bool
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
	// Instansi, when not "", selects the instansi of that name (by Key):
	// the wide rows and the sheets of others are passed over, unscored and
	// unchecked, and their names kept in Input.Others (--instansi).
	Instansi string
	// Lang is the language of the messages written anew ("id", the
	// default, or "en"); see say.
	Lang label.Lang
	// OtherSheetsHint is the advice of the note that other sheets hold a
	// table too (Input.OtherNote): "" for "--all-sheets scores them all".
	OtherSheetsHint string
}

// SheetAll is the deprecated Options.Sheet that meant AllSheets.
const SheetAll = "all"

// readOptions are the reader's options. The reader keeps every id: the
// rubric is given or chosen once the table is read (Read), and the ids
// are checked against it then.
func (o *Options) readOptions() workbook.Options {
	layout := workbook.LayoutAuto
	switch o.Layout {
	case LayoutLong:
		layout = workbook.LayoutLong
	case LayoutWide:
		layout = workbook.LayoutWide
	}
	// A wide header holds at least half the indicators of the rubric, or
	// of the smallest of the choices.
	want := 0
	if o.Rubric != nil {
		want = len(o.Rubric.Indicators())
	}
	for _, c := range o.Choices {
		if n := len(c.keys.IDs); o.Rubric == nil && (want == 0 || n < want) {
			want = n
		}
	}
	return workbook.Options{
		Layout: layout, Sheet: o.Sheet, AllSheets: o.AllSheets,
		IDCol: o.IDCol, LevelCol: o.LevelCol, Password: o.Password, MaxUnzipSize: o.MaxUnzipSize,
		Want: want, Lang: o.Lang,
	}
}

// pick returns the Scorer a table with ids is scored with: the one
// given, or the one Choose chooses, with the note that says which and
// why (prefix names the table: the file, and the sheet with AllSheets).
// The hint, for a rubric given, suggests another when the table is its.
func (o *Options) pick(prefix string, ev Evidence) (sc *Scorer, note, hint string, err error) {
	if o.Rubric != nil {
		sc = o.Scorer
		if sc == nil || sc.R != o.Rubric {
			sc = NewScorer(o.Rubric)
		}
		return sc, "", hintFor(sc, o.Choices, ev.IDs, o.Lang), nil
	}
	sc, why, err := chooseBy(o.Choices, ev)
	if err != nil {
		return nil, "", "", fmt.Errorf("%s: %w", prefix, err)
	}
	return sc, msg.Sprintf(o.Lang, "%s: rubric %s: %s; --rubric chooses another", prefix, Describe(sc.R), why), "", nil
}

// Input is what reading one input gave: its evaluations, its problems
// (each a *workbook.Error or an error naming the file), and notes for
// stderr.
type Input struct {
	Path  string
	Evals []*Eval
	Errs  []error
	// Lang is the language of its messages (Options.Lang).
	Lang label.Lang
	// LevelNote says which level column was used when there were several
	// (long layout); Warnings are the reader's warnings.
	LevelNote string
	Warnings  []string
	// Rubrics are the rubrics its tables were scored with (given, or
	// chosen: one per table), each once, in order; RubricNotes say which
	// was chosen for each table and why.
	Rubrics     []*rubric.Rubric
	RubricNotes []string
	// Wide is set when the input was read in the wide layout.
	Wide bool
	// AllSheets is set when every sheet was read (Options.AllSheets, or
	// the deprecated Sheet "all" in a workbook without a sheet "all").
	AllSheets bool
	// OtherNote says that sheets other than the one read hold a table too,
	// which were not read (no --sheet, no --all-sheets), or is "".
	OtherNote string
	// Others are the names of the instansi passed over by
	// Options.Instansi, in the order read.
	Others []string
	// Year is the year of the evaluation its first table gives above its
	// header (workbook.Sheet.Year, WideTable.Year: of the first row
	// selected), and YearCell where ("Penilaian!B2", or "B2" in a CSV
	// file); 0 and "" when none does.
	Year     int
	YearCell string
}

// Read reads and scores one input with workbook.Read. It never fails as a
// whole: problems are in Input.Errs, and the evaluations that could be
// scored are kept.
//
// Sheet "all" (SheetAll) reads the sheet named "all" when the workbook
// has one; otherwise it means AllSheets, with a warning that it is
// deprecated.
func Read(path string, o *Options) *Input {
	in := &Input{Path: path, Lang: o.Lang}
	opts := o.readOptions()
	if o.Sheet == SheetAll {
		has, err := workbook.HasSheet(path, SheetAll, opts)
		if !has {
			// An unreadable file is read with AllSheets, which says why.
			opts.Sheet, opts.AllSheets = "", true
		}
		if !has && err == nil {
			in.Warnings = append(in.Warnings, msg.Sprintf(o.Lang, `%s: warning: --sheet all is deprecated; use --all-sheets (there is no sheet named "all")`, path))
		}
	}
	in.AllSheets = opts.AllSheets
	wide := &wideSink{o: o, in: in}
	var others, read []string
	// The one long table of a workbook read without --all-sheets is
	// scored once the other sheets are known: they are evidence of its
	// instrument (Evidence.Others).
	var held func()
	var lists []butirRead
	v := workbook.Visitor{
		Butir: func(b *workbook.ButirList, err error) error {
			if b != nil {
				read = append(read, b.Sheet)
			}
			lists = append(lists, butirRead{b, err})
			return nil
		},
		Long: func(sh *workbook.Sheet, err error) error {
			if sh != nil {
				read = append(read, sh.Sheet)
			}
			if opts.AllSheets {
				longSheet(path, sh, err, o, in, nil, nil)
			} else {
				held = func() { longSheet(path, sh, err, o, in, others, besideList(lists)) }
			}
			return nil
		},
		Wide: func(t *workbook.WideTable) error {
			read = append(read, t.Sheet)
			return wide.table(t)
		},
		Row: wide.row,
	}
	if !opts.AllSheets && opts.Sheet == "" {
		v.Other = func(sheet string) { others = append(others, sheet) }
	}
	err := workbook.Read(path, opts, v)
	if held != nil {
		held()
	}
	in.Wide = wide.cur != nil
	wide.end()
	if err != nil {
		in.Errs = append(in.Errs, flatten(err)...)
	}
	in.butirLists(o, lists)
	if len(others) > 0 && len(read) > 0 {
		in.OtherNote = otherNote(o.Lang, path, read[0], others, o.OtherSheetsHint)
	}
	return in
}

// otherNote says which other sheets of a workbook hold a table too.
func otherNote(lang label.Lang, path, sheet string, others []string, hint string) string {
	if hint == "" {
		hint = msg.Sprintf(lang, "--all-sheets scores them all")
	}
	q := make([]string, len(others))
	for i, s := range others {
		q[i] = strconv.Quote(s)
	}
	list := msg.Sprintf(lang, "%s", msg.And(q))
	if len(q) > 5 {
		list = msg.Sprintf(lang, "%s and %d more", strings.Join(q[:4], ", "), len(q)-4)
	}
	if len(others) == 1 {
		return msg.Sprintf(lang, "%s: only sheet %q was read; sheet %s holds a table too (%s)", path, sheet, list, hint)
	}
	return msg.Sprintf(lang, "%s: only sheet %q was read; sheets %s hold a table too (%s)", path, sheet, list, hint)
}

// selects reports whether the instansi name is one Options.Instansi
// selects, keeping the names of the others in Input.Others.
func (o *Options) selects(in *Input, name string) bool {
	if o.Instansi == "" || Key(name) == Key(o.Instansi) {
		return true
	}
	in.Others = append(in.Others, name)
	return false
}

// use records that a table of the input is scored with r.
func (in *Input) use(r *rubric.Rubric, note string) {
	if !slices.Contains(in.Rubrics, r) {
		in.Rubrics = append(in.Rubrics, r)
	}
	if note != "" {
		in.RubricNotes = append(in.RubricNotes, note)
	}
}

// tableName names a table in notes: the file, and its sheet when every
// sheet is read.
func (in *Input) tableName(sheet string) string {
	if in.AllSheets && sheet != "" {
		return in.Path + ": " + sheet
	}
	return in.Path
}

// withHint adds a hint on its own line to the problems of a table.
//
// The hint comes first: with a workbook of another instrument, every one
// of its ids may be unknown, and the list is cut short after
// maxHintedErrors (the hint says what to do; the rest would bury it).
func withHint(err error, path, hint string, lang label.Lang) error {
	if hint == "" {
		return err
	}
	errs := append([]error{fmt.Errorf("%s: %s", path, hint)}, flatten(err)...)
	if n := len(errs) - 1; n > maxHintedErrors+1 {
		more := n - maxHintedErrors
		errs = append(errs[:1+maxHintedErrors], fmt.Errorf("%s: %s", path, msg.Sprintf(lang, "... and %d more such problems", more)))
	}
	return errors.Join(errs...)
}

// maxHintedErrors is how many problems of a table are listed after the
// hint that it is a workbook of another rubric.
const maxHintedErrors = 3

// besideList is the one butir list read without error from a workbook,
// which a table of indicator values in it stands beside, or nil.
func besideList(lists []butirRead) *workbook.ButirList {
	if len(lists) != 1 || lists[0].err != nil {
		return nil
	}
	return lists[0].list
}

// longSheet scores a sheet read in the long layout, with the rubric given
// or chosen by its ids and, when a butir list stands beside it (beside),
// by the rubric that list is scored with.
func longSheet(path string, sh *workbook.Sheet, err error, o *Options, in *Input, others []string, beside *workbook.ButirList) {
	name := ""
	named := false
	if sh != nil {
		// The name: the Instansi cell's, else the butir list's beside it,
		// else the sheet's when every sheet is read, else the file's.
		// --instansi selects a sheet without a cell by either of the
		// last two.
		names := []string{sh.Instansi}
		named = sh.InstansiCell != ""
		switch {
		case named:
		case beside != nil && beside.InstansiCell != "":
			names, named = []string{beside.Instansi}, true
		default:
			names = []string{FileInstansi(path)}
			if in.AllSheets && sh.Sheet != "" {
				names = []string{sh.Sheet, names[0]}
			}
		}
		name = names[0]
		if len(names) > 1 && o.Instansi != "" && Key(names[1]) == Key(o.Instansi) {
			name = names[1]
		}
		if !o.selects(in, name) {
			return
		}
	}
	if err != nil {
		in.Errs = append(in.Errs, flatten(err)...)
		return
	}
	if len(sh.OtherLevelColumns) > 0 {
		in.LevelNote = msg.Sprintf(o.Lang, "%s: levels from column %s %q (also found: %s)",
			path, sh.LevelColumn, sh.LevelHeader, strings.Join(sh.OtherLevelColumns, ", "))
	}
	for _, w := range sh.Warnings {
		in.Warnings = append(in.Warnings, msg.Sprintf(o.Lang, "%s: warning: %s", path, w))
	}
	ev := evidenceOf(sh, others)
	if beside != nil && o.Rubric == nil {
		ev.Butir, ev.ButirAt = o.butirRubric(beside), beside.Sheet
	}
	sc, note, hint, err := o.pick(in.tableName(sh.Sheet), ev)
	if err != nil {
		in.Errs = append(in.Errs, &workbook.Error{File: path, Sheet: sh.Sheet, Err: errors.Unwrap(err)})
		return
	}
	r := sc.R
	in.use(r, note)
	if err := sh.Unknown(r); err != nil {
		in.Errs = append(in.Errs, flatten(withHint(err, path, hint, o.Lang))...)
		return
	}
	if err := sh.CheckNames(r); err != nil && o.IDCol == "" {
		in.Errs = append(in.Errs, err)
		return
	}
	levels, assumed, err := sh.LevelsWith(r, workbook.LevelOptions{AssumeExternal: o.AssumeExternal})
	if err != nil {
		in.Errs = append(in.Errs, flatten(withHint(err, path, hint, o.Lang))...)
		return
	}
	// Only of a workbook scored with r: the weights of a rubric it is
	// refused with (a Pemdi form under --rubric permenpanrb-59-2020) would
	// put a warning per row before the hint.
	in.Warnings = append(in.Warnings, weightWarnings(path, sh, r, o.Lang)...)
	inds := r.Indicators()
	ls := make([]rubric.Level, len(inds))
	for i, ind := range inds {
		ls[i] = levels[ind.ID]
	}
	e := NewEval(sc, ls)
	e.Assumed = assumed
	e.Source, e.Sheet, e.Instansi = path, sh.Sheet, name
	e.Named = named || name != FileInstansi(path)
	if in.Year == 0 && sh.Year != 0 {
		in.Year, in.YearCell = sh.Year, sh.YearCell
		if sh.Sheet != "" {
			in.YearCell = sh.Sheet + "!" + sh.YearCell
		}
	}
	e.Category = nameCategory(e.Instansi)
	if e.Region = sh.Region; e.Region == "" {
		e.Region = workbook.ProvinceOf(e.Instansi)
	}
	pos := make(map[*rubric.Indicator]int, len(inds))
	for i, ind := range inds {
		pos[ind] = i
	}
	e.cells = make([]string, len(inds))
	for _, en := range sh.Entries {
		if ind := workbook.Indicator(r, en.ID); ind != nil && e.cells[pos[ind]] == "" && !slices.Contains(assumed, ind.ID) {
			e.cells[pos[ind]] = en.Cell
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

// wideSink scores the rows of wide tables as the reader hands them on,
// with the rubric given or chosen by the header's ids.
type wideSink struct {
	o      *Options
	in     *Input
	cur    *workbook.WideTable
	sc     *Scorer // of the current table
	cols   []string
	levels []rubric.Level
	rows   int      // rows of cur
	hidden []string // the hidden rows of cur, read
}

// table chooses the rubric of a wide table, checks its columns before its
// rows, and notes which columns it reads when an indicator has several.
func (w *wideSink) table(t *workbook.WideTable) (err error) {
	w.end()
	w.cur, w.rows = t, 0
	defer func() {
		if err != nil {
			w.cur = nil // refused: no rows follow, and none are missed
		}
	}()
	sc, note, hint, perr := w.o.pick(w.in.tableName(t.Sheet), wideEvidence(t))
	if perr != nil {
		return &workbook.Error{File: t.Source, Sheet: t.Sheet, Err: errors.Unwrap(perr)}
	}
	w.sc = sc
	w.in.use(sc.R, note)
	if err := t.CheckColumns(sc.R); err != nil {
		return withHint(err, t.Source, hint, w.o.Lang)
	}
	if t.LevelNote != "" {
		w.in.LevelNote = w.in.Path + ": " + sheetPrefix(t.Sheet) + t.LevelNote
	}
	if err := t.ExternalColumns(sc.R, workbook.LevelOptions{AssumeExternal: w.o.AssumeExternal}); err != nil {
		return err
	}
	w.cols = t.ColumnLetters(sc.R)
	return nil
}

// end warns when the wide table just read had no rows: an empty
// national template scores nothing, and says why.
func (w *wideSink) end() {
	if w.cur != nil && w.rows == 0 {
		w.in.Warnings = append(w.in.Warnings, msg.Sprintf(w.o.Lang, "%s: warning: %sthe wide table under the header in row %d has no instansi rows",
			w.in.Path, sheetPrefix(w.cur.Sheet), w.cur.HeaderRow))
	}
	if w.cur != nil && len(w.cur.Summaries) > 0 {
		w.in.Warnings = append(w.in.Warnings, msg.Sprintf(w.o.Lang, "%s: warning: %srows left out as summaries, not instansi: %s",
			w.in.Path, sheetPrefix(w.cur.Sheet), strings.Join(w.cur.Summaries, ", ")))
	}
	if w.cur != nil && len(w.hidden) == 1 {
		w.in.Warnings = append(w.in.Warnings, msg.Sprintf(w.o.Lang, "%s: warning: %srow %s is hidden; its levels were read",
			w.in.Path, sheetPrefix(w.cur.Sheet), w.hidden[0]))
	}
	if w.cur != nil && len(w.hidden) > 1 {
		w.in.Warnings = append(w.in.Warnings, msg.Sprintf(w.o.Lang, "%s: warning: %srows %s are hidden; their levels were read",
			w.in.Path, sheetPrefix(w.cur.Sheet), strings.Join(w.hidden, ", ")))
	}
	w.cur, w.rows, w.hidden = nil, -1, nil // warned once
}

func sheetPrefix(sheet string) string {
	if sheet == "" {
		return ""
	}
	return sheet + ": "
}

func (w *wideSink) row(t *workbook.WideTable, row *workbook.WideRow) error {
	w.rows++
	if row.Hidden {
		w.hidden = append(w.hidden, strconv.Itoa(row.Row))
	}
	if w.o.Instansi != "" && row.Instansi == "" || !w.o.selects(w.in, row.Instansi) {
		return nil
	}
	if w.in.Year == 0 && t.Year != 0 {
		w.in.Year, w.in.YearCell = t.Year, t.YearCell
		if t.Sheet != "" {
			w.in.YearCell = t.Sheet + "!" + t.YearCell
		}
	}
	r := w.sc.R
	var err error
	var assumed []string
	w.levels, assumed, err = row.LevelsWith(t, r, workbook.LevelOptions{AssumeExternal: w.o.AssumeExternal}, w.levels)
	if err != nil {
		w.in.Errs = append(w.in.Errs, flatten(err)...)
		return nil
	}
	e := NewEval(w.sc, w.levels)
	e.Assumed = assumed
	e.Source, e.Sheet, e.Instansi, e.Named = w.in.Path, t.Sheet, row.Instansi, true
	if row.Category != "" {
		e.Category = workbook.Category(row.Category)
	} else {
		e.Category = nameCategory(row.Instansi)
	}
	if e.Region = row.Region; e.Region == "" {
		e.Region = workbook.ProvinceOf(row.Instansi)
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
