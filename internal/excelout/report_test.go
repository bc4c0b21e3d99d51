package excelout

import (
	"archive/zip"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

var testTime = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

func mustRubric(t testing.TB, id string) *rubric.Rubric {
	t.Helper()
	r, err := rubric.ByID(id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func levelsOf(r *rubric.Rubric, ls []int) index.Levels {
	out := index.Levels{}
	for i, ind := range r.Indicators() {
		out[ind.ID] = rubric.NewLevel(int64(ls[i]))
	}
	return out
}

// evaluation scores levels and writes a stand-in input file, so that the
// provenance can hash it.
func evaluation(t testing.TB, dir, name, instansi string, r *rubric.Rubric, ls []int) *result.Evaluation {
	t.Helper()
	res, err := index.Compute(r, levelsOf(r, ls))
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, name)
	if err := fixture.Report(src, "Evaluasi", instansi, r, ls); err != nil {
		t.Fatal(err)
	}
	cells := map[string]string{}
	for i, ind := range r.Indicators() {
		cells[ind.ID] = "G" + itoa(5+i)
	}
	return &result.Evaluation{Source: src, Sheet: "Penilaian", Instansi: instansi, Cells: cells, Result: res}
}

func itoa(n int) string { return strconv.Itoa(n) }

func provenance(t testing.TB, r *rubric.Rubric, evals []*result.Evaluation, lang string) *result.Provenance {
	t.Helper()
	p, err := NewProvenance("test", r, RubricSource(r.ID), evals, lang, testTime)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func writeReport(t testing.TB, evals []*result.Evaluation, lang string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.xlsx")
	r := evals[0].Result.Rubric
	if err := Write(out, evals, provenance(t, r, evals, lang), outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	return out
}

func open(t testing.TB, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func raw(t testing.TB, f *excelize.File, sheet, c string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestReportSummary(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	e := evaluation(t, t.TempDir(), "in.xlsx", "Kementerian Koordinator Bidang Perekonomian", r, fixture.Perekonomian2021)
	f := open(t, writeReport(t, []*result.Evaluation{e}, "id"))

	if got, want := f.GetSheetList(), []string{"Ringkasan", "Indikator", ProvenanceSheet}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	if v, _ := f.GetSheetVisible(ProvenanceSheet); v {
		t.Errorf("provenance sheet is visible")
	}
	checks := []struct{ cell, want string }{
		{"B3", "Kementerian Koordinator Bidang Perekonomian"},
		{"B8", "2.95"},
		{"C8", "Baik"},
		{"B9", "2,9475"}, // the exact index, as text with the decimal comma of Indonesian
	}
	for _, c := range checks {
		if got := raw(t, f, "Ringkasan", c.cell); got != c.want {
			t.Errorf("Ringkasan!%s = %q, want %q", c.cell, got, c.want)
		}
	}
	// The index is a number shown with the rubric's precision.
	if typ, _ := f.GetCellType("Ringkasan", "B8"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("B8 type = %v, want a number", typ)
	}
	if got, _ := f.GetCellValue("Ringkasan", "B8"); got != "2.95" {
		t.Errorf("B8 shown as %q, want 2.95", got)
	}
	// Every domain and aspect index as spbe score prints it.
	rows, _ := f.GetRows("Ringkasan", excelize.Options{RawCellValue: true})
	got := map[string]string{}
	for _, row := range rows {
		if len(row) > 3 && (strings.HasPrefix(row[0], "D") || strings.HasPrefix(row[0], "A")) && len(row[0]) == 2 {
			got[row[0]] = row[3]
		}
	}
	want := map[string]string{"D1": "3", "D2": "3", "D3": "1", "D4": "3.61", "A1": "3", "A2": "3.25", "A4": "2.5", "A7": "3.9", "A8": "3.17"}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s index = %q, want %q", id, got[id], w)
		}
	}
	// The band reached is highlighted: its row has a fill.
	found := false
	for i, row := range rows {
		if len(row) > 0 && row[0] == "Baik" {
			st, _ := f.GetCellStyle("Ringkasan", cellName(1, i+1))
			s, _ := f.GetStyle(st)
			found = s != nil && len(s.Fill.Color) > 0 && strings.EqualFold(s.Fill.Color[0], colorBand)
		}
	}
	if !found {
		t.Errorf("band Baik not highlighted")
	}
}

// An index on a predicate boundary carries the same note as the text
// output, under the index.
func TestReportEdgeNote(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	ls := make([]int, 47)
	for i := range ls {
		ls[i] = 3
		if i >= 28 { // A6 and D4: 4,50 + 45,50 = half the weight
			ls[i] = 4
		}
	}
	e := evaluation(t, t.TempDir(), "in.xlsx", "Instansi Contoh", r, ls)
	f := open(t, writeReport(t, []*result.Evaluation{e}, "en"))
	if got := raw(t, f, "Summary", "B8"); got != "3.5" {
		t.Fatalf("index = %q, want 3.5", got)
	}
	want := "Note: the exact index 3.5 lies within 0.005 of the predicate boundary 3.50 (predicate on the exact value: Very good (Sangat Baik))."
	if got := raw(t, f, "Summary", "A10"); got != want {
		t.Errorf("Summary!A10 = %q, want %q", got, want)
	}
}

func cellName(c, r int) string { n, _ := excelize.CoordinatesToCellName(c, r); return n }

func TestReportCharts(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	e := evaluation(t, t.TempDir(), "in.xlsx", "X", r, fixture.Perekonomian2021)
	out := writeReport(t, []*result.Evaluation{e}, "id")
	charts := zipParts(t, out, "xl/charts/chart")
	if len(charts) != 2 {
		t.Fatalf("%d charts, want 2", len(charts))
	}
	all := html.UnescapeString(strings.Join(charts, "\n"))
	for _, want := range []string{"<radarChart>", "<barChart>", `<barDir val="bar">`,
		"<f>'Ringkasan'!$D$25:$D$32</f>", // aspect indices
		"<f>'Ringkasan'!$H$25:$H$32</f>", // level-3 target
		"<f>'Ringkasan'!$B$25:$B$32</f>", // aspect names
		"<f>'Ringkasan'!$D$19:$D$22</f>", // domain indices
		"<f>'Ringkasan'!$B$19:$B$22</f>", // domain names
	} {
		if !strings.Contains(all, want) {
			t.Errorf("charts lack %s", want)
		}
	}
	f := open(t, out)
	if got := raw(t, f, "Ringkasan", "A25"); got != "A1" {
		t.Errorf("A25 = %q, want A1 (first aspect)", got)
	}
	if got := raw(t, f, "Ringkasan", "A19"); got != "D1" {
		t.Errorf("A19 = %q, want D1 (first domain)", got)
	}
}

func zipParts(t testing.TB, path, prefix string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out []string
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, prefix) {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		out = append(out, string(b))
	}
	return out
}

func TestReportIndicators(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	e := evaluation(t, t.TempDir(), "in.xlsx", "X", r, fixture.Perekonomian2021)
	f := open(t, writeReport(t, []*result.Evaluation{e}, "en"))
	sh := "Indicators"
	rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(r.Indicators()) {
		t.Fatalf("%d rows, want header + %d", len(rows), len(r.Indicators()))
	}
	if got := strings.Join(rows[0], "|"); got != "No|Domain|Aspect|Indicator|Weight (%)|Level|Level name|Contribution|Points open to level 5|Source cell" {
		t.Errorf("header = %s", got)
	}
	// Indicator 13 (A2, weight 2.5): level 5, contribution 5 x 2.5 / 100.
	row := rows[13]
	if row[0] != "13" || row[2] != "A2" || row[5] != "5" || row[7] != "0.125" || row[8] != "0" {
		t.Errorf("indicator 13 row = %q", row)
	}
	if got, _ := f.GetCellValue(sh, "H14"); got != "0.1250" {
		t.Errorf("H14 shown as %q, want 0.1250", got)
	}
	if got, _ := f.GetCellValue(sh, "E2"); !strings.HasSuffix(got, ".00") && !strings.Contains(got, ".") {
		t.Errorf("E2 shown as %q, want 2 decimals", got)
	}
	panes, _ := f.GetPanes(sh)
	if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, want the header row frozen", panes)
	}
	cfs, err := f.GetConditionalFormats(sh)
	if err != nil {
		t.Fatal(err)
	}
	last := itoa(1 + len(r.Indicators()))
	if cf := cfs["F2:F"+last]; len(cf) != 1 || cf[0].Type != "3_color_scale" {
		t.Errorf("level colour scale = %+v", cfs)
	}
	if cf := cfs["I2:I"+last]; len(cf) != 1 || cf[0].Type != "top" || cf[0].Value != "10" {
		t.Errorf("weakest ten = %+v", cfs)
	}
	sheetXML := strings.Join(zipParts(t, pathOf(f), "xl/worksheets/sheet2.xml"), "")
	if !strings.Contains(sheetXML, `<autoFilter ref="$A$1:$J$48"`) {
		t.Errorf("no autofilter on A1:J48")
	}
	if w, _ := f.GetColWidth(sh, "D"); w < 40 {
		t.Errorf("indicator column width = %v, want wide", w)
	}
}

func pathOf(f *excelize.File) string { return f.Path }

func TestReportTextNeverFormula(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	name := `=HYPERLINK("http://evil.example","klik")`
	e := evaluation(t, t.TempDir(), "in.xlsx", "x", r, fixture.Perekonomian2021)
	e.Instansi = name
	out := writeReport(t, []*result.Evaluation{e}, "id")
	f := open(t, out)
	for _, at := range []struct{ sheet, cell string }{{"Ringkasan", "B3"}, {ProvenanceSheet, "F14"}} {
		if got := raw(t, f, at.sheet, at.cell); got != name {
			t.Errorf("%s!%s = %q, want the name as text", at.sheet, at.cell, got)
		}
		if fm, _ := f.GetCellFormula(at.sheet, at.cell); fm != "" {
			t.Errorf("%s!%s holds formula %q", at.sheet, at.cell, fm)
		}
		if typ, _ := f.GetCellType(at.sheet, at.cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s!%s type = %v, want a string", at.sheet, at.cell, typ)
		}
	}
	for _, s := range zipParts(t, out, "xl/worksheets/") {
		if strings.Contains(s, "<f>") {
			t.Errorf("a report sheet holds a formula: the report is values only")
		}
	}
}

func TestReportRanking(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	fives := make([]int, len(r.Indicators()))
	for i := range fives {
		fives[i] = 5
	}
	evals := []*result.Evaluation{
		evaluation(t, dir, "a.xlsx", "Perekonomian", r, fixture.Perekonomian2021),
		evaluation(t, dir, "b.xlsx", "Teladan", r, fives),
		evaluation(t, dir, "c.xlsx", "Kembar", r, fixture.Perekonomian2021),
	}
	f := open(t, writeReport(t, evals, "id"))
	// A summary of them all, the ranking, the matrix, then a sheet per
	// instansi in rank order (ties by name), named by instansi.
	if got := strings.Join(f.GetSheetList(), ","); got != "Ringkasan,Peringkat,Matriks indikator,Teladan,Kembar,Perekonomian,Provenance" {
		t.Fatalf("sheets = %s", got)
	}
	rows, _ := f.GetRows("Peringkat", excelize.Options{RawCellValue: true})
	var got []string
	for _, row := range rows[1:] {
		got = append(got, row[0]+" "+row[1]+" "+row[3])
	}
	if want := "1 Teladan 5|2 Kembar 2.95|2 Perekonomian 2.95"; strings.Join(got, "|") != want {
		t.Errorf("ranking = %s, want %s", strings.Join(got, "|"), want)
	}
}

// A report of Indeks Pemdi from a filled-in form: the indicator sheet has
// no domain column, its levels are the numbers typed (7/6 as
// 1.1666666666666667, not cut to 15 digits), and verify rebuilds it.
func TestReportPemdi(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	for _, lang := range []string{"id", "en"} {
		dir := t.TempDir()
		in := filepath.Join(dir, "form.xlsx")
		fillForm(t, in, r, "Kabupaten Contoh", lang, levels(t, pemdiExample))
		sh, res := readForm(t, in, r)
		cells := map[string]string{}
		for _, en := range sh.Entries {
			cells[en.ID] = en.Cell
		}
		e := &result.Evaluation{Source: in, Sheet: sh.Sheet, Instansi: sh.Instansi, Cells: cells, Result: res}
		out := writeReport(t, []*result.Evaluation{e}, lang)
		f := open(t, out)
		sheet := f.GetSheetList()[1]
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"id": "No|Aspek|Indikator|Bobot (%)|Tingkat|Nama tingkat|Kontribusi|Sisa poin ke tingkat 5|Sel sumber",
			"en": "No|Aspect|Indicator|Weight (%)|Level|Level name|Contribution|Points open to level 5|Source cell",
		}[lang]
		if got := strings.Join(rows[0], "|"); got != want {
			t.Errorf("%s: header = %s, want %s", lang, got, want)
		}
		// Indicator 3: 7/6, named by the whole level reached, from E9.
		if got := strings.Join(rows[3], "|"); !strings.HasPrefix(got, "3|A2|2.1 Sumber Daya Manusia Pemerintah Digital|5|1.1666666666666667|Rintisan|") || !strings.HasSuffix(got, "|E9") {
			t.Errorf("%s: indicator 3 = %s", lang, got)
		}
		cfs, err := f.GetConditionalFormats(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if cf := cfs["E2:E21"]; len(cf) != 1 || cf[0].Type != "3_color_scale" {
			t.Errorf("%s: level colour scale = %+v", lang, cfs)
		}
		if cf := cfs["H2:H21"]; len(cf) != 1 || cf[0].Type != "top" {
			t.Errorf("%s: weakest ten = %+v", lang, cfs)
		}
		if w, _ := f.GetColWidth(sheet, "C"); w < 40 {
			t.Errorf("%s: indicator column width = %v, want wide", lang, w)
		}
		f.Close()
		v, err := Verify(out, "")
		if err != nil || len(v.Diffs) != 0 || len(v.Read) != 1 {
			t.Errorf("%s: verify = %+v, %v; want a match, its input read", lang, v, err)
		}
	}
}

// The radar chart of a summary compares the aspects with level 3 in an
// SPBE report (59/2020's target), and in an Indeks Pemdi report, which
// has no level-3 target, with the lower edge of the predicate above the
// one earned (8/2026's bands: Baik from 2,5, Memuaskan from 4,0, the top
// one's own edge at the top), named in the column the legend shows and in
// the chart's title, in both languages.
func TestReportRadarTarget(t *testing.T) {
	same := func(r *rubric.Rubric, n int) []int {
		ls := make([]int, len(r.Indicators()))
		for i := range ls {
			ls[i] = n
		}
		return ls
	}
	pemdi, spbe := mustRubric(t, "permenpanrb-8-2026"), mustRubric(t, "permenpanrb-59-2020")
	for _, c := range []struct {
		r           *rubric.Rubric
		level       int
		lang        string
		head, title string
		value       string
	}{
		{pemdi, 2, "id", "Batas Baik (2,50)", "Indeks aspek terhadap batas predikat Baik", "2.5"},
		{pemdi, 2, "en", "Edge of Developing (Baik) (2.50)", "Aspect indices against the edge of Developing (Baik)", "2.5"},
		{pemdi, 5, "id", "Batas Memuaskan (4,00)", "Indeks aspek terhadap batas predikat Memuaskan", "4"},
		{spbe, 2, "id", "Target (tingkat 3)", "Indeks aspek terhadap target tingkat 3", "3"},
		{spbe, 2, "en", "Target (level 3)", "Aspect indices against the level-3 target", "3"},
	} {
		name := fmt.Sprintf("%s %d %s", c.r.ID, c.level, c.lang)
		res, err := index.Compute(c.r, levelsOf(c.r, same(c.r, c.level)))
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(t.TempDir(), "in.csv") // hashed by the provenance
		if err := os.WriteFile(src, []byte("stand-in\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		e := &result.Evaluation{Source: src, Instansi: "X", Result: res}
		out := writeReport(t, []*result.Evaluation{e}, c.lang)
		f := open(t, out)
		sheet := f.GetSheetList()[0]
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		aspects := 0
		for i, row := range rows {
			if len(row) < 2 || row[1] != label.Report.Get(c.lang, "aspect") {
				continue
			}
			col := len(row) - 1
			if row[col] != c.head {
				t.Errorf("%s: header %q, want %q", name, row[col], c.head)
			}
			for _, a := range rows[i+1:] {
				if len(a) <= col {
					break
				}
				aspects++
				if a[col] != c.value {
					t.Errorf("%s: aspect %s against %q, want %s", name, a[0], a[col], c.value)
				}
			}
		}
		if aspects != len(c.r.Aspects()) {
			t.Errorf("%s: %d aspect rows, want %d", name, aspects, len(c.r.Aspects()))
		}
		f.Close()
		charts := html.UnescapeString(strings.Join(zipParts(t, out, "xl/charts/chart"), "\n"))
		if !strings.Contains(charts, ">"+c.title+"<") {
			t.Errorf("%s: no chart titled %q", name, c.title)
		}
	}
}

// An instansi's indicators on its sheet of a national report are named
// in a column as wide as the single report's Indikator sheet gives them,
// in rows of the lines their text takes: a name of Indeks Pemdi (4.1's
// 63 characters the longest) on one line, not wrapped into a row of two
// (or printed on one line of a row of two, a blank line under it).
func TestNationalIndicatorRowsFit(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	var evals []*result.Evaluation
	for i, n := range []int{2, 3, 4} {
		ls := make([]int, len(r.Indicators()))
		for j := range ls {
			ls[j] = n
		}
		res, err := index.Compute(r, levelsOf(r, ls))
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(t.TempDir(), fmt.Sprintf("in%d.csv", i)) // hashed by the provenance
		if err := os.WriteFile(src, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		evals = append(evals, &result.Evaluation{Source: src, Instansi: fmt.Sprintf("Kabupaten %c", 'A'+i), Result: res})
	}
	names := map[string]bool{}
	for _, ind := range r.Indicators() {
		names[codeName(ind)] = true
	}
	for _, lang := range []string{"id", "en"} {
		out := writeReport(t, evals, lang)
		f := open(t, out)
		sheet := "Kabupaten A"
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatalf("%s: %v (sheets %q)", lang, err, f.GetSheetList())
		}
		wb, _ := f.GetColWidth(sheet, "B")
		if wb < indicatorWidth {
			t.Errorf("%s: names column %.0f wide, the single report's Indikator sheet gives them %d", lang, wb, indicatorWidth)
		}
		seen := 0
		for i, row := range rows {
			if len(row) < 2 || !names[row[1]] {
				continue
			}
			seen++
			// Text of the default font: at most 0,9 of a unit a
			// character (measured in LibreOffice).
			if need := float64(utf8.RuneCountInString(row[1]))*0.9 + 1; need > wb {
				continue // wraps: not the case of a Pemdi name
			}
			if h, _ := f.GetRowHeight(sheet, i+1); h > 15.5 {
				t.Errorf("%s: row %d %q is %.0f points high in a column of %.0f: one line is 15", lang, i+1, row[1], h, wb)
			}
		}
		if seen != len(names) {
			t.Errorf("%s: %d indicator rows, want %d", lang, seen, len(names))
		}
		f.Close()
	}
}
