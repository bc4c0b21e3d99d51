package excelout

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// comparison is Perekonomian 2021 against the same levels with indicators
// 21 (1 -> 3), 22 and 23 (1 -> 2) raised, and 1 (3 -> 2) and 44 (2 -> 1)
// lowered: two falls of different size, so that their order shows.
func comparison(t *testing.T, dir, instansi string) *result.Comparison {
	t.Helper()
	r := mustRubric(t, "permenpanrb-59-2020")
	newLevels := append([]int{}, fixture.Perekonomian2021...)
	newLevels[20], newLevels[21], newLevels[22], newLevels[0], newLevels[43] = 3, 2, 2, 2, 1
	old := evaluation(t, dir, "old.xlsx", instansi, r, fixture.Perekonomian2021)
	cur := evaluation(t, dir, "new.xlsx", instansi, r, newLevels)
	return batch.Compare(old, cur, "old.xlsx, lembar Penilaian", "new.xlsx, lembar Penilaian")
}

// numFormat is the custom number format of a cell.
func numFormat(t *testing.T, f *excelize.File, sheet, c string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, c)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

// chartPart is one part of the workbook's zip, such as xl/charts/chart1.xml.
func chartPart(t *testing.T, path, name string) string {
	t.Helper()
	parts := zipParts(t, path, name)
	if len(parts) != 1 {
		t.Fatalf("%s: %d parts named %s, want 1", path, len(parts), name)
	}
	return parts[0]
}

func TestWriteCompare(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "perubahan.xlsx")
	c := comparison(t, dir, "Kemenko Perekonomian")
	cs := &result.Comparisons{Pairs: []*result.Comparison{c}}
	if err := WriteCompare(out, cs, "id", outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	f := open(t, out)
	const sh = "Perbandingan"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
		t.Fatalf("sheets = %v, want [%s]", got, sh)
	}
	checks := []struct{ cell, want, format string }{
		{"C2", "Kemenko Perekonomian", ""},
		{"C3", "old.xlsx, lembar Penilaian", ""},
		{"C4", "new.xlsx, lembar Penilaian", ""},
		{"C8", "Indeks SPBE", ""},
		{"D8", "2.95", "0.00"}, // 2,9475
		{"E8", "2.96", "0.00"}, // 2,9645
		{"F8", "0.01", "+0.00;-0.00;0.00"},
		{"D9", "Baik", ""},
		{"E9", "Baik", ""},
		{"A12", "D1", ""}, // the domains
		{"D12", "3", "0.00"},
		{"E12", "2.9", "0.00"}, // indicator 1 fell
		{"F12", "-0.1", "+0.00;-0.00;0.00"},
		{"A18", "A1", ""}, // the aspects, a block of their own
		{"A22", "A5", ""},
		{"D22", "1", "0.00"},
		{"E22", "1.5", "0.00"},
		{"F22", "0.5", "+0.00;-0.00;0.00"},
		{"A27", "Indikator yang berubah", ""},
		{"F28", "Pengaruh pada indeks", ""},
		// The moves in the order of the text output: rises, then falls,
		// largest first.
		{"B29", "21", ""},
		{"D29", "1", "0"},
		{"E29", "3", "0"},
		{"F29", "0.03", "+0.0000;-0.0000;0.0000"},
		{"B30", "22", ""},
		{"B31", "23", ""},
		{"F31", "0.015", "+0.0000;-0.0000;0.0000"},
		{"B32", "44", ""},
		{"F32", "-0.03", "+0.0000;-0.0000;0.0000"},
		{"B33", "1", ""},
		{"F33", "-0.013", "+0.0000;-0.0000;0.0000"},
		{"B34", "", ""},
	}
	for _, c := range checks {
		if got := raw(t, f, sh, c.cell); got != c.want {
			t.Errorf("%s!%s = %q, want %q", sh, c.cell, got, c.want)
		}
		if c.format == "" {
			continue
		}
		// An Indonesian workbook: every section of a number format carries
		// the locale, so that LibreOffice shows decimal commas.
		if got, want := numFormat(t, f, sh, c.cell), indonesian(c.format); got != want {
			t.Errorf("%s!%s: number format %q, want %q", sh, c.cell, got, want)
		}
	}
	// Every aspect row holds the published values of the result.
	for i, a := range c.New.Result.Aspects {
		row := itoa(18 + i)
		if got, want := raw(t, f, sh, "E"+row), a.Index.Round(2).String(); got != want {
			t.Errorf("%s!E%s (%s) = %q, want %q", sh, row, a.ID, got, want)
		}
	}

	chart := chartPart(t, out, "xl/charts/chart1.xml")
	for _, want := range []string{
		"<barDir val=\"col\"", "<grouping val=\"clustered\"",
		"<f>&#39;Perbandingan&#39;!$D$17</f>", "<f>&#39;Perbandingan&#39;!$D$18:$D$25</f>",
		"<f>&#39;Perbandingan&#39;!$E$17</f>", "<f>&#39;Perbandingan&#39;!$E$18:$E$25</f>",
		"<f>&#39;Perbandingan&#39;!$C$18:$C$25</f>", // the aspects' names
	} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart1.xml lacks %s", want)
		}
	}
	if n := len(zipParts(t, out, "xl/charts/chart")); n != 1 {
		t.Errorf("%d charts, want 1", n)
	}
}

// TestWriteCompareTextOrder checks that the moved indicators are listed in
// the order spbe compare prints them.
func TestWriteCompareTextOrder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "perubahan.xlsx")
	c := comparison(t, dir, "X")
	cs := &result.Comparisons{Pairs: []*result.Comparison{c}}
	var text strings.Builder
	if err := textout.CompareText(&text, cs, textout.Options{Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, m := range regexp.MustCompile(`(?m)^  (\d+) `).FindAllStringSubmatch(text.String(), -1) {
		want = append(want, m[1])
	}
	if err := WriteCompare(out, cs, "en", outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := open(t, out).GetRows("Comparison")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows[28:] {
		got = append(got, r[1])
	}
	if !slices.Equal(got, want) || len(want) != 5 {
		t.Errorf("indicators %v, want %v (the text output's order)", got, want)
	}
}

func TestWriteCompareMany(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "perubahan.xlsx")
	cs := &result.Comparisons{
		Pairs:   []*result.Comparison{comparison(t, dir, "Kota A"), comparison(t, dir, "Kab. Raja'Ampat & Sorong: [Barat]")},
		OnlyOld: []string{"Kota C"},
		OnlyNew: []string{"=HYPERLINK(\"http://x\")", "Kota D"},
		Errors:  []result.InputError{{Source: "e.xlsx", Message: "e.xlsx: Penilaian!F12: indicator 21: level \"n/a\" is not a number from 1 to 5"}},
	}
	if err := WriteCompare(out, cs, "en", outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	f := open(t, out)
	const sh = "Comparison"
	second := "2 Kab. Raja'Ampat & Sorong Bara" // 31 characters
	want := []string{sh, "1 Kota A", second}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	for _, c := range []struct{ cell, want, format string }{
		{"A3", "Instansi", ""},
		{"A4", "Kota A", ""},
		{"B4", "2.95", "0.00"},
		{"C4", "2.96", "0.00"},
		{"D4", "0.01", "+0.00;-0.00;0.00"},
		{"E4", "Good (Baik)", ""},
		{"A5", "Kab. Raja'Ampat & Sorong: [Barat]", ""},
		{"A7", "Only in the old data (1)", ""},
		{"A8", "Kota C", ""},
		{"A10", "Only in the new data (2)", ""},
		{"A11", "=HYPERLINK(\"http://x\")", ""},
		{"A12", "Kota D", ""},
		{"A14", "Could not be read (1)", ""},
		{"A15", cs.Errors[0].Message, ""},
	} {
		if got := raw(t, f, sh, c.cell); got != c.want {
			t.Errorf("%s!%s = %q, want %q", sh, c.cell, got, c.want)
		}
		if c.format != "" {
			if got := numFormat(t, f, sh, c.cell); got != c.format {
				t.Errorf("%s!%s: number format %q, want %q", sh, c.cell, got, c.format)
			}
		}
	}
	// Input text is text, never a formula.
	if fm, _ := f.GetCellFormula(sh, "A11"); fm != "" {
		t.Errorf("%s!A11 is the formula %q, want text", sh, fm)
	}
	// The instansi link to their sheets.
	for cellName, target := range map[string]string{"A4": "'1 Kota A'!A1", "A5": "'2 Kab. Raja''Ampat & Sorong Bara'!A1"} {
		if ok, got, err := f.GetCellHyperLink(sh, cellName); err != nil || !ok || got != target {
			t.Errorf("%s!%s links to %q (%v, %v), want %q", sh, cellName, got, ok, err, target)
		}
	}
	if n := len(zipParts(t, out, "xl/charts/chart")); n != 3 {
		t.Errorf("%d charts, want 3 (the overview and one per pair)", n)
	}
	// chart1 is the overview's bar chart of the index changes.
	overview := chartPart(t, out, "xl/charts/chart1.xml")
	for _, want := range []string{
		"<barDir val=\"bar\"",
		"<f>&#39;Comparison&#39;!$D$3</f>", "<f>&#39;Comparison&#39;!$A$4:$A$5</f>", "<f>&#39;Comparison&#39;!$D$4:$D$5</f>",
	} {
		if !strings.Contains(overview, want) {
			t.Errorf("chart1.xml lacks %s", want)
		}
	}
	// A sheet name with an apostrophe and an ampersand: quoted, the
	// apostrophe doubled, then XML-escaped.
	pair := chartPart(t, out, "xl/charts/chart3.xml")
	q := "&#39;2 Kab. Raja&#39;&#39;Ampat &amp; Sorong Bara&#39;"
	for _, want := range []string{"<f>" + q + "!$D$18:$D$25</f>", "<f>" + q + "!$E$18:$E$25</f>"} {
		if !strings.Contains(pair, want) {
			t.Errorf("chart3.xml lacks %s", want)
		}
	}
	if got := raw(t, f, second, "C2"); got != cs.Pairs[1].New.Instansi {
		t.Errorf("%s!C2 = %q, want %q", second, got, cs.Pairs[1].New.Instansi)
	}
}

// TestWriteCompareOneMatch: one pair from two folders still gets the
// overview, which lists the instansi found on one side only.
func TestWriteCompareOneMatch(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "perubahan.xlsx")
	cs := &result.Comparisons{Pairs: []*result.Comparison{comparison(t, dir, "Kota A")}, OnlyNew: []string{"Kota B"}}
	if err := WriteCompare(out, cs, "id", outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	f := open(t, out)
	if got, want := f.GetSheetList(), []string{"Perbandingan", "1 Kota A"}; !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	for cellName, want := range map[string]string{"A4": "Kota A", "A6": "Hanya di data baru (1)", "A7": "Kota B"} {
		if got := raw(t, f, "Perbandingan", cellName); got != want {
			t.Errorf("Perbandingan!%s = %q, want %q", cellName, got, want)
		}
	}
}

func TestWriteCompareLevels(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "perubahan.xlsx")
	c := comparison(t, dir, "X")
	c.Moved = c.Moved[:1]
	c.Moved[0].Old = rubric.NewLevel(5) / 2 // 2,5: a level that is not whole
	cs := &result.Comparisons{Pairs: []*result.Comparison{c}}
	if err := WriteCompare(out, cs, "id", outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	f := open(t, out)
	if got := raw(t, f, "Perbandingan", "D29"); got != "2.5" {
		t.Errorf("D29 = %q, want 2.5", got)
	}
	for _, cellName := range []string{"D29", "E29"} {
		if got := numFormat(t, f, "Perbandingan", cellName); got != indonesian("0.00") {
			t.Errorf("%s: number format %q, want %s", cellName, got, indonesian("0.00"))
		}
	}

	// No move: a note instead of the table.
	c.Moved = nil
	if err := WriteCompare(out, cs, "en", outfile.Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	if got := raw(t, open(t, out), "Comparison", "A28"); got != "No indicator changed." {
		t.Errorf("A28 = %q, want the note that no indicator changed", got)
	}
}

func TestWriteCompareRefuses(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "perubahan.xlsx")
	c := comparison(t, dir, "X")
	cs := &result.Comparisons{Pairs: []*result.Comparison{c}}
	if err := os.WriteFile(out, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteCompare(out, cs, "id", outfile.Options{})
	if !errors.Is(err, outfile.ErrExists) || !strings.Contains(err.Error(), "--force") {
		t.Errorf("over an existing file without force: %v, want outfile.ErrExists naming --force", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "keep me" {
		t.Errorf("the refused file was changed")
	}
	if err := WriteCompare(out, cs, "id", outfile.Options{Force: true}); err != nil {
		t.Errorf("with force: %v", err)
	}
	in := c.New.Source
	err = WriteCompare(in, cs, "id", outfile.Options{Force: true, Inputs: []string{c.Old.Source, in}})
	if !errors.Is(err, outfile.ErrIsInput) {
		t.Errorf("over an input with force: %v, want outfile.ErrIsInput", err)
	}
	if err := WriteCompare(filepath.Join(dir, "none.xlsx"), &result.Comparisons{OnlyOld: []string{"A"}}, "id", outfile.Options{}); err == nil {
		t.Errorf("no pair: no error")
	}
	if _, err := os.Stat(filepath.Join(dir, "none.xlsx")); err == nil {
		t.Errorf("no pair: a file was written")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestSheetName(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	for _, tt := range []struct {
		n        int
		in, want string
	}{
		{1, "Kota A", "1 Kota A"},
		{2, "Kab. B: [Barat]", "2 Kab. B Barat"},
		{3, "a/b\\c*d?e", "3 a b c d e"},
		{4, "Pemerintah Kabupaten O'", "4 Pemerintah Kabupaten O"},
		{5, "Kementerian Koordinator Bidang Perekonomian", "5 Kementerian Koordinator Bidan"},
		{6, "Kota O'Brien Kabupaten Panjang Sekali", "6 Kota O'Brien Kabupaten Panjan"},
		{7, "Kota 12345678901234567890123'xyz", "7 Kota 12345678901234567890123"},
		{8, "Tab\there\nline", "8 Tab here line"},
		{9, "Kota 😀😀😀😀😀😀😀😀😀😀😀😀😀", "9 Kota 😀😀😀😀😀😀😀😀😀😀😀😀"},
		{10, "", "10"},
	} {
		got := sheetName(tt.n, tt.in)
		if got != tt.want {
			t.Errorf("sheetName(%d, %q) = %q, want %q", tt.n, tt.in, got, tt.want)
		}
		if _, err := f.NewSheet(got); err != nil {
			t.Errorf("sheetName(%d, %q) = %q: excelize refuses it: %v", tt.n, tt.in, got, err)
		}
	}
}

// indonesian is a number format as an Indonesian workbook writes it: each
// section of a format with decimals carries the locale [$-421].
func indonesian(format string) string {
	if !strings.Contains(format, ".") {
		return format
	}
	parts := strings.Split(format, ";")
	for i, p := range parts {
		parts[i] = "[$-421]" + p
	}
	return strings.Join(parts, ";")
}

// A comparison with a provisional side (an external indicator's level
// assumed) says so in its workbook, naming the side, as the report does:
// the workbook showed no mark while the text and JSON did.
func TestWriteCompareProvisional(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	n := len(r.Indicators())
	threes := make([]int, n)
	for i := range n {
		threes[i] = 3
	}
	eval := func(src string, ls []int, assumed []string) *result.Evaluation {
		res, err := index.Compute(r, levelsOf(r, ls))
		if err != nil {
			t.Fatal(err)
		}
		return &result.Evaluation{Source: src, Instansi: "Kota Contoh", Result: res, Assumed: assumed}
	}
	ones := slices.Clone(threes)
	ones[4] = 1 // 3.1 at the level assumed for it
	c := batch.Compare(eval("old.csv", threes, nil), eval("new.csv", ones, []string{"5"}), "old.csv", "new.csv")
	for lang, want := range map[string]string{"id": "Baru: HASIL SEMENTARA", "en": "New: PROVISIONAL"} {
		out := filepath.Join(t.TempDir(), "cmp.xlsx")
		if err := WriteCompare(out, &result.Comparisons{Pairs: []*result.Comparison{c}}, lang, outfile.Options{}); err != nil {
			t.Fatal(err)
		}
		f := open(t, out)
		rows, _ := f.GetRows(f.GetSheetList()[0])
		found := false
		for _, row := range rows {
			if len(row) > 0 && strings.HasPrefix(row[0], want) && strings.Contains(row[0], "3.1 Tata Kelola Data") {
				found = true
			}
			if len(row) > 0 && strings.Contains(row[0], "SEMENTARA") != strings.HasPrefix(row[0], "Baru: HASIL SEMENTARA") {
				t.Errorf("%s: the old side is read in full, yet %q", lang, row[0])
			}
		}
		if !found {
			t.Errorf("%s: no %q note naming 3.1 in the compare workbook", lang, want)
		}
	}
}
