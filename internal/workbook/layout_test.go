package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// entries formats a sheet's entries as "id=raw@cell" for comparison.
func entries(s *Sheet) []string {
	var out []string
	for _, e := range s.Entries {
		out = append(out, fmt.Sprintf("%s=%s@%s", e.ID, e.Raw, e.Cell))
	}
	return out
}

// tableRows returns a header row and n rows of "id, name, values...".
func tableRows(header []any, n int, row func(i int) []any) [][]any {
	rows := [][]any{header}
	for i := 1; i <= n; i++ {
		rows = append(rows, row(i))
	}
	return rows
}

func TestReadLayouts(t *testing.T) {
	three := func(header []any, row func(i int) []any) [][]any { return tableRows(header, 3, row) }
	tests := []struct {
		name   string
		sheets []sheetSpec
		opts   Options
		// want
		sheet, idCol, levelCol, levelHeader, instansi, instansiCell string
		other                                                       []string
		entries                                                     []string
		warnings                                                    []string
	}{
		{
			name: "official report with two years",
			sheets: []sheetSpec{{name: "Laporan", rows: append([][]any{
				{"Laporan Hasil Evaluasi SPBE"},
				{"Nama Instansi", nil, ": Pemerintah Kota Bogor"},
			}, three([]any{"No", "Indikator", "Nilai Tingkat Kematangan 2022", "Nilai Tingkat Kematangan 2023"},
				func(i int) []any { return []any{i, "Kebijakan Internal " + fmt.Sprint(i), 2, i + 1} })...)}},
			sheet: "Laporan", idCol: "A", levelCol: "D", levelHeader: "Nilai Tingkat Kematangan 2023",
			instansi: "Pemerintah Kota Bogor", instansiCell: "C2",
			other:   []string{`C "Nilai Tingkat Kematangan 2022"`},
			entries: []string{"1=2@D4", "2=3@D5", "3=4@D6"},
		},
		{
			name: "penilaian mandiri and nilai akhir",
			sheets: []sheetSpec{{name: "PM", rows: three(
				[]any{"Kode", "Indikator", "Penilaian Mandiri", "Nilai Akhir", "Nilai Evaluator Keterangan"},
				func(i int) []any { return []any{fmt.Sprintf("I.%d", i), "x", 5, i, "ok"} })}},
			sheet: "PM", idCol: "A", levelCol: "D", levelHeader: "Nilai Akhir", instansi: "t",
			other:   []string{`C "Penilaian Mandiri"`},
			entries: []string{"1=1@D2", "2=2@D3", "3=3@D4"},
		},
		{
			name: "empty evaluator column is passed over",
			sheets: []sheetSpec{{name: "S", rows: three(
				[]any{"No", "Penilaian Mandiri", "Nilai Evaluator"},
				func(i int) []any { return []any{i, 4} })}},
			sheet: "S", idCol: "A", levelCol: "B", levelHeader: "Penilaian Mandiri", instansi: "t",
			other:   []string{`C "Nilai Evaluator"`},
			entries: []string{"1=4@B2", "2=4@B3", "3=4@B4"},
		},
		{
			name: "indikator column holds the ids",
			sheets: []sheetSpec{{name: "S", rows: three(
				[]any{"Domain", "Indikator", "Uraian", "Level"},
				func(i int) []any {
					return []any{"D1", fmt.Sprintf("Indikator %d", i), "teks", fmt.Sprintf("Level %d", i)}
				})}},
			sheet: "S", idCol: "B", levelCol: "D", levelHeader: "Level", instansi: "t",
			entries: []string{"1=Level 1@D2", "2=Level 2@D3", "3=Level 3@D4"},
		},
		{
			name: "id formats",
			sheets: []sheetSpec{{name: "S", rows: [][]any{
				{"NO.", "TINGKAT KEMATANGAN:"},
				{"01", 1}, {"2.", 2}, {"Indikator 3", 3}, {"I4", 4}, {"I.5", 5}, {"６", 1}, {" 7 ", 2}, {"Ind. 8", 3}, {"\u00a09\u00a0", 4},
			}}},
			sheet: "S", idCol: "A", levelCol: "B", levelHeader: "TINGKAT KEMATANGAN:", instansi: "t",
			entries: []string{"1=1@B2", "2=2@B3", "3=3@B4", "4=4@B5", "5=5@B6", "6=1@B7", "7=2@B8", "8=3@B9", "9=4@B10"},
		},
		{
			name: "notes, sub-headers and blank rows are skipped",
			sheets: []sheetSpec{{name: "S", rows: [][]any{
				{"No", "Indikator", "Nilai"},
				{"1", "2", "3"},
				{"Domain 1 Kebijakan Internal"},
				{1, "a", 3},
				nil,
				{"Aspek 1.1"},
				{2, "b", 4},
				{"1.1", "sub-item", 9},
				{"Total", nil, 7},
				{"Catatan: nilai diisi oleh evaluator"},
				{nil, nil, "3"},
			}}},
			sheet: "S", idCol: "A", levelCol: "C", levelHeader: "Nilai", instansi: "t",
			entries: []string{"1=3@C4", "2=4@C7"},
		},
		{
			name: "first sheet without a table is skipped; merged title",
			sheets: []sheetSpec{
				{name: "Petunjuk", rows: [][]any{{"Petunjuk pengisian"}, {"Isi kolom Nilai dengan 1 sampai 5"}}},
				{name: "Hidden", hidden: true, rows: [][]any{{"No", "Nilai"}, {1, 5}}},
				{name: "Isian", rows: [][]any{
					{"HASIL EVALUASI SPBE"},
					{"Instansi", nil, nil, "Kabupaten Sleman"},
					{"No", "Nilai"},
					{1, 3},
				}, edit: func(f *excelize.File, s string) error { return f.MergeCell(s, "A1", "D1") }},
			},
			sheet: "Isian", idCol: "A", levelCol: "B", levelHeader: "Nilai", instansi: "Kabupaten Sleman", instansiCell: "D2",
			entries: []string{"1=3@B4"},
		},
		{
			name: "two-row header with years",
			sheets: []sheetSpec{{name: "S", rows: [][]any{
				{"No", "Indikator", "Tingkat Kematangan"},
				{nil, nil, "2022", "2023"},
				{1, "a", 2, 3},
				{2, "b", 3, 4},
			}, edit: func(f *excelize.File, s string) error { return f.MergeCell(s, "C1", "D1") }}},
			sheet: "S", idCol: "A", levelCol: "D", levelHeader: "Tingkat Kematangan 2023", instansi: "t",
			other:   []string{`C "Tingkat Kematangan 2022"`},
			entries: []string{"1=3@D3", "2=4@D4"},
		},
		{
			name: "options by letter",
			sheets: []sheetSpec{{name: "S", rows: [][]any{
				{"Kolom 1", "Kolom 2", "Kolom 3"},
				{"Indikator 1", 9, 2},
				{"Indikator 2", 9, 3},
			}}},
			opts:  Options{IDCol: "a", LevelCol: "C"},
			sheet: "S", idCol: "A", levelCol: "C", levelHeader: "", instansi: "t",
			entries: []string{"1=2@C2", "2=3@C3"},
		},
		{
			name: "options by header text and sheet",
			sheets: []sheetSpec{
				{name: "Lain", rows: [][]any{{"No", "Nilai"}, {1, 1}}},
				{name: "Pilih", rows: [][]any{{"No", "Nilai Akhir", "Skor Saya"}, {1, 1, 4}}},
			},
			opts:  Options{Sheet: "pilih", LevelCol: "skor saya"},
			sheet: "Pilih", idCol: "A", levelCol: "C", levelHeader: "Skor Saya", instansi: "t",
			entries: []string{"1=4@C2"},
		},
		{
			name: "hidden rows are read with a warning",
			sheets: []sheetSpec{{name: "S", rows: [][]any{{"No", "Nilai"}, {1, 1}, {2, 2}, {3, 3}},
				edit: func(f *excelize.File, s string) error {
					if err := f.SetRowVisible(s, 3, false); err != nil {
						return err
					}
					return f.SetRowVisible(s, 4, false)
				}}},
			sheet: "S", idCol: "A", levelCol: "B", levelHeader: "Nilai", instansi: "t",
			entries:  []string{"1=1@B2", "2=2@B3", "3=3@B4"},
			warnings: []string{"S: rows 3, 4 are hidden; their levels were read"},
		},
		{
			name: "formula without a saved value is computed",
			sheets: []sheetSpec{{name: "S", rows: [][]any{{"No", "Nilai"}, {1, nil}},
				edit: func(f *excelize.File, s string) error { return f.SetCellFormula(s, "B2", "1+2") }}},
			sheet: "S", idCol: "A", levelCol: "B", levelHeader: "Nilai", instansi: "t",
			entries:  []string{"1=3@B2"},
			warnings: []string{`S!B2: formula =1+2 had no saved value; computed "3"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeXLSX(t, "t.xlsx", tt.sheets...)
			opts := tt.opts
			opts.Known, opts.Lang = known47, english
			s, err := ReadSheet(path, opts)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{s.Sheet, s.IDColumn, s.LevelColumn, s.LevelHeader, s.Instansi, s.InstansiCell}
			want := []string{tt.sheet, tt.idCol, tt.levelCol, tt.levelHeader, tt.instansi, tt.instansiCell}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("sheet, id, level, header, instansi, cell:\n got %q\nwant %q", got, want)
			}
			if !reflect.DeepEqual(s.OtherLevelColumns, tt.other) {
				t.Errorf("other level columns: got %q, want %q", s.OtherLevelColumns, tt.other)
			}
			if !reflect.DeepEqual(entries(s), tt.entries) {
				t.Errorf("entries:\n got %q\nwant %q", entries(s), tt.entries)
			}
			if !reflect.DeepEqual(s.Warnings, tt.warnings) {
				t.Errorf("warnings: got %q, want %q", s.Warnings, tt.warnings)
			}
		})
	}
}

// setCachedValue rewrites a saved workbook so that the formula cell of
// the first sheet gets a cached value, as Excel saves it.
func setCachedValue(t *testing.T, path, formula, value string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "xl/worksheets/sheet1.xml" {
			old := "<f>" + formula + "</f>"
			if !bytes.Contains(b, []byte(old)) {
				t.Fatalf("no %s in %s", old, b)
			}
			b = bytes.Replace(b, []byte(old), []byte(old+"<v>"+value+"</v>"), 1)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	zr.Close()
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReadFormulaCachedValue(t *testing.T) {
	path := writeXLSX(t, "f.xlsx", sheetSpec{name: "S", rows: [][]any{{"No", "Nilai"}, {1, nil}},
		edit: func(f *excelize.File, s string) error { return f.SetCellFormula(s, "B2", "MAX(1,2)") }})
	// The cached value differs from what the formula computes, to show
	// that the cached value is used.
	setCachedValue(t, path, "MAX(1,2)", "4")
	s, err := ReadSheet(path, Options{Known: known47})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := entries(s), []string{"1=4@B2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("entries: got %q, want %q", got, want)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings: got %q, want none", s.Warnings)
	}
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string
		levelCol      string
	}{
		{"semicolon with BOM", "\ufeffHasil Evaluasi SPBE\nInstansi: Kota X\nNo;Indikator;Nilai Akhir\n1;Kebijakan;3,0\n2;\"Tata, Kelola\";4\n", []string{"1=3,0@C4", "2=4@C5"}, "C"},
		{"comma", "No,Tingkat Kematangan\r\n1,2\r\n2,\"3,5\"\r\n", []string{"1=2@B2", "2=3,5@B3"}, "B"},
		{"tab", "No\tNilai\n1\t5\n", []string{"1=5@B2"}, "B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "kota.csv")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := ReadSheet(path, Options{Known: known47})
			if err != nil {
				t.Fatal(err)
			}
			if got := entries(s); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("entries: got %q, want %q", got, tt.want)
			}
			if s.Sheet != "" || s.LevelColumn != tt.levelCol {
				t.Errorf("sheet %q level column %q: want \"\" and %q", s.Sheet, s.LevelColumn, tt.levelCol)
			}
			if strings.HasPrefix(tt.name, "semicolon") && (s.Instansi != "Kota X" || s.InstansiCell != "A2") {
				t.Errorf("instansi: got %q at %q, want \"Kota X\" at A2", s.Instansi, s.InstansiCell)
			}
			if !strings.HasPrefix(tt.name, "semicolon") && s.Instansi != "kota" {
				t.Errorf("instansi: got %q, want the file name \"kota\"", s.Instansi)
			}
		})
	}
}
