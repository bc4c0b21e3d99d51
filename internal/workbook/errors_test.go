package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestLevelsErrors(t *testing.T) {
	rows := [][]any{{"Instansi: Kaltim"}, {"No", "Indikator", "Nilai"}}
	for i := 1; i <= 47; i++ {
		var level any = 3
		switch i {
		case 5, 9, 47:
			continue
		case 21:
			level = "n/a"
		case 22:
			level = 7
		case 23:
			level = nil
		case 24:
			level = "2,5"
		}
		rows = append(rows, []any{i, "x", level})
		if i == 2 {
			rows = append(rows, []any{"Catatan: indikator 2 diulang"}, []any{"2", "lagi", 4})
		}
	}
	path := writeXLSX(t, "kaltim.xlsx", sheetSpec{name: "Penilaian", rows: rows})
	s, err := ReadSheet(path, Options{Known: known47})
	if err != nil {
		t.Fatal(err)
	}
	lv, err := s.Levels(rubric59(t))
	if err == nil {
		t.Fatal("no error")
	}
	p := path + ": "
	want := strings.Join([]string{
		p + `Penilaian!A6: indicator 2 appears twice: here and at Penilaian!A4 (levels Penilaian!C4 and Penilaian!C6)`,
		p + `Penilaian!C23: indicator 21: level "n/a" is not a number from 1 to 5`,
		p + `Penilaian!C24: indicator 22: level 7 is outside the scale 1 to 5`,
		p + `Penilaian!C25: indicator 23: level is empty; want a number from 1 to 5`,
		p + `Penilaian!C26: indicator 24: level 2.5 is not a whole number from 1 to 5`,
		p + `Penilaian: missing indicators 5, 9, 47 (no row in id column A)`,
	}, "\n")
	if err.Error() != want {
		t.Errorf("error:\n got %s\nwant %s", err, want)
	}
	for _, class := range []error{ErrDuplicate, ErrBadLevel, ErrMissing} {
		if !errors.Is(err, class) {
			t.Errorf("errors.Is(err, %v) = false", class)
		}
	}
	var e *Error
	if !errors.As(err, &e) || e.Sheet != "Penilaian" || e.Cell != "A6" {
		t.Errorf("errors.As: got %+v, want the duplicate at Penilaian!A6", e)
	}
	if got, want := len(lv), 47-3-4; got != want {
		t.Errorf("valid levels: got %d, want %d", got, want)
	}
}

func TestReadUnknownIndicator(t *testing.T) {
	path := writeXLSX(t, "kaltim.xlsx", sheetSpec{name: "Hasil Evaluasi", rows: [][]any{
		{"No", "Nilai"}, {1, 3}, {48, 2}, {"Indikator 0", 1}, {"Indikator 50", 1}, {"Catatan 48", 1},
	}})
	s, err := ReadSheet(path, Options{Known: known47})
	want := path + `: 'Hasil Evaluasi'!A3: unknown indicator "48"` + "\n" +
		path + `: 'Hasil Evaluasi'!A5: unknown indicator "Indikator 50"`
	if err == nil || err.Error() != want {
		t.Fatalf("error:\n got %v\nwant %s", err, want)
	}
	if !errors.Is(err, ErrUnknownIndicator) {
		t.Error("not ErrUnknownIndicator")
	}
	if s == nil || len(s.Entries) != 1 {
		t.Errorf("sheet: got %+v, want the one known entry", s)
	}
}

func TestReadCSVErrorsNameCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kota.csv")
	if err := os.WriteFile(path, []byte("No;Nilai\n1;3\n48;2\n2;x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadSheet(path, Options{Known: known47})
	if want := path + `: A3: unknown indicator "48"`; err == nil || err.Error() != want {
		t.Errorf("read: got %v, want %s", err, want)
	}
	if err := os.WriteFile(path, []byte("No;Nilai\n1;3\n2;x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := ReadSheet(path, Options{Known: known47})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Levels(rubric59(t))
	want := path + `: B3: indicator 2: level "x" is not a number from 1 to 5` + "\n" + path + ": missing indicators "
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("levels: got %v, want prefix %s", err, want)
	}
}

// odsFile returns a minimal OpenDocument spreadsheet.
func odsFile(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, _ = zw.Create("content.xml")
	w.Write([]byte("<office:document-content/>"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(writeXLSX(t, "good.xlsx", sheetSpec{name: "S", rows: benchRows()}))
	if err != nil {
		t.Fatal(err)
	}
	xls := append(append([]byte{}, oleMagic...), make([]byte, 504)...)
	xls = append(xls, utf16le("Workbook")...)
	var otherZip bytes.Buffer
	zw := zip.NewWriter(&otherZip)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<w:document/>"))
	zw.Close()

	// An encrypted workbook, saved by excelize with a password.
	enc := excelize.NewFile()
	for r, row := range benchRows() {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		enc.SetSheetRow("Sheet1", cell, &row)
	}
	encPath := filepath.Join(dir, "rahasia.xlsx")
	if err := enc.SaveAs(encPath, excelize.Options{Password: "benar"}); err != nil {
		t.Fatal(err)
	}
	enc.Close()

	tests := []struct {
		name     string
		data     []byte // written to dir/name unless nil
		password string
		sheet    string
		want     string // after "path: "
		class    error
	}{
		{"lama.xls", xls, "", "", "unsupported file format: this is an Excel 97-2003 .xls workbook; open it in Excel or LibreOffice and save it as .xlsx", ErrUnsupportedFormat},
		{"kaltim.ods", odsFile(t), "", "", "unsupported file format: this is an OpenDocument .ods spreadsheet; open it in LibreOffice or Excel and save it as .xlsx", ErrUnsupportedFormat},
		{"rahasia.xlsx", nil, "", "", "workbook is encrypted; use --password", ErrEncrypted},
		{"rahasia.xlsx", nil, "salah", "", "workbook is encrypted and the password is wrong", ErrWrongPassword},
		{"kosong.xlsx", []byte{}, "", "", "unsupported file format: the file is empty", ErrUnsupportedFormat},
		{"teks.xlsx", []byte("No,Nilai\n1,3\n"), "", "", "unsupported file format: the file is named .xlsx but is not a workbook (damaged, or another kind of file)", ErrUnsupportedFormat},
		{"laporan.pdf", []byte("%PDF-1.7\n..."), "", "", "unsupported file format: this is a PDF document, not a workbook; use the .xlsx workbook the PDF was made from", ErrUnsupportedFormat},
		{"web.xls", []byte("<html><table><tr><td>No</td></tr></table></html>"), "", "", "unsupported file format: this is an HTML page, not a workbook; open it in Excel and save it as .xlsx", ErrUnsupportedFormat},
		{"potong.xlsx", good[:len(good)/2], "", "", "unsupported file format: damaged or truncated zip archive, not a readable .xlsx workbook", ErrUnsupportedFormat},
		{"dokumen.xlsx", otherZip.Bytes(), "", "", "unsupported file format: zip archive without xl/workbook.xml, not an .xlsx workbook", ErrUnsupportedFormat},
		{"biner.dat", []byte{1, 2, 0, 3}, "", "", "unsupported file format: not a workbook or a CSV file", ErrUnsupportedFormat},
		{"tanpa-tabel.csv", []byte("Judul\nteks saja\n"), "", "", "no table found: no header row with an indicator number column (No, Nomor, Kode, ID) and a level column (Tingkat Kematangan, Nilai, Level) in the first 200 rows", ErrNoTable},
		{"good.xlsx", good, "", "Tidak Ada", `no sheet named "Tidak Ada"; the sheets are "S"`, ErrNoTable},
		{"tidak-ada.xlsx", nil, "", "", "no such file or directory", os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name+tt.password, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if tt.data != nil {
				if err := os.WriteFile(path, tt.data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, err := ReadSheet(path, Options{Known: known47, Password: tt.password, Sheet: tt.sheet})
			if err == nil {
				t.Fatalf("no error; sheet %+v", s)
			}
			if want := path + ": " + tt.want; err.Error() != want {
				t.Errorf("error:\n got %s\nwant %s", err, want)
			}
			if !errors.Is(err, tt.class) {
				t.Errorf("errors.Is(err, %v) = false", tt.class)
			}
		})
	}

	t.Run("right password", func(t *testing.T) {
		s, err := ReadSheet(encPath, Options{Known: known47, Password: "benar"})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Entries) != 47 {
			t.Errorf("entries: got %d, want 47", len(s.Entries))
		}
	})
	t.Run("sheet without a table", func(t *testing.T) {
		path := writeXLSX(t, "x.xlsx", sheetSpec{name: "S", rows: [][]any{{"judul"}}})
		_, err := ReadSheet(path, Options{Known: known47, Sheet: "S"})
		want := path + ": S: no table found: no header row"
		if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.Is(err, ErrNoTable) {
			t.Errorf("got %v, want prefix %s", err, want)
		}
	})
}

func TestRubric2018(t *testing.T) {
	r := rubric2018(t)
	rows := [][]any{{"Kode Indikator", "Tingkat Kematangan"}}
	for _, ind := range r.Indicators() {
		id := strings.ToUpper(ind.ID)
		if n, err := strconv.Atoi(id); err == nil && n%2 == 0 {
			id = "Indikator " + id
		}
		rows = append(rows, []any{id, 0})
	}
	path := writeXLSX(t, "lama.xlsx", sheetSpec{name: "S", rows: rows})
	s, err := ReadSheet(path, Options{Known: knownIn(r)})
	if err != nil {
		t.Fatal(err)
	}
	lv, err := s.Levels(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(lv) != len(r.Indicators()) {
		t.Errorf("levels: got %d, want %d", len(lv), len(r.Indicators()))
	}
	if _, ok := lv["35b"]; !ok {
		t.Errorf("no level for 35b: %v", lv)
	}
}
