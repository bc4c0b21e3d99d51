package workbook

import (
	"errors"

	"github.com/spbe-id/spbe/internal/xlsx"
)

// scanBook is an .xlsx workbook read by the streaming scanner of
// internal/xlsx, the book Read uses for every .xlsx workbook of either
// layout, an encrypted one once decrypted (see reader.open). A formula
// without a saved value is computed by spbe's evaluator (calc.go) over the
// cells excelize reads of a sheet small enough (formula.go).
type scanBook struct {
	*xlsx.Book
	path  string
	limit int64
}

// maxHandOver bounds the sheets excelize is opened on to read the cells
// of a formula (reader.computeCell): excelize holds the sheet in memory, each
// row filled up to its last cell (some 200 bytes a cell), every row up to
// the last, and every shared string. A sheet of SPBE levels spans a few
// thousand cells.
const maxHandOver = 500_000

// Excel's limits: a cell beyond them is not in a real workbook.
const (
	maxRows = xlsx.MaxRows
	maxCols = xlsx.MaxCols
)

// openScan opens the workbook at path for the scanner; limit bounds its
// unpacked size.
func openScan(path string, limit int64) (*scanBook, error) {
	b, err := xlsx.Open(path, limit)
	if err != nil {
		return nil, scanErr(path, limit, err)
	}
	return &scanBook{Book: b, path: path, limit: limit}, nil
}

func (b *scanBook) sheets() []sheetRef {
	list := b.Sheets()
	out := make([]sheetRef, len(list))
	for i, s := range list {
		out[i] = sheetRef{name: s.Name, part: s.Part, hidden: s.Hidden}
	}
	return out
}

func (b *scanBook) rows(sh sheetRef, fn rowFunc) error {
	err := b.Rows(xlsx.Sheet{Name: sh.name, Part: sh.part, Hidden: sh.hidden}, xlsx.RowFunc(fn))
	return scanErr(b.path, b.limit, err)
}

func (b *scanBook) close() error { return b.Close() }

// scanErr turns an error of internal/xlsx into the reader's: an
// *xlsx.Error becomes an *Error with the same place and cause (the
// sentinel ErrUnsupportedFormat is the same value in both packages), a
// file that cannot be opened is said as fileErr says it, and
// xlsx.ErrTooLarge names the flag that raises the limit.
func scanErr(path string, limit int64, err error) error {
	if err == nil {
		return nil
	}
	if oe := openErr(path, err); oe != nil {
		return oe
	}
	if errors.Is(err, xlsx.ErrTooLarge) {
		return tooLarge(path, limit)
	}
	var xe *xlsx.Error
	if errors.As(err, &xe) {
		return &Error{File: xe.File, Sheet: xe.Sheet, Cell: xe.Cell, Err: xe.Err}
	}
	return err
}
