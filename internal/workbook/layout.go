package workbook

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
}

func newSheetScan(r *reader, sh sheetRef) *sheetScan {
	s := &sheetScan{opts: r.opts}
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
	if w.t != nil || s.g == nil {
		return more
	}
	s.g.add(n, cells, hidden)
	return more || w.longHeader
}

func (s *sheetScan) long(n int, cells []string, hidden bool) bool {
	s.g.add(n, cells, hidden)
	if !s.checked && len(s.g.rows) >= maxHeaderRow {
		s.checked = true
		return anyHeader(s.g, s.opts)
	}
	return true
}
