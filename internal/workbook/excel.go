package workbook

import (
	"errors"
	"strings"

	"github.com/spbe-id/spbe/internal/xlsx"
	"github.com/xuri/excelize/v2"
)

// excelBook is a workbook opened with excelize, to compute formulas
// without a saved value (formula.go). It reads rows as the scanner does
// (xlsx.Excelize); it holds a sheet in memory while its rows are read.
type excelBook struct {
	path string
	f    *excelize.File
	x    *xlsx.Excelize
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
		return nil, unsupported(path, "cannot open the workbook: %w", err)
	}
	return &excelBook{path: path, f: f, x: xlsx.NewExcelize(path, f)}, nil
}

func (x *excelBook) close() error { return x.f.Close() }

func (x *excelBook) sheets() []sheetRef {
	var list []sheetRef
	for _, s := range x.x.Sheets() {
		list = append(list, sheetRef{name: s.Name, hidden: s.Hidden})
	}
	return list
}

// rows streams a sheet's rows to fn. excelize gives every row from the
// first, empty ones included.
func (x *excelBook) rows(sh sheetRef, fn rowFunc) error {
	return scanErr(x.path, 0, x.x.Rows(sh.name, xlsx.RowFunc(fn)))
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
