package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Size limits that make a zip bomb or a huge file fail instead of
// exhausting memory.
const (
	// UnzipSizeLimit bounds the total unpacked size of an .xlsx workbook.
	UnzipSizeLimit = 256 << 20
	// UnzipXMLSizeLimit bounds a worksheet or the shared strings held in
	// memory; larger parts are unpacked to a temporary file by excelize.
	UnzipXMLSizeLimit = 64 << 20
	// MaxFileSize bounds the size of a CSV or encrypted workbook, which
	// are read into memory whole.
	MaxFileSize = 64 << 20
)

// Options says how to find the table in a workbook. Only Known is
// required; the rest are detected when empty.
type Options struct {
	// Sheet is the sheet name; "" detects it: the first sheet in workbook
	// order with a recognisable table (visible sheets before hidden ones).
	// Names match exactly or, failing that, ignoring case. Ignored for CSV.
	Sheet string
	// IDCol is the id column: its header text or its column letter ("A").
	// Header text wins when a header cell has that text. "" detects it.
	IDCol string
	// LevelCol is the level column, given like IDCol. "" detects it.
	LevelCol string
	// Password opens an encrypted .xlsx workbook.
	Password string
	// MaxUnzipSize bounds the unpacked size of an .xlsx workbook in bytes;
	// 0 means UnzipSizeLimit.
	MaxUnzipSize int64
	// Known reports whether a canonical id is an indicator of the rubric.
	// Required.
	Known func(id string) bool
}

// Entry is one row of the table: an indicator and its level cell.
type Entry struct {
	ID     string // canonical indicator id, as CanonicalID returns it
	Raw    string // the level cell's value as text (formulas: the cached value, else computed)
	Cell   string // the level cell, e.g. "F12"
	IDCell string // the id cell, e.g. "A12"
}

// Sheet is the table read from one sheet of a workbook, or from a CSV
// file, before its levels are checked against a rubric (see Levels).
type Sheet struct {
	Source string // the path given to Read
	Sheet  string // the sheet name; "" for CSV
	// Instansi is the instansi's name and InstansiCell the cell it was
	// read from; InstansiCell is "" when the name is the file name.
	Instansi, InstansiCell string
	IDColumn, LevelColumn  string // column letters used
	IDHeader, LevelHeader  string // header texts of those columns ("" when chosen by letter without a header)
	// OtherLevelColumns are the level columns not used, best first, as
	// column letter and header: E "Penilaian Mandiri".
	OtherLevelColumns []string
	Entries           []Entry  // in sheet order
	Warnings          []string // things the user should know, e.g. hidden rows read
}

// Read finds the table of indicator levels in a workbook (.xlsx, .xlsm)
// or CSV file and returns its entries; see the package documentation for
// the detection rules. The format is recognised from the content, not the
// name. Every returned error is an *Error naming the file (and the sheet
// and cell where there is one) or an errors.Join of them.
//
// An id cell holding an id that Known rejects is an error that names the
// cell (ErrUnknownIndicator); Read then returns both the Sheet, holding
// the other entries, and the joined errors of all such cells.
func Read(path string, opts Options) (*Sheet, error) {
	if opts.Known == nil {
		return nil, &Error{File: path, Err: errors.New("workbook.Options.Known is nil")}
	}
	kind, data, err := sniff(path, opts)
	if err != nil {
		return nil, err
	}
	if kind == kindCSV {
		g, err := readCSV(path, data)
		if err != nil {
			return nil, err
		}
		idSpec, levelSpec := sheetSpecs(g, opts)
		t := findTable(g, idSpec, levelSpec)
		if t == nil {
			return nil, &Error{File: path, Err: noTable(opts)}
		}
		return build(path, "", g, t, opts, nil)
	}
	return readXLSX(path, opts)
}

type fileKind int

const (
	kindXLSX fileKind = iota
	kindCSV
)

var (
	oleMagic         = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
	encryptedPackage = utf16le("EncryptedPackage")
)

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

func unsupported(path, msg string) error {
	return &Error{File: path, Err: fmt.Errorf("%w: %s", ErrUnsupportedFormat, msg)}
}

// sniff recognises the format of the file from its first bytes. For CSV
// it returns the file's content.
func sniff(path string, opts Options) (fileKind, []byte, error) {
	password := opts.Password
	f, err := os.Open(path)
	if err != nil {
		return 0, nil, fileErr(path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, nil, fileErr(path, err)
	}
	if st.IsDir() {
		return 0, nil, &Error{File: path, Err: errors.New("is a directory, not a workbook")}
	}
	size := st.Size()
	if size == 0 {
		return 0, nil, unsupported(path, "the file is empty")
	}
	head := make([]byte, min(size, 1024))
	if _, err := io.ReadFull(f, head); err != nil {
		return 0, nil, fileErr(path, err)
	}
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return kindXLSX, nil, checkZip(path, f, size, opts.unzipLimit())
	case bytes.HasPrefix(head, oleMagic):
		if size > MaxFileSize {
			return 0, nil, unsupported(path, fmt.Sprintf("old Office (OLE2) file larger than %d MiB", MaxFileSize>>20))
		}
		all, err := io.ReadAll(io.NewSectionReader(f, 0, size))
		if err != nil {
			return 0, nil, fileErr(path, err)
		}
		if bytes.Contains(all, encryptedPackage) {
			if password == "" {
				return 0, nil, &Error{File: path, Err: classed(ErrEncrypted, "workbook is encrypted; use --password")}
			}
			return kindXLSX, nil, nil
		}
		if bytes.Contains(all, utf16le("Workbook")) || bytes.Contains(all, utf16le("Book")) {
			return 0, nil, unsupported(path, "this is an Excel 97-2003 .xls workbook; open it in Excel or LibreOffice and save it as .xlsx")
		}
		return 0, nil, unsupported(path, "this is an old Microsoft Office (OLE2) document, not a workbook; save the workbook as .xlsx")
	case bytes.HasPrefix(head, []byte("%PDF")):
		return 0, nil, unsupported(path, "this is a PDF document, not a workbook; use the .xlsx workbook the PDF was made from")
	}
	ext := strings.ToLower(filepath.Ext(path))
	lower := bytes.ToLower(head)
	if ext != ".csv" && ext != ".txt" && ext != ".tsv" {
		switch {
		case bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<table")) || bytes.Contains(lower, []byte("<!doctype")):
			return 0, nil, unsupported(path, "this is an HTML page, not a workbook; open it in Excel and save it as .xlsx")
		case bytes.Contains(lower, []byte("<?xml")):
			return 0, nil, unsupported(path, "this is an XML file (perhaps an Excel 2003 XML workbook), not .xlsx; open it in Excel and save it as .xlsx")
		case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".ods" || ext == ".xlsb":
			return 0, nil, unsupported(path, fmt.Sprintf("the file is named %s but is not a workbook (damaged, or another kind of file)", ext))
		}
	}
	if bytes.IndexByte(head, 0) >= 0 && !bytes.HasPrefix(head, []byte{0xff, 0xfe}) && !bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return 0, nil, unsupported(path, "not a workbook or a CSV file")
	}
	if size > MaxFileSize {
		return 0, nil, unsupported(path, fmt.Sprintf("CSV file larger than %d MiB", MaxFileSize>>20))
	}
	data, err := io.ReadAll(io.NewSectionReader(f, 0, size))
	if err != nil {
		return 0, nil, fileErr(path, err)
	}
	return kindCSV, data, nil
}

// fileErr turns an *fs.PathError into an *Error without repeating the
// path; errors.Is(err, fs.ErrNotExist) still holds.
func fileErr(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = errors.New("unexpected end of file")
	}
	return &Error{File: path, Err: err}
}

// checkZip tells .ods, .xlsb, other zip files and damaged archives from
// .xlsx workbooks, and refuses archives that unpack to too much.
func checkZip(path string, f io.ReaderAt, size, limit int64) error {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return unsupported(path, "damaged or truncated zip archive, not a readable .xlsx workbook")
	}
	var total uint64
	workbook, xlsb := false, false
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		switch strings.ToLower(zf.Name) {
		case "xl/workbook.xml":
			workbook = true
		case "xl/workbook.bin":
			xlsb = true
		case "mimetype":
			rc, err := zf.Open()
			if err != nil {
				continue
			}
			mt, _ := io.ReadAll(io.LimitReader(rc, 128))
			rc.Close()
			if bytes.HasPrefix(mt, []byte("application/vnd.oasis.opendocument.spreadsheet")) {
				return unsupported(path, "this is an OpenDocument .ods spreadsheet; open it in LibreOffice or Excel and save it as .xlsx")
			}
			if bytes.HasPrefix(mt, []byte("application/vnd.oasis.opendocument")) {
				return unsupported(path, "this is an OpenDocument file, not a spreadsheet")
			}
		}
	}
	switch {
	case total > uint64(limit):
		return tooLarge(path, limit)
	case xlsb && !workbook:
		return unsupported(path, "this is a binary .xlsb workbook; open it in Excel and save it as .xlsx")
	case !workbook:
		return unsupported(path, "zip archive without xl/workbook.xml, not an .xlsx workbook")
	}
	return nil
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

func tooLarge(path string, limit int64) error {
	return unsupported(path, fmt.Sprintf("the workbook unpacks to more than %d MiB; refusing to read it (--max-unzip-size raises the limit)", limit>>20))
}

func readXLSX(path string, opts Options) (*Sheet, error) {
	if s, err, ok := readXLSXFast(path, opts); ok {
		return s, err
	}
	return readXLSXExcelize(path, opts)
}

// readXLSXExcelize is readXLSX with excelize, for what the scanner leaves.
func readXLSXExcelize(path string, opts Options) (*Sheet, error) {
	f, err := excelize.OpenFile(path, opts.excelize())
	if err != nil {
		if f != nil {
			f.Close()
		}
		if opts.Password != "" && (errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat)) {
			return nil, &Error{File: path, Err: ErrWrongPassword}
		}
		if strings.Contains(err.Error(), "unzip size") {
			return nil, tooLarge(path, opts.unzipLimit())
		}
		if oe := openErr(path, err); oe != nil {
			return nil, oe
		}
		return nil, unsupported(path, "cannot open the workbook: "+err.Error())
	}
	defer f.Close()

	names := f.GetSheetList()
	var order []string
	if opts.Sheet != "" {
		name := ""
		for _, n := range names {
			if n == opts.Sheet {
				name = n
				break
			}
		}
		if name == "" {
			for _, n := range names {
				if strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(opts.Sheet)) {
					name = n
					break
				}
			}
		}
		if name == "" {
			return nil, &Error{File: path, Err: classed(ErrNoTable, fmt.Sprintf("no sheet named %q; the sheets are %s", opts.Sheet, quoteList(names)))}
		}
		order = []string{name}
	} else {
		var hidden []string
		for _, n := range names {
			if v, err := f.GetSheetVisible(n); err == nil && !v {
				hidden = append(hidden, n)
			} else {
				order = append(order, n)
			}
		}
		order = append(order, hidden...)
	}
	for _, name := range order {
		g, err := readSheet(f, name, opts)
		if err != nil {
			if opts.Sheet != "" {
				return nil, &Error{File: path, Sheet: name, Err: err}
			}
			continue // a chart sheet or a damaged sheet: try the next
		}
		idSpec, levelSpec := sheetSpecs(g, opts)
		t := findTable(g, idSpec, levelSpec)
		if t == nil {
			if opts.Sheet != "" {
				return nil, &Error{File: path, Sheet: name, Err: noTable(opts)}
			}
			continue
		}
		s, err := build(path, name, g, t, opts, f)
		if s != nil {
			if v, verr := f.GetSheetVisible(name); verr == nil && !v {
				s.Warnings = append(s.Warnings, fmt.Sprintf("sheet %q is hidden; it was read because no visible sheet holds a table", name))
			}
		}
		return s, err
	}
	return nil, &Error{File: path, Err: noTable(opts)}
}

func noTable(opts Options) error {
	if opts.IDCol != "" || opts.LevelCol != "" {
		return classed(ErrNoTable, fmt.Sprintf("no table found with id column %q and level column %q in the first %d rows",
			orDetect(opts.IDCol), orDetect(opts.LevelCol), maxHeaderRow))
	}
	return classed(ErrNoTable, fmt.Sprintf("no table found: no header row with an indicator number column (No, Nomor, Kode, ID) "+
		"and a level column (Tingkat Kematangan, Nilai, Level) in the first %d rows", maxHeaderRow))
}

func orDetect(s string) string {
	if s == "" {
		return "detected"
	}
	return s
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// readSheet streams a sheet's rows into a grid. It stops after
// maxHeaderRow rows when none of them can be a header row; otherwise it
// reads to the end, so that no duplicate row is missed.
func readSheet(f *excelize.File, name string, opts Options) (*grid, error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	g := &grid{}
	marks := newCellMarks(f)
	checked := false
	for rows.Next() {
		row, err := rows.Columns()
		if err != nil {
			return nil, err
		}
		marks.apply(name, len(g.rows)+1, row)
		g.rows = append(g.rows, row)
		g.hidden = append(g.hidden, rows.GetRowOpts().Hidden)
		if !checked && len(g.rows) == maxHeaderRow {
			checked = true
			if !anyHeader(g, opts) {
				return g, nil
			}
		}
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	return g, nil
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

func anyHeader(g *grid, opts Options) bool {
	idSpec, levelSpec := sheetSpecs(g, opts)
	if idSpec != nil && idSpec.byLetter && levelSpec != nil && levelSpec.byLetter {
		return true
	}
	for _, r := range g.rows[:min(len(g.rows), maxHeaderRow)] {
		if headerLike(r, idSpec, levelSpec) {
			return true
		}
	}
	return false
}

// sheetSpecs parses the column options for a sheet: a spec that is a
// valid column letter is taken as a letter when no header cell in the
// first rows has that text.
func sheetSpecs(g *grid, opts Options) (idSpec, levelSpec *colSpec) {
	idSpec, levelSpec = parseColSpec(opts.IDCol), parseColSpec(opts.LevelCol)
	for _, s := range []*colSpec{idSpec, levelSpec} {
		if s == nil {
			continue
		}
		s.byLetter = s.col > 0 && !slices.ContainsFunc(g.rows[:min(len(g.rows), maxHeaderRow)], func(row []string) bool {
			return slices.ContainsFunc(row, func(v string) bool { return v != "" && normHeader(v) == s.text })
		})
	}
	return idSpec, levelSpec
}

// build turns a detected table into a Sheet. f is the open workbook, used
// to compute formulas without a cached value; nil for CSV.
func build(path, sheet string, g *grid, t *table, opts Options, f *excelize.File) (*Sheet, error) {
	s := &Sheet{Source: path, Sheet: sheet}
	s.IDColumn, _ = excelize.ColumnNumberToName(t.idCol)
	s.LevelColumn, _ = excelize.ColumnNumberToName(t.level.col)
	s.IDHeader, s.LevelHeader = t.idHeader, t.level.header
	for _, l := range t.otherLevels {
		s.OtherLevelColumns = append(s.OtherLevelColumns, l.describe())
	}
	first := t.header + 1
	if first < len(g.rows) && columnNumbers(g.rows[first]) {
		first++
	}
	var errs []error
	var hiddenRows []string
	for r := first; r < len(g.rows); r++ {
		rawID := g.cell(r, t.idCol)
		id, ok := CanonicalID(rawID)
		if !ok {
			continue
		}
		idCell, _ := excelize.CoordinatesToCellName(t.idCol, r+1)
		if !opts.Known(id) {
			errs = append(errs, &Error{File: path, Sheet: sheet, Cell: idCell,
				Err: classed(ErrUnknownIndicator, fmt.Sprintf("unknown indicator %q", fold(rawID)))})
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(t.level.col, r+1)
		raw := g.cell(r, t.level.col)
		if raw == "" && f != nil {
			if formula, err := f.GetCellFormula(sheet, cell); err == nil && formula != "" {
				if v, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true}); err == nil {
					raw = v
					s.Warnings = append(s.Warnings, fmt.Sprintf("%s: formula =%s had no saved value; computed %q", cellRef(sheet, cell), formula, v))
				} else {
					s.Warnings = append(s.Warnings, fmt.Sprintf("%s: formula =%s had no saved value and could not be computed: %v", cellRef(sheet, cell), formula, err))
				}
			}
		}
		if r < len(g.hidden) && g.hidden[r] {
			hiddenRows = append(hiddenRows, strconv.Itoa(r+1))
		}
		s.Entries = append(s.Entries, Entry{ID: id, Raw: raw, Cell: cell, IDCell: idCell})
	}
	if len(hiddenRows) > 0 {
		what := "rows %s are hidden; their levels were read"
		if len(hiddenRows) == 1 {
			what = "row %s is hidden; its level was read"
		}
		s.Warnings = append(s.Warnings, quoteSheet(sheet)+": "+fmt.Sprintf(what, strings.Join(hiddenRows, ", ")))
	}
	if t.header >= 0 {
		if name, r, c := findInstansi(g, t.header); name != "" {
			s.Instansi = name
			s.InstansiCell, _ = excelize.CoordinatesToCellName(c, r+1)
		}
	}
	if s.Instansi == "" {
		base := filepath.Base(path)
		s.Instansi = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if len(s.Entries) == 0 && len(errs) == 0 {
		return nil, &Error{File: path, Sheet: sheet, Err: classed(ErrNoTable,
			fmt.Sprintf("the table under the header in row %d has no indicator ids in column %s", t.header+1, s.IDColumn))}
	}
	if len(errs) > 0 {
		return s, errors.Join(errs...)
	}
	return s, nil
}
