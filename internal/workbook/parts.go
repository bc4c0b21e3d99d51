package workbook

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
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
// styles are read when first needed; rows (rows.go) streams a sheet
// without holding it in memory. Cells are saved values: a formula cell
// without one is noted in uncached, for excelize to compute.
type scanBook struct {
	path   string
	zr     *zip.ReadCloser
	files  map[string]*zip.File
	list   []sheetRef // workbook order
	strs   []string   // shared strings, loaded on first use
	loaded bool
	strErr error // the error of loading the shared strings
	// dates[i] is set when cell style i shows numbers as dates; date1904
	// is the workbook's date system.
	dates      []bool
	date1904   bool
	stylesRead bool
	// uncached holds the cells ({row, column}, 1-based) of the last sheet
	// read that are formulas without a saved value: only excelize can
	// compute them.
	uncached map[[2]int]bool
	arrays   []arrayFormula // the array formulas of the last sheet read (formula.go)
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

func (b *scanBook) sheets() []sheetRef { return b.list }

func (b *scanBook) close() error { return b.zr.Close() }

func (b *scanBook) open(name string) (io.ReadCloser, error) {
	f := b.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if f == nil {
		return nil, &Error{File: b.path, Err: classed(ErrUnsupportedFormat, "missing part "+name)}
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
		b.list = append(b.list, sheetRef{name: s.Name, part: targets[s.RID], hidden: s.State == "hidden" || s.State == "veryHidden"})
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

// decode reads a small part with encoding/xml. A part in an encoding
// other than UTF-8 is handed over to excelize, which converts it.
func (b *scanBook) decode(name string, v any) error {
	rc, err := b.open(name)
	if err != nil {
		return unsupported(b.path, "zip archive without "+name+", not an .xlsx workbook")
	}
	defer rc.Close()
	d := xml.NewDecoder(io.LimitReader(rc, UnzipXMLSizeLimit))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if utf8Label(label) {
			return r, nil
		}
		return nil, errHandOver
	}
	if err := d.Decode(v); err != nil {
		if errors.Is(err, errHandOver) {
			return errHandOver
		}
		return unsupported(b.path, "cannot read "+name+": "+err.Error())
	}
	return nil
}

// sharedStrings loads the shared string table once: the text of every
// <si>, rich-text runs joined, phonetic runs left out. A table in another
// encoding than UTF-8 is errHandOver; a damaged one ErrUnsupportedFormat.
func (b *scanBook) sharedStrings() ([]string, error) {
	if !b.loaded {
		b.loaded = true
		b.strErr = b.loadStrings()
		if b.strErr != nil && !errors.Is(b.strErr, errHandOver) {
			b.strErr = &Error{File: b.path, Err: fmt.Errorf("%w: damaged shared strings: %v", ErrUnsupportedFormat, b.strErr)}
		}
	}
	return b.strs, b.strErr
}

func (b *scanBook) loadStrings() error {
	f := b.files["xl/sharedstrings.xml"]
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return err
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
			return err
		}
		if len(tag) > 0 && tag[0] == '?' && foreignEncoding(tag) {
			return errHandOver
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
	return nil
}
