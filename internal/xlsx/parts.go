package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"github.com/spbe-id/spbe/internal/msg"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
)

// Book is an .xlsx workbook opened for the streaming reader. Opening
// reads the zip directory and the sheet list; the shared strings and the
// date styles are read before the first sheet; Rows streams a sheet
// without holding it in memory. Cells are saved values: a formula cell
// without one is noted (Pending, Uncached), for the caller to compute.
//
// Every part is read with xmlScan, which follows XML as excelize's
// encoding/xml does, and what the reader keeps is bounded by what the
// table needs, not by what the file claims: the sheets listed (maxSheets),
// the shared strings (their text, at most UnzipXMLSizeLimit, in one
// block), a cell (maxCellChars).
type Book struct {
	path   string
	closer io.Closer // the file, or nil
	files  map[string]*zip.File
	list   []Sheet // workbook order
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
	arrays   []Array // the array formulas of the last sheet read
	// span is how many cells excelize would hold for the last sheet read
	// (every row up to its last cell, and every row up to the last), the
	// measure of handing it over to excelize to compute a formula.
	span int
}

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

// Open opens the workbook at path. limit bounds the sum of the unpacked
// sizes of its parts, as the zip directory gives them (ErrTooLarge); the
// zip reader holds each part to its size, so that the claim cannot lie.
// An error opening the file is the *fs.PathError of os.Open.
func Open(path string, limit int64) (*Book, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	b, err := open(path, f, st.Size(), limit)
	if err != nil {
		f.Close()
		return nil, err
	}
	b.closer = f
	return b, nil
}

// OpenReader opens a workbook held in r (size bytes), such as an
// encrypted workbook once decrypted; name is its name in errors.
func OpenReader(name string, r io.ReaderAt, size, limit int64) (*Book, error) {
	return open(name, r, size, limit)
}

func open(p string, r io.ReaderAt, size, limit int64) (*Book, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, unsupported(p, "damaged or truncated zip archive, not a readable .xlsx workbook")
	}
	b := &Book{path: p, files: make(map[string]*zip.File, len(zr.File))}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		b.files[strings.ToLower(f.Name)] = f
	}
	if total > uint64(limit) {
		return nil, &Error{File: p, Err: ErrTooLarge}
	}
	if err := b.readSheetList(); err != nil {
		return nil, err
	}
	return b, nil
}

// Sheets lists the sheets of the workbook, in workbook order.
func (b *Book) Sheets() []Sheet { return b.list }

// Close closes the file.
func (b *Book) Close() error {
	if b.closer == nil {
		return nil
	}
	return b.closer.Close()
}

// part opens a part of the package, and returns the scanner that reads
// it, or nil when there is none.
func (b *Book) part(name string) (io.ReadCloser, *xmlScan, error) {
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
		err = msg.Errorf("the part is cut short")
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat):
		err = msg.Errorf("the part is damaged (its size or checksum does not match the zip directory)")
	case errors.Is(err, errTextTooLong):
		err = msg.Errorf("a text longer than %d characters, more than a cell can hold", maxCellChars)
	}
	return msg.Errorf("%w: %s (%s): %v", ErrUnsupportedFormat, msg.Word(what), name, err)
}

// readSheetList reads the sheets of the workbook, in order, and their
// parts.
func (b *Book) readSheetList() error {
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
		b.list = append(b.list, Sheet{Name: s.name, Part: part, Hidden: s.state == "hidden" || s.state == "veryHidden"})
	}
	return nil
}

func (b *Book) problem(sheet, msg string) {
	if b.problems == nil {
		b.problems = map[string]string{}
	}
	b.problems[sheet] = msg
}

// scanPart streams the tags of a part to fn. A missing part is an error
// when required.
func (b *Book) scanPart(name string, required bool, fn func(x *xmlScan) error) error {
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
		if err != nil {
			return unsupportedErr(b.path, partErr("damaged part", name, err))
		}
	}
}

func unsupportedErr(path string, err error) error { return &Error{File: path, Err: err} }

// prepare reads what every sheet needs, once, before the first: the date
// styles and the shared strings. A damaged shared strings part is an
// error; a damaged styles part means no date styles, as for excelize.
func (b *Book) prepare() error {
	if b.loaded {
		return b.strErr
	}
	b.loaded = true
	if err := b.readDateStyles(); err != nil {
		// A damaged styles part means no date styles, as for excelize.
		b.dates = nil
	}
	b.strs, b.strErr = b.loadStrings()
	return b.strErr
}

// readDateStyles notes which cell styles show numbers as dates: the
// numFmtId of each <xf> of <cellXfs>, and the codes of <numFmts>.
func (b *Book) readDateStyles() error {
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
