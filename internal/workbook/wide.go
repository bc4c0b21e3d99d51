package workbook

import (
	"errors"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"

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
	// RegionColumn is the column of the region (the province: a header
	// Provinsi, Daerah, Wilayah or Region), "" when there is none.
	RegionColumn string
	// Columns maps an indicator id to its column letter.
	Columns map[string]string
	// Year is the year of the evaluation a title or a "Tahun" cell above
	// the header gives (see Sheet.Year), and YearCell that cell; 0 and ""
	// when none does, and in the wide layout asked for (LayoutWide), which
	// keeps no rows above the header. It is set before the first row.
	Year     int
	YearCell string
	// LevelNote says which columns were read when an indicator has more
	// than one (blocks of indicator columns for two years, or for the
	// self-assessment and the evaluator), and which were not; "" when
	// every indicator has one column.
	LevelNote string
	// TitleYear and TitleYearCell are the latest year in the title rows
	// above the table (not the labels right above the header) or the
	// sheet's name, and where (see Sheet.TitleYear).
	TitleYear     int
	TitleYearCell string
	// Summaries are the rows under the table left out as summaries, not
	// instansi: row number, name and why ("7 \"Nilai Tertinggi\" (its
	// name)"), as the rows stream by (see widesummary.go).
	Summaries []string
	ids       []string   // indicator id per 0-based column, "" for others
	header    []string   // the header row's cells (csvfields.go)
	labels    []string   // the label above each indicator column (pickColumns)
	lang      label.Lang // of the messages of duplicates and Summaries
	nameCol   int        // 0-based
	catCol    int        // 0-based, -1 for none
	regionCol int        // 0-based, -1 for none
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
	// Region is the row's cell in the region column, "" without one.
	Region string
	Hidden bool
	cells  []string
	// fieldsErr: the row's CSV record has more fields than the header,
	// or too few to hold every indicator's level.
	fieldsErr error
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

// wideHeader looks for a wide table header in row (0-based cells) and
// the row above it (for a name column merged over two header rows, and
// for the labels of blocks of indicator columns). It needs a name column
// and at least half of the opts.Want indicators. An indicator with more
// than one column is read from one of them (see pickColumns); err says
// why none could be chosen.
func wideHeader(row, above []string, opts Options, where fmt.Stringer) (t *WideTable, err error) {
	t = &WideTable{nameCol: -1, catCol: -1, regionCol: -1, ids: make([]string, len(row)), Columns: map[string]string{}, header: slices.Clone(row), lang: opts.Lang}
	var order []string         // ids in the order of their first column
	cols := map[string][]int{} // the 0-based columns of each id
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
		case t.regionCol < 0 && isRegionLabel(v):
			t.regionCol = c
			continue
		}
		if id, ok := readID(v); ok && (opts.Known == nil || opts.Known(id)) {
			if cols[id] == nil {
				order = append(order, id)
			}
			cols[id] = append(cols[id], c)
			t.ids[c] = id
		}
	}
	if len(order) == 0 || len(order)*2 < opts.Want {
		return nil, nil
	}
	for c, v := range above {
		if t.nameCol < 0 && slices.Contains(nameHeaders[:], normHeader(v)) && c < len(t.ids) && t.ids[c] == "" {
			t.nameCol, t.NameHeader = c, fold(v)
		}
		if t.catCol < 0 && slices.Contains(categoryHeaders[:], normHeader(v)) && (c >= len(t.ids) || t.ids[c] == "") {
			t.catCol = c
		}
		if t.regionCol < 0 && isRegionLabel(v) && (c >= len(t.ids) || t.ids[c] == "") && c != t.nameCol && c != t.catCol {
			t.regionCol = c
		}
	}
	if t.nameCol < 0 {
		return nil, nil
	}
	t.NameColumn, _ = excelize.ColumnNumberToName(t.nameCol + 1)
	if t.catCol >= 0 {
		t.CategoryColumn, _ = excelize.ColumnNumberToName(t.catCol + 1)
	}
	if t.regionCol >= 0 {
		t.RegionColumn, _ = excelize.ColumnNumberToName(t.regionCol + 1)
	}
	err = t.pickColumns(order, cols, above, where)
	for _, id := range order {
		if c := slices.Index(t.ids, id); c >= 0 {
			t.Columns[id], _ = excelize.ColumnNumberToName(c + 1)
		}
	}
	return t, err
}

// pickColumns chooses the column of each indicator that has several, by
// the rule that chooses among the level columns of the long layout
// (levelCol.better): the final or evaluator's levels, then the latest
// year, self-assessment last. The columns are told apart by their label:
// the nearest text above them in the row above the header, over a block
// of indicator columns (a merged "2024" or "Nilai Evaluator"). A label
// without a level word but with a year ranks by that year; a block
// without a label ranks as a generic level column; a label that says the
// block holds no levels (Bobot, Target, ...) ranks last. The columns not
// chosen are not read, and LevelNote names them. When the best two
// columns of an indicator rank equally, none is chosen: the error names
// the indicators.
func (t *WideTable) pickColumns(order []string, cols map[string][]int, above []string, where fmt.Stringer) error {
	labels := make([]string, len(t.ids)) // of the indicator columns
	t.labels = labels
	for c, id := range t.ids {
		switch {
		case id == "":
		case c < len(above) && fold(above[c]) != "":
			labels[c] = fold(above[c])
		case c > 0 && t.ids[c-1] != "":
			labels[c] = labels[c-1]
		}
	}
	var tied []string
	used, unused := map[string][]int{}, map[string][]int{}
	for _, id := range order {
		cs := cols[id]
		if len(cs) == 1 {
			continue
		}
		cands := make([]*levelCol, len(cs))
		for i, c := range cs {
			l := labels[c]
			cl, y := blockClass(l)
			cands[i] = &levelCol{col: c, header: l, class: cl, year: y}
		}
		slices.SortStableFunc(cands, func(a, b *levelCol) int {
			switch {
			case a.better(b):
				return -1
			case b.better(a):
				return 1
			}
			return 0
		})
		if best, next := cands[0], cands[1]; best.class == next.class && best.year == next.year {
			letters := make([]string, len(cs))
			for i, c := range cs {
				letters[i], _ = excelize.ColumnNumberToName(c + 1)
			}
			tied = append(tied, fmt.Sprintf("%s (%s)", id, strings.Join(letters, ", ")))
			continue
		}
		used[cands[0].header] = append(used[cands[0].header], cands[0].col)
		for _, l := range cands[1:] {
			t.ids[l.col] = ""
			unused[l.header] = append(unused[l.header], l.col)
		}
	}
	if len(tied) > 0 {
		const most = 6
		var list fmt.Stringer = msg.List(tied)
		if len(tied) > most {
			list = msg.New("%s and %d more", msg.List(tied[:most]), len(tied)-most)
		}
		return classedf(ErrDuplicate, "the header in %s has more than one column for %s %s, and nothing tells which holds "+
			"the levels to score: put the year or \"Nilai Akhir\" over each block of indicator columns in the row above the "+
			"header, or remove the columns not to score", where, msg.Plural(len(tied), "indicator", "indicators"), list)
	}
	if len(used) > 0 {
		t.LevelNote = msg.Sprintf(t.lang, "levels from the indicator columns %s; also found: %s", describeBlocks(used), describeBlocks(unused))
	}
	return nil
}

// blockClass ranks the label of a block of indicator columns as
// levelHeader ranks a level column's header (see pickColumns).
func blockClass(label string) (class, year int) {
	h := normHeader(label)
	if h == "" {
		return levelGeneric, 0
	}
	if c, y := levelHeader(h); c != levelNone {
		return c, y
	}
	// A label over a block of indicator columns speaks of their values:
	// "Akhir" or "Mandiri" alone is "Nilai Akhir" or "Nilai Mandiri".
	if c, y := levelHeader("nilai " + h); c != levelNone && c != levelGeneric {
		return c, y
	}
	for _, w := range notLevelWords {
		if strings.Contains(h, w) {
			return levelNone, 0
		}
	}
	if y := latestYear(h); y > 0 {
		return levelYear, y
	}
	return levelGeneric, 0
}

// describeBlocks names columns by label: under "2024" (AX to CR).
func describeBlocks(blocks map[string][]int) fmt.Stringer {
	labels := slices.Sorted(maps.Keys(blocks))
	slices.SortStableFunc(labels, func(a, b string) int { return slices.Min(blocks[a]) - slices.Min(blocks[b]) })
	parts := make([]msg.Message, len(labels))
	for i, l := range labels {
		lo, _ := excelize.ColumnNumberToName(slices.Min(blocks[l]) + 1)
		hi, _ := excelize.ColumnNumberToName(slices.Max(blocks[l]) + 1)
		var span fmt.Stringer = msg.New("%s", lo)
		if hi != lo {
			span = msg.New("%s to %s", lo, hi)
		}
		if l == "" {
			parts[i] = msg.New("without a label above (%s)", span)
		} else {
			parts[i] = msg.New("under %q (%s)", l, span)
		}
	}
	return msg.List(parts)
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
	// fill computes the row's formula cells without a saved value
	// (formula.go); nil for none.
	fill func(row int, cells []string, t *WideTable) ([]string, error)
	// csv is the CSV file read, or nil: its rows' fields are checked
	// against the header's.
	csv  *csvBook
	rows int // instansi rows handed on
	// year is the latest year in the rows above the header, but for the
	// row right above it (labels of blocks of columns), in yearCell.
	year     int
	prevRow  int
	yearCell string
	stats    colStats // of the rows handed on (widesummary.go)
}

// MaxWideRows bounds the instansi rows of a wide table: every row is
// scored and kept for the ranking (about 0,6 KB a row), and Indonesia has
// some 630 instansi. 200 000 keeps a whole run under 256 MB while leaving
// room for the 100 000-row tables the benchmarks read.
const MaxWideRows = 200_000

// feed takes one row; it returns false to stop reading the sheet.
func (s *wideState) feed(rowNum int, cells []string, hidden bool) bool {
	if s.t == nil {
		s.seen++
		if s.seen > maxHeaderRow {
			return false
		}
		where := msg.New("row %d", rowNum)
		if s.csv != nil {
			line, _ := s.csv.record(rowNum)
			where = msg.New("line %d", line)
		}
		t, err := wideHeader(cells, s.prev, s.opts, where)
		if t != nil {
			t.Source, t.Sheet, t.HeaderRow = s.path, s.sheet, rowNum
			if s.prevRow < rowNum-1 {
				s.seeYear(s.prevRow, s.prev) // not right above the header: a title
			}
			t.TitleYear, t.TitleYearCell = s.year, s.yearCell
			if y := latestYear(s.sheet); y > t.TitleYear {
				t.TitleYear, t.TitleYearCell = y, ""
			}
			s.t = t
			if err != nil {
				s.err = &Error{File: s.path, Sheet: s.sheet, Err: err}
				return false
			}
			if s.v.Wide != nil {
				s.err = s.v.Wide(t)
			}
			return s.err == nil
		}
		if headerLike(cells, nil, nil) {
			s.longHeader = true
			return false // a long-layout table: not wide
		}
		s.seeYear(s.prevRow, s.prev) // a title row: not the labels right above the header
		s.prev, s.prevRow = append(s.prev[:0], cells...), rowNum
		return true
	}
	t := s.t
	if s.fill != nil {
		if cells, s.err = s.fill(rowNum, cells, t); s.err != nil {
			return false
		}
	}
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
	if !levels && name == "" || s.summary(rowNum, name, cells) {
		return true
	}
	s.stats.add(t, cells)
	if s.rows++; s.rows > MaxWideRows {
		cell := t.NameColumn + strconv.Itoa(rowNum)
		s.err = &Error{File: s.path, Sheet: s.sheet, Cell: cell, Err: classedf(ErrUnsupportedFormat,
			"the wide table under the header in row %d has more than %d instansi rows; no evaluation has that many", t.HeaderRow, MaxWideRows)}
		return false
	}
	s.row = WideRow{Row: rowNum, Instansi: name, Hidden: hidden, cells: cells, fieldsErr: s.checkFields(rowNum, cells)}
	if t.catCol >= 0 {
		s.row.Category = get(t.catCol)
	}
	if t.regionCol >= 0 {
		s.row.Region = get(t.regionCol)
	}
	if s.v.Row != nil {
		s.err = s.v.Row(t, &s.row)
	}
	return s.err == nil
}

// checkFields checks the number of fields of a row of a wide table in a
// CSV file: more than the header has (an unquoted decimal comma, 2,5, in
// a file separated by commas shifts every field after it), or too few to
// reach the last indicator column.
func (s *wideState) checkFields(rowNum int, cells []string) error {
	if s.csv == nil {
		return nil
	}
	t := s.t
	hline, hfields := s.csv.record(t.HeaderRow)
	line, n := s.csv.record(rowNum)
	last := 0
	for c, id := range t.ids {
		if id != "" {
			last = c + 1
		}
	}
	who := ""
	if t.nameCol < len(cells) && fold(cells[t.nameCol]) != "" {
		who = fold(cells[t.nameCol]) + ": "
	}
	switch {
	case len(cells) > hfields:
		return &Error{File: s.path, Err: classedf(ErrBadLevel, "line %d: %s%s", line, who, s.csv.tooMany(n, hline, hfields))}
	case n < last:
		return &Error{File: s.path, Err: classedf(ErrBadLevel, "line %d: %s%d fields where the header in line %d has %d: the levels of the last indicators are missing",
			line, who, n, hline, hfields)}
	case last < len(t.header) && last < len(cells):
		if why := s.csv.shiftedInto(cells[last-1], cells[last], last+1, t.header[last]); why != nil {
			return &Error{File: s.path, Err: classedf(ErrBadLevel, "line %d: %sthe last indicator's %s", line, who, why)}
		}
		if why := s.csv.trailingNumber(cells, t.header, last-1); why != nil {
			return &Error{File: s.path, Err: classedf(ErrBadLevel, "line %d: %s%s", line, who, why)}
		}
	}
	return nil
}
