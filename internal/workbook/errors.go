package workbook

import (
	"errors"
	"strings"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/xlsx"
)

// Sentinel errors for the classes of problems a caller may test with
// errors.Is. The errors Read and Levels return wrap one of them.
var (
	// ErrUnsupportedFormat: the file is not an .xlsx workbook or a CSV file
	// (.xls, .ods, PDF, HTML, a damaged zip, an empty file, ...).
	ErrUnsupportedFormat = xlsx.ErrUnsupportedFormat
	// ErrEncrypted: the workbook is password protected and no password, or
	// a wrong one, was given. ErrWrongPassword wraps it.
	ErrEncrypted = errors.New("workbook is encrypted")
	// ErrWrongPassword: the password given for an encrypted workbook is
	// wrong. errors.Is(err, ErrEncrypted) also holds.
	ErrWrongPassword = classedf(ErrEncrypted, "workbook is encrypted and the password is wrong")
	// ErrNoTable: no sheet holds a recognisable table of indicator ids and
	// levels, or a requested sheet or column does not exist.
	ErrNoTable = errors.New("no table of indicator levels found")
	// ErrUnknownIndicator: an id cell holds an id that is not in the rubric.
	ErrUnknownIndicator = errors.New("unknown indicator")
	// ErrBadLevel: a level is empty, not a number or outside the scale.
	ErrBadLevel = errors.New("invalid level")
	// ErrDuplicate: an indicator appears more than once.
	ErrDuplicate = errors.New("duplicate indicator")
	// ErrMissing: indicators of the rubric have no row in the table.
	ErrMissing = errors.New("missing indicators")
	// ErrNoName: a row of a wide table has levels but no instansi name.
	ErrNoName = errors.New("no instansi name")
	// ErrExternal: an indicator scored by another agency has no value and
	// the rubric's assumption was not asked for (LevelOptions).
	ErrExternal = errors.New("no value for an externally scored indicator")
	// ErrAmbiguous: the table can be read in two ways that give different
	// levels (two id columns that disagree, an indicator named by a
	// column twice); the message names both and the flag that chooses.
	ErrAmbiguous = errors.New("ambiguous table")
)

// Error is a problem at a place in a workbook: File is the path as given
// to Read, Sheet is "" for CSV files and for problems with the whole file,
// Cell is an A1 cell name or "".
//
// Error() reads "kaltim.xlsx: Penilaian!F12: msg", "kaltim.xlsx:
// Penilaian: msg" without a cell, "kaltim.csv: F12: msg" for CSV files and
// "kaltim.xlsx: msg" without a sheet or cell. Sheet names that are not
// plain words are quoted as Excel does ('Hasil Evaluasi'!F12).
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
		b.WriteString(cellRef(e.Sheet, e.Cell))
		b.WriteString(": ")
	case e.Sheet != "":
		b.WriteString(e.Sheet)
		b.WriteString(": ")
	case e.Cell != "":
		b.WriteString(e.Cell)
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
// with errors.Is, said in the user's language (internal/msg). classedf
// makes it.
type classErr struct {
	class error
	m     msg.Message
}

func (e *classErr) Error() string        { return e.m.String() }
func (e *classErr) Is(target error) bool { return target == e.class }

// Message is the error's message, in the language of messages (msg.Text).
func (e *classErr) Message() msg.Message { return e.m }

// classedf returns an error with the message of the catalog format and
// args (internal/msg), for which errors.Is(err, class) holds.
func classedf(class error, format string, args ...any) error {
	return &classErr{class: class, m: msg.New(format, args...)}
}

// cellRef names a cell of a sheet the way Excel does: Penilaian!F12, or
// 'Hasil Evaluasi'!F12 when the sheet name is not a plain word. CSV files
// have no sheet: the cell name alone.
func cellRef(sheet, cell string) string {
	return xlsx.CellRef(sheet, cell)
}

// quoteSheet is a sheet name as Excel writes it in a reference.
func quoteSheet(sheet string) string { return xlsx.QuoteSheet(sheet) }
