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
	if hf, err := f.GetHeaderFooter("Pembanding"); err != nil || hf == nil || !strings.Contains(hf.OddFooter, "Provinsi Kalimantan Timur") {
		t.Errorf("Pembanding: footer %+v %v, want it to name the instansi", hf, err)
	}
	for cell, want := range map[string]string{"A4": "D1", "C4": "3", "E4": "4.2", "F4": "1.2", "F7": "0.55", "E3": "Provinsi Jawa Barat"} {
		got, err := f.GetCellValue("Pembanding", cell, excelize.Options{RawCellValue: true})
		if err != nil || got != want {
			t.Errorf("Pembanding!%s = %q %v, want %q", cell, got, err, want)
		}
	}
}

// TestTrendWorkbookPage: what a reader of the printed trend sees. The
// chart's axis numbers follow the language (Indonesian decimal commas, as
// the plan and comparison workbooks), the page footers name the instansi,
// the predicate and the note stand a character off the numbers left of
// them (not "2,00Baik"), and the break of 2018 to 2026 is drawn just
// before 2026, not midway at 2022.
func TestTrendWorkbookPage(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "hasil.csv")
	name := "Provinsi Kalimantan Tengah"
	if err := os.WriteFile(table, []byte("Instansi;Tahun;Indeks\n"+name+";2018;2,00\n"+name+";2026;3,00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"id", "en"} {
		out := filepath.Join(dir, "tren-"+lang+".xlsx")
		_, stderr, code := runSpbe(t, "trend", table, "-o", out, "--lang", lang)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", lang, code, stderr)
		}
		if want := map[string]string{"id": "(2 tahun, 1 patahan)", "en": "(2 years, 1 break)"}[lang]; !strings.Contains(stderr, want) {
			t.Errorf("%s: stderr does not count 2 years, 1 break:\n%s", lang, stderr)
		}
		axis := map[string]string{"id": `formatCode="[$-421]0.0"`, "en": `formatCode="0.0"`}[lang]
		if chart := chartXML(t, out); !strings.Contains(chart, axis) {
			t.Errorf("%s: no value axis with %s", lang, axis)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		sheet, data := f.GetSheetList()[0], f.GetSheetList()[1]
		if hf, err := f.GetHeaderFooter(sheet); err != nil || hf == nil || !strings.Contains(hf.OddFooter, name) {
			t.Errorf("%s: footer %+v %v, want it to name %s", lang, hf, err, name)
		}
		for _, c := range []string{"D3", "D4", "F5"} {
			id, _ := f.GetCellStyle(sheet, c)
			st, err := f.GetStyle(id)
			if err != nil || st.Alignment == nil || st.Alignment.Indent < 1 {
				t.Errorf("%s: %s!%s is not indented off the number before it: %+v", lang, sheet, c, st)
			}
		}
		rows, _ := f.GetRows(data)
		found := false
		for col, h := range rows[0] {
			if strings.Contains(h, "2026") && col > 0 && rows[0][col-1] == "x" && !strings.Contains(h, "8/2026") {
				found = true
				if x := rows[1][col-1]; x != "2025.5" {
					t.Errorf("%s: the break is drawn at %s, want 2025.5", lang, x)
				}
			}
		}
		if !found {
			t.Errorf("%s: no series of the break in %q", lang, rows[0])
		}
		f.Close()
	}
	// One year is "1 year".
	out := filepath.Join(dir, "satu.xlsx")
	os.WriteFile(table, []byte("Instansi;Tahun;Indeks\n"+name+";2025;3,00\n"), 0o644)
	if _, stderr, _ := runSpbe(t, "trend", table, "-o", out); !strings.Contains(stderr, "(1 year, 0 breaks)") {
		t.Errorf("stderr does not say 1 year:\n%s", stderr)
	}
}

// A note that wraps in its column (a new instrument, computed from the
// aspects, provisional) gets a row tall enough for its lines: LibreOffice
// does not grow a row by itself, and the second line would print over the
// next row.
func TestTrendWorkbookLongNote(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "hasil.csv")
	if err := os.WriteFile(table, []byte("Instansi;Tahun;Indeks;A1;A2;A3;A4;A5;A6;A7;Status\n"+
		"Provinsi Kalimantan Timur;2025;3,95;;;;;;;;\nProvinsi Kalimantan Timur;2026;;3;2,5;4;3;2;3,5;4;sementara\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "tren.xlsx")
	if _, stderr, code := runSpbe(t, "trend", table, "-o", out, "--lang", "id"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	note, _ := f.GetCellValue("Tren", "F5")
	if !strings.Contains(note, "instrumen baru") || !strings.Contains(note, "sementara") {
		t.Fatalf("Tren!F5 = %q, want the 2026 note", note)
	}
	if h, err := f.GetRowHeight("Tren", 5); err != nil || h < 30 {
		t.Errorf("row 5 of the note %q is %v points high (%v), want two lines (30)", note, h, err)
	}
	// The provisional 2026 is marked in the chart too: a series of its
	// own, at 2026 and 3,325 published 3,33.
	data, _ := f.GetRows("Data grafik", excelize.Options{RawCellValue: true})
	found := false
	for col, h := range data[0] {
		if h == "Sementara" {
			found = true
			if x, y := data[1][col-1], data[1][col]; x != "2026" || y != "3.33" {
				t.Errorf("the provisional point is at %s, %s; want 2026, 3.33", x, y)
			}
		}
	}
	if !found {
		t.Errorf("no series Sementara in the chart's data %q", data[0])
	}
	// In English the predicate of 2025 is "Very good (Sangat Baik)": its
	// column holds it on one line (and the indent), not wrapped over the
	// next row.
	out = filepath.Join(dir, "trend.xlsx")
	if _, stderr, code := runSpbe(t, "trend", table, "-o", out, "--lang", "en"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	g, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	pred, _ := g.GetCellValue("Trend", "D4")
	if w, err := g.GetColWidth("Trend", "D"); err != nil || pred != "Very good (Sangat Baik)" || w < float64(len(pred))+1 {
		t.Errorf("Trend!D4 %q in a column %v wide (%v), want at least %d", pred, w, err, len(pred)+1)
	}
}

// The text table ends each line at its last cell: a year with no change
// and no note carries no trailing spaces into an e-mail or a document.
func TestTrendTextNoTrailingSpaces(t *testing.T) {
	table := filepath.Join(t.TempDir(), "hasil.csv")
	if err := os.WriteFile(table, []byte("Instansi;Tahun;Indeks\nKota A;2024;3,00\nKota A;2025;3,10\nKota B;2025;2,00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runSpbe(t, "trend", table, "--instansi", "Kota A", "--peer", "Kota B", "--lang", "id")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "\n2024   PermenPANRB 59/2020  3,00    Baik\n") {
		t.Errorf("no 2024 row ending at its predicate:\n%s", stdout)
	}
	for i, line := range strings.Split(stdout, "\n") {
		if strings.HasSuffix(line, " ") {
			t.Errorf("line %d ends in spaces: %q", i+1, line)
		}
	}
}
