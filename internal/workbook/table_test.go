package workbook

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFindYear: the year of an evaluation above its table, every way a
// form writes it, and the cases where no year is taken.
func TestFindYear(t *testing.T) {
	cases := []struct {
		name      string
		rows      [][]string
		year, col int
		row       int
	}{
		{"title", [][]string{{"Hasil Evaluasi SPBE Tahun 2025"}}, 2025, 1, 0},
		{"colon", [][]string{{"", "Tahun: 2024"}}, 2024, 2, 0},
		{"anggaran", [][]string{{"Evaluasi SPBE Tahun Anggaran 2023"}}, 2023, 1, 0},
		{"TA", [][]string{{"Evaluasi SPBE T.A. 2022"}}, 2022, 1, 0},
		{"label", [][]string{{"Instansi", "Kota A"}, {"Tahun", "", "2021"}}, 2021, 3, 1},
		{"label with colon", [][]string{{"Tahun Evaluasi :", "2026"}}, 2026, 2, 0},
		{"agree", [][]string{{"Evaluasi SPBE Tahun 2025"}, {"Tahun", "2025"}}, 2025, 1, 0},
		{"disagree", [][]string{{"Evaluasi SPBE Tahun 2025"}, {"Tahun", "2024"}}, 0, 0, 0},
		{"a year without Tahun", [][]string{{"Evaluasi Kinerja Pemerintah Digital 2026"}}, 0, 0, 0},
		{"label not a year", [][]string{{"Tahun", "dua ribu"}}, 0, 0, 0},
		{"none", [][]string{{"Instansi", "Kota A"}}, 0, 0, 0},
	}
	for _, c := range cases {
		g := &grid{rows: append(c.rows, []string{"No", "Nilai"})}
		y, r, col := findYear(g, len(c.rows))
		if y != c.year || y != 0 && (r != c.row || col != c.col) {
			t.Errorf("%s: got %d at row %d col %d, want %d at row %d col %d", c.name, y, r, col, c.year, c.row, c.col)
		}
	}
	// Below the header is the table's, not a title.
	g := &grid{rows: [][]string{{"No", "Nilai"}, {"Tahun 2025"}}}
	if y, _, _ := findYear(g, 0); y != 0 {
		t.Errorf("a year under the header taken: %d", y)
	}
}

// TestRows reads a CSV file and an xlsx workbook's first sheet as rows.
func TestRows(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "t.csv")
	if err := os.WriteFile(csv, []byte("Instansi;Tahun;Indeks\nKota A;2025;3,41\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	xlsx := writeXLSX(t, "t.xlsx", sheetSpec{name: "Hasil", rows: [][]any{{"Instansi", "Tahun", "Indeks"}, {"Kota A", 2025, 3.41}}})
	for _, path := range []string{csv, xlsx} {
		var got [][]string
		err := Rows(path, Options{}, func(_ string, _ int, cells []string) bool {
			got = append(got, append([]string(nil), cells...))
			return true
		})
		if err != nil || len(got) != 2 || got[1][0] != "Kota A" || got[1][1] != "2025" {
			t.Errorf("%s: %q %v", filepath.Base(path), got, err)
		}
	}
}

// TestWideYear: a title above a wide table gives its year, set before the
// first row, in the automatic layout.
func TestWideYear(t *testing.T) {
	text := "Hasil Evaluasi SPBE Tahun 2024\n" + wideCSV("", 1, "", "3")
	path := writeCSV(t, "nasional.csv", text)
	r := rubric59(t)
	year, cell := 0, ""
	err := Read(path, Options{Layout: LayoutAuto, Known: knownIn(r), Want: 47}, Visitor{
		Row: func(wt *WideTable, _ *WideRow) error {
			year, cell = wt.Year, wt.YearCell
			return nil
		},
	})
	if err != nil || year != 2024 || cell != "A1" {
		t.Errorf("year %d in %q (%v), want 2024 in A1", year, cell, err)
	}
}

// ShownNumber: a number as Excel shows it, 15 significant digits (the
// 17-digit texts are what Excel saves for the typed numbers on the right);
// text is left alone.
func TestShownNumber(t *testing.T) {
	for in, want := range map[string]string{
		"3.4049999999999998": "3.405", "0.30000000000000004": "0.3", "2.6349999999999998": "2.635",
		"3.405": "3.405", "2025": "2025", "Kota A": "Kota A", "3,405": "3,405", "59/2020": "59/2020", "Inf": "Inf", "": "",
	} {
		if got := ShownNumber(in); got != want {
			t.Errorf("ShownNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
