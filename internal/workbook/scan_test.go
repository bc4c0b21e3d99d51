package workbook

import (
	"path/filepath"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
)

// FuzzReadSheetData feeds arbitrary sheet data (the XML inside
// <sheetData>) to Read: no panic in any layout, and an accepted table is
// checked as Read would. That the scanner reads each cell as excelize
// does is internal/xlsx's FuzzScan.
func FuzzReadSheetData(f *testing.F) {
	f.Add(`<row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c><c r="B1" t="inlineStr"><is><t>Nilai</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>3</v></c></row>`)
	f.Add(`<row r="1"><c r="A1" t="inlineStr"><is><t>Instansi</t></is></c><c r="B1"><v>1</v></c><c r="C1"><v>2</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>X</t></is></c><c r="B2"><v>3</v></c></row>`)
	f.Add(`<row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c><c r="B1" t="inlineStr"><is><t>Nilai</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2+2</f></c></row>`)
	f.Add(`<row><c t="s"><v>9</v></c><c r="ZZZ9"><v>&#x41;_x000D_</v></c></row><row/>`)
	dir := f.TempDir()
	known := func(id string) bool { return id == "1" || id == "2" }
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(dir, "fuzz.xlsx")
		if err := fixture.XLSX(path, fixture.XMLSheet{Name: "S", Data: data}); err != nil {
			t.Fatal(err)
		}
		_ = Read(path, Options{Layout: LayoutAuto, Known: known, Want: 2}, Visitor{})
		s, err := ReadSheet(path, Options{Known: known})
		if s == nil && err == nil {
			t.Fatal("nil sheet and nil error")
		}
		if s != nil {
			checkCells(t, s)
		}
	})
}
