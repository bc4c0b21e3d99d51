package workbook

// holdsTable reports whether a sheet of b holds a table of the layout of
// the options, without reading it: a wide header, or a long header with
// at least one indicator id under it (as Read would take it, formulas
// without a saved value aside). It reads a wide table's rows only up to
// its header. A sheet it cannot read is taken as holding none: the
// answer is advice (Visitor.Other), not a reading.
func (r *reader) holdsTable(b book, sh sheetRef) bool {
	probe := &reader{path: r.path, opts: r.opts}
	s := newSheetScan(probe, sh)
	err := b.rows(sh, func(n int, cells []string, hidden bool) bool {
		more := s.row(n, cells, hidden)
		return more && (s.wide == nil || s.wide.t == nil)
	})
	switch {
	case err != nil:
		return false
	case s.wide != nil && s.wide.t != nil:
		return s.wide.err == nil
	case s.g == nil:
		return false
	}
	idSpec, levelSpec := sheetSpecs(s.g, r.opts)
	t := findTable(s.g, idSpec, levelSpec)
	if t == nil {
		return false
	}
	for row := t.header + 1; row < len(s.g.rows); row++ {
		if _, ok := readID(s.g.cell(row, t.idCol)); ok {
			return true
		}
	}
	return false
}
