package xlsx

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spbe-id/spbe/internal/msg"
)

var (
	// ErrUnsupportedFormat: the file is not an .xlsx workbook the scanner
	// reads (a damaged zip, a missing part, a damaged sheet, a charset
	// nobody knows). internal/workbook gives it to its callers as
	// workbook.ErrUnsupportedFormat: the same value.
	ErrUnsupportedFormat = msg.Errorf("unsupported file format")
	// ErrTooLarge: the workbook unpacks to more than the limit given to
	// Open. The caller says which flag raises it.
	ErrTooLarge = errors.New("the workbook unpacks to more than the limit")
)

// Error is a problem at a place in a workbook: File is the path as given
// to Open, Sheet is "" for problems with the whole file, Cell is an A1
// cell name or "". It reads "kaltim.xlsx: Penilaian!F12: msg", as
// workbook.Error does, into which internal/workbook turns it.
type Error struct {
	File, Sheet, Cell string
	Err               error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	b.WriteString(": ")
	switch {
	case e.Sheet != "" && e.Cell != "":
		b.WriteString(CellRef(e.Sheet, e.Cell))
		b.WriteString(": ")
	case e.Sheet != "":
		b.WriteString(e.Sheet)
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// classErr is an error with its own text that still matches a sentinel
// with errors.Is.
type classErr struct {
	class error
	msg   string
}

func (e *classErr) Error() string        { return e.msg }
func (e *classErr) Is(target error) bool { return target == e.class }

// classed returns an error with text msg for which errors.Is(err, class)
// holds.
func classed(class error, msg string) error { return &classErr{class: class, msg: msg} }

// unsupported is ErrUnsupportedFormat for the whole file.
func unsupported(path, msg string) error {
	return &Error{File: path, Err: fmt.Errorf("%w: %s", ErrUnsupportedFormat, msg)}
}

// CellRef names a cell of a sheet the way Excel does: Penilaian!F12, or
// 'Hasil Evaluasi'!F12 when the sheet name is not a plain word; the cell
// name alone without a sheet.
func CellRef(sheet, cell string) string {
	if sheet == "" {
		return cell
	}
	return QuoteSheet(sheet) + "!" + cell
}

// QuoteSheet is a sheet name as Excel writes it in a reference: quoted
// ('Hasil Evaluasi', with ' doubled) unless it is a plain word.
func QuoteSheet(sheet string) string {
	plain := true
	for _, r := range sheet {
		if !(r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && r != 0xa0) {
			plain = false
			break
		}
	}
	if plain {
		return sheet
	}
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
}
