package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
)

// rezip rewrites the zip at path in place, passing every part through
// edit; a nil result drops the part.
func rezip(t *testing.T, path string, edit func(part string, data []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if data = edit(f.Name, data); data == nil {
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zr.Close()
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// latin1 transcodes an XML part from UTF-8 to ISO-8859-1 and says so in
// its declaration.
func latin1(t *testing.T, data []byte) []byte {
	t.Helper()
	decl := []byte(`encoding="UTF-8"`)
	if !bytes.Contains(data, decl) {
		t.Fatalf("no UTF-8 declaration in %.60q", data)
	}
	data = bytes.Replace(data, decl, []byte(`encoding="ISO-8859-1"`), 1)
	var out []byte
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r > 0xff {
			t.Fatalf("%q has no Latin-1 byte", r)
		}
		out, data = append(out, byte(r)), data[n:]
	}
	return out
}

const pidie = "Pemerintah Kabupaten Pidië"

// readExcelize is Read, and reports whether it opened excelize.
func readExcelize(path string, opts Options, v Visitor) (excel bool, err error) {
	r := &reader{path: path, opts: opts, v: v}
	defer r.close()
	b, err := r.open()
	if err != nil {
		return false, err
	}
	order, err := r.pick(b)
	if err != nil {
		return false, err
	}
	for _, sh := range order {
		ok, err := r.sheet(b, sh)
		if err != nil || ok {
			return r.xl != nil, err
		}
	}
	return r.xl != nil, nil
}

// Parts declared in ISO-8859-1 are decoded by the scanner, in every
// layout: the shared strings, a sheet, the sheet list; excelize is not
// opened (it held the whole workbook: issue 19, item 11).
func TestLatin1PartsStream(t *testing.T) {
	long := append([][]any{{"Instansi: " + pidie}, {"No", "Tingkat Kematangan"}}, benchRows()[4:]...)
	for i := range long[2:] {
		long[i+2] = []any{long[i+2][0], long[i+2][5]}
	}
	wide := [][]any{{"Nama Instansi"}, {pidie}}
	for i := 1; i <= 47; i++ {
		wide[0] = append(wide[0], i)
		wide[1] = append(wide[1], 3)
	}
	for _, part := range []string{"xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/workbook.xml"} {
		for _, layout := range []Layout{LayoutLong, LayoutAuto, LayoutWide} {
			t.Run(fmt.Sprintf("%s/%d", part, layout), func(t *testing.T) {
				rows := long
				if layout == LayoutWide {
					rows = wide
				}
				path := writeXLSX(t, "latin1.xlsx", sheetSpec{name: "Penilaian", rows: rows})
				rezip(t, path, func(name string, data []byte) []byte {
					if name == part {
						return latin1(t, data)
					}
					return data
				})
				var got []string
				excel, err := readExcelize(path, Options{Layout: layout, Known: known47, Want: 47}, Visitor{
					Long: func(s *Sheet, err error) error {
						if len(s.Entries) != 47 {
							t.Errorf("%d entries, want 47", len(s.Entries))
						}
						got = append(got, s.Instansi)
						return err
					},
					Row: func(_ *WideTable, r *WideRow) error {
						got = append(got, r.Instansi)
						return nil
					},
				})
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != 1 || got[0] != pidie {
					t.Errorf("instansi %q, want %q", got, pidie)
				}
				if excel {
					t.Error("excelize was opened")
				}
			})
		}
	}
}

// An encrypted wide workbook, decrypted, streams every row through the
// scanner, not only the first maxHeaderRow, and excelize is not opened.
func TestEncryptedWideReadsEveryRow(t *testing.T) {
	fixture.Slow(t, "encrypts and reads a sheet of 2 x maxHeaderRow rows")
	const n = 2 * maxHeaderRow
	rows := [][]any{{"Nama Instansi"}}
	for i := 1; i <= 47; i++ {
		rows[0] = append(rows[0], i)
	}
	for r := 1; r <= n; r++ {
		row := []any{fmt.Sprintf("Pemerintah Kota %d", r)}
		for i := 1; i <= 47; i++ {
			row = append(row, 3)
		}
		rows = append(rows, row)
	}
	plain := writeXLSX(t, "wide.xlsx", sheetSpec{name: "Nasional", rows: rows})
	f, err := excelize.OpenFile(plain)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rahasia.xlsx")
	if err := f.SaveAs(path, excelize.Options{Password: "benar"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, layout := range []Layout{LayoutWide, LayoutAuto} {
		got := 0
		excel, err := readExcelize(path, Options{Layout: layout, Password: "benar", Known: known47, Want: 47}, Visitor{
			Row: func(*WideTable, *WideRow) error { got++; return nil },
		})
		if err != nil || got != n || excel {
			t.Errorf("layout %d: %d rows, error %v, excelize opened %v; want %d rows", layout, got, err, excel, n)
		}
	}
	// The decrypted package is bounded by the unzip limit, before it is
	// unpacked; a wrong password is said as such.
	for _, tt := range []struct {
		opts Options
		want string
	}{
		{Options{Password: "benar", MaxUnzipSize: 1 << 10}, "rahasia.xlsx: unsupported file format: the encrypted workbook decrypts to more than"},
		{Options{Password: "salah"}, "rahasia.xlsx: workbook is encrypted and the password is wrong"},
	} {
		_, err := ReadSheet(path, tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: got %v, want %q", tt.opts, err, tt.want)
		}
	}
}

// A damaged workbook is an error in every layout, not a hand-over.
func TestMissingPartIsAnError(t *testing.T) {
	path := writeXLSX(t, "tanpa-sheet.xlsx", sheetSpec{name: "Penilaian", rows: benchRows()})
	rezip(t, path, func(name string, data []byte) []byte {
		if strings.HasPrefix(name, "xl/worksheets/") {
			return nil
		}
		return data
	})
	for _, layout := range []Layout{LayoutLong, LayoutWide, LayoutAuto} {
		err := Read(path, Options{Layout: layout, Known: known47, Want: 47}, Visitor{})
		if !errors.Is(err, ErrUnsupportedFormat) || !strings.HasSuffix(fmt.Sprint(err), ": missing part xl/worksheets/sheet1.xml") {
			t.Errorf("layout %d: %v; want missing part xl/worksheets/sheet1.xml", layout, err)
		}
	}
}

// A name selects a sheet by one rule in every layout: exactly, else
// ignoring case and surrounding spaces.
func TestSheetMatching(t *testing.T) {
	wide := [][]any{{"Nama Instansi"}, {"Pemerintah Kota Satu"}}
	for i := 1; i <= 47; i++ {
		wide[0] = append(wide[0], i)
		wide[1] = append(wide[1], 3)
	}
	path := writeXLSX(t, "dua.xlsx",
		sheetSpec{name: "Catatan", rows: [][]any{{"Disusun oleh tim evaluator."}}},
		sheetSpec{name: "Nasional", rows: wide},
		sheetSpec{name: "Penilaian", rows: benchRows()},
	)
	tests := []struct {
		sheet  string
		layout Layout
		want   string // the sheet read, or the error
	}{
		{" penilaian ", LayoutLong, "Penilaian"},
		{" penilaian ", LayoutAuto, "Penilaian"},
		{"NASIONAL", LayoutWide, "Nasional"},
		{"NASIONAL", LayoutAuto, "Nasional"},
		{"Penilaian", LayoutWide, `dua.xlsx: no wide table found: no header row with an instansi column`},
		{"Nasional", LayoutLong, `dua.xlsx: Nasional: no table found`},
	}
	for _, tt := range tests {
		for _, name := range []string{tt.sheet, "Tidak Ada"} {
			got := ""
			err := Read(path, Options{Sheet: name, Layout: tt.layout, Known: known47, Want: 47}, Visitor{
				Long: func(s *Sheet, err error) error { got = s.Sheet; return err },
				Row:  func(t *WideTable, _ *WideRow) error { got = t.Sheet; return nil },
			})
			want := tt.want
			if name == "Tidak Ada" {
				want = `dua.xlsx: no sheet named "Tidak Ada"; the sheets are "Catatan", "Nasional", "Penilaian"`
			}
			if err != nil {
				got = strings.TrimPrefix(err.Error(), filepath.Dir(path)+"/")
			}
			if !strings.HasPrefix(got, want) {
				t.Errorf("--sheet %q, layout %d: got %q, want %q", name, tt.layout, got, want)
			}
		}
	}
}
