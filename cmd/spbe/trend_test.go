package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// writeTrendBook writes a long evaluation workbook of one instansi with
// every level at level; top are the cells above the table (A1, B1 ...,
// a row each).
func writeTrendBook(t *testing.T, path string, r *rubric.Rubric, level int, top [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := "Penilaian"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		t.Fatal(err)
	}
	row := 1
	for _, cells := range top {
		for c, v := range cells {
			name, _ := excelize.CoordinatesToCellName(c+1, row)
			if err := f.SetCellValue(sh, name, v); err != nil {
				t.Fatal(err)
			}
		}
		row++
	}
	row++
	header := "No"
	if r.ID == "permenpanrb-8-2026" {
		header = "Kode"
	}
	f.SetCellValue(sh, fmt.Sprintf("A%d", row), header)
	f.SetCellValue(sh, fmt.Sprintf("B%d", row), "Tingkat Kematangan")
	for _, ind := range r.Indicators() {
		row++
		id := ind.ID
		if ind.Code != "" {
			id = ind.Code
		}
		f.SetCellStr(sh, fmt.Sprintf("A%d", row), id)
		f.SetCellInt(sh, fmt.Sprintf("B%d", row), int64(level))
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestTrendWorkbooks is the three-year trend of one province from
// workbooks: 2024 and 2025 under 59/2020 (the year from a title and from
// a Tahun cell), 2026 under 8/2026 (from the file name). Every level of a
// year is one value, so its index is that value (the oracle). The Excel
// workbook is read back: the chart, its series (one line of the index and
// one per band edge above the lowest for each instrument, one per break)
// and the break.
func TestTrendWorkbooks(t *testing.T) {
	dir := t.TempDir()
	r20, _ := rubric.ByID("permenpanrb-59-2020")
	r26, _ := rubric.ByID("permenpanrb-8-2026")
	name := "Pemerintah Provinsi Kalimantan Tengah"
	a := filepath.Join(dir, "kalteng-a.xlsx")
	b := filepath.Join(dir, "kalteng-b.xlsx")
	c := filepath.Join(dir, "kalteng-2026.xlsx")
	writeTrendBook(t, a, r20, 2, [][]any{{"Hasil Evaluasi SPBE Tahun 2024"}, {"Instansi", name}})
	writeTrendBook(t, b, r20, 3, [][]any{{"Tahun", 2025}, {"Instansi", name}})
	writeTrendBook(t, c, r26, 4, [][]any{{"Instansi", name}})

	for _, lang := range []string{"id", "en"} {
		out := filepath.Join(dir, "tren-"+lang+".xlsx")
		stdout, stderr, code := runSpbe(t, "trend", c, a, b, "-o", out, "--lang", lang)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", lang, code, stderr)
		}
		words := map[string][]string{
			"id": {"Tren", "Data grafik", "Pergantian instrumen 2026", "instrumen baru: tidak dibandingkan", "tahun 2024 dari sel Penilaian!A1", "tahun 2025 dari sel Penilaian!B1", "tahun 2026 dari nama berkas"},
			"en": {"Trend", "Chart data", "Instrument change 2026", "new instrument: not compared", "year 2024 from cell Penilaian!A1", "year 2025 from cell Penilaian!B1", "year 2026 from the file name"},
		}[lang]
		for _, w := range words[4:] {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", lang, w, stderr)
			}
		}
		sep := map[string]string{"id": ",", "en": "."}[lang]
		for _, w := range []string{"2,00", "3,00", "+1,00", "4,00"} {
			if w = strings.ReplaceAll(w, ",", sep); !strings.Contains(stdout, w) {
				t.Errorf("%s: stdout lacks %s:\n%s", lang, w, stdout)
			}
		}

		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		sheets := f.GetSheetList()
		if len(sheets) != 2 || sheets[0] != words[0] || sheets[1] != words[1] {
			t.Errorf("%s: sheets %q, want %q and %q", lang, sheets, words[0], words[1])
		}
		if vis, _ := f.GetSheetVisible(words[1]); vis {
			t.Errorf("%s: the chart's data sheet is visible", lang)
		}
		// The table: the 2026 row has no change, and says why.
		rows, _ := f.GetRows(words[0])
		var r2026 []string
		for _, r := range rows {
			if len(r) > 0 && r[0] == "2026" {
				r2026 = r
			}
		}
		if len(r2026) < 6 || r2026[4] != "" || r2026[5] != words[3] {
			t.Errorf("%s: the 2026 row %q: want no change and %q", lang, r2026, words[3])
		}
		// The break's series: a vertical line at 2025,5 in the data.
		data, _ := f.GetRows(words[1])
		found := false
		for col, h := range data[0] {
			if h == words[2] {
				found = true
				for _, r := range data[1:3] {
					if len(r) < col || r[col-1] != "2025.5" {
						t.Errorf("%s: the break's x values %q, want 2025.5", lang, r)
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: no series %q in %q", lang, words[2], data[0])
		}
		f.Close()

		chart := chartXML(t, out)
		want := len(r20.Predicates) - 1 + 1 + len(r26.Predicates) - 1 + 1 + 1
		if n := strings.Count(chart, "<ser>"); n != want {
			t.Errorf("%s: %d series in the chart, want %d", lang, n, want)
		}
		if !strings.Contains(chart, "<scatterChart>") {
			t.Errorf("%s: the chart is not a scatter chart with lines", lang)
		}
	}
}

// TestTrendPeersWorkbook: the sheet of the peers holds numbers, the gap to
// the peer per domain by hand (4,20 - 3,00 = 1,20).
func TestTrendPeersWorkbook(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "hasil.csv")
	if err := os.WriteFile(table, []byte("Instansi;Tahun;Indeks;D1;D2;D3;D4\n"+
		"Provinsi Jawa Barat;2025;4,04;4,20;3,90;3,80;4,15\nProvinsi Kalimantan Timur;2025;3,32;3,00;3,10;3,20;3,60\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "peers.xlsx")
	if _, stderr, code := runSpbe(t, "trend", table, "--instansi", "Kalimantan Timur", "--peer", "Jawa Barat", "-o", out, "--lang", "id"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"A4": "D1", "C4": "3", "E4": "4.2", "F4": "1.2", "F7": "0.55", "E3": "Provinsi Jawa Barat"} {
		got, err := f.GetCellValue("Pembanding", cell, excelize.Options{RawCellValue: true})
		if err != nil || got != want {
			t.Errorf("Pembanding!%s = %q %v, want %q", cell, got, err, want)
		}
	}
}
