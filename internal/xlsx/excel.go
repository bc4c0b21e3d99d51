package xlsx

import (
	"github.com/spbe-id/spbe/internal/msg"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Excelize reads the cells of a workbook opened with excelize as Book reads
// them: raw cell values, the 1 and 0 of boolean cells as TRUE and FALSE,
// a number in a date format as the date it shows, a number in exponent
// notation as plain decimal text. It is the reader the scanner is held
// to (the differential test and FuzzScan), and the one internal/workbook
// reads a sheet with when it has opened excelize anyway. It holds a sheet
// in memory while its rows are read.
type Excelize struct {
	path     string
	f        *excelize.File
	date1904 bool
	dates    map[int]bool // style id: shows numbers as dates
}

// NewExcelize reads f, opened from path (named in errors), with
// RawCellValue.
func NewExcelize(path string, f *excelize.File) *Excelize {
	x := &Excelize{path: path, f: f, dates: map[int]bool{}}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		x.date1904 = *p.Date1904
	}
	return x
}

// Sheets lists the sheets in workbook order (without their parts).
func (x *Excelize) Sheets() []Sheet {
	var list []Sheet
	for _, n := range x.f.GetSheetList() {
		v, err := x.f.GetSheetVisible(n)
		list = append(list, Sheet{Name: n, Hidden: err == nil && !v})
	}
	return list
}

// Rows streams a sheet's rows to fn. excelize gives every row from the
// first, empty ones included.
func (x *Excelize) Rows(sheet string, fn RowFunc) error {
	damaged := func(err error) error {
		return &Error{File: x.path, Sheet: sheet, Err: msg.Errorf("%w: damaged sheet: %v", ErrUnsupportedFormat, err)}
	}
	rows, err := x.f.Rows(sheet)
	if err != nil {
		return damaged(err)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return damaged(err)
		}
		x.mark(sheet, n, cells)
		x.numbers(sheet, n, cells)
		if !fn(n, cells, rows.GetRowOpts().Hidden) {
			return nil
		}
	}
	if err := rows.Error(); err != nil {
		return damaged(err)
	}
	return nil
}

// numbers rewrites the cells of row n stored as numbers in exponent
// notation as plain decimal text, as the scanner does; a text cell that
// reads "1e0" stays as it is. The type is asked only of the rare cell
// with an 'e' in it.
func (x *Excelize) numbers(sheet string, n int, cells []string) {
	for i, v := range cells {
		if !strings.ContainsAny(v, "eE") {
			continue
		}
		name, err := excelize.CoordinatesToCellName(i+1, n)
		if err != nil {
			continue
		}
		if t, err := x.f.GetCellType(sheet, name); err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) {
			cells[i] = NumericText(v)
		}
	}
}

// mark gives raw cell values the meaning the scanner gives them: the 1
// and 0 of true/false cells become "TRUE" and "FALSE", so that a boolean
// is never read as a level, and a number in a date format becomes the
// date it shows.
func (x *Excelize) mark(sheet string, row int, cells []string) {
	for i, v := range cells {
		if v == "" || v[0] != '-' && v[0] != '.' && (v[0] < '0' || v[0] > '9') {
			continue // not a number
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		if v == "1" || v == "0" {
			if t, err := x.f.GetCellType(sheet, cell); err == nil && t == excelize.CellTypeBool {
				cells[i] = map[string]string{"1": "TRUE", "0": "FALSE"}[v]
				continue
			}
		}
		if x.isDate(sheet, cell) {
			cells[i] = dateText(v, x.date1904)
		}
	}
}

func (x *Excelize) isDate(sheet, cell string) bool {
	id, err := x.f.GetCellStyle(sheet, cell)
	if err != nil || id == 0 { // the default style, as the scanner reads it
		return false
	}
	d, ok := x.dates[id]
	if !ok {
		if st, err := x.f.GetStyle(id); err == nil {
			code := ""
			if st.CustomNumFmt != nil {
				code = *st.CustomNumFmt
			}
			d = isDateFormat(st.NumFmt, code)
		}
		x.dates[id] = d
	}
	return d
}
