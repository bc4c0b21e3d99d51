package workbook

import (
	"github.com/xuri/excelize/v2"
)

// Layout is the shape of the table Read looks for.
type Layout int

const (
	// LayoutLong is one instansi: a row per indicator with its level. It
	// is the zero value.
	LayoutLong Layout = iota
	// LayoutWide is many instansi: a row per instansi, a column per
	// indicator.
	LayoutWide
	// LayoutAuto decides per sheet: wide when a wide header comes before
	// a long one in the first rows, else long.
	LayoutAuto
)

// layout is the layout Read looks for: a column given by IDCol or
// LevelCol is a column of the long layout.
func (o Options) layout() Layout {
	if o.IDCol != "" || o.LevelCol != "" {
		return LayoutLong
	}
	return o.Layout
}

// sheetScan follows the rows of one sheet and settles its layout. When
// the wide layout is possible, a wideState looks for a wide header in the
// first maxHeaderRow rows and, once it has one, streams the rows below it
// to the Visitor. When the long layout is possible, the rows are kept in
// a grid for findTable, until a wide header is found; in LayoutAuto a long
// header seen first settles the sheet as long. The grid stops after
// maxHeaderRow rows when none of them can be a header row; otherwise it
// holds the whole sheet, so that no duplicate row is missed.
type sheetScan struct {
	opts    Options
	wide    *wideState // nil in the long layout
	g       *grid      // nil in the wide layout
	checked bool       // the first maxHeaderRow rows were checked for a header
	// width is how many columns of a row below the header rows the grid
	// keeps (see tableWidth); 0 until it is known.
	width int
	// below counts the rows with cells kept below the header rows; past
	// maxTableRows, err says so and the sheet is not read further.
	below int
	err   error
	path  string
	sheet string
}

// maxTableRows bounds the rows with cells below the first maxHeaderRow
// rows that a sheet read in the long layout may have: a long table has a
// row per indicator. Many more is many instansi, the wide layout.
const maxTableRows = 100_000

func newSheetScan(r *reader, sh sheetRef) *sheetScan {
	s := &sheetScan{opts: r.opts, path: r.path, sheet: sh.name}
	l := r.opts.layout()
	if l != LayoutLong {
		s.wide = &wideState{path: r.path, sheet: sh.name, opts: r.opts, v: &r.v}
	}
	if l != LayoutWide {
		s.g = &grid{}
	}
	return s
}

// row takes one row (a rowFunc); it returns false to stop reading.
func (s *sheetScan) row(n int, cells []string, hidden bool) bool {
	w := s.wide
	if w == nil || w.longHeader {
		return s.long(n, cells, hidden)
	}
	if w.t != nil {
		return w.feed(n, cells, hidden) // the rows of a wide table
	}
	more := w.feed(n, cells, hidden)
	if w.t != nil && s.g != nil && w.t.Year == 0 {
		// The header was found: the rows above it are in the grid.
		if y, r, c := findYear(s.g, len(s.g.rows)); y != 0 {
			w.t.Year = y
			w.t.YearCell, _ = excelize.CoordinatesToCellName(c, r+1)
		}
	}
	if w.t != nil || s.g == nil {
		return more
	}
	if !s.add(n, cells, hidden) {
		return false
	}
	return more || w.longHeader
}

func (s *sheetScan) long(n int, cells []string, hidden bool) bool {
	if !s.add(n, cells, hidden) {
		return false
	}
	if !s.checked && len(s.g.rows) >= maxHeaderRow {
		s.checked = true
		return anyHeader(s.g, s.opts)
	}
	return true
}

// add keeps a row in the grid: whole in the rows where the header may
// be, and below them only the columns the table can use, so that the
// grid costs what the table does, not what the sheet spans (a cell at
// column XFD in every row). It returns false, with s.err set, past
// maxTableRows rows with cells below the header rows.
func (s *sheetScan) add(n int, cells []string, hidden bool) bool {
	if s.width > 0 {
		if len(cells) > s.width {
			cells = cells[:s.width]
		}
		for len(cells) > 0 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		if len(cells) > 0 {
			if s.below++; s.below > maxTableRows {
				s.err = &Error{File: s.path, Sheet: s.sheet, Err: classedf(ErrNoTable,
					"more than %d rows hold cells in the table's columns below row %d; a long table has a row per indicator "+
						"(for a table of many instansi use the wide layout, --layout wide)", maxTableRows, maxHeaderRow)}
				return false
			}
		}
	}
	s.g.add(n, cells, hidden)
	if s.width == 0 && len(s.g.rows) > maxHeaderRow {
		s.width = max(1, tableWidth(s.g, s.opts))
	}
	return true
}

// tableWidth is the number of columns a long table can use: findTable
// looks for the header row in the first maxHeaderRow rows and takes its
// id and level columns from the headers of it and of the sub-header row
// below it (tableAt), or from the letters of Options.IDCol and LevelCol.
// The last of those columns is the width.
func tableWidth(g *grid, opts Options) int {
	idSpec, levelSpec := sheetSpecs(g, opts)
	w := 0
	for _, c := range []*colSpec{idSpec, levelSpec} {
		if c != nil {
			w = max(w, c.col)
		}
	}
	for h := 0; h < len(g.rows) && h < maxHeaderRow; h++ {
		if c := butirHeader(g.rows[h]); c != nil {
			w = max(w, c.width())
		}
		if !headerLike(g.rows[h], idSpec, levelSpec) {
			continue
		}
		for i, v := range headers(g, h) {
			n := normHeader(v)
			switch {
			case n == "":
			case idSpec != nil && n == idSpec.text, levelSpec != nil && n == levelSpec.text:
				w = max(w, i+1)
			case idSpec == nil && idHeader(n) > 0:
				w = max(w, i+1)
			case levelSpec == nil:
				if cl, _ := levelHeader(n); cl != levelNone {
					w = max(w, i+1)
				}
			}
		}
	}
	return w
}
