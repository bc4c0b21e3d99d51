package workbook

import (
	"errors"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
)

// Options says how to read a workbook. Everything not given is detected.
type Options struct {
	// Layout is the layout of the table to read: LayoutLong (the zero
	// value), LayoutWide or LayoutAuto. IDCol or LevelCol mean LayoutLong.
	Layout Layout
	// Sheet is the sheet name; "" detects it: the first sheet in workbook
	// order with a table (visible sheets before hidden ones). A name
	// matches a sheet exactly or, failing that, ignoring case and
	// surrounding spaces (see matchSheet). Ignored for CSV.
	Sheet string
	// AllSheets reads every sheet that holds a table, in the order of
	// detection, instead of the first one. Sheet must then be "".
	AllSheets bool
	// IDCol is the id column: its header text or its column letter ("A").
	// Header text wins when a header cell has that text. "" detects it.
	IDCol string
	// LevelCol is the level column, given like IDCol. "" detects it.
	LevelCol string
	// Password opens an encrypted .xlsx workbook.
	Password string
	// MaxUnzipSize bounds the unpacked size of an .xlsx workbook in bytes;
	// 0 means UnzipSizeLimit.
	MaxUnzipSize int64
	// Known reports whether an id (CanonicalID, or a code as
	// CanonicalCode reads it) is an indicator of the rubric: a long
	// table's id it rejects is an error (ErrUnknownIndicator), a code it
	// rejects is skipped as a heading, and a wide header counts only the
	// columns it accepts. nil keeps every id, for the caller to check
	// against a rubric once it has chosen one (Sheet.Levels, Sheet.Unknown,
	// WideTable.CheckColumns).
	Known func(id string) bool
	// Want is the number of indicators of the rubric: a wide header needs
	// at least half of them as columns. Only the wide layout uses it.
	Want int
	// Lang is the language of the messages written anew ("id", the
	// default, or "en"); see say.
	Lang label.Lang
}

// Entry is one row of the table: an indicator and its level cell.
type Entry struct {
	ID     string // canonical indicator id, as CanonicalID returns it, or a code ("3.2", CanonicalCode)
	IDText string // the id cell's text, folded ("Indikator 50")
	Raw    string // the level cell's value as text (formulas: the cached value, else computed)
	Cell   string // the level cell, e.g. "F12"
	IDCell string // the id cell, e.g. "A12"
	// Name is the indicator's name in the row, from a column headed
	// "Indikator", "Nama Indikator" or "Uraian Indikator" that is not the
	// id column, or "": evidence of the instrument (see Sheet.Year).
	Name string
	// Weight is the text of the row's cell in the weight column ("Bobot",
	// "Bobot (%)", "Weight") when the table has one, and WeightCell that
	// cell: the weight the workbook shows, which the rubric's may differ
	// from (see Sheet.WeightColumn).
	Weight, WeightCell string
}

// Sheet is the table read from one sheet of a workbook, or from a CSV
// file, in the long layout, before its levels are checked against a
// rubric (see Levels).
type Sheet struct {
	Source string // the path given to Read
	Sheet  string // the sheet name; "" for CSV
	// Instansi is the instansi's name and InstansiCell the cell it was
	// read from; InstansiCell is "" when the name is the file name.
	Instansi, InstansiCell string
	// Region is the region (province) the workbook gives above the table
	// ("Provinsi: Kalimantan Timur", a label cell "Daerah" or "Wilayah"
	// with the value beside it), and RegionCell that cell; "" and "" when
	// it gives none. It is never guessed from the instansi's name.
	Region, RegionCell string
	// Year is the year of the evaluation a title or a "Tahun" cell above
	// the header gives (see findYear), and YearCell that cell; 0 and ""
	// when none does.
	Year                  int
	YearCell              string
	IDColumn, LevelColumn string // column letters used
	IDHeader, LevelHeader string // header texts of those columns ("" when chosen by letter without a header)
	// OtherLevelColumns are the level columns not used, best first, as
	// column letter and header: E "Penilaian Mandiri".
	OtherLevelColumns []string
	// WeightColumn is the column letter of the weight column ("Bobot
	// (%)"), "" when the table has none. Its values are never used in
	// computing: the rubric's weights are; they are read to warn when they
	// differ.
	WeightColumn string
	Entries      []Entry  // in sheet order
	Warnings     []string // things the user should know, e.g. hidden rows read
	// TitleYear is the latest year (1990..2099) standing anywhere in the
	// rows above the table's header (its title, "Hasil Evaluasi SPBE
	// 2023") or in the sheet's name, and TitleYearCell where it was found
	// ("A1", or "" for the sheet's name); 0 when there is none. Looser
	// than Year, it is evidence of the instrument when Year is 0: with the
	// indicator names, it tells instruments apart when plain ids fit
	// several (ids 1..20 are all of Indeks Pemdi and a part of Indeks SPBE).
	TitleYear     int
	TitleYearCell string
}

// A Visitor receives the tables Read finds, in the order it reads them.
// A nil func is not called. An error a func returns stops Read, which
// returns it.
type Visitor struct {
	// Long receives each long-layout table, and the joined errors of its
	// id cells holding an id that Known rejects (ErrUnknownIndicator), or
	// nil; the Sheet holds the other entries.
	Long func(s *Sheet, err error) error
	// Wide receives the header of each wide table, before its rows.
	Wide func(t *WideTable) error
	// Row receives each instansi row of a wide table as it is read.
	Row func(t *WideTable, r *WideRow) error
	// Butir, when not nil, receives each butir list (a sheet whose header
	// has a status column and a butir code column, or indicator and level
	// columns; see ButirList): such a sheet is not read as a long table.
	// Without AllSheets, Read reads the first butir list and the first
	// table of indicator levels, in whichever sheets they are (an
	// assessor's workbook holds both).
	Butir func(b *ButirList, err error) error
	// Other, when not nil and Read reads the first sheet with a table
	// (neither Sheet nor AllSheets), receives the name of every later
	// sheet that holds a table too, which is not read (see holdsTable).
	Other func(sheet string)
}

// Read is the reader: every command reads its workbooks and CSV files
// through it. It finds the table of the layout opts.Layout asks for (see
// the package documentation for the rules) and hands it to v: a long
// table as a whole, a wide table row by row as the rows stream by. It
// reads the first sheet that holds a table, or every one with AllSheets.
//
// The format is recognised from the content, not the name. Read returns
// nil or the error that stopped it: the file cannot be read
// (ErrUnsupportedFormat, ErrEncrypted); the sheet named does not exist,
// or no sheet to read holds a table (ErrNoTable; ErrNotWide in the wide
// layout); a sheet is damaged; or an error of v. Every error is an *Error
// naming the file (and the sheet and cell where there is one) or an
// errors.Join of them.
func Read(path string, opts Options, v Visitor) error {
	switch {
	case opts.AllSheets && opts.Sheet != "":
		return &Error{File: path, Err: errors.New("workbook.Options: Sheet and AllSheets are both set")}
	}
	r := &reader{path: path, opts: opts, v: v}
	defer r.close()
	b, err := r.open()
	if err != nil {
		return err
	}
	order, err := r.pick(b)
	if err != nil {
		return err
	}
	found, butirFound, tableFound := false, false, false
	for i, sh := range order {
		r.butirOnly = tableFound
		r.tablesOnly = butirFound
		r.lastButir = false
		ok, err := r.sheet(b, sh)
		if err != nil {
			return err
		}
		found = found || ok
		if ok && v.Butir != nil && !opts.AllSheets {
			butirFound = butirFound || r.lastButir
			tableFound = tableFound || !r.lastButir
			if !butirFound || !tableFound {
				continue // a butir list and a table of levels may both be there
			}
		}
		if ok && !opts.AllSheets {
			if v.Other != nil && opts.Sheet == "" {
				for _, o := range order[i+1:] {
					if r.holdsTable(b, o) {
						v.Other(o.name)
					}
				}
			}
			break
		}
	}
	if found {
		return nil
	}
	if opts.layout() == LayoutWide {
		return &Error{File: path, Err: msg.Errorf("%w: no header row with an instansi column (Instansi, Nama Instansi, "+
			"Pemerintah Daerah, Nama) and indicator columns (1, 2, ... or Indikator 1, ...)", ErrNotWide)}
	}
	err = noTable(opts)
	if opts.LevelCol != "" {
		if found := levelColumnsFound(path, opts); found != "" {
			err = fmt.Errorf("%w%s", err, found)
		}
	}
	if _, csv := b.(*csvBook); opts.Sheet != "" && !csv {
		return &Error{File: path, Sheet: order[0].name, Err: err}
	}
	return &Error{File: path, Err: err}
}

// ReadSheet is Read for the one long-layout table of an instansi: it
// returns the Sheet and the errors of its id cells (see Visitor.Long), or
// nil and the error of Read. opts.Layout and opts.AllSheets are ignored.
func ReadSheet(path string, opts Options) (*Sheet, error) {
	opts.Layout, opts.AllSheets = LayoutLong, false
	var s *Sheet
	var cells error
	err := Read(path, opts, Visitor{Long: func(sh *Sheet, err error) error {
		s, cells = sh, err
		return nil
	}})
	if err != nil {
		return nil, err
	}
	return s, cells
}

// HasSheet reports whether the workbook has a sheet that name selects as
// Options.Sheet does. A CSV file has none.
func HasSheet(path, name string, opts Options) (bool, error) {
	r := &reader{path: path, opts: opts}
	defer r.close()
	b, err := r.open()
	if err != nil {
		return false, err
	}
	if _, csv := b.(*csvBook); csv {
		return false, nil
	}
	_, ok := matchSheet(b.sheets(), name)
	return ok, nil
}

// The reader's policy on excelize, written once. The streaming scanner
// (internal/xlsx, scanBook) reads every .xlsx workbook, in either layout:
//
//   - a part declared in another encoding than UTF-8 (ISO-8859-1) is
//     decoded as it streams by, as excelize would decode it;
//   - an encrypted workbook (a password given) is decrypted in memory
//     (decrypt.go), within bounds of its own, and the scanner reads the
//     package.
//
// excelize is opened for one thing only: to compute a formula without a
// saved value, within the bounds of formula.go, when the sheet is small
// enough for excelize to hold (maxHandOver); else the formula cannot be
// computed, and the error says so. Anything the scanner cannot read is an
// error: a damaged zip, a missing part, a damaged sheet or one cut short
// (ErrUnsupportedFormat); excelize would fail too, or read half of it.

// A book is an open workbook or CSV file: the streaming scanner, excelize
// (formula.go), or a parsed CSV file.
type book interface {
	// sheets lists the sheets in workbook order.
	sheets() []sheetRef
	// rows streams the rows of a sheet to fn.
	rows(sh sheetRef, fn rowFunc) error
	// pending reports whether a cell (1-based) of the sheet last
	// streamed by rows is a formula without a saved value (see
	// formula.go); rows gives it as "".
	pending(sheet string, row, col int) bool
	close() error
}

// sheetRef is a sheet of a book: its name, its part in the package (for
// the scanner) and whether it is hidden.
type sheetRef struct {
	name, part string
	hidden     bool
}

// rowFunc receives a row of a sheet: its 1-based number, its cells as
// text (index 0 is column A; trailing empty cells dropped, as excelize
// does) and whether it is hidden. The slice may be reused: keep a copy.
// It returns false to stop reading the sheet.
type rowFunc func(row int, cells []string, hidden bool) bool

// reader is one call of Read.
type reader struct {
	path string
	opts Options
	v    Visitor
	scan *scanBook  // the streaming reader, when it opened the workbook
	xl   *excelBook // excelize, opened to compute a formula (formula.go)
	// guard checks formulas before excelize computes them (formula.go);
	// made on first need.
	guard *formulaGuard
	// butirOnly reads only a butir list in the next sheet (a table of
	// levels was read), tablesOnly only a table of levels (a butir list
	// was read); lastButir says that the last sheet read was a butir list.
	butirOnly, tablesOnly, lastButir bool
}

// open recognises the file and opens it as a book: the scanner for an
// .xlsx workbook (decrypted first when it is encrypted), or CSV.
func (r *reader) open() (book, error) {
	kind, data, err := sniff(r.path, r.opts)
	if err != nil {
		return nil, err
	}
	if kind == kindCSV {
		return readCSV(r.path, data)
	}
	var b *scanBook
	if kind == kindEncrypted {
		b, err = openEncrypted(r.path, data, r.opts)
	} else {
		b, err = openScan(r.path, r.opts.unzipLimit())
	}
	if err != nil {
		return nil, err
	}
	r.scan = b
	return b, nil
}

// excel opens the workbook with excelize, once.
func (r *reader) excel() (*excelBook, error) {
	if r.xl == nil {
		x, err := openExcel(r.path, r.opts)
		if err != nil {
			return nil, err
		}
		r.xl = x
	}
	return r.xl, nil
}

func (r *reader) close() {
	if r.scan != nil {
		r.scan.close()
	}
	if r.xl != nil {
		r.xl.close()
	}
}

// pick returns the sheets to try, in order: the one Options.Sheet names,
// else every sheet, visible ones before hidden ones.
func (r *reader) pick(b book) ([]sheetRef, error) {
	list := b.sheets()
	if _, csv := b.(*csvBook); r.opts.Sheet == "" || csv {
		var vis, hid []sheetRef
		for _, s := range list {
			if s.hidden {
				hid = append(hid, s)
			} else {
				vis = append(vis, s)
			}
		}
		return append(vis, hid...), nil
	}
	if s, ok := matchSheet(list, r.opts.Sheet); ok {
		return []sheetRef{s}, nil
	}
	names := make([]string, len(list))
	for i, s := range list {
		names[i] = s.name
	}
	return nil, &Error{File: r.path, Err: classedf(ErrNoTable, "no sheet named %q; the sheets are %s", r.opts.Sheet, quoteList(names))}
}

// matchSheet is the one rule by which a name selects a sheet: the sheet
// of exactly that name, else the first whose name equals it ignoring case
// and surrounding spaces.
func matchSheet(list []sheetRef, name string) (sheetRef, bool) {
	for _, s := range list {
		if s.name == name {
			return s, true
		}
	}
	for _, s := range list {
		if strings.EqualFold(strings.TrimSpace(s.name), strings.TrimSpace(name)) {
			return s, true
		}
	}
	return sheetRef{}, false
}

// sheet reads one sheet of b in the layout of the options: it streams a
// wide table's rows to the visitor, or hands it the long table. ok is
// false when the sheet holds no table.
func (r *reader) sheet(b book, sh sheetRef) (ok bool, err error) {
	s := newSheetScan(r, sh)
	s.link(b)
	if s.wide != nil {
		s.wide.fill = func(row int, cells []string, t *WideTable) ([]string, error) {
			return r.fillWide(b, sh.name, row, cells, t)
		}
	}
	if err := b.rows(sh, s.row); err != nil {
		return false, err
	}
	if s.err != nil {
		return false, s.err
	}
	if s.wide != nil && s.wide.t != nil {
		return true, s.wide.err
	}
	if s.g == nil {
		return false, nil
	}
	s.g.uncached = func(row, col int) bool { return b.pending(sh.name, row, col) }
	if r.v.Butir != nil && r.opts.IDCol == "" {
		if c := findButir(s.g); c != nil && c.chooseStatus(r.opts.LevelCol) {
			if r.tablesOnly {
				return false, nil
			}
			r.lastButir = true
			if cb, ok := b.(*csvBook); ok {
				if err := cb.checkButir(s.g, c); err != nil {
					return true, r.v.Butir(nil, err)
				}
			}
			list, err := buildButir(r.path, sh.name, s.g, c, func(row, col int) (string, string, error) {
				return r.computeCell(b, sh.name, row, col)
			})
			if list != nil && sh.hidden {
				list.Warnings = append(list.Warnings, msg.Sprintf(r.opts.Lang, "sheet %q is hidden; it was read because no visible sheet holds a butir list", sh.name))
			}
			return true, r.v.Butir(list, err)
		}
	}
	idSpec, levelSpec := sheetSpecs(s.g, r.opts)
	if r.butirOnly {
		if r.v.Other != nil && r.opts.Sheet == "" && findTable(s.g, idSpec, levelSpec) != nil {
			r.v.Other(sh.name)
		}
		return false, nil
	}
	t := findTable(s.g, idSpec, levelSpec)
	if t == nil {
		return false, nil
	}
	if t.refuse != nil {
		return true, &Error{File: r.path, Sheet: sh.name, Err: t.refuse}
	}
	if c, ok := b.(*csvBook); ok {
		if err := c.checkLong(s.g, t, r.opts); err != nil {
			return true, err
		}
	}
	st, err := build(r.path, sh.name, s.g, t, r.opts, func(row, col int) (string, string, error) {
		return r.computeCell(b, sh.name, row, col)
	})
	if st == nil {
		if r.opts.AllSheets && errors.Is(err, ErrNoTable) {
			return false, nil // a header without ids under it: not an instansi
		}
		return false, err
	}
	if sh.hidden {
		st.Warnings = append(st.Warnings, msg.Sprintf(r.opts.Lang, "sheet %q is hidden; it was read because no visible sheet holds a table", sh.name))
	}
	if r.v.Long != nil {
		return true, r.v.Long(st, err)
	}
	return true, nil
}
