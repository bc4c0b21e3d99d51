package xlsx

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// A part declared in another encoding than UTF-8 (ISO-8859-1, as some
// generators write) is decoded by the scanner as excelize decodes it
// (the WHATWG index: ISO-8859-1 is windows-1252), not handed to excelize
// whole: the cells equal those of its UTF-8 twin, and those excelize
// reads (issue 19, item 11).
func TestScannerDecodesDeclaredCharset(t *testing.T) {
	dir := t.TempDir()
	// "Pemerintah Daerah Jawa Barat é" in a shared string, "Nilai 3½ – ok"
	// (0x96 is an en dash in windows-1252) inline, a number.
	const rows = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Nilai 3½ – ok</t></is></c><c r="C1"><v>3</v></c></row>`
	sst := sstXML(`<si><t>Pemerintah Daerah Jawa Barat é</t></si>`)
	utf8Path := partsBook(t, filepath.Join(dir, "utf8.xlsx"), sheetXML(rows), sst, "", false)

	latin := func(s, label string) string {
		s = strings.Replace(s, `encoding="UTF-8"`, `encoding="`+label+`"`, 1)
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	want, err := readAll(utf8Path)
	if err != nil {
		t.Fatal(err)
	}
	if got := want[1][0]; got != "Pemerintah Daerah Jawa Barat é" {
		t.Fatalf("UTF-8 twin: A1 = %q", got)
	}
	for _, label := range []string{"ISO-8859-1", "windows-1252", "latin1"} {
		path := partsBook(t, filepath.Join(dir, label+".xlsx"), latin(sheetXML(rows), label), latin(sst, label), "", false)
		got, err := readAll(path)
		if err != nil {
			t.Fatalf("%s: the scanner refused the workbook: %v", label, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v, want the UTF-8 twin's %v", label, got, want)
		}
		if compareReaders(t, path) != 1 {
			t.Errorf("%s: the scanner did not read the sheet", label)
		}
	}
	// A label nobody knows is refused, as excelize refuses it.
	path := partsBook(t, filepath.Join(dir, "x.xlsx"), strings.Replace(sheetXML(rows), "UTF-8", "x-no-such-charset", 1), sst, "", false)
	if _, err := readAll(path); err == nil || !strings.Contains(err.Error(), `unsupported charset "x-no-such-charset"`) {
		t.Errorf("an unknown charset: got %v", err)
	}
}

// readAll reads the rows of every sheet of the workbook at path with the
// scanner: row number to cells, the rows of the sheets one after another.
func readAll(path string) (map[int][]string, error) {
	b, err := Open(path, testLimit)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	out := map[int][]string{}
	for _, sh := range b.Sheets() {
		c, err := readCells(scanSheet(b, sh))
		if err != nil {
			return nil, err
		}
		for n, cells := range c.rows {
			out[n] = cells
		}
	}
	return out, nil
}
