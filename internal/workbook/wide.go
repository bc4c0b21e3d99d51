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

// ErrNotWide: Read found no wide table in the wide layout (a
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
	// Stage is the header above the indicator columns used, when the
	// header repeats the indicators under stages of the evaluation
	// ("Nilai Mandiri" over 1.1 ... 7.2, then "Nilai Akhir" over them
	// again): the latest stage (see the level-column ranking). OtherStages
	// are the others, in sheet order. Both empty otherwise.
	Stage       string
	OtherStages []string
	staged      bool     // laterStage chose between stages
	ids         []string // indicator id per 0-based column, "" for others
	nameCol     int      // 0-based
	catCol      int      // 0-based, -1 for none
	// colOf is the 0-based column of each indicator of colRubric, -1
	// when it has none; built on first use by Levels.
	colRubric *rubric.Rubric
	colOf     []int
}

// WideRow is one instansi of a wide table. It and the slices inside are
// valid only during the Visitor.Row callback of Read.
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
// needs a name column and at least half of the opts.Want indicators.
func wideHeader(row, above []string, opts Options) *WideTable {
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
		if id, ok := readID(v); ok && (opts.Known == nil || opts.Known(id)) {
			if _, dup := t.Columns[id]; dup && !t.laterStage(id, c, above) {
				continue
			}
			t.ids[c] = id
			t.Columns[id], _ = excelize.ColumnNumberToName(c + 1)
			n++
		}
	}
	n = t.settleStages(above)
	if n == 0 || n*2 < opts.Want {
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

// wideState follows the rows of one sheet: looking for the header, then
// reading instansi rows.
type wideState struct {
	path, sheet string
	opts        Options
	v           *Visitor
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
		if t := wideHeader(cells, s.prev, s.opts); t != nil {
			t.Source, t.Sheet, t.HeaderRow = s.path, s.sheet, rowNum
			s.t = t
			if s.v.Wide != nil {
				s.err = s.v.Wide(t)
			}
			return s.err == nil
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
	if s.v.Row != nil {
		s.err = s.v.Row(t, &s.row)
	}
	return s.err == nil
}

// Levels parses and checks the row's levels against the rubric, in rubric
// order, into dst (which it returns, grown as needed). Every problem is an
// *Error naming the cell, joined; missing indicator columns are reported
// by CheckColumns, once per table.
func (w *WideRow) Levels(t *WideTable, r *rubric.Rubric, dst []rubric.Level) ([]rubric.Level, error) {
	dst, _, err := w.LevelsWith(t, r, LevelOptions{}, dst)
	return dst, err
}

// LevelsWith is Levels with options (see Sheet.LevelsWith); assumed lists
// the indicators whose level is the rubric's assumption.
func (w *WideRow) LevelsWith(t *WideTable, r *rubric.Rubric, o LevelOptions, dst []rubric.Level) ([]rubric.Level, []string, error) {
	inds := r.Indicators()
	dst = slices.Grow(dst[:0], len(inds))[:len(inds)]
	if t.colOf == nil || t.colRubric != r {
		t.colRubric, t.colOf = r, t.columnsOf(r)
	}
	var errs []error
	var external []*rubric.Indicator
	prefix := w.Instansi + ": "
	if w.Instansi == "" {
		prefix = ""
		cell := t.NameColumn + strconv.Itoa(w.Row)
		errs = append(errs, &Error{File: t.Source, Sheet: t.Sheet, Cell: cell,
			Err: classed(ErrNoName, fmt.Sprintf("row %d has levels but no instansi name in column %s %q", w.Row, t.NameColumn, t.NameHeader))})
	}
	for i, ind := range inds {
		c := t.colOf[i]
		raw := ""
		if c >= 0 && c < len(w.cells) {
			raw = w.cells[c]
		}
		if ind.External != nil && NoValue(raw) {
			external = append(external, ind)
			continue
		}
		if c < 0 {
			continue
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
	assumed, err := assume(external, nil, o)
	if err != nil {
		cell := t.NameColumn + strconv.Itoa(w.Row)
		errs = append(errs, &Error{File: t.Source, Sheet: t.Sheet, Cell: cell, Err: fmt.Errorf("%s%w", prefix, err)})
	}
	for _, ind := range external {
		if assumed != nil {
			i := slices.Index(inds, ind)
			dst[i], _ = rubric.LevelOf(ind.External.Assume)
		}
	}
	return dst, assumed, errors.Join(errs...)
}

// CheckColumns reports the rubric's indicators that have no column, as
// one *Error wrapping ErrMissing, or nil.
func (t *WideTable) CheckColumns(r *rubric.Rubric) error {
	var missing []string
	cols := t.columnsOf(r)
	for i, ind := range r.Indicators() {
		if cols[i] < 0 && ind.External == nil {
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
