package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
)

// The fast reader must agree with excelize: every cell it returns equals
// the cell excelize returns (as excelBook reads it, RawCellValue with
// booleans and dates marked), on workbooks written by excelize, openpyxl
// and LibreOffice, on hand-written XML, and on whatever FuzzScan makes.
// The scanner may refuse what excelize reads (a damaged sheet, a DOCTYPE);
// it may not read it otherwise.

// sheetCells is what a book reads of one sheet: the cells of each row
// that has any (trailing empty cells dropped), and which rows are hidden.
type sheetCells struct {
	rows   map[int][]string
	hidden map[int]bool
}

// rowReader is a sheet read by one of the readers: Book.Rows or
// Excelize.Rows.
type rowReader func(fn RowFunc) error

func scanSheet(b *Book, sh Sheet) rowReader {
	return func(fn RowFunc) error { return b.Rows(sh, fn) }
}

// testLimit is the unzip limit of the tests, spbe's default.
const testLimit = 256 << 20

// openExcel opens path with excelize as internal/workbook does.
func openExcel(path string) (*Excelize, func(), error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true, UnzipSizeLimit: testLimit, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, nil, err
	}
	return NewExcelize(path, f), func() { f.Close() }, nil
}

func readCells(read rowReader) (sheetCells, error) {
	c := sheetCells{rows: map[int][]string{}, hidden: map[int]bool{}}
	err := read(func(n int, cells []string, hidden bool) bool {
		k := len(cells)
		for k > 0 && cells[k-1] == "" {
			k--
		}
		if k > 0 {
			c.rows[n] = slices.Clone(cells[:k])
			c.hidden[n] = hidden
		}
		return true
	})
	return c, err
}

// compareReaders reads every sheet of the workbook at path with both
// readers and reports each difference. It returns the number of sheets
// the scanner read.
func compareReaders(t testing.TB, path string) int {
	return compareReadersUpTo(t, path, MaxRows)
}

// compareReadersUpTo is compareReaders for sheets whose rows end by row
// last: excelize takes seconds to step through a million rows, which a
// fuzzer finds at once. Sheets that go further are read by the scanner
// only.
func compareReadersUpTo(t testing.TB, path string, last int) int {
	t.Helper()
	s, err := Open(path, testLimit)
	if err != nil {
		return 0 // refused: nothing read to compare
	}
	defer s.Close()
	x, done, err := openExcel(path)
	if err != nil {
		t.Errorf("%s: excelize cannot open what the scanner read: %v", filepath.Base(path), err)
		return 0
	}
	defer done()
	read := 0
	for _, sh := range s.Sheets() {
		got, err := readCells(scanSheet(s, sh))
		if err != nil {
			continue // the scanner refused the sheet
		}
		read++
		if len(got.rows) > 0 && slices.Max(slices.Collect(maps.Keys(got.rows))) > last {
			continue
		}
		want, err := readCells(func(fn RowFunc) error { return x.Rows(sh.Name, fn) })
		if err != nil {
			t.Errorf("%s: %s: excelize refused what the scanner read: %v\nscanner: %v", filepath.Base(path), sh.Name, err, got.rows)
			continue
		}
		rows := slices.Sorted(maps.Keys(got.rows))
		for _, n := range slices.Sorted(maps.Keys(want.rows)) {
			if _, ok := got.rows[n]; !ok {
				rows = append(rows, n)
			}
		}
		for _, n := range rows {
			g, w := got.rows[n], want.rows[n]
			if !slices.Equal(g, w) {
				t.Errorf("%s: %s row %d:\nscanner  %q\nexcelize %q", filepath.Base(path), sh.Name, n, g, w)
			} else if got.hidden[n] != want.hidden[n] {
				t.Errorf("%s: %s row %d: hidden %v, excelize %v", filepath.Base(path), sh.Name, n, got.hidden[n], want.hidden[n])
			}
		}
	}
	return read
}

const (
	nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	nsRel  = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
)

// partsBook writes a workbook of one sheet "S" from its sheet XML and,
// when not "", shared strings and styles XML; date1904 sets the 1904 date
// system.
func partsBook(t testing.TB, path, sheet, sst, styles string, date1904 bool) string {
	t.Helper()
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	parts := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ` + nsMain + ` ` + nsRel + `>` + pr + `<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", sheet},
	}
	if sst != "" {
		parts = append(parts, [2]string{"xl/sharedStrings.xml", sst})
	}
	if styles != "" {
		parts = append(parts, [2]string{"xl/styles.xml", styles})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func sheetXML(data string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ` + nsMain + ` ` + nsRel + `><sheetData>` + data + `</sheetData></worksheet>`
}

func sstXML(items ...string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><sst ` + nsMain + ` count="` + fmt.Sprint(len(items)) + `">` + strings.Join(items, "") + `</sst>`
}

// diffStyles has a date style (1: numFmtId 14), a custom date format
// (2: dd/mm/yyyy) and a number format that is not a date (3: 0.00).
const diffStyles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet ` + nsMain + `>` +
	`<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
	`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>` +
	`<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`

// TestScannerHandWritten reads hand-written XML that machines rarely
// write and a parser must still read as XML: the cells are as wanted (an
// oracle), and as excelize reads them.
func TestScannerHandWritten(t *testing.T) {
	sst := sstXML(`<si><t>No</t></si>`, // 0
		`<si><r><rPr><b/></rPr><t>Ni</t></r><r><t xml:space="preserve">lai </t></r><rPh sb="0" eb="1"><t>ニ</t></rPh><phoneticPr fontId="1"/></si>`, // 1: rich, phonetic
		`<si><t>a_x000D_b_x005F_x0041_</t></si>`, // 2: escapes
		`<si><t><![CDATA[<&>]]></t></si>`,        // 3: CDATA
		`<si/>`,                                  // 4: empty
		`<si><t>x</t><!-- <t>y</t> --></si>`,     // 5: a comment
	)
	tests := []struct {
		name   string
		sheet  string
		styles string
		d1904  bool
		want   map[string]string // cell -> value; cells not listed are empty
	}{
		{"comment hides a cell", sheetXML(`<row r="25"><c r="G25"><v>1</v></c><!-- <c r="G25"><v>5</v></c> --></row>`), "", false,
			map[string]string{"G25": "1"}},
		{"comment with markup between cells", sheetXML(`<row r="1"><c r="A1"><v>2</v></c><!--<row r="2"><c r="B1"><v>9</v></c>--><c r="C1"><v>3</v></c></row>`), "", false,
			map[string]string{"A1": "2", "C1": "3"}},
		{"CDATA", sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b&c]]></t></is></c><c r="B1"><v><![CDATA[3]]></v></c><c r="C1" t="s"><v>3</v></c></row>`), "", false,
			map[string]string{"A1": "a<b&c", "B1": "3", "C1": "<&>"}},
		{"processing instructions", sheetXML(`<?pi <c r="A1"><v>9</v></c>?><row r="1"><c r="A1"><v>1<?x?>2</v></c></row>`), "", false,
			map[string]string{"A1": "12"}},
		{"references", sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>&lt;&amp;&#65;&#x42;&quot;&apos;&gt;</t></is></c><c r="B1"><v>&#51;</v></c></row>`), "", false,
			map[string]string{"A1": `<&AB"'>`, "B1": "3"}},
		{"prefixes", `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row x:r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>y</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`, "", false,
			map[string]string{"A1": "No", "B1": "y"}},
		{"attributes in any order, either quote, spaces", sheetXML("<row\n r = '2' ><c t = 's'  r='B2'\n\ts=\"0\" ><v> 1 </v></c><c\tr=\"C2\"\tt='b'><v>1</v></c></row>"), "", false,
			map[string]string{"B2": "Nilai ", "C2": "TRUE"}},
		{"rich and phonetic runs, escapes, empty and commented strings", sheetXML(`<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="s"><v>4</v></c><c r="D1" t="s"><v>5</v></c></row>`), "", false,
			map[string]string{"A1": "Nilai ", "B1": "a\rb_x0041_", "D1": "x"}},
		{"phonetic runs in an inline string", sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></is></c><c r="B1" t="inlineStr"><is><r><t>a</t></r><r><rPr/><t>b</t></r></is></c></row>`), "", false,
			map[string]string{"A1": "漢字", "B1": "ab"}},
		{"_x000D_ in a formula string is as stored", sheetXML(`<row r="1"><c r="A1" t="str"><f>B1</f><v>a_x000D_b</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="inlineStr"><is><t>c_x000D_d</t></is></c></row>`), "", false,
			map[string]string{"A1": "a_x000D_b", "B1": "#N/A", "C1": "c\rd"}},
		{"dates", sheetXML(`<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292.5</v></c><c r="C1" s="3"><v>45292</v></c><c r="D1" s="1" t="s"><v>0</v></c></row>`), diffStyles, false,
			map[string]string{"A1": "2024-01-01", "B1": "2024-01-01 12:00:00", "C1": "45292", "D1": "No"}},
		{"dates in the 1904 system", sheetXML(`<row r="1"><c r="A1" s="1"><v>45292</v></c></row>`), diffStyles, true,
			map[string]string{"A1": "2028-01-02"}},
		// Exponent notation is written out as plain decimals (numericText),
		// by both readers.
		{"numbers as stored, exponents written out", sheetXML(`<row r="1"><c r="A1"><v>1.1666666666666667</v></c><c r="B1"><v>1E-3</v></c><c r="C1" t="n"><v>-0</v></c></row>`), "", false,
			map[string]string{"A1": "1.1666666666666667", "B1": "0.001", "C1": "-0"}},
		{"line ends", sheetXML("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb\rc&#13;d</t></is></c></row>"), "", false,
			map[string]string{"A1": "a\nb\nc\rd"}},
		{"the last <v> wins, text in elements inside it is not its", sheetXML(`<row r="1"><c r="A1"><v>1</v><v>2</v></c><c r="B1"><v>3<x>4</x>5</v></c></row>`), "", false,
			map[string]string{"A1": "2", "B1": "35"}},
		{"cells and rows without r, hidden rows, empty cells", sheetXML(`<row><c><v>1</v></c><c/><c><v>3</v></c></row><row hidden="1"><c><v>4</v></c></row><row r="5"/><row r="6" hidden="true"><c r="B6"><v>6</v></c></row>`), "", false,
			map[string]string{"A1": "1", "C1": "3", "A2": "4", "B6": "6"}},
		{"booleans", sheetXML(`<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c></row>`), "", false,
			map[string]string{"A1": "TRUE", "B1": "FALSE"}},
	}
	dir := t.TempDir()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := partsBook(t, filepath.Join(dir, fmt.Sprintf("hand%d.xlsx", i)), tt.sheet, sst, tt.styles, tt.d1904)
			b, err := Open(path, testLimit)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			got, err := readCells(scanSheet(b, b.list[0]))
			if err != nil {
				t.Fatal(err)
			}
			flat := map[string]string{}
			for n, cells := range got.rows {
				for c, v := range cells {
					if v != "" {
						flat[cellName(c+1, n)] = v
					}
				}
			}
			if !maps.Equal(flat, tt.want) {
				t.Errorf("got %q, want %q", flat, tt.want)
			}
			if compareReaders(t, path) != 1 {
				t.Errorf("the scanner did not read the sheet")
			}
		})
	}
	// Hidden rows are read as hidden.
	path := partsBook(t, filepath.Join(dir, "hidden.xlsx"), sheetXML(`<row r="2" hidden="1"><c r="A2"><v>1</v></c></row>`), "", "", false)
	b, err := Open(path, testLimit)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got, err := readCells(scanSheet(b, b.list[0])); err != nil || !got.hidden[2] {
		t.Errorf("row 2 is hidden: got %v, %v", got.hidden, err)
	}
}

// TestScannerRefuses: what is not XML, or not a sheet as Excel writes it,
// is an error naming the file, the sheet, and the part, cell or offset.
func TestScannerRefuses(t *testing.T) {
	tests := []struct{ name, sheet, sst, want string }{
		{"DOCTYPE", `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x "5">]>` + sheetXML(`<row r="1"><c r="A1"><v>&x;</v></c></row>`)[len(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`):], "",
			"S: unsupported file format: damaged sheet (xl/worksheets/sheet1.xml): byte 21: a DOCTYPE or other <! declaration is not allowed"},
		{"an unknown entity", sheetXML(`<row r="1"><c r="A1"><v>&x;</v></c></row>`), "", "invalid character entity &x;"},
		{"a tag closed by another", sheetXML(`<row r="1"><c r="A1"><v>1</c></v></row>`), "", "element <v> closed by </c>"},
		{"a control character", sheetXML("<row r=\"1\"><c r=\"A1\"><v>1\x01</v></c></row>"), "", "illegal character code U+0001"},
		{"invalid UTF-8", sheetXML("<row r=\"1\"><c r=\"A1\"><v>\xff</v></c></row>"), "", "invalid UTF-8"},
		{"rows out of order", sheetXML(`<row r="54"><c r="G54"><v>1</v></c></row><row r="25"><c r="G25"><v>1</v></c></row>`), "", "row 25 comes after row 54; rows must be in order"},
		{"cells out of order", sheetXML(`<row r="1"><c r="C1"><v>1</v></c><c r="B1"><v>1</v></c></row>`), "", "the cell B1 comes after C1; cells must be in order"},
		{"a cell in another row", sheetXML(`<row r="1"><c r="B7"><v>1</v></c></row>`), "", "the cell B7 is in row 1"},
		{"a missing shared string", sheetXML(`<row r="1"><c r="A1" t="s"><v>7</v></c></row>`), sstXML(`<si><t>a</t></si>`), "S!A1: unsupported file format: damaged sheet (xl/worksheets/sheet1.xml): the shared string 7 does not exist (the table has 1)"},
		{"damaged shared strings", sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), sstXML(`<si><t>a</si>`), "damaged part (xl/sharedStrings.xml): byte"},
		{"cut short", sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`)[:90], "", "unexpected end of the part"},
		{"nested too deep", sheetXML(strings.Repeat("<a>", 300) + strings.Repeat("</a>", 300)), "", "elements nested more than 256 deep"},
	}
	dir := t.TempDir()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := partsBook(t, filepath.Join(dir, fmt.Sprintf("bad%d.xlsx", i)), tt.sheet, tt.sst, "", false)
			err := scanAll(path)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), path+": ") || !errors.Is(err, ErrUnsupportedFormat) {
				t.Errorf("got %v, want an ErrUnsupportedFormat naming %s and saying %q", err, path, tt.want)
			}
		})
	}
}

// scanAll reads every sheet of the workbook at path with the scanner,
// and returns the first error.
func scanAll(path string) error {
	b, err := Open(path, testLimit)
	if err != nil {
		return err
	}
	defer b.Close()
	for _, sh := range b.Sheets() {
		if err := b.Rows(sh, func(int, []string, bool) bool { return true }); err != nil {
			return err
		}
	}
	return nil
}

// TestScannerAgreesWithExcelize: workbooks excelize writes, with every
// kind of value it writes, read alike by both readers.
func TestScannerAgreesWithExcelize(t *testing.T) {
	for _, d1904 := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "excelize.xlsx")
		writeExcelizeCorpus(t, path, d1904)
		if compareReaders(t, path) != 2 {
			t.Errorf("1904=%v: the scanner did not read both sheets", d1904)
		}
	}
}

// writeExcelizeCorpus writes a workbook of two sheets with strings
// (special characters, control characters, Unicode), numbers, booleans,
// dates, formulas with and without saved values, rich text, hidden rows
// and sparse cells.
func writeExcelizeCorpus(t testing.TB, path string, date1904 bool) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
			t.Fatal(err)
		}
	}
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	custom := "dd/mm/yyyy hh:mm"
	dateTime, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	money, _ := f.NewStyle(&excelize.Style{NumFmt: 4})
	rows := [][]any{
		{"No", "Nilai", "Catatan <&> \"quoted\" 'x'", " spasi ", "\u00a0nbsp\u00a0"},
		{1, 3, 1.1666666666666667, -2.5e-7, 1e21},
		{true, false, "TRUE", "1", "01"},
		{"tab\there", "line\nbreak", "cr\rhere", "ctrl\x01\x1b", "_x000D_ literal"},
		{"漢字", "emoji 😀", "Ünïcödé", "ا", ""},
		{time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 45292, 45292.75, int64(9007199254740993), uint8(7)},
	}
	for _, sh := range []string{"Sheet1", "Dua"} {
		if sh != "Sheet1" {
			if _, err := f.NewSheet(sh); err != nil {
				t.Fatal(err)
			}
		}
		for r, row := range rows {
			if err := f.SetSheetRow(sh, fmt.Sprintf("A%d", r+1), &row); err != nil {
				t.Fatal(err)
			}
		}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(f.SetCellStyle(sh, "B6", "B6", date))
		must(f.SetCellStyle(sh, "C6", "C6", dateTime))
		must(f.SetCellStyle(sh, "A2", "A2", money))
		must(f.SetCellFormula(sh, "A8", "A2+B2"))
		must(f.SetCellFormula(sh, "B8", `"a"&"b"`))
		must(f.SetCellValue(sh, "C8", 7))
		must(f.SetCellFormula(sh, "C8", "3+4"))
		must(f.SetCellRichText(sh, "D8", []excelize.RichTextRun{{Text: "Ni", Font: &excelize.Font{Bold: true}}, {Text: "lai"}}))
		must(f.SetCellValue(sh, "XFD9", "far"))
		must(f.SetCellValue(sh, "A200", "last"))
		must(f.SetRowVisible(sh, 3, false))
		must(f.SetCellValue(sh, "E10", ""))
		must(f.SetCellInt(sh, "F10", 42))
		must(f.SetCellStr(sh, "G10", "str"))
		must(f.SetCellBool(sh, "H10", true))
		must(f.SetCellFloat(sh, "I10", 2.5, -1, 64))
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestScannerAgreesWithOpenpyxl: workbooks openpyxl writes.
func TestScannerAgreesWithOpenpyxl(t *testing.T) {
	py := "/usr/bin/python3" // where python3-openpyxl installs
	if _, err := os.Stat(py); err != nil {
		py = "python3"
	}
	py = fixture.NeedTool(t, py, "-c", "import openpyxl")
	dir := t.TempDir()
	script := `
import datetime, sys, openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904
for name, epoch in (("a.xlsx", None), ("b.xlsx", CALENDAR_MAC_1904)):
    wb = openpyxl.Workbook()
    if epoch:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "Penilaian"
    ws.append(["No", "Nilai", "Catatan <&> \"q\"", " spasi ", "\u00a0nbsp"])
    ws.append([1, 3, 1.1666666666666667, -2.5e-7, 1e21])
    ws.append([True, False, "TRUE", "1", "01"])
    ws.append(["tab\there", "line\nbreak", "cr\rhere", "_x000D_ literal", "漢字 😀"])
    ws.append([datetime.date(2024, 1, 1), datetime.datetime(2024, 1, 1, 12, 30), datetime.time(6, 0), 45292, None])
    ws.append(["=A2+B2", "=\"a\"&\"b\"", None, None, "end"])
    ws["C30"] = "sparse"
    ws.row_dimensions[3].hidden = True
    ws2 = wb.create_sheet("Dua")
    ws2["B2"] = 2.5
    ws2["XFD3"] = "far"
    wb.save(sys.argv[1] + "/" + name)
`
	cmd := exec.Command(py, "-c", script, dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}
	for _, name := range []string{"a.xlsx", "b.xlsx"} {
		path := filepath.Join(dir, name)
		if compareReaders(t, path) != 2 {
			t.Errorf("%s: the scanner did not read both sheets", name)
		}
	}
}

// TestScannerAgreesWithLibreOffice: workbooks LibreOffice writes, from
// the excelize corpus and from a CSV file, converted with soffice.
func TestScannerAgreesWithLibreOffice(t *testing.T) {
	soffice := fixture.NeedTool(t, "soffice")
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	writeExcelizeCorpus(t, filepath.Join(in, "corpus.xlsx"), false)
	csv := "No,Nilai,Catatan\r\n1,3,\"a, b\"\r\n2,1.1666666666666667,2024-01-01\r\n3,TRUE,\"line\nbreak\"\r\n4,=1+2,漢字\r\n"
	if err := os.WriteFile(filepath.Join(in, "text.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "xlsx", "--outdir", out, filepath.Join(in, "corpus.xlsx"), filepath.Join(in, "text.csv"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for name, sheets := range map[string]int{"corpus.xlsx": 2, "text.xlsx": 1} {
		path := filepath.Join(out, name)
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("soffice wrote no %s: %v", name, err)
		}
		if n := compareReaders(t, path); n != sheets {
			t.Errorf("%s: the scanner read %d sheets, want %d", name, n, sheets)
		}
	}
}
