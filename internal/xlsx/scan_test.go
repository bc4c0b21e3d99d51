package xlsx

import (
	"archive/zip"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// zipSheet writes a minimal .xlsx whose only sheet is the given XML.
func zipSheet(t testing.TB, dir string, sheet, shared []byte) string {
	t.Helper()
	path := filepath.Join(dir, "scan.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	parts := map[string][]byte{
		"xl/workbook.xml":            []byte(`<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		"xl/_rels/workbook.xml.rels": []byte(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`),
		"xl/worksheets/sheet1.xml":   sheet,
	}
	if shared != nil {
		parts["xl/sharedStrings.xml"] = shared
	}
	for _, name := range []string{"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
		if parts[name] == nil {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(parts[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestScanRows(t *testing.T) {
	sheet := []byte(`<?xml version="1.0"?><worksheet><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>a &amp; b</t></is></c></row>` +
		`<row r="3" hidden="1"><c r="B3"><v>2.5</v></c><c r="D3" t="s"><v>1</v></c><c r="E3"><f>1+1</f></c></row>` +
		`</sheetData></worksheet>`)
	shared := []byte(`<sst><si><t>No</t></si><si><r><t>Ni</t></r><r><t>lai</t></r><rPh><t>x</t></rPh></si></sst>`)
	b, err := Open(zipSheet(t, t.TempDir(), sheet, shared), testLimit)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	type row struct {
		n      int
		cells  []string
		hidden bool
	}
	var got []row
	if err := b.Rows(b.list[0], func(n int, cells []string, hidden bool) bool {
		got = append(got, row{n, slices.Clone(cells), hidden})
		return true
	}); err != nil {
		t.Fatal(err)
	}
	want := []row{{1, []string{"No", "", "a & b"}, false}, {3, []string{"", "2.5", "", "Nilai"}, true}}
	if len(got) != len(want) {
		t.Fatalf("rows: got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].n != want[i].n || !slices.Equal(got[i].cells, want[i].cells) || got[i].hidden != want[i].hidden {
			t.Errorf("row %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if f, ok := b.uncached[[2]int{3, 5}]; !ok || f != "1+1" || len(b.uncached) != 1 {
		t.Errorf("uncached formula cells: got %v, want E3 only", b.uncached)
	}
}

// FuzzScan feeds arbitrary sheet XML to both readers: the scanner reads
// every cell as excelize does, or refuses the sheet (see compareReaders).
// (internal/workbook's FuzzRead feeds whole files to Read.)
func FuzzScan(f *testing.F) {
	f.Add([]byte(sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>No</t></is></c><c r="B1" t="inlineStr"><is><t>Nilai</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>3</v></c></row>`)))
	f.Add([]byte(sheetXML(`<row><c t="s"><v>9</v></c><c r="ZZZ9"><v>&#x41;_x000D_</v></c></row><row/>`)))
	f.Add([]byte(sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>Instansi</t></is></c><c r="B1"><v>1</v></c><c r="C1"><v>2</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>X</t></is></c><c r="B2"><v>3</v></c></row>`)))
	f.Add([]byte(sheetXML(`<row r="25"><c r="G25"><v>1</v></c><!-- <c r="G25"><v>5</v></c> --><c r="H25" t="s"><v>1</v></c></row>`)))
	f.Add([]byte(sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b]]></t><rPh><t>x</t></rPh></is></c><c r="B1" s="1"><v>45292</v></c><c r="C1" t="str"><f>1</f><v>a_x000D_</v></c><c r="D1" t="b"><v>1</v></c></row>`)))
	f.Add([]byte(`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r='1' hidden="1"><x:c t = 's' r="A1"><x:v> 0 </x:v></x:c></x:row></x:sheetData></x:worksheet>`))
	dir := f.TempDir()
	sst := sstXML(`<si><t>No</t></si>`, `<si><r><t>Ni</t></r><r><t>lai</t></r><rPh><t>x</t></rPh></si>`, `<si><t>a_x000D_b</t></si>`)
	f.Fuzz(func(t *testing.T, sheet []byte) {
		path := partsBook(t, filepath.Join(dir, "fuzz.xlsx"), string(sheet), sst, diffStyles, false)
		compareReadersUpTo(t, path, 1000)
	})
}
