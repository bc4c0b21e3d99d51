package xlsx

import (
	"errors"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"io"
	"strconv"
	"strings"
)

// Sheet is a sheet of a workbook: its name, its part in the package and
// whether it is hidden.
type Sheet struct {
	Name, Part string
	Hidden     bool
}

// RowFunc receives a row of a sheet: its 1-based number, its cells as
// text (index 0 is column A; trailing empty cells dropped, as excelize
// does) and whether it is hidden. The slice may be reused: keep a copy.
// It returns false to stop reading the sheet.
type RowFunc func(row int, cells []string, hidden bool) bool

// Rows streams the rows of a sheet to fn (see RowFunc) from its XML, read
// with xmlScan. A cell's value is what excelize reads (RawCellValue):
// the text of its last <v>, a shared string, or the text of an inline
// string (see richText); a number in a date format is the date, a
// boolean TRUE or FALSE; a number in exponent notation is written out as
// plain decimal text (NumericText). Formula cells give their saved value;
// those without one, or with an empty one (<v></v>, as openpyxl writes
// it), give "" and are noted for Pending and Uncached, and so are the
// cells of an array formula's range.
//
// Rows must come in increasing order, and the cells of a row in
// increasing columns, each named in its own row, as Excel writes them:
// anything else is a damaged sheet, not a guess at what was meant. So is
// a cell longer than Excel allows (maxCellChars) or a shared string that
// does not exist. A part in another encoding than UTF-8 is decoded as
// its XML declaration says (see the package doc).
func (b *Book) Rows(sh Sheet, fn RowFunc) error {
	clear(b.uncached)
	b.arrays = b.arrays[:0]
	b.span = 0
	if msg, ok := b.problems[sh.Name]; ok {
		return &Error{File: b.path, Sheet: sh.Name, Err: classed(ErrUnsupportedFormat, "missing part: "+msg)}
	}
	if err := b.prepare(); err != nil {
		return err
	}
	rc, x, err := b.part(sh.Part)
	if err != nil {
		return &Error{File: b.path, Sheet: sh.Name, Err: partErr("damaged sheet", sh.Part, err)}
	}
	if rc == nil {
		return &Error{File: b.path, Sheet: sh.Name, Err: classed(ErrUnsupportedFormat, "missing part "+sh.Part)}
	}
	defer rc.Close()
	s := sheetReader{b: b, sh: sh, fn: fn, x: x}
	err = s.read()
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{File: b.path, Sheet: sh.Name, Err: partErr("damaged sheet", sh.Part, err)}
}

// sheetReader is the state of reading one sheet.
type sheetReader struct {
	b  *Book
	sh Sheet
	fn RowFunc
	x  *xmlScan

	inData, inRow bool
	dataDepth     int // the depth of <sheetData>
	row, rowDepth int // the current row and the depth of its <row>
	rowErr        error
	lastRow       int // the last row emitted
	cells         []string
	hidden        bool

	// The current cell.
	inCell             bool
	col, prevCol       int
	cellDepth          int
	ref                []byte
	typ                string
	style              int
	v                  []byte // the text of the last <v>
	haveV, hasF, sawIS bool
	f                  []byte // the text of the formula
	// sub is the element (v, f or is) whose content is being read, as
	// excelize decodes it whole, and subDepth the depth inside it.
	sub      string
	subDepth int
	is       richText
}

func (s *sheetReader) read() error {
	x := s.x
	for {
		err := x.next()
		if err == io.EOF {
			if !s.inData {
				return nil // no cells (a chart sheet, an empty part)
			}
			err = errors.New("the part ends inside <sheetData>")
		}
		if err == errTextTooLong && s.inCell {
			return s.tooLong()
		}
		if err != nil {
			return err
		}
		done, err := s.tag()
		if err != nil || done {
			return err
		}
		x.keep = (s.sub == "v" || s.sub == "f") && s.subDepth == 1 || s.sub == "is" && s.is.keep()
	}
}

// tag takes the current tag; done is true at the end of <sheetData> or
// when fn asks to stop.
func (s *sheetReader) tag() (done bool, err error) {
	x := s.x
	if s.sub != "" {
		return false, s.subTag()
	}
	if x.end {
		switch {
		case s.inCell && x.depth() < s.cellDepth:
			return false, s.endCell()
		case s.inRow && x.depth() < s.rowDepth:
			s.inRow = false
			return !s.emit(), nil
		case s.inData && x.depth() < s.dataDepth:
			return true, nil
		}
		return false, nil
	}
	switch {
	case s.inCell:
		switch x.local {
		case "v", "f", "is":
			s.startSub()
		case "c", "row":
			return false, s.damaged(fmt.Sprintf("a <%s> inside the cell %s", x.qname, s.cellName()))
		}
	case x.local == "row":
		if !s.inData || s.inRow {
			return false, s.damaged("a <row> outside <sheetData> or inside another row")
		}
		return !s.startRow(), s.rowErr
	case x.local == "c" && s.inData:
		if !s.inRow {
			return false, s.damaged("a cell <c> outside a <row>")
		}
		return false, s.startCell()
	case x.local == "sheetData" && !s.inData:
		if x.self {
			return true, nil
		}
		s.inData, s.dataDepth = true, x.depth()
	}
	return false, nil
}

// startRow begins a row; it returns false when fn asks to stop.
func (s *sheetReader) startRow() bool {
	x := s.x
	n := s.row + 1
	s.rowErr = nil
	if r, ok := x.attr("r"); ok {
		v, err := strconv.Atoi(string(r))
		switch {
		case err != nil || v < 1 || v > MaxRows:
			s.rowErr = s.damaged(fmt.Sprintf("row number %q", r))
			return true
		case v <= s.row:
			s.rowErr = s.damaged(fmt.Sprintf("row %d comes after row %d; rows must be in order", v, s.row))
			return true
		}
		n = v
	}
	if n > MaxRows {
		s.rowErr = s.damaged(fmt.Sprintf("more than %d rows", MaxRows))
		return true
	}
	s.row, s.cells, s.prevCol = n, s.cells[:0], 0
	s.hidden = false
	if h, ok := x.attr("hidden"); ok {
		s.hidden, _ = strconv.ParseBool(string(h))
	}
	if x.self {
		return s.emit()
	}
	s.inRow, s.rowDepth = true, x.depth()
	return true
}

// emit hands the row to fn, without its trailing empty cells.
func (s *sheetReader) emit() bool {
	s.b.span += s.row - s.lastRow + s.prevCol
	s.lastRow = s.row
	n := len(s.cells)
	for n > 0 && s.cells[n-1] == "" {
		n--
	}
	return s.fn(s.row, s.cells[:n], s.hidden)
}

func (s *sheetReader) startCell() error {
	x := s.x
	s.col = s.prevCol + 1
	s.ref = s.ref[:0]
	if r, ok := x.attr("r"); ok {
		s.ref = append(s.ref, r...)
		col, row, ok := splitRef(r)
		switch {
		case !ok:
			return s.damaged(fmt.Sprintf("in row %d, %q is not a cell name", s.row, r))
		case row != s.row:
			return s.damaged(fmt.Sprintf("the cell %s is in row %d", r, s.row))
		}
		s.col = col
	}
	if s.col > MaxCols {
		return s.damaged(fmt.Sprintf("a cell beyond column XFD in row %d", s.row))
	}
	if s.col <= s.prevCol {
		prev := cellName(s.prevCol, s.row)
		return s.damaged(fmt.Sprintf("the cell %s comes after %s; cells must be in order", s.cellName(), prev))
	}
	t, _ := x.attr("t")
	s.typ = intern2(t)
	s.style = 0
	if a, ok := x.attr("s"); ok {
		n, err := strconv.Atoi(string(a))
		if err != nil {
			return s.damaged(fmt.Sprintf("the cell %s has the style %q, not a number", s.cellName(), a))
		}
		s.style = n
	}
	s.v, s.haveV, s.hasF, s.sawIS = s.v[:0], false, false, false
	s.is.reset()
	if x.self {
		return s.endCell()
	}
	s.inCell, s.cellDepth = true, x.depth()
	return nil
}

// intern2 returns the cell types as constant strings.
func intern2(t []byte) string {
	switch string(t) {
	case "":
		return ""
	case "n":
		return "n"
	case "s":
		return "s"
	case "str":
		return "str"
	case "inlineStr":
		return "inlineStr"
	case "b":
		return "b"
	case "e":
		return "e"
	case "d":
		return "d"
	}
	return string(t)
}

// startSub begins a <v>, <f> or <is> of the current cell.
func (s *sheetReader) startSub() {
	x := s.x
	switch x.local {
	case "v":
		s.v, s.haveV = s.v[:0], true // the last <v> wins
	case "f":
		s.hasF, s.f = true, s.f[:0]
		s.b.noteArray(x, s.row, s.col)
	case "is":
		s.sawIS = true
		s.is.depth, s.is.inT, s.is.inRun = 0, 0, false // a second <is> adds to the first
	}
	if !x.self {
		s.sub, s.subDepth = x.local, 1
	}
}

// subTag takes a tag inside a <v>, <f> or <is> of a cell.
func (s *sheetReader) subTag() error {
	x := s.x
	switch s.sub {
	case "v", "f":
		if s.subDepth == 1 && s.sub == "v" {
			s.v = append(s.v, x.text...)
			if len(s.v) > maxText {
				return s.tooLong()
			}
		} else if s.subDepth == 1 {
			s.f = append(s.f, x.text...)
			if len(s.f) > maxText {
				return s.tooLong()
			}
		}
	case "is":
		if x.end && s.subDepth == 1 {
			break // the </is>
		}
		if err := s.is.tag(x); err != nil {
			return s.tooLong()
		}
	}
	switch {
	case x.end:
		s.subDepth--
		if s.subDepth == 0 {
			s.sub = ""
		}
	case !x.self:
		s.subDepth++
	}
	return nil
}

func (s *sheetReader) tooLong() error {
	return &Error{File: s.b.path, Sheet: s.sh.Name, Cell: s.cellName(),
		Err: damagedSheet(s.sh.Part, fmt.Sprintf("the cell holds more than the %d characters a cell can hold", maxCellChars))}
}

// damagedSheet is the error of a damaged sheet part.
func damagedSheet(part, detail string) error {
	return msg.Errorf("%w: damaged sheet (%s): %s", ErrUnsupportedFormat, part, detail)
}

// endCell sets the value of the cell that ends.
func (s *sheetReader) endCell() error {
	s.inCell = false
	s.prevCol = s.col
	b := s.b
	if s.hasF && len(s.v) == 0 && !s.sawIS {
		// No saved value, or an empty one (<v></v>, as openpyxl writes
		// it): see formula.go.
		if b.uncached == nil {
			b.uncached = map[[2]int]string{}
		}
		b.uncached[[2]int{s.row, s.col}] = string(s.f)
	}
	var v string
	switch s.typ {
	case "s":
		if len(s.v) == 0 {
			break
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(s.v)))
		if err != nil {
			return s.cellErr(fmt.Sprintf("the shared string index %q is not a number", s.v))
		}
		str, ok := b.strs.get(i)
		if !ok {
			return s.cellErr(fmt.Sprintf("the shared string %d does not exist (the table has %d)", i, b.strs.len()))
		}
		v = str
	case "inlineStr":
		if !s.sawIS {
			v = string(s.v)
			break
		}
		t, err := s.is.text()
		if err != nil {
			return s.tooLong()
		}
		v = string(t)
	case "b":
		switch string(s.v) {
		case "1":
			v = "TRUE"
		case "0":
			v = "FALSE"
		default:
			v = string(s.v)
		}
	case "", "n":
		// Exponent notation becomes plain decimal text, so that
		// ParseLevel reads typed text only in the documented syntax.
		v = NumericText(string(s.v))
		if s.style > 0 && s.style < len(b.dates) && b.dates[s.style] && v != "" {
			v = dateText(v, b.date1904)
		}
	default: // str, e, d and others: the text as it is
		v = string(s.v)
	}
	if err := checkCellLen(v); err != nil {
		return s.tooLong()
	}
	s.cells = setCell(s.cells, s.col, v)
	return nil
}

func (s *sheetReader) cellName() string {
	return cellName(s.col, s.row)
}

func (s *sheetReader) cellErr(msg string) error {
	return &Error{File: s.b.path, Sheet: s.sh.Name, Cell: s.cellName(), Err: damagedSheet(s.sh.Part, msg)}
}

// damaged is the error of a sheet whose XML is well formed but is not a
// sheet as Excel writes it.
func (s *sheetReader) damaged(msg string) error {
	return &Error{File: s.b.path, Sheet: s.sh.Name, Err: damagedSheet(s.sh.Part, fmt.Sprintf("byte %d: %s", s.x.tagOff, msg))}
}

// Excel's limits: a cell beyond them is not in a real workbook.
const (
	MaxRows = 1 << 20
	MaxCols = 1 << 14
)

func setCell(cells []string, col int, v string) []string {
	if col < 1 || col > MaxCols {
		return cells
	}
	for len(cells) < col-1 {
		cells = append(cells, "")
	}
	if len(cells) < col {
		return append(cells, v)
	}
	cells[col-1] = v
	return cells
}

// cellName is the A1 name of a cell (1-based column and row).
func cellName(col, row int) string {
	if col < 1 {
		return "row " + strconv.Itoa(row)
	}
	return colName(col) + strconv.Itoa(row)
}

func colName(col int) string {
	var b [4]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// splitRef reads a cell name ("AB12", letters in either case) into its
// column and row; ok is false for anything else.
func splitRef(ref []byte) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && i < 4 {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		i++
	}
	if i == 0 || i == len(ref) || col > MaxCols {
		return 0, 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' || row > MaxRows {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	if ref[i] == '0' || row < 1 || row > MaxRows {
		return 0, 0, false
	}
	return col, row, true
}
