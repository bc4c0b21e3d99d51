package workbook

import (
	"errors"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// The levels of a wide table's rows, checked against a rubric once it is
// chosen, and the columns the header lacks.

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
	if w.fieldsErr != nil {
		return dst, nil, w.fieldsErr
	}
	var errs []error
	var external []*rubric.Indicator
	prefix := w.Instansi + ": "
	if w.Instansi == "" {
		prefix = ""
		cell := t.NameColumn + strconv.Itoa(w.Row)
		errs = append(errs, &Error{File: t.Source, Sheet: t.Sheet, Cell: cell,
			Err: classedf(ErrNoName, "row %d has levels but no instansi name in column %s %q", w.Row, t.NameColumn, t.NameHeader)})
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
				Err: fmt.Errorf("%s%w", prefix, classedf(ErrBadLevel, format, args...))})
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
// one *Error wrapping ErrMissing, or nil. An indicator that the header
// names twice through the rubric (a plain id and its kode) is read from
// the column its label ranks first, added to LevelNote; when two rank
// alike, the error is ErrDuplicate naming them (see duplicates).
func (t *WideTable) CheckColumns(r *rubric.Rubric) error {
	var missing []string
	cols, note, err := t.duplicates(r)
	if err != nil {
		return &Error{File: t.Source, Sheet: t.Sheet, Err: err}
	}
	if note != "" && !strings.Contains(t.LevelNote, note) {
		t.LevelNote = strings.TrimPrefix(t.LevelNote+"; "+note, "; ")
	}
	for i, ind := range r.Indicators() {
		if cols[i] < 0 && ind.External == nil {
			missing = append(missing, ind.ID)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &Error{File: t.Source, Sheet: t.Sheet, Err: classedf(ErrMissing, "no %s for indicator %s in the header in row %d",
		msg.Plural(len(missing), "column", "columns"), strings.Join(missing, ", "), t.HeaderRow)}
}

// DefaultInstansi is the name of an instansi without a name cell: the file
// name without its extension.
func DefaultInstansi(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
