package workbook

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
)

// scanBook is an .xlsx workbook opened for streaming: the zip directory,
// the sheet list and the shared strings are read; a sheet's rows are read
// one at a time by scanRows without holding the sheet in memory. It reads
// cached values only (no formulas are computed) and is used for the wide
// layout, where a workbook may hold a hundred thousand rows.
type scanBook struct {
	path   string
	zr     *zip.ReadCloser
	files  map[string]*zip.File
	sheets []scanSheet // workbook order
	strs   []string    // shared strings, loaded on first use
	loaded bool
	// dates[i] is set when cell style i shows numbers as dates; date1904
	// is the workbook's date system.
	dates      []bool
	date1904   bool
	stylesRead bool
	// formulaNoValue is set when a formula cell without a cached value
	// was read: only excelize can compute it.
	formulaNoValue bool
}

type scanSheet struct {
	name, part string
	hidden     bool
}

func openScan(p string, limit int64) (*scanBook, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		if oe := openErr(p, err); oe != nil {
			return nil, oe
		}
		return nil, unsupported(p, "damaged or truncated zip archive, not a readable .xlsx workbook")
	}
	b := &scanBook{path: p, zr: zr, files: make(map[string]*zip.File, len(zr.File))}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		b.files[strings.ToLower(f.Name)] = f
	}
	if total > uint64(limit) {
		zr.Close()
		return nil, tooLarge(p, limit)
	}
	if err := b.readSheetList(); err != nil {
		zr.Close()
		return nil, err
	}
	return b, nil
}

func (b *scanBook) Close() error { return b.zr.Close() }

func (b *scanBook) open(name string) (io.ReadCloser, error) {
	f := b.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, fmt.Errorf("%s: missing part %s", b.path, name)
	}
	return f.Open()
}

func (b *scanBook) readSheetList() error {
	var wb struct {
		Props struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := b.decode("xl/workbook.xml", &wb); err != nil {
		return err
	}
	if err := b.decode("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return err
	}
	targets := make(map[string]string, len(rels.Rels))
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	for _, s := range wb.Sheets {
		b.sheets = append(b.sheets, scanSheet{name: s.Name, part: targets[s.RID], hidden: s.State == "hidden" || s.State == "veryHidden"})
	}
	b.date1904 = wb.Props.Date1904 == "1" || wb.Props.Date1904 == "true"
	return nil
}

// readDateStyles notes which cell styles show numbers as dates. A
// workbook without a readable styles part has none. It reads the part
// with the tag scanner: encoding/xml would cost more than the sheet.
func (b *scanBook) readDateStyles() {
	f := b.files["xl/styles.xml"]
	if f == nil {
		return
	}
	rc, err := f.Open()
	if err != nil {
		return
	}
	defer rc.Close()
	x := &xmlScan{r: bufio.NewReaderSize(io.LimitReader(rc, UnzipXMLSizeLimit), 4<<10)}
	codes := map[int]string{}
	var dates []bool
	found, inXfs := false, false
	for {
		tag, _, err := x.next()
		if err != nil {
			break
		}
		name, end, self := tagName(tag)
		switch {
		case name == "numFmt" && !end:
			id, _ := attr(tag, "numFmtId")
			code, _ := attr(tag, "formatCode")
			if n, err := strconv.Atoi(string(id)); err == nil {
				codes[n] = unescape(code)
			}
		case name == "cellXfs":
			inXfs = !end && !self
		case name == "xf" && inXfs && !end:
			id, _ := attr(tag, "numFmtId")
			n, _ := strconv.Atoi(string(id))
			d := isDateFormat(n, codes[n])
			dates = append(dates, d)
			found = found || d
		}
	}
	if found {
		b.dates = dates
	}
}

func (b *scanBook) decode(name string, v any) error {
	rc, err := b.open(name)
	if err != nil {
		return unsupported(b.path, "zip archive without "+name+", not an .xlsx workbook")
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, UnzipXMLSizeLimit)).Decode(v); err != nil {
		return unsupported(b.path, "cannot read "+name+": "+err.Error())
	}
	return nil
}

// sharedStrings loads the shared string table: the text of every <si>,
// rich-text runs joined, phonetic runs left out.
func (b *scanBook) sharedStrings() ([]string, error) {
	if b.loaded {
		return b.strs, nil
	}
	b.loaded = true
	f := b.files["xl/sharedstrings.xml"]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	x := newXMLScan(rc)
	var text []byte
	inSI, inT, inPh := false, false, 0
	for {
		tag, txt, err := x.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if inT && inPh == 0 {
			text = append(text, txt...)
		}
		name, end, self := tagName(tag)
		switch name {
		case "si":
			if end {
				b.strs = append(b.strs, unescape(text))
				inSI = false
			} else if self {
				b.strs = append(b.strs, "")
			} else {
				inSI, text = true, text[:0]
			}
		case "t":
			inT = inSI && !end && !self
		case "rPh":
			if !self {
				if end {
					inPh--
				} else {
					inPh++
				}
			}
		}
	}
	return b.strs, nil
}

// scanRows streams the rows of a sheet and calls fn with the 1-based row
// number, the cells as text (index 0 is column A; trailing empty cells
// dropped, like excelize) and whether the row is hidden. The slice is
// reused: fn must copy what it keeps. fn returns false to stop.
// Formula cells give their cached value; formulaNoValue is called for a
// formula cell without one.
func (b *scanBook) scanRows(sh scanSheet, fn func(row int, cells []string, hidden bool) bool) error {
	strs, err := b.sharedStrings()
	if err != nil {
		return err
	}
	rc, err := b.open(sh.part)
	if err != nil {
		return err
	}
	defer rc.Close()
	x := newXMLScan(rc)
	var (
		cells          []string
		rowNum, col    int
		hidden         bool
		cellType       string
		inV, inT, inIS bool
		val            []byte
		haveVal, hasF  bool
		inData         bool
		style          int
	)
	for {
		tag, txt, err := x.next()
		if err == io.EOF {
			if !inData {
				return nil // no cells (a chart sheet, an empty part)
			}
			// A sheet that ends before </sheetData> was cut short.
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return &Error{File: b.path, Sheet: sh.name, Err: fmt.Errorf("%w: damaged sheet: %v", ErrUnsupportedFormat, err)}
		}
		if inV || inT && inIS {
			val = append(val, txt...)
		}
		name, end, self := tagName(tag)
		switch name {
		case "row":
			if end {
				n := len(cells)
				for n > 0 && cells[n-1] == "" {
					n--
				}
				if !fn(rowNum, cells[:n], hidden) {
					return nil
				}
				continue
			}
			if r, ok := attr(tag, "r"); ok {
				rowNum, _ = strconv.Atoi(string(r))
			} else {
				rowNum++
			}
			if rowNum < 1 || rowNum > maxRows {
				return &Error{File: b.path, Sheet: sh.name, Err: fmt.Errorf("%w: damaged sheet: row number %d", ErrUnsupportedFormat, rowNum)}
			}
			h, _ := attr(tag, "hidden")
			hidden = string(h) == "1" || string(h) == "true"
			cells, col = cells[:0], 0
			if self {
				if !fn(rowNum, cells, hidden) {
					return nil
				}
			}
		case "c":
			if end {
				if hasF && !haveVal {
					b.formulaNoValue = true
				}
				v := cellValue(cellType, val, haveVal, strs)
				if style >= 0 && style < len(b.dates) && b.dates[style] && haveVal {
					v = dateText(v, b.date1904)
				}
				cells = setCell(cells, col, v)
				continue
			}
			if r, ok := attr(tag, "r"); ok {
				col = colNumber(r)
			} else {
				col++
			}
			t, _ := attr(tag, "t")
			cellType, val, haveVal, inIS, hasF = string(t), val[:0], false, false, false
			style = -1
			if cellType == "" || cellType == "n" {
				// A number with a style other than the default may be a
				// date: the styles are read the first time one is seen.
				if a, ok := attr(tag, "s"); ok && string(a) != "0" {
					if n, err := strconv.Atoi(string(a)); err == nil {
						if !b.stylesRead {
							b.stylesRead = true
							b.readDateStyles()
						}
						style = n
					}
				}
			}
			if self {
				cells = setCell(cells, col, "")
			}
		case "v":
			inV = !end && !self
			if inV {
				haveVal = true
			}
		case "f":
			hasF = hasF || !end
		case "is":
			inIS = !end && !self
			haveVal = haveVal || inIS
		case "t":
			inT = !end && !self
		case "sheetData":
			if end || self {
				return nil
			}
			inData = true
		}
	}
}

// Excel's limits: a cell beyond them is not in a real workbook.
const (
	maxRows = 1 << 20
	maxCols = 1 << 14
)

func setCell(cells []string, col int, v string) []string {
	if col < 1 || col > maxCols {
		return cells
	}
	for len(cells) < col {
		cells = append(cells, "")
	}
	cells[col-1] = v
	return cells
}

func cellValue(t string, v []byte, have bool, strs []string) string {
	if !have {
		return ""
	}
	switch t {
	case "s":
		i, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		if err != nil || i < 0 || i >= len(strs) {
			return ""
		}
		return strs[i]
	case "inlineStr", "str", "e":
		return unescape(v)
	case "b":
		// A true/false cell is never a level: keep it recognisable as text
		// ("TRUE") rather than the 1 or 0 Excel stores.
		if bytes.Equal(bytes.TrimSpace(v), []byte("1")) {
			return "TRUE"
		}
		return "FALSE"
	}
	if bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	return unescape(v)
}

// colNumber turns the letters of a cell reference ("AB12") into a 1-based
// column number.
func colNumber(ref []byte) int {
	n := 0
	for i, c := range ref {
		if i == 3 && (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') || n > maxCols {
			return 0 // not a cell reference: the cell is dropped
		}
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a'+1)
		default:
			return n
		}
	}
	return n
}

// xmlScan splits XML into tags and the text before each: enough for the
// flat, machine-written parts of an .xlsx workbook, and far cheaper than
// encoding/xml.
type xmlScan struct {
	r        *bufio.Reader
	txt, tag []byte
}

func newXMLScan(r io.Reader) *xmlScan {
	return &xmlScan{r: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next tag without its angle brackets (`c r="A1" t="s"`,
// `/c`, `v/`) and the text that came before it. Comments, processing
// instructions and CDATA are returned as tags starting with '!' or '?'.
// The slices are valid until the next call.
func (x *xmlScan) next() (tag, text []byte, err error) {
	x.txt, err = readUntil(x.r, '<', x.txt[:0])
	if err != nil {
		if err == io.EOF && len(bytes.TrimSpace(x.txt)) > 0 {
			return nil, nil, io.ErrUnexpectedEOF
		}
		return nil, nil, err
	}
	x.tag, err = readUntil(x.r, '>', x.tag[:0])
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return x.tag, x.txt, err
}

// readUntil appends the bytes before delim to buf, consuming delim.
func readUntil(r *bufio.Reader, delim byte, buf []byte) ([]byte, error) {
	for {
		s, err := r.ReadSlice(delim)
		if err == nil {
			return append(buf, s[:len(s)-1]...), nil
		}
		buf = append(buf, s...)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return buf, err
		}
	}
}

// tagName returns a tag's local name (without namespace prefix), and
// whether it is an end tag or self-closing.
func tagName(tag []byte) (name string, end, self bool) {
	if len(tag) > 0 && tag[0] == '/' {
		end, tag = true, tag[1:]
	}
	if len(tag) > 0 && tag[len(tag)-1] == '/' {
		self, tag = true, tag[:len(tag)-1]
	}
	i := 0
	for i < len(tag) && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\n' && tag[i] != '\r' {
		i++
	}
	n := tag[:i]
	if j := bytes.IndexByte(n, ':'); j >= 0 {
		n = n[j+1:]
	}
	// The few names used are interned by the compiler's string(bytes) in
	// a switch; returning string(n) would allocate.
	switch string(n) {
	case "row":
		return "row", end, self
	case "c":
		return "c", end, self
	case "v":
		return "v", end, self
	case "t":
		return "t", end, self
	case "is":
		return "is", end, self
	case "f":
		return "f", end, self
	case "si":
		return "si", end, self
	case "rPh":
		return "rPh", end, self
	case "sheetData":
		return "sheetData", end, self
	case "numFmt":
		return "numFmt", end, self
	case "cellXfs":
		return "cellXfs", end, self
	case "xf":
		return "xf", end, self
	}
	return "", end, self
}

// attr returns the value of the attribute key in a tag.
func attr(tag []byte, key string) ([]byte, bool) {
	for i := 0; i+len(key)+2 <= len(tag); i++ {
		j := bytes.Index(tag[i:], []byte(key))
		if j < 0 {
			return nil, false
		}
		i += j
		k := i + len(key)
		if (i == 0 || tag[i-1] == ' ' || tag[i-1] == '\t' || tag[i-1] == '\n' || tag[i-1] == '\r') && k+1 < len(tag) && tag[k] == '=' && (tag[k+1] == '"' || tag[k+1] == '\'') {
			q := tag[k+1]
			end := bytes.IndexByte(tag[k+2:], q)
			if end < 0 {
				return nil, false
			}
			return tag[k+2 : k+2+end], true
		}
	}
	return nil, false
}

var entities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")

// unescape decodes the XML entities of text, and Excel's _xHHHH_ escapes
// of control characters.
func unescape(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 && bytes.Index(b, []byte("_x")) < 0 {
		return string(b)
	}
	s := string(b)
	if strings.Contains(s, "&#") {
		var sb strings.Builder
		for {
			i := strings.Index(s, "&#")
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i:], ';')
			if j < 0 {
				break
			}
			ref := s[i+2 : i+j]
			var n uint64
			var err error
			if strings.HasPrefix(ref, "x") || strings.HasPrefix(ref, "X") {
				n, err = strconv.ParseUint(ref[1:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ref, 10, 32)
			}
			sb.WriteString(entities.Replace(s[:i]))
			if err != nil {
				sb.WriteString(s[i : i+j+1])
			} else {
				sb.WriteRune(rune(n))
			}
			s = s[i+j+1:]
		}
		sb.WriteString(entities.Replace(s))
		s = sb.String()
	} else {
		s = entities.Replace(s)
	}
	if strings.Contains(s, "_x") {
		s = unescapeX(s)
	}
	return s
}

// unescapeX decodes _xHHHH_ (Excel's escape of control characters).
func unescapeX(s string) string {
	var sb strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || i+7 > len(s) || s[i+6] != '_' {
			if i >= 0 && i+2 <= len(s) {
				sb.WriteString(s[:i+2])
				s = s[i+2:]
				continue
			}
			sb.WriteString(s)
			return sb.String()
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil {
			sb.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		sb.WriteString(s[:i])
		sb.WriteRune(rune(n))
		s = s[i+7:]
	}
}

// readXLSXFast is readXLSX on the streaming scanner, several times
// faster than excelize for the small workbooks of the long layout. ok is
// false when excelize must do it: an encrypted workbook, a zip the
// scanner cannot read, a sheet it cannot parse, or a formula without a
// saved value (which excelize computes).
func readXLSXFast(path string, opts Options) (s *Sheet, err error, ok bool) {
	if opts.Password != "" {
		return nil, nil, false
	}
	b, err := openScan(path, opts.unzipLimit())
	if err != nil {
		return nil, nil, false
	}
	defer b.Close()
	var order []scanSheet
	if opts.Sheet != "" {
		for _, sh := range b.sheets {
			if sh.name == opts.Sheet {
				order = []scanSheet{sh}
				break
			}
		}
		if order == nil {
			for _, sh := range b.sheets {
				if strings.EqualFold(strings.TrimSpace(sh.name), strings.TrimSpace(opts.Sheet)) {
					order = []scanSheet{sh}
					break
				}
			}
		}
		if order == nil {
			return nil, &Error{File: path, Err: classed(ErrNoTable, fmt.Sprintf("no sheet named %q; the sheets are %s", opts.Sheet, quoteList(sheetNames(b.sheets))))}, true
		}
	} else {
		order = sheetOrder(b.sheets, "")
	}
	for _, sh := range order {
		g, err := scanGrid(b, sh, opts)
		if errors.Is(err, ErrUnsupportedFormat) {
			return nil, err, true // a damaged sheet: excelize would read half of it
		}
		if err != nil || b.formulaNoValue {
			return nil, nil, false
		}
		idSpec, levelSpec := sheetSpecs(g, opts)
		t := findTable(g, idSpec, levelSpec)
		if t == nil {
			if opts.Sheet != "" {
				return nil, &Error{File: path, Sheet: sh.name, Err: noTable(opts)}, true
			}
			continue
		}
		s, err := build(path, sh.name, g, t, opts, nil)
		if s != nil && sh.hidden {
			s.Warnings = append(s.Warnings, fmt.Sprintf("sheet %q is hidden; it was read because no visible sheet holds a table", sh.name))
		}
		return s, err, true
	}
	return nil, &Error{File: path, Err: noTable(opts)}, true
}

// scanGrid is readSheet on the scanner: rows[i] is row i+1 (missing rows
// empty); it stops after maxHeaderRow rows when none can be a header.
func scanGrid(b *scanBook, sh scanSheet, opts Options) (*grid, error) {
	g := &grid{}
	checked := false
	err := b.scanRows(sh, func(row int, cells []string, hidden bool) bool {
		g.add(row, cells, hidden)
		if !checked && len(g.rows) >= maxHeaderRow {
			checked = true
			return anyHeader(g, opts)
		}
		return true
	})
	return g, err
}

// add appends row (1-based) to the grid, with empty rows for a gap.
func (g *grid) add(row int, cells []string, hidden bool) {
	for len(g.rows) < row-1 {
		g.rows = append(g.rows, nil)
		g.hidden = append(g.hidden, false)
	}
	g.rows = append(g.rows, slices.Clone(cells))
	g.hidden = append(g.hidden, hidden)
}

// ReadAuto reads a workbook in whichever layout it has, in one pass: when
// a sheet has a wide table (see ReadWide) its rows go to fn and the Sheet
// returned is nil; otherwise it is Read. opts.AllSheets is ignored.
func ReadAuto(path string, opts WideOptions, fn func(*WideTable, *WideRow) error) (*Sheet, error) {
	if opts.Known == nil {
		return nil, &Error{File: path, Err: errors.New("workbook.Options.Known is nil")}
	}
	kind, data, err := sniff(path, opts.Options)
	if err != nil {
		return nil, err
	}
	if kind == kindCSV {
		g, err := readCSV(path, data)
		if err != nil {
			return nil, err
		}
		if found, err := wideGrid(path, "", g, opts, fn); found || err != nil {
			return nil, err
		}
		idSpec, levelSpec := sheetSpecs(g, opts.Options)
		t := findTable(g, idSpec, levelSpec)
		if t == nil {
			return nil, &Error{File: path, Err: noTable(opts.Options)}
		}
		return build(path, "", g, t, opts.Options, nil)
	}
	slow := func() (*Sheet, error) {
		err := ReadWide(path, opts, fn)
		if errors.Is(err, ErrNotWide) {
			return Read(path, opts.Options)
		}
		return nil, err
	}
	if opts.Password != "" {
		return slow()
	}
	b, err := openScan(path, opts.unzipLimit())
	if err != nil {
		return slow()
	}
	defer b.Close()
	order := sheetOrder(b.sheets, opts.Sheet)
	if len(order) == 0 {
		return Read(path, opts.Options) // names the sheets that exist
	}
	for _, sh := range order {
		ws := &wideState{path: path, sheet: sh.name, opts: opts, fn: fn}
		g := &grid{}
		err := b.scanRows(sh, func(row int, cells []string, hidden bool) bool {
			if ws.t != nil {
				return ws.feed(row, cells, hidden)
			}
			if ws.longHeader {
				g.add(row, cells, hidden)
				return true
			}
			more := ws.feed(row, cells, hidden)
			if ws.t != nil {
				return true
			}
			g.add(row, cells, hidden)
			return more || ws.longHeader
		})
		if errors.Is(err, ErrUnsupportedFormat) {
			return nil, err // a damaged sheet
		}
		if ws.t != nil {
			return nil, ws.err
		}
		if err != nil || b.formulaNoValue {
			return slow()
		}
		idSpec, levelSpec := sheetSpecs(g, opts.Options)
		t := findTable(g, idSpec, levelSpec)
		if t == nil {
			if opts.Sheet != "" {
				return nil, &Error{File: path, Sheet: sh.name, Err: noTable(opts.Options)}
			}
			continue
		}
		s, err := build(path, sh.name, g, t, opts.Options, nil)
		if s != nil && sh.hidden {
			s.Warnings = append(s.Warnings, fmt.Sprintf("sheet %q is hidden; it was read because no visible sheet holds a table", sh.name))
		}
		return s, err
	}
	return nil, &Error{File: path, Err: noTable(opts.Options)}
}
