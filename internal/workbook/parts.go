package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// scanBook is an .xlsx workbook opened for the streaming reader, the
// book Read uses for every .xlsx workbook of either layout unless the
// fallback policy (see errHandOver) hands it to excelize. Opening reads
// the zip directory and the sheet list; the shared strings and the date
// styles are read before the first sheet; rows (rows.go) streams a sheet
// without holding it in memory. Cells are saved values: a formula cell
// without one is noted in uncached, for excelize to compute (formula.go).
//
// Every part is read with xmlScan, which follows XML as excelize's
// encoding/xml does, and what the reader keeps is bounded by what the
// table needs, not by what the file claims: the sheets listed (maxSheets),
// the shared strings (their text, at most UnzipXMLSizeLimit, in one
// block), a cell (maxCellChars).
type scanBook struct {
	path  string
	zr    *zip.ReadCloser
	files map[string]*zip.File
	list  []sheetRef // workbook order
	// problems are what is wrong with a sheet's entry (no part), said
	// when the sheet is read.
	problems map[string]string
	strs     *stringTable // shared strings, loaded before the first sheet
	loaded   bool
	strErr   error // the error of loading the shared strings
	// dates[i] is set when cell style i shows numbers as dates; date1904
	// is the workbook's date system.
	dates    []bool
	date1904 bool
	// uncached holds the formulas ({row, column}, 1-based) of the last
	// sheet read that have no saved value: only excelize can compute them.
	uncached map[[2]int]string
	arrays   []arrayFormula // the array formulas of the last sheet read (formula.go)
	// span is how many cells excelize would hold for the last sheet read
	// (every row up to its last cell, and every row up to the last), the
	// measure of handing it over to compute a formula (maxHandOver).
	span int
}

// maxHandOver bounds the sheets excelize is opened on to compute a
// formula (reader.computeCell): excelize holds the sheet in memory, each row filled up to its
// last cell (some 200 bytes a cell), every row up to the last, and every
// shared string. A sheet of SPBE levels spans a few thousand cells.
const maxHandOver = 500_000

// maxSheets bounds the sheets a workbook may list.
const maxSheets = 10000

// relNS are the namespaces of the relationship id of a sheet (r:id),
// transitional and strict.
var relNS = []string{"http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"}

const (
	partWorkbook = "xl/workbook.xml"
	partRels     = "xl/_rels/workbook.xml.rels"
	partStrings  = "xl/sharedStrings.xml"
	partStyles   = "xl/styles.xml"
)

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

func (b *scanBook) sheets() []sheetRef { return b.list }

func (b *scanBook) close() error { return b.zr.Close() }

// part opens a part of the package, and returns the scanner that reads
// it, or nil when there is none.
func (b *scanBook) part(name string) (io.ReadCloser, *xmlScan, error) {
	f := b.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	return rc, newXMLScan(rc, f.UncompressedSize64), nil
}

// partErr describes an error reading a part: its name and what went
// wrong, with the reader's errors in words.
func partErr(what, name string, err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = errors.New("the part is cut short")
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat):
		err = errors.New("the part is damaged (its size or checksum does not match the zip directory)")
	case errors.Is(err, errTextTooLong):
		err = fmt.Errorf("a text longer than %d characters, more than a cell can hold", maxCellChars)
	}
	return fmt.Errorf("%w: %s (%s): %v", ErrUnsupportedFormat, what, name, err)
}

// readSheetList reads the sheets of the workbook, in order, and their
// parts.
func (b *scanBook) readSheetList() error {
	type entry struct{ name, rid, state string }
	var sheets []entry
	err := b.scanPart(partWorkbook, true, func(x *xmlScan) error {
		switch {
		case x.end:
		case x.lvl == 0 && x.local != "workbook":
			return fmt.Errorf("the root element is <%s>, not <workbook>", x.qname)
		case x.local == "workbookPr" && x.lvl == 1:
			if v, ok := x.attr("date1904"); ok {
				b.date1904, _ = strconv.ParseBool(strings.TrimSpace(string(v)))
			}
		case x.local == "sheet" && x.lvl == 2 && x.parent() == "sheets":
			if len(sheets) == maxSheets {
				return fmt.Errorf("more than %d sheets", maxSheets)
			}
			name, _ := x.attr("name")
			state, _ := x.attr("state")
			rid, _ := x.attrNS("id", relNS...)
			sheets = append(sheets, entry{string(name), string(rid), string(state)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	want := make(map[string]string, len(sheets))
	for _, s := range sheets {
		want[s.rid] = ""
	}
	err = b.scanPart(partRels, true, func(x *xmlScan) error {
		if x.end || x.local != "Relationship" || x.lvl != 1 {
			return nil
		}
		id, _ := x.attr("Id")
		if _, ok := want[string(id)]; ok {
			t, _ := x.attr("Target")
			target := string(t)
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			want[string(id)] = target
		}
		return nil
	})
	if err != nil {
		return err
	}
	seen := make(map[string]string, len(sheets))
	for _, s := range sheets {
		part := want[s.rid]
		switch {
		case part == "":
			b.problem(s.name, fmt.Sprintf("%s gives the sheet the relationship %q, which %s does not have", partWorkbook, s.rid, partRels))
		case seen[part] != "":
			return unsupported(b.path, fmt.Sprintf("%s: the sheets %q and %q share the part %s", partWorkbook, seen[part], s.name, part))
		default:
			seen[part] = s.name
		}
		b.list = append(b.list, sheetRef{name: s.name, part: part, hidden: s.state == "hidden" || s.state == "veryHidden"})
	}
	return nil
}

func (b *scanBook) problem(sheet, msg string) {
	if b.problems == nil {
		b.problems = map[string]string{}
	}
	b.problems[sheet] = msg
}

// scanPart streams the tags of a part to fn. A missing part is an error
// when required. A part in an encoding other than UTF-8 is errHandOver.
func (b *scanBook) scanPart(name string, required bool, fn func(x *xmlScan) error) error {
	rc, x, err := b.part(name)
	if err != nil {
		return unsupportedErr(b.path, partErr("cannot read a part", name, err))
	}
	if rc == nil {
		if required {
			return unsupported(b.path, "zip archive without "+name+", not an .xlsx workbook")
		}
		return nil
	}
	defer rc.Close()
	for {
		err := x.next()
		if err == io.EOF {
			return nil
		}
		if err == nil {
			if err = fn(x); err == nil {
				continue
			}
		}
		if errors.Is(err, errHandOver) {
			return errHandOver
		}
		if err != nil {
			return unsupportedErr(b.path, partErr("damaged part", name, err))
		}
	}
}

func unsupportedErr(path string, err error) error { return &Error{File: path, Err: err} }

// prepare reads what every sheet needs, once, before the first: the date
// styles and the shared strings. A damaged shared strings part is an
// error; a damaged styles part means no date styles, as for excelize.
func (b *scanBook) prepare() error {
	if b.loaded {
		return b.strErr
	}
	b.loaded = true
	if err := b.readDateStyles(); errors.Is(err, errHandOver) {
		b.strErr = errHandOver
		return b.strErr
	}
	b.strs, b.strErr = b.loadStrings()
	return b.strErr
}

// readDateStyles notes which cell styles show numbers as dates: the
// numFmtId of each <xf> of <cellXfs>, and the codes of <numFmts>.
func (b *scanBook) readDateStyles() error {
	codes := map[int]string{}
	var dates []bool
	found := false
	err := b.scanPart(partStyles, false, func(x *xmlScan) error {
		if x.end {
			return nil
		}
		switch {
		case x.local == "numFmt" && x.lvl == 2 && x.parent() == "numFmts":
			id, _ := x.attr("numFmtId")
			code, _ := x.attr("formatCode")
			if n, err := strconv.Atoi(string(id)); err == nil {
				codes[n] = string(code)
			}
		case x.local == "xf" && x.lvl == 2 && x.parent() == "cellXfs":
			id, _ := x.attr("numFmtId")
			n, _ := strconv.Atoi(string(id))
			d := isDateFormat(n, codes[n])
			dates = append(dates, d)
			found = found || d
		}
		return nil
	})
	if err != nil {
		return err
	}
	if found {
		b.dates = dates
	}
	return nil
}

// stringTable is the shared string table held in one block: each string
// as its length (a uvarint) then its bytes, with the offset of every
// 64th string, so that a table of millions of empty strings costs a byte
// each. Strings are made once, on first use.
type stringTable struct {
	data  []byte
	index []uint32 // offset in data of strings 0, 64, 128, ...
	n     int
	made  map[int]string
}

func (t *stringTable) add(s []byte) error {
	if t.n%64 == 0 {
		t.index = append(t.index, uint32(len(t.data)))
	}
	t.data = binary.AppendUvarint(t.data, uint64(len(s)))
	t.data = append(t.data, s...)
	t.n++
	if len(t.data) > UnzipXMLSizeLimit {
		return fmt.Errorf("the shared strings hold more than %d MiB of text", UnzipXMLSizeLimit>>20)
	}
	return nil
}

// len is the number of strings.
func (t *stringTable) len() int {
	if t == nil {
		return 0
	}
	return t.n
}

// get returns string i, and whether there is one.
func (t *stringTable) get(i int) (string, bool) {
	if t == nil || i < 0 || i >= t.n {
		return "", false
	}
	if s, ok := t.made[i]; ok {
		return s, true
	}
	off := int(t.index[i/64])
	for k := i - i%64; ; k++ {
		n, w := binary.Uvarint(t.data[off:])
		off += w
		if k == i {
			s := string(t.data[off : off+int(n)])
			if t.made == nil {
				t.made = map[int]string{}
			}
			t.made[i] = s
			return s, true
		}
		off += int(n)
	}
}

// loadStrings reads the shared string table: the text of every <si> of
// the root <sst>, as richText reads it.
func (b *scanBook) loadStrings() (*stringTable, error) {
	t := &stringTable{}
	var item richText
	in := false
	err := b.scanPart(partStrings, false, func(x *xmlScan) error {
		switch {
		case x.lvl == 0 && !x.end && x.local != "sst":
			return fmt.Errorf("the root element is <%s>, not <sst>", x.qname)
		case in && x.end && x.lvl == 1:
			in = false
			s, err := item.text()
			if err == nil {
				err = t.add(s)
			}
			if err != nil {
				return fmt.Errorf("string %d: %w", t.n, err)
			}
		case in:
			if err := item.tag(x); err != nil {
				return fmt.Errorf("string %d: %w", t.n, err)
			}
		case !x.end && x.local == "si" && x.lvl == 1:
			item.reset()
			if x.self {
				return t.add(nil)
			}
			in = true
		}
		x.keep = in && item.keep()
		return nil
	})
	if errors.Is(err, errHandOver) {
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// richText is the text of a string item (<si> of the shared strings, <is>
// of a cell) as excelize reads it (xlsxSI.String): the text of its last
// <t> child, then that of the last <t> of each <r> run child, in that
// order, with Excel's _xHHHH_ escapes decoded in the whole. Phonetic runs
// (<rPh>) and other elements are left out, and so is text in elements
// inside a <t>.
type richText struct {
	depth  int  // elements open inside the item
	inT    int  // 1: in the item's <t>; 2: in a run's <t>
	inRun  bool // in an <r> child
	t, run []byte
	runs   []byte
}

func (r *richText) reset() {
	r.depth, r.inT, r.inRun = 0, 0, false
	r.t, r.run, r.runs = r.t[:0], r.run[:0], r.runs[:0]
}

// keep reports whether the text before the next tag is the item's.
func (r *richText) keep() bool {
	return r.inT == 1 && r.depth == 1 || r.inT == 2 && r.depth == 2
}

// tag takes a tag inside the item, and the text before it.
func (r *richText) tag(x *xmlScan) error {
	if r.keep() {
		if r.inT == 1 {
			r.t = append(r.t, x.text...)
		} else {
			r.run = append(r.run, x.text...)
		}
		if len(r.t)+len(r.runs)+len(r.run) > maxText {
			return errTextTooLong
		}
	}
	if x.end {
		r.depth--
		switch {
		case r.depth == 0 && r.inT == 1:
			r.inT = 0
		case r.depth == 0 && r.inRun:
			r.runs, r.inRun = append(r.runs, r.run...), false
		case r.depth == 1 && r.inT == 2:
			r.inT = 0
		}
		return nil
	}
	switch {
	case r.depth == 0 && x.local == "t":
		r.t = r.t[:0]
		if !x.self {
			r.inT = 1
		}
	case r.depth == 0 && x.local == "r":
		r.run = r.run[:0]
		r.inRun = !x.self
	case r.depth == 1 && r.inRun && x.local == "t":
		r.run = r.run[:0]
		if !x.self {
			r.inT = 2
		}
	}
	if !x.self {
		r.depth++
	}
	return nil
}

// text is the item's text, or an error when it is longer than a cell
// can hold.
func (r *richText) text() ([]byte, error) {
	s := append(r.t, r.runs...)
	r.t = s
	if len(s) == 0 {
		return s, nil
	}
	if bytes.Contains(s, []byte("_x")) {
		s = []byte(unescapeX(string(s)))
	}
	if err := checkCellLen(s); err != nil {
		return nil, err
	}
	return s, nil
}

// checkCellLen refuses a text of more than maxCellChars characters
// (UTF-16 units, as Excel counts them).
func checkCellLen[T string | []byte](s T) error {
	if len(s) <= maxCellChars {
		return nil
	}
	n := 0
	for _, r := range string(s) {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	if n > maxCellChars {
		return fmt.Errorf("%d characters, more than the %d a cell can hold", n, maxCellChars)
	}
	return nil
}
