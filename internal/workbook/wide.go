package workbook

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// ErrNotWide is returned by ReadWide when no sheet has a wide table (a
// header row with an instansi name column and indicator columns).
var ErrNotWide = errors.New("no wide table found")

// WideTable describes the header of a wide-layout sheet: one row per
// instansi, one column per indicator.
type WideTable struct {
	Source, Sheet string
	HeaderRow     int    // 1-based
	NameColumn    string // column letter of the instansi name
	NameHeader    string
	// CategoryColumn is the column of the category (Kementerian, Lembaga,
	// Provinsi, Kabupaten, Kota), "" when there is none.
	CategoryColumn string
	// Columns maps an indicator id to its column letter.
	Columns map[string]string
	ids     []string // indicator id per 0-based column, "" for others
	nameCol int      // 0-based
	catCol  int      // 0-based, -1 for none
	// colOf is the 0-based column of each indicator of colRubric, -1
	// when it has none; built on first use by Levels.
	colRubric *rubric.Rubric
	colOf     []int
}

// WideRow is one instansi of a wide table. Raw and the slices inside are
// valid only during the callback of ReadWide.
type WideRow struct {
	Row                int // 1-based sheet row
	Instansi, Category string
	Hidden             bool
	cells              []string
}

// nameHeaders head the instansi name column of a wide table.
var nameHeaders = [...]string{"instansi", "nama instansi", "pemerintah daerah", "nama pemerintah daerah", "nama",
	"instansi pemerintah", "nama instansi pemerintah", "k/l/d", "nama k/l/d", "kementerian/lembaga/pemerintah daerah",
	"instansi pusat/pemerintah daerah", "nama instansi/pemerintah daerah"}

// categoryHeaders head the category column.
var categoryHeaders = [...]string{"kategori", "jenis", "jenis instansi", "kategori instansi", "kelompok", "tipe", "category", "klaster"}

// Categories are the canonical categories of instansi.
var Categories = [...]string{"Kementerian", "Lembaga", "Provinsi", "Kabupaten", "Kota"}

// Category returns the canonical category (Kementerian, Lembaga,
// Provinsi, Kabupaten, Kota) that text names or, failing that, that an
// instansi's name implies ("Pemerintah Kota Bandung" is Kota). Other text
// is returned folded; empty text gives "".
func Category(text string) string {
	s := strings.ToLower(fold(text))
	switch {
	case s == "":
		return ""
	case strings.Contains(s, "kementerian") || strings.HasPrefix(s, "kemenko") || strings.HasPrefix(s, "kemen"):
		return "Kementerian"
	case strings.Contains(s, "provinsi") || strings.HasPrefix(s, "prov"):
		return "Provinsi"
	case strings.Contains(s, "kabupaten") || strings.HasPrefix(s, "kab "), strings.HasPrefix(s, "kab."):
		return "Kabupaten"
	case strings.Contains(s, "kota"):
		return "Kota"
	case strings.Contains(s, "lembaga") || strings.Contains(s, "badan") || strings.Contains(s, "lpnk") ||
		strings.Contains(s, "komisi") || strings.Contains(s, "sekretariat") || strings.Contains(s, "arsip") ||
		strings.Contains(s, "perpustakaan") || strings.Contains(s, "kejaksaan") || strings.Contains(s, "kepolisian") ||
		strings.Contains(s, "mahkamah") || strings.Contains(s, "ombudsman") || strings.Contains(s, "otoritas") || strings.Contains(s, "dewan"):
		return "Lembaga"
	}
	return fold(text)
}

// skipNames are first cells of summary rows under a wide table.
var skipNames = [...]string{"rata-rata", "rata rata", "rerata", "jumlah", "total", "average", "mean", "median", "nasional"}

// wideHeader looks for a wide table header in row (0-based cells) and
// the row above it (for a name column merged over two header rows). It
// needs a name column and at least half of the indicators want.
func wideHeader(row, above []string, opts Options, want int) *WideTable {
	t := &WideTable{nameCol: -1, catCol: -1, ids: make([]string, len(row)), Columns: map[string]string{}}
	n := 0
	for c, v := range row {
		if v == "" {
			continue
		}
		h := normHeader(v)
		switch {
		case t.nameCol < 0 && slices.Contains(nameHeaders[:], h):
			t.nameCol, t.NameHeader = c, fold(v)
			continue
		case t.catCol < 0 && slices.Contains(categoryHeaders[:], h):
			t.catCol = c
			continue
		}
		if id, ok := CanonicalID(v); ok && opts.Known(id) {
			if _, dup := t.Columns[id]; dup {
				continue
			}
			t.ids[c] = id
			t.Columns[id], _ = excelize.ColumnNumberToName(c + 1)
			n++
		}
	}
	if n == 0 || n*2 < want {
		return nil
	}
	for c, v := range above {
		if t.nameCol < 0 && slices.Contains(nameHeaders[:], normHeader(v)) && c < len(t.ids) && t.ids[c] == "" {
			t.nameCol, t.NameHeader = c, fold(v)
		}
		if t.catCol < 0 && slices.Contains(categoryHeaders[:], normHeader(v)) && (c >= len(t.ids) || t.ids[c] == "") {
			t.catCol = c
		}
	}
	if t.nameCol < 0 {
		return nil
	}
	t.NameColumn, _ = excelize.ColumnNumberToName(t.nameCol + 1)
	if t.catCol >= 0 {
		t.CategoryColumn, _ = excelize.ColumnNumberToName(t.catCol + 1)
	}
	return t
}

// WideOptions are Options plus what the wide reader needs.
type WideOptions struct {
	Options
	// Want is the number of indicators of the rubric: a header row needs
	// at least half of them as columns.
	Want int
	// AllSheets reads every sheet with a wide table instead of the first.
	AllSheets bool
}

// ReadWide streams a wide-layout workbook (.xlsx or CSV): it finds the
// header row (an instansi name column such as "Instansi" or "Nama
// Instansi", an optional category column such as "Kategori" or "Jenis",
// and indicator columns headed 1, 2, ..., "Indikator 1" or "I1") and
// calls fn with the table and each instansi row below it, in sheet order.
// The sheet is Options.Sheet, else the first sheet with such a header
// (visible sheets first), or every one with AllSheets. A workbook without
// one gives an error wrapping ErrNotWide.
//
// Rows whose name cell is empty and that have no levels are skipped, as
// are summary rows (Rata-rata, Jumlah, Total). Cells are cached values:
// formulas are not computed. An encrypted workbook is read with excelize
// as a whole.
func ReadWide(path string, opts WideOptions, fn func(t *WideTable, r *WideRow) error) error {
	if opts.Known == nil {
		return &Error{File: path, Err: errors.New("workbook.Options.Known is nil")}
	}
	kind, data, err := sniff(path, opts.Options)
	if err != nil {
		return err
	}
	if kind == kindCSV {
		g, err := readCSV(path, data)
		if err != nil {
			return err
		}
		found, err := wideGrid(path, "", g, opts, fn)
		if err != nil {
			return err
		}
		if !found {
			return &Error{File: path, Err: ErrNotWide}
		}
		return nil
	}
	if opts.Password != "" {
		return readWideExcelize(path, opts, fn)
	}
	b, err := openScan(path, opts.unzipLimit())
	if err != nil {
		return err
	}
	defer b.Close()
	order := sheetOrder(b.sheets, opts.Sheet)
	if opts.Sheet != "" && !opts.AllSheets && len(order) == 0 {
		return &Error{File: path, Err: classed(ErrNoTable, fmt.Sprintf("no sheet %q (sheets: %s)", opts.Sheet, quoteList(sheetNames(b.sheets))))}
	}
	found := false
	for _, sh := range order {
		ok, err := wideSheet(b, sh, opts, fn)
		if err != nil {
			return err
		}
		if ok {
			found = true
			if !opts.AllSheets {
				return nil
			}
		}
	}
	if !found {
		return &Error{File: path, Err: ErrNotWide}
	}
	return nil
}

func sheetNames(ss []scanSheet) []string {
	var n []string
	for _, s := range ss {
		n = append(n, s.name)
	}
	return n
}

// sheetOrder returns the sheets to try: the named one (exact, else
// ignoring case), or every sheet, visible ones first.
func sheetOrder(ss []scanSheet, name string) []scanSheet {
	if name != "" && name != "all" {
		for _, s := range ss {
			if s.name == name {
				return []scanSheet{s}
			}
		}
		for _, s := range ss {
			if strings.EqualFold(s.name, name) {
				return []scanSheet{s}
			}
		}
		return nil
	}
	var vis, hid []scanSheet
	for _, s := range ss {
		if s.hidden {
			hid = append(hid, s)
		} else {
			vis = append(vis, s)
		}
	}
	return append(vis, hid...)
}

// wideState follows the rows of one sheet: looking for the header, then
// reading instansi rows.
type wideState struct {
	path, sheet string
	opts        WideOptions
	fn          func(*WideTable, *WideRow) error
	t           *WideTable
	prev        []string
	seen        int
	longHeader  bool
	err         error
	row         WideRow
}

// feed takes one row; it returns false to stop reading the sheet.
func (s *wideState) feed(rowNum int, cells []string, hidden bool) bool {
	if s.t == nil {
		s.seen++
		if s.seen > maxHeaderRow {
			return false
		}
		if t := wideHeader(cells, s.prev, s.opts.Options, s.opts.Want); t != nil {
			t.Source, t.Sheet, t.HeaderRow = s.path, s.sheet, rowNum
			s.t = t
			return true
		}
		if headerLike(cells, nil, nil) {
			s.longHeader = true
			return false // a long-layout table: not wide
		}
		s.prev = append(s.prev[:0], cells...)
		return true
	}
	t := s.t
	get := func(c int) string {
		if c < 0 || c >= len(cells) {
			return ""
		}
		return fold(cells[c])
	}
	name := get(t.nameCol)
	levels := false
	for c, id := range t.ids {
		if id != "" && c < len(cells) && strings.TrimSpace(cells[c]) != "" {
			levels = true
			break
		}
	}
	if !levels && name == "" || slices.Contains(skipNames[:], strings.ToLower(name)) {
		return true
	}
	s.row = WideRow{Row: rowNum, Instansi: name, Hidden: hidden, cells: cells}
	if t.catCol >= 0 {
		s.row.Category = get(t.catCol)
	}
	if err := s.fn(t, &s.row); err != nil {
		s.err = err
		return false
	}
	return true
}

func wideSheet(b *scanBook, sh scanSheet, opts WideOptions, fn func(*WideTable, *WideRow) error) (bool, error) {
	s := &wideState{path: b.path, sheet: sh.name, opts: opts, fn: fn}
	if err := b.scanRows(sh, s.feed); err != nil {
		return false, err
	}
	return s.t != nil, s.err
}

func wideGrid(path, sheet string, g *grid, opts WideOptions, fn func(*WideTable, *WideRow) error) (bool, error) {
	s := &wideState{path: path, sheet: sheet, opts: opts, fn: fn}
	for i, r := range g.rows {
		hidden := i < len(g.hidden) && g.hidden[i]
		if !s.feed(i+1, r, hidden) {
			break
		}
	}
	return s.t != nil, s.err
}

func readWideExcelize(path string, opts WideOptions, fn func(*WideTable, *WideRow) error) error {
	f, err := excelize.OpenFile(path, opts.excelize())
	if err != nil {
		if f != nil {
			f.Close()
		}
		if oe := openErr(path, err); oe != nil {
			return oe
		}
		return &Error{File: path, Err: ErrWrongPassword}
	}
	defer f.Close()
	var ss []scanSheet
	for _, n := range f.GetSheetList() {
		v, _ := f.GetSheetVisible(n)
		ss = append(ss, scanSheet{name: n, hidden: !v})
	}
	found := false
	for _, sh := range sheetOrder(ss, opts.Sheet) {
		g, err := readSheet(f, sh.name, opts.Options)
		if err != nil {
			continue
		}
		ok, err := wideGrid(path, sh.name, g, opts, fn)
		if err != nil {
			return err
		}
		if ok {
			found = true
			if !opts.AllSheets {
				return nil
			}
		}
	}
	if !found {
		return &Error{File: path, Err: ErrNotWide}
	}
	return nil
}

// Levels parses and checks the row's levels against the rubric, in rubric
// order, into dst (which it returns, grown as needed). Every problem is an
// *Error naming the cell, joined; missing indicator columns are reported
// by CheckColumns, once per table.
func (w *WideRow) Levels(t *WideTable, r *rubric.Rubric, dst []rubric.Level) ([]rubric.Level, error) {
	inds := r.Indicators()
	dst = slices.Grow(dst[:0], len(inds))[:len(inds)]
	if t.colOf == nil || t.colRubric != r {
		t.colRubric, t.colOf = r, make([]int, len(inds))
		for i, ind := range inds {
			t.colOf[i] = slices.Index(t.ids, ind.ID)
		}
	}
	var errs []error
	prefix := w.Instansi + ": "
	if w.Instansi == "" {
		prefix = ""
		cell := t.NameColumn + strconv.Itoa(w.Row)
		errs = append(errs, &Error{File: t.Source, Sheet: t.Sheet, Cell: cell,
			Err: classed(ErrNoName, fmt.Sprintf("row %d has levels but no instansi name in column %s %q", w.Row, t.NameColumn, t.NameHeader))})
	}
	for i, ind := range inds {
		c := t.colOf[i]
		if c < 0 {
			continue
		}
		raw := ""
		if c < len(w.cells) {
			raw = w.cells[c]
		}
		fail := func(format string, args ...any) {
			cell, _ := excelize.CoordinatesToCellName(c+1, w.Row)
			errs = append(errs, &Error{File: t.Source, Sheet: t.Sheet, Cell: cell,
				Err: classed(ErrBadLevel, prefix+fmt.Sprintf(format, args...))})
		}
		sc := ind.LevelScale
		lv, name, err := parseLevel(raw)
		switch {
		case err != nil && strings.TrimSpace(fold(raw)) == "":
			fail("indicator %s: level is empty; want a number from %s to %s", ind.ID, scaleMin(sc), scaleMax(sc))
			continue
		case err != nil:
			fail("indicator %s: level %q is not a number from %s to %s", ind.ID, raw, scaleMin(sc), scaleMax(sc))
			continue
		}
		if err := checkLevel(raw, name, lv, sc); err != nil {
			fail("indicator %s: %v", ind.ID, err)
			continue
		}
		dst[i] = lv
	}
	return dst, errors.Join(errs...)
}

// CheckColumns reports the rubric's indicators that have no column, as
// one *Error wrapping ErrMissing, or nil.
func (t *WideTable) CheckColumns(r *rubric.Rubric) error {
	var missing []string
	for _, ind := range r.Indicators() {
		if _, ok := t.Columns[ind.ID]; !ok {
			missing = append(missing, ind.ID)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	word := "columns"
	if len(missing) == 1 {
		word = "column"
	}
	return &Error{File: t.Source, Sheet: t.Sheet, Err: classed(ErrMissing,
		fmt.Sprintf("no %s for indicator %s in the header in row %d", word, strings.Join(missing, ", "), t.HeaderRow))}
}

// DefaultInstansi is the name of an instansi without a name cell: the file
// name without its extension.
func DefaultInstansi(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// SheetNames returns the sheets of an .xlsx workbook in workbook order,
// or nil for a CSV file.
func SheetNames(path string) ([]string, error) {
	kind, _, err := sniff(path, Options{})
	if err != nil || kind == kindCSV {
		return nil, err
	}
	b, err := openScan(path, UnzipSizeLimit)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return sheetNames(b.sheets), nil
}
