package workbook

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// excelBook is a workbook opened with excelize: the fallback of the
// streaming reader (see errHandOver). It decrypts, converts parts in other
// encodings than UTF-8, and computes formulas without a saved value
// (formula.go); it holds a sheet in memory while its rows are read.
type excelBook struct {
	path  string
	f     *excelize.File
	marks *cellMarks
}

func openExcel(path string, opts Options) (*excelBook, error) {
	f, err := excelize.OpenFile(path, opts.excelize())
	if err != nil {
		if f != nil {
			f.Close()
		}
		if oe := openErr(path, err); oe != nil {
			return nil, oe // not the content: keep the cause (EMFILE)
		}
		if opts.Password != "" && (errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat)) {
			return nil, &Error{File: path, Err: ErrWrongPassword}
		}
		if strings.Contains(err.Error(), "unzip size") {
			return nil, tooLarge(path, opts.unzipLimit())
		}
		return nil, unsupported(path, "cannot open the workbook: "+err.Error())
	}
	return &excelBook{path: path, f: f, marks: newCellMarks(f)}, nil
}

func (x *excelBook) close() error { return x.f.Close() }

func (x *excelBook) sheets() []sheetRef {
	var list []sheetRef
	for _, n := range x.f.GetSheetList() {
		v, err := x.f.GetSheetVisible(n)
		list = append(list, sheetRef{name: n, hidden: err == nil && !v})
	}
	return list
}

// rows streams a sheet's rows to fn. excelize gives every row from the
// first, empty ones included; the cells are marked as the scanner reads
// them (see cellMarks).
func (x *excelBook) rows(sh sheetRef, fn rowFunc) error {
	damaged := func(err error) error {
		return &Error{File: x.path, Sheet: sh.name, Err: fmt.Errorf("%w: damaged sheet: %v", ErrUnsupportedFormat, err)}
	}
	rows, err := x.f.Rows(sh.name)
	if err != nil {
		return damaged(err)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns()
		if err != nil {
			return damaged(err)
		}
		x.marks.apply(sh.name, n, cells)
		x.numbers(sh.name, n, cells)
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
// notation as plain decimal text, as the streaming reader does (rows.go);
// a text cell that reads "1e0" stays as it is. The type is asked only of
// the rare cell with an 'e' in it.
func (x *excelBook) numbers(sheet string, n int, cells []string) {
	for i, v := range cells {
		if !strings.ContainsAny(v, "eE") {
			continue
		}
		name, err := excelize.CoordinatesToCellName(i+1, n)
		if err != nil {
			continue
		}
		if t, err := x.f.GetCellType(sheet, name); err == nil && (t == excelize.CellTypeNumber || t == excelize.CellTypeUnset) {
			cells[i] = numericText(v)
		}
	}
}

// pending reports whether a cell (1-based) is a formula whose saved value
// is empty or missing: excelize cannot tell `<v></v>` from no <v>, nor a
// saved empty text from either. The cells of an array formula's range
// other than its first hold no formula for excelize's GetCellFormula: they
// are not seen here (see formula.go).
func (x *excelBook) pending(sheet string, row, col int) bool {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	if v, err := x.f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true}); err != nil || v != "" {
		return false
	}
	f, err := x.f.GetCellFormula(sheet, cell)
	return err == nil && f != ""
}

// unzipLimit is the unpacked size an .xlsx workbook may have.
func (o Options) unzipLimit() int64 {
	if o.MaxUnzipSize > 0 {
		return o.MaxUnzipSize
	}
	return UnzipSizeLimit
}

// excelize returns the options excelize opens a workbook with.
func (o Options) excelize() excelize.Options {
	return excelize.Options{
		Password:          o.Password,
		RawCellValue:      true,
		UnzipSizeLimit:    o.unzipLimit(),
		UnzipXMLSizeLimit: max(UnzipXMLSizeLimit, o.unzipLimit()/4),
	}
}

// cellMarks gives raw cell values the meaning the streaming scanner
// gives them: the 1 and 0 of true/false cells become "TRUE" and "FALSE",
// so that a boolean is never read as a level, and a number in a date
// format becomes the date it shows.
type cellMarks struct {
	f        *excelize.File
	date1904 bool
	dates    map[int]bool // style id: shows numbers as dates
}

func newCellMarks(f *excelize.File) *cellMarks {
	m := &cellMarks{f: f, dates: map[int]bool{}}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		m.date1904 = *p.Date1904
	}
	return m
}

func (m *cellMarks) apply(sheet string, row int, cells []string) {
	for i, v := range cells {
		if v == "" || v[0] != '-' && v[0] != '.' && (v[0] < '0' || v[0] > '9') {
			continue // not a number
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		if v == "1" || v == "0" {
			if t, err := m.f.GetCellType(sheet, cell); err == nil && t == excelize.CellTypeBool {
				cells[i] = map[string]string{"1": "TRUE", "0": "FALSE"}[v]
				continue
			}
		}
		if m.isDate(sheet, cell) {
			cells[i] = dateText(v, m.date1904)
		}
	}
}

func (m *cellMarks) isDate(sheet, cell string) bool {
	id, err := m.f.GetCellStyle(sheet, cell)
	if err != nil || id == 0 { // the default style, as the scanner reads it
		return false
	}
	d, ok := m.dates[id]
	if !ok {
		if st, err := m.f.GetStyle(id); err == nil {
			code := ""
			if st.CustomNumFmt != nil {
				code = *st.CustomNumFmt
			}
			d = isDateFormat(st.NumFmt, code)
		}
		m.dates[id] = d
	}
	return d
}
