package workbook

import (
	"bufio"
	"bytes"
	"errors"
	"github.com/spbe-id/spbe/internal/msg"
	"io"
	"slices"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Limits of a CSV file: what a sheet can hold, so that no CSV file costs
// more memory than a table could need. The file's text is read as a
// stream, one record at a time; only the rows a layout keeps stay in
// memory.
const (
	// MaxCSVFields bounds the fields of a line: the columns of a sheet
	// (A to XFD). Empty fields past it are ignored (a line of commas).
	MaxCSVFields = 16384
	// MaxCSVRows bounds the records of a file: the rows of a sheet. Empty
	// records past it are ignored.
	MaxCSVRows = 1 << 20
	// MaxCSVField bounds the characters of a field: what a cell holds.
	MaxCSVField = 32767
	// MaxCSVCells bounds the text of the non-empty fields of a file, in
	// bytes, each field counting 16 bytes more (what keeping it costs).
	MaxCSVCells = 32 << 20
)

// csvBook is a CSV file: one sheet without a name, whose rows are parsed
// as they are read. Read reads it once.
type csvBook struct {
	path string
	src  *bufio.Reader // the text, UTF-8
	sep  byte
	cr   bool // lines end in a lone CR (classic Mac OS)
	// recs are the records handed on so far, in order.
	recs []csvRecord
	// kept reports whether the rows handed on are kept (by the long
	// layout's grid): only their text counts against MaxCSVCells. nil
	// means always.
	kept func() bool
}

// csvRecord is where a row of a CSV file comes from: the line where its
// record starts and its number of fields, empty ones included.
type csvRecord struct{ row, line, fields int32 }

func (c *csvBook) sheets() []sheetRef { return []sheetRef{{}} }
func (c *csvBook) close() error       { return nil }

func (c *csvBook) pending(string, int, int) bool { return false }

// rows parses the records and hands them to fn as rows, numbered as
// encoding/csv counts records (blank lines are skipped), trailing empty
// fields dropped. Records without a non-empty field are not handed on.
func (c *csvBook) rows(_ sheetRef, fn rowFunc) error {
	s := &csvScanner{r: c.src, sep: c.sep, cr: c.cr}
	row := 0
	for {
		s.budget = c.kept == nil || c.kept()
		cells, n, line, err := s.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return c.lineErr(line, err)
		}
		row++
		if len(cells) == 0 {
			continue
		}
		if row > MaxCSVRows {
			return c.lineErr(line, msg.Errorf("more than %d records, the rows a sheet holds", MaxCSVRows))
		}
		c.recs = append(c.recs, csvRecord{int32(row), int32(line), int32(n)})
		if !fn(row, cells, false) {
			return nil
		}
	}
}

func (c *csvBook) lineErr(line int, err error) error {
	return &Error{File: c.path, Err: msg.Errorf("line %d: %w: %w", line, ErrUnsupportedFormat, err)}
}

// record returns the line where the record of a row (1-based) starts and
// its number of fields, or 0, 0 for a row not handed on.
func (c *csvBook) record(row int) (line, fields int) {
	i, ok := slices.BinarySearchFunc(c.recs, int32(row), func(r csvRecord, row int32) int { return int(r.row - row) })
	if !ok {
		return 0, 0
	}
	return int(c.recs[i].line), int(c.recs[i].fields)
}

// link ties a sheet's scan to the CSV file it reads, if it is one: the
// text of the rows it keeps counts against MaxCSVCells, and a wide table
// checks the number of fields of its rows.
func (s *sheetScan) link(b book) {
	c, ok := b.(*csvBook)
	if !ok {
		return
	}
	c.kept = func() bool { return s.g != nil && (s.wide == nil || s.wide.t == nil || s.wide.longHeader) }
	if s.wide != nil {
		s.wide.csv = c
	}
}

// readCSV opens CSV data. The text may be UTF-8 with or without a byte
// order mark, UTF-16 with one (Excel's "Unicode Text"), or Windows-1252,
// and its lines may end in LF, CRLF or a lone CR. The separator (',', ';'
// or tab) is the one that splits the header row into an id and a level
// column; failing that, the most common one on the first non-empty line.
func readCSV(path string, data []byte) (*csvBook, error) {
	var src io.Reader
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		src = bytes.NewReader(data[3:])
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		src = transform.NewReader(bytes.NewReader(data), unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case !utf8.Valid(data):
		src = transform.NewReader(bytes.NewReader(data), charmap.Windows1252.NewDecoder())
	default:
		src = bytes.NewReader(data)
	}
	size := min(csvHead, 2*len(data)+64) // decoded UTF-16 may grow by half
	c := &csvBook{path: path, src: bufio.NewReaderSize(src, size)}
	head, err := c.src.Peek(size)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, unsupported(path, "damaged text: %w", err)
	}
	if bytes.IndexByte(head, '\r') >= 0 && bytes.IndexByte(head, '\n') < 0 {
		c.cr = true
		head = bytes.ReplaceAll(head, []byte{'\r'}, []byte{'\n'})
	}
	c.sep = byte(csvSeparator(head))
	return c, nil
}

// csvHead is how much of the text is looked at for the separator, and the
// size of the read buffer.
const csvHead = 1 << 20

// csvSeparator finds the separator in the first lines of the text (each
// looked at up to its first 64 KiB).
func csvSeparator(data []byte) rune {
	seps := []byte{';', ',', '\t'}
	lines := bytes.SplitN(data, []byte("\n"), maxHeaderRow+1)
	first := -1
	for i, line := range lines {
		if i == maxHeaderRow {
			break
		}
		line = line[:min(len(line), 64<<10)]
		lines[i] = line
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if first < 0 {
			first = i
		}
		for _, sep := range seps {
			if bytes.IndexByte(line, sep) < 0 {
				continue
			}
			var row []string
			for _, f := range bytes.Split(bytes.TrimRight(line, "\r"), []byte{sep}) {
				row = append(row, string(bytes.Trim(f, "\" ")))
			}
			if headerLike(row, nil, nil) {
				return rune(sep)
			}
		}
	}
	if first < 0 {
		return ','
	}
	best, bestN := byte(','), 0
	for _, sep := range seps {
		if n := bytes.Count(lines[first], []byte{sep}); n > bestN {
			best, bestN = sep, n
		}
	}
	return rune(best)
}

// csvScanner splits CSV text into records as encoding/csv does with
// LazyQuotes (a quote inside a field is kept) and a variable number of
// fields: blank lines are skipped, CRLF is read as LF (and a lone CR as
// LF in a file of lone CRs), a quoted field may hold separators, quotes
// written "" and line breaks. Unlike encoding/csv, it keeps no more of a
// record than its non-empty fields, and enforces the limits above.
type csvScanner struct {
	r     *bufio.Reader
	sep   byte
	cr    bool
	line  int // lines read so far
	buf   []byte
	rec   []string
	cells int // bytes of non-empty fields kept so far (MaxCSVCells)
	// budget is set when the fields of the next record count against
	// MaxCSVCells.
	budget bool
}

// readByte reads a byte, a lone CR read as LF in a file of lone CRs.
func (s *csvScanner) readByte() (byte, error) {
	b, err := s.r.ReadByte()
	if s.cr && b == '\r' {
		b = '\n'
	}
	return b, err
}

// peekByte returns the next byte without reading it, ok false at the end.
func (s *csvScanner) peekByte() (byte, bool) {
	b, err := s.peek()
	return b, err == nil
}

// peek returns the next byte without reading it, or the error of reading
// it (io.EOF at the end).
func (s *csvScanner) peek() (byte, error) {
	p, err := s.r.Peek(1)
	if len(p) == 0 {
		return 0, err
	}
	if s.cr && p[0] == '\r' {
		return '\n', nil
	}
	return p[0], nil
}

// next reads a record: its cells (trailing empty fields dropped; valid
// until the next call), its number of fields and the line it starts on.
// It returns io.EOF at the end of the text.
func (s *csvScanner) next() (cells []string, n, line int, err error) {
	// Blank lines (LF, CRLF, or a CR at the very end) are not records.
	for {
		if s.blanks() {
			continue
		}
		b, err := s.peek()
		if err != nil {
			return nil, 0, s.line + 1, err
		}
		if b == '\n' {
			s.readByte()
			s.line++
			continue
		}
		if b == '\r' && s.crlfOrEnd() {
			continue
		}
		break
	}
	line = s.line + 1
	s.rec = s.rec[:0]
	empty := 0 // empty fields not yet added to rec
	for {
		// A run of separators is a run of empty fields.
		if k := s.seps(); k > 0 {
			n += k
			empty += k
			continue
		}
		end, err := s.field()
		if err != nil {
			return nil, 0, line, err
		}
		n++
		switch {
		case len(s.buf) == 0:
			empty++
		case n > MaxCSVFields:
			return nil, 0, line, msg.Errorf("more than %d fields, the columns a sheet holds", MaxCSVFields)
		default:
			for ; empty > 0; empty-- {
				s.rec = append(s.rec, "")
			}
			if s.budget {
				s.cells += 16 + len(s.buf)
			}
			if s.cells > MaxCSVCells {
				return nil, 0, line, msg.Errorf("more than %d MiB of text in the cells kept; no table of levels is that large", MaxCSVCells>>20)
			}
			s.rec = append(s.rec, string(s.buf))
		}
		if end {
			return s.rec, n, line, nil
		}
	}
}

// field reads a field into s.buf; end is true when it ends the record.
func (s *csvScanner) field() (end bool, err error) {
	s.buf = s.buf[:0]
	chars := 0
	add := func(b byte) error {
		s.buf = append(s.buf, b)
		if b&0xc0 != 0x80 {
			if chars++; chars > MaxCSVField {
				return msg.Errorf("a field of more than %d characters, the most a cell holds", MaxCSVField)
			}
		}
		return nil
	}
	// trimCR drops the CR of a CRLF (or of a CR at the very end).
	trimCR := func() {
		if n := len(s.buf); n > 0 && s.buf[n-1] == '\r' {
			s.buf = s.buf[:n-1]
		}
	}
	if b, ok := s.peekByte(); ok && b == '"' {
		s.readByte()
		for {
			b, err := s.readByte()
			if err != nil { // the end of the text inside quotes ends the field
				trimCR()
				return true, eof(err)
			}
			switch b {
			case '"':
				nb, ok := s.peekByte()
				switch {
				case !ok:
					return true, nil
				case nb == '"':
					s.readByte()
					if err := add('"'); err != nil {
						return false, err
					}
				case nb == s.sep:
					s.readByte()
					return false, nil
				case nb == '\n':
					s.readByte()
					s.line++
					return true, nil
				case nb == '\r' && s.crlfOrEnd():
					return true, nil
				default: // a bare quote, kept
					if err := add('"'); err != nil {
						return false, err
					}
				}
			case '\n':
				s.line++
				trimCR()
				if err := add('\n'); err != nil {
					return false, err
				}
			default:
				if err := add(b); err != nil {
					return false, err
				}
			}
		}
	}
	// An unquoted field: its bytes are taken from the read buffer in runs.
	for {
		if s.r.Buffered() == 0 {
			if _, err := s.r.Peek(1); err != nil {
				trimCR()
				return true, eof(err)
			}
		}
		chunk, _ := s.r.Peek(s.r.Buffered())
		i := s.stop(chunk)
		run := chunk
		if i >= 0 {
			run = chunk[:i]
		}
		s.buf = append(s.buf, run...)
		if chars += utf8.RuneCount(run); chars > MaxCSVField {
			return false, msg.Errorf("a field of more than %d characters, the most a cell holds", MaxCSVField)
		}
		if i < 0 {
			s.r.Discard(len(run))
			continue
		}
		end := chunk[i] != s.sep
		s.r.Discard(i + 1)
		if end {
			s.line++
			trimCR()
		}
		return end, nil
	}
}

// blanks reads the blank lines (LF or CRLF) at the start of the read
// buffer, and reports whether there were any.
func (s *csvScanner) blanks() bool {
	p, _ := s.r.Peek(s.r.Buffered())
	i := 0
	for i < len(p) {
		switch {
		case p[i] == '\n' || s.cr && p[i] == '\r':
			i++
		case p[i] == '\r' && i+1 < len(p) && p[i+1] == '\n':
			i += 2
		default:
			s.r.Discard(i)
			return i > 0
		}
		s.line++
	}
	s.r.Discard(i)
	return i > 0
}

// seps reads the separators at the start of the read buffer, each ending
// an empty field, and returns how many.
func (s *csvScanner) seps() int {
	p, _ := s.r.Peek(s.r.Buffered())
	k := 0
	for k < len(p) && p[k] == s.sep {
		k++
	}
	s.r.Discard(k)
	return k
}

// stop returns the index of the first separator or line end in p, or -1.
func (s *csvScanner) stop(p []byte) int {
	for i, b := range p {
		if b == s.sep || b == '\n' || s.cr && b == '\r' {
			return i
		}
	}
	return -1
}

// eof is nil for io.EOF, else err (text that could not be decoded).
func eof(err error) error {
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// crlfOrEnd reads a CR that a LF or the end of the text follows, and that
// LF; it reads nothing and returns false otherwise.
func (s *csvScanner) crlfOrEnd() bool {
	p, _ := s.r.Peek(2)
	switch {
	case len(p) == 1 && p[0] == '\r':
		s.r.ReadByte()
		return true
	case len(p) == 2 && p[0] == '\r' && p[1] == '\n':
		s.r.Discard(2)
		s.line++
		return true
	}
	return false
}
