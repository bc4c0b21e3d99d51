package main

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// kaltimVariant writes the official 2021 example (index 2,95) to dir as
// name, after edit changes its Penilaian sheet, saved with password (""
// for none).
func kaltimVariant(t *testing.T, dir, name, password string, edit func(f *excelize.File)) string {
	t.Helper()
	src := perekonomianInput(t, t.TempDir())
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if edit != nil {
		edit(f)
	}
	out := filepath.Join(dir, name)
	if err := f.SaveAs(out, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
	return out
}

// A weight typed over in the Bobot column is warned of, naming the
// indicator, both weights and the cell; the index is the rubric's (2,95,
// the official result), not one computed with the typed weight.
func TestBobotDiffersWarns(t *testing.T) {
	dir := t.TempDir()
	var cell string
	in := kaltimVariant(t, dir, "bobot.xlsx", "", func(f *excelize.File) {
		rows, _ := f.GetRows("Penilaian")
		for i, row := range rows {
			if len(row) > 4 && row[0] == "21" {
				cell, _ = excelize.CoordinatesToCellName(5, i+1)
				if row[4] != "1.5" {
					t.Fatalf("fixture: indicator 21 weighs %q, want 1.5", row[4])
				}
				_ = f.SetCellValue("Penilaian", cell, 5)
			}
		}
	})
	if cell == "" {
		t.Fatal("fixture: no row of indicator 21")
	}
	for _, c := range []struct{ lang, want string }{
		{"id", "peringatan: Penilaian!" + cell + ": indikator 21: kolom Bobot berisi 5,00, sedangkan rubrik permenpanrb-59-2020 memberinya bobot 1,50; indeks dihitung dengan bobot rubrik"},
		{"en", "warning: Penilaian!" + cell + ": indicator 21: the Bobot column says 5.00, but rubric permenpanrb-59-2020 weighs it 1.50; the index is computed with the rubric's weight"},
	} {
		code, out, stderr := runSPBE(t, "score", in, "--format", "csv", "--lang", c.lang)
		if code != exitOK || !strings.Contains(out, ",2.95,") {
			t.Errorf("--lang %s: exit %d, stdout %q; want 0 and the official 2.95", c.lang, code, out)
		}
		if !strings.Contains(stderr, c.want) || strings.Count(stderr, "Bobot ") != 1 {
			t.Errorf("--lang %s: stderr\n%s\nwant one warning %q", c.lang, stderr, c.want)
		}
	}
	// The untouched workbook: no warning.
	_, _, stderr := runSPBE(t, "score", perekonomianInput(t, t.TempDir()))
	if strings.Contains(stderr, "Bobot ") {
		t.Errorf("the official workbook warned of its weights:\n%s", stderr)
	}
}

// An encrypted workbook opens with $SPBE_PASSWORD when --password is not
// given; --password wins over it.
func TestPasswordFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	in := kaltimVariant(t, dir, "rahasia.xlsx", "kaltim", nil)
	t.Setenv(passwordEnv, "")
	if code, _, stderr := runSPBE(t, "score", in); code != exitInvalid || !strings.Contains(stderr, "encrypted") {
		t.Errorf("no password: exit %d, stderr %q; want 3 and encrypted", code, stderr)
	}
	t.Setenv(passwordEnv, "kaltim")
	for _, args := range [][]string{
		{"score", in, "--format", "csv"},
		{"plan", in, "--target", "3"},
	} {
		if code, out, stderr := runSPBE(t, args...); code != exitOK || !strings.Contains(out, "2") {
			t.Errorf("%v with %s: exit %d, stderr %q", args, passwordEnv, code, stderr)
		}
	}
	if code, _, stderr := runSPBE(t, "score", in, "--password", "salah"); code != exitInvalid || !strings.Contains(stderr, "wrong") {
		t.Errorf("--password salah with %s set: exit %d, stderr %q; want the wrong password", passwordEnv, code, stderr)
	}
}

// kaltimPemdiCSV is an Indeks Pemdi workbook of Kalimantan Timur whose
// sum of level x weight is 378,5 (3,785, published 3,79), with indicator 5
// (3.1 Tata Kelola Data, scored by Bappenas) not yet scored when
// external5 is "".
func kaltimPemdiCSV(t *testing.T, path, external5 string) string {
	t.Helper()
	levels := []string{"4", "4", "4.5", "4", external5, "3", "3", "3.5", "4", "4", "3.5", "4", "4", "4.5", "3.5", "3.5", "4", "3", "4", "4"}
	var sb strings.Builder
	sb.WriteString("No,Nilai\n")
	for i, l := range levels {
		fmt.Fprintf(&sb, "%d,%s\n", i+1, l)
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The report to send to the governor (issue 21): --title on top, in the
// page header and footer, the year it names on the summary; the exact index
// as text with a decimal comma; the provisional note in a merged row of
// its own in words for a reader (no flag), the aspect table's Indeks column
// left narrow; the kode of Pemdi indicators.
func TestReportForTheGovernor(t *testing.T) {
	dir := t.TempDir()
	in := kaltimPemdiCSV(t, filepath.Join(dir, "kaltim.csv"), "")
	const title = "Indeks Pemdi Provinsi Kalimantan Timur 2024"
	for _, lang := range []string{"id", "en"} {
		out := filepath.Join(dir, "laporan-"+lang+".xlsx")
		if code, _, stderr := runSPBE(t, "score", in, "--assume-external", "--title", title, "-o", out, "--lang", lang); code != exitOK {
			t.Fatalf("--lang %s: exit %d: %s", lang, code, stderr)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		sum, ind := f.GetSheetList()[0], f.GetSheetList()[1]
		get := func(sheet, c string) string { v, _ := f.GetCellValue(sheet, c); return v }
		if got := get(sum, "A1"); got != title {
			t.Errorf("%s: A1 = %q, want the title", lang, got)
		}
		year := map[string]string{"id": "Tahun", "en": "Year"}[lang]
		if get(sum, "A4") != year || get(sum, "B4") != "2024" {
			t.Errorf("%s: A4:B4 = %q %q, want %s 2024", lang, get(sum, "A4"), get(sum, "B4"), year)
		}
		// 378,5 + 5 x (1 - 2) ... indicator 5 assumed at 1: 373,5: 3,735.
		exact := map[string]string{"id": "3,735", "en": "3.735"}[lang]
		if got := get(sum, "B9"); got != exact {
			t.Errorf("%s: exact index B9 = %q, want the text %q", lang, got, exact)
		}
		note := get(sum, "A10")
		want := map[string]string{"id": "HASIL SEMENTARA", "en": "PROVISIONAL"}[lang]
		if !strings.HasPrefix(note, want) || !strings.Contains(note, "3.1 Tata Kelola Data (Satu Data Indonesia (Bappenas)") || strings.Contains(note, "--") {
			t.Errorf("%s: A10 = %q, want the provisional note in words, no flag", lang, note)
		}
		merged, _ := f.GetMergeCells(sum)
		if !slices.ContainsFunc(merged, func(m excelize.MergeCell) bool { return m.GetStartAxis() == "A10" }) {
			t.Errorf("%s: the provisional note is not in a merged row", lang)
		}
		if w, _ := f.GetColWidth(sum, "D"); w > 20 {
			t.Errorf("%s: column D (the aspects' Indeks) is %v wide: widened by a note", lang, w)
		}
		hf, _ := f.GetHeaderFooter(sum)
		if hf == nil || !strings.Contains(hf.OddHeader, title) || !strings.Contains(hf.OddFooter, title) {
			t.Errorf("%s: header/footer %+v, want the title in both", lang, hf)
		}
		if got := get(ind, "C6"); got != "3.1 Tata Kelola Data" {
			t.Errorf("%s: %s!C6 = %q, want the kode before the name", lang, ind, got)
		}
		// Indicator 5's level is the rubric's assumption: its row says so
		// where the source cell would be, so that the page of indicators
		// printed alone does not show 1 as a level read.
		if got, want := get(ind, "I6"), map[string]string{"id": "anggapan (sementara)", "en": "assumed (provisional)"}[lang]; got != want {
			t.Errorf("%s: %s!I6 = %q, want %q", lang, ind, got, want)
		}
		f.Close()
		// spbe verify rebuilds the report with its title (and the year
		// the title gives): it found every titled report changed.
		if code, stdout, stderr := runSPBE(t, "verify", out); code != exitOK {
			t.Errorf("--lang %s: spbe verify of the titled report: exit %d: %s%s", lang, code, stdout, stderr)
		}
	}
}

// The ranking of a report of many heads its domain and aspect columns by
// code and name; sheet names follow one rule (no leading "Pemerintah").
func TestRankingNamesItsColumns(t *testing.T) {
	dir := t.TempDir()
	for i, name := range []string{"Pemerintah Kabupaten Berau", "Kabupaten Kutai Barat"} {
		in := kaltimPemdiCSV(t, filepath.Join(dir, fmt.Sprintf("k%d.csv", i)), "2")
		data, _ := os.ReadFile(in)
		if err := os.WriteFile(filepath.Join(dir, strings.ToLower(strings.ReplaceAll(name, " ", "-"))+".csv"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		os.Remove(in)
	}
	out := filepath.Join(t.TempDir(), "nasional.xlsx")
	if code, _, stderr := runSPBE(t, "score", dir, "-o", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head, _ := f.GetRows("Peringkat")
	if got := strings.Join(head[0][5:], "|"); !strings.HasPrefix(got, "A1 Tata Kelola dan Manajemen|A2 Penyelenggara|A3 Data|") {
		t.Errorf("ranking header = %s", got)
	}
	sheets := strings.Join(f.GetSheetList(), "|")
	if !strings.Contains(sheets, "Kabupaten Berau") || strings.Contains(sheets, "Pemerintah") || !strings.Contains(sheets, "Kabupaten Kutai Barat") {
		t.Errorf("sheets = %s", sheets)
	}
}

// The charts of the plan and comparison workbooks number their axes in the
// workbook's language (Indonesian: [$-421], decimal commas).
func TestChartAxesFollowTheLanguage(t *testing.T) {
	dir := t.TempDir()
	a := kaltimPemdiCSV(t, filepath.Join(dir, "a.csv"), "2")
	b := kaltimPemdiCSV(t, filepath.Join(dir, "b.csv"), "3")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"plan", a, "--target", "4", "-o", filepath.Join(dir, "plan.xlsx")}, `formatCode="[$-421]0.0"`},
		{[]string{"compare", a, b, "-o", filepath.Join(dir, "compare.xlsx")}, `formatCode="[$-421]0.0"`},
	} {
		if code, _, stderr := runSPBE(t, c.args...); code != exitOK {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
		charts := chartXML(t, c.args[len(c.args)-1])
		if !strings.Contains(charts, c.want) {
			t.Errorf("%s: no axis with %s", c.args[0], c.want)
		}
	}
}

func chartXML(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var sb strings.Builder
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			sb.Write(data)
		}
	}
	return sb.String()
}

// --rubric permenpanrb-59-2020 on a filled-in Pemdi form: the workbook is
// refused with the hint first; its Bobot column (5,00, 3,00 ...) is not
// warned of, row by row, before it: the weights of a rubric the workbook
// cannot be read with say nothing (20 warnings came before the hint).
func TestWrongRubricNoWeightWarnings(t *testing.T) {
	dir := t.TempDir()
	form := filepath.Join(dir, "kaltim-2026.xlsx")
	if code, _, stderr := runSPBE(t, "template", "-o", form); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(form)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	for row := 7; row <= 26; row++ {
		if err := f.SetCellInt(sheet, fmt.Sprintf("E%d", row), 3); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if code, out, stderr := runSPBE(t, "score", form, "--format", "csv"); code != exitOK || !strings.Contains(out, ",3.00,") || strings.Contains(stderr, "Bobot") {
		t.Fatalf("the form scored with its own rubric: exit %d, %q, stderr %s", code, out, stderr)
	}
	for _, c := range []struct{ lang, hint string }{
		{"id", "ini tampaknya lembar kerja Evaluasi Kinerja Pemerintah Digital"},
		{"en", "this looks like"},
	} {
		code, _, stderr := runSPBE(t, "score", form, "--rubric", "permenpanrb-59-2020", "--lang", c.lang)
		if code != exitInvalid {
			t.Errorf("--lang %s: exit %d, want %d", c.lang, code, exitInvalid)
		}
		if strings.Contains(stderr, "Bobot") {
			t.Errorf("--lang %s: weight warnings for a rubric the workbook is refused with:\n%s", c.lang, stderr)
		}
		if !strings.Contains(stderr, c.hint) {
			t.Errorf("--lang %s: no hint %q:\n%s", c.lang, c.hint, stderr)
		}
	}
}
