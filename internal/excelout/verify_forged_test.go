package excelout

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// A forged report changes what a reader sees, not the values verify used
// to read: each is built here with excelize and must be caught.
func TestVerifyForgedReports(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	e := evaluation(t, dir, "in.xlsx", "Kementerian Koordinator Bidang Perekonomian", r, fixture.Perekonomian2021)
	clean := writeReport(t, []*result.Evaluation{e}, "id")
	tests := []struct {
		name  string
		forge func(t *testing.T, f *excelize.File)
		where string // the difference that must be listed
	}{
		{"a number format that shows 4,50 on the index 2,95", func(t *testing.T, f *excelize.File) {
			st, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`"4,50"`), Font: &excelize.Font{Bold: true, Size: 28}})
			must(t, err)
			must(t, f.SetCellStyle("Ringkasan", "B8", "B8", st))
		}, "Ringkasan!B8 number format"},
		{"a format that shows another predicate on the text", func(t *testing.T, f *excelize.File) {
			st, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`;;;"Sangat Baik"`)})
			must(t, err)
			must(t, f.SetCellStyle("Ringkasan", "C8", "C8", st))
		}, "Ringkasan!C8 number format"},
		{"a fake summary first, the real one hidden", func(t *testing.T, f *excelize.File) {
			idx, err := f.NewSheet("Ringkasan Resmi")
			must(t, err)
			must(t, f.SetCellStr("Ringkasan Resmi", "A8", "Indeks SPBE"))
			must(t, f.SetCellFloat("Ringkasan Resmi", "B8", 4.5, 2, 64))
			must(t, f.MoveSheet("Ringkasan Resmi", "Ringkasan"))
			f.SetActiveSheet(idx)
			must(t, f.SetSheetVisible("Ringkasan", false))
		}, "sheets"},
		{"the sheets reordered", func(t *testing.T, f *excelize.File) {
			must(t, f.MoveSheet("Indikator", "Ringkasan"))
		}, "sheets"},
		{"the provenance shown", func(t *testing.T, f *excelize.File) {
			must(t, f.SetSheetVisible(ProvenanceSheet, true))
		}, "sheets"},
		{"the index row hidden", func(t *testing.T, f *excelize.File) {
			must(t, f.SetRowVisible("Ringkasan", 8, false))
		}, "Ringkasan row 8"},
		{"the index column hidden", func(t *testing.T, f *excelize.File) {
			must(t, f.SetColVisible("Ringkasan", "B", false))
		}, "Ringkasan column B"},
		{"the index merged under an empty cell", func(t *testing.T, f *excelize.File) {
			must(t, f.MergeCell("Ringkasan", "B7", "B8"))
		}, "Ringkasan merged cells"},

		// Issue 19, item 14: a conditional format whose style carries a
		// number format shows 4,50 Memuaskan over 2,95 Baik.
		{"a conditional format that shows 4,50 on the index", func(t *testing.T, f *excelize.File) {
			st, err := f.NewConditionalStyle(&excelize.Style{CustomNumFmt: ptr(`"4,50"`)})
			must(t, err)
			must(t, f.SetConditionalFormat("Ringkasan", "B8", []excelize.ConditionalFormatOptions{{Type: "cell", Criteria: ">", Value: "0", Format: &st}}))
		}, "Ringkasan conditional formats"},
		{"a conditional format that shows another predicate", func(t *testing.T, f *excelize.File) {
			st, err := f.NewConditionalStyle(&excelize.Style{CustomNumFmt: ptr(`;;;"Memuaskan"`)})
			must(t, err)
			must(t, f.SetConditionalFormat("Ringkasan", "C8", []excelize.ConditionalFormatOptions{{Type: "no_blanks", Format: &st}}))
		}, "Ringkasan conditional formats"},
		{"spbe's conditional format on the levels given a number format", func(t *testing.T, f *excelize.File) {
			cfs, err := f.GetConditionalFormats("Indikator")
			must(t, err)
			st, err := f.NewConditionalStyle(&excelize.Style{CustomNumFmt: ptr(`"5"`)})
			must(t, err)
			for ref, opts := range cfs {
				for i := range opts {
					if opts[i].Format != nil {
						opts[i].Format = &st
					}
				}
				must(t, f.UnsetConditionalFormat("Indikator", ref))
				must(t, f.SetConditionalFormat("Indikator", ref, opts))
			}
		}, "Indikator conditional format rules"},

		// Item 15: formulas that keep the old saved values, recalculated on
		// opening (fullCalcOnLoad): Excel and LibreOffice show 4,5
		// Memuaskan, the values verify read are 2,95 Baik.
		{"the index a formula that keeps the old value", func(t *testing.T, f *excelize.File) {
			forgeFormula(t, f, "Ringkasan", "B8", "4.5")
		}, "Ringkasan!B8 formula"},
		// (The predicate, a text formula: TestVerifyForgedTextFormula.)
		{"a text box over the index", func(t *testing.T, f *excelize.File) {
			must(t, f.AddShape("Ringkasan", &excelize.Shape{Cell: "B8", Type: "rect", Width: 80, Height: 20,
				Paragraph: []excelize.RichTextRun{{Text: "4,50 Memuaskan"}}}))
		}, "Ringkasan drawings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.xlsx")
			copyFile(t, clean, out)
			edit(t, out, func(f *excelize.File) { tt.forge(t, f) })
			v, err := Verify(out, "")
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			found := false
			for _, d := range v.Diffs {
				all = append(all, d.String())
				found = found || d.Where == tt.where
			}
			if !found {
				t.Errorf("diffs:\n%s\nwant one at %q", strings.Join(all, "\n"), tt.where)
			}
		})
	}
}

// forgeFormula makes a cell a formula that keeps the value it holds, and
// has the workbook recalculated on opening.
func forgeFormula(t *testing.T, f *excelize.File, sheet, cell, formula string) {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	must(t, err)
	must(t, f.SetCellFormula(sheet, cell, formula))
	if got, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true}); got != v {
		t.Fatalf("%s!%s: the saved value %q became %q", sheet, cell, v, got)
	}
	must(t, f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: ptr(true)}))
}

// Item 15 again: the predicate made a text formula that keeps its saved
// text, as Excel saves it (t="str").
func TestVerifyForgedTextFormula(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	e := evaluation(t, t.TempDir(), "in.xlsx", "Instansi Contoh", r, fixture.Perekonomian2021)
	out := writeReport(t, []*result.Evaluation{e}, "id")
	c8 := regexp.MustCompile(`<c r="C8"( s="\d+")? t="s"><v>\d+</v></c>`)
	found := false
	rewriteZip(t, out, func(name string, data []byte) []byte {
		switch name {
		case "xl/worksheets/sheet1.xml":
			found = c8.Match(data)
			return c8.ReplaceAll(data, []byte(`<c r="C8"$1 t="str"><f>"Memuaskan"</f><v>Baik</v></c>`))
		case "xl/workbook.xml":
			return bytes.Replace(data, []byte("</workbook>"), []byte(`<calcPr fullCalcOnLoad="1"/></workbook>`), 1)
		}
		return data
	})
	if !found {
		t.Fatal("no shared string in Ringkasan!C8")
	}
	if raw(t, open(t, out), "Ringkasan", "C8") != "Baik" {
		t.Fatal("the saved value is not Baik")
	}
	diffs := verifyDiffs(t, out, "")
	if len(diffs) != 1 || diffs[0].Where != "Ringkasan!C8 formula" || diffs[0].Report != `="Memuaskan"` {
		t.Errorf("diffs: %v; want Ringkasan!C8 formula", diffs)
	}
}

// Issue 19, item 12: a report padded with 200 000 cells is a difference,
// found without holding the padded sheet (excelize holds a sheet it reads
// at about a kilobyte a cell).
func TestVerifyPaddedReport(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	e := evaluation(t, dir, "in.xlsx", "Instansi Contoh", r, fixture.Perekonomian2021)
	out := writeReport(t, []*result.Evaluation{e}, "id")
	var rows strings.Builder
	for n := 1000; n < 1000+20_000; n++ {
		fmt.Fprintf(&rows, `<row r="%d">`, n)
		for c := 'A'; c <= 'J'; c++ {
			fmt.Fprintf(&rows, `<c r="%c%d"><v>%d</v></c>`, c, n, n%10)
		}
		rows.WriteString("</row>")
	}
	rewriteZip(t, out, func(name string, data []byte) []byte {
		if name != "xl/worksheets/sheet2.xml" {
			return data
		}
		i := bytes.Index(data, []byte("</sheetData>"))
		return slices.Concat(data[:i], []byte(rows.String()), data[i:])
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	diffs := verifyDiffs(t, out, "")
	runtime.ReadMemStats(&after)
	if len(diffs) == 0 || diffs[0].Where != "Indikator cells" || !strings.Contains(diffs[0].Report, "or more cells, values up to J") {
		t.Errorf("diffs: %v; want the padded sheet first", diffs[:min(len(diffs), 5)])
	}
	if len(diffs) > 10 {
		t.Errorf("%d diffs: the padded sheet was compared cell by cell", len(diffs))
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("verify allocated %d MiB", alloc>>20)
	}
}

// rewriteZip rewrites the parts of a zip archive through edit.
func rewriteZip(t *testing.T, path string, edit func(name string, data []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		data, err := io.ReadAll(rc)
		must(t, err)
		rc.Close()
		w, err := zw.Create(f.Name)
		must(t, err)
		_, err = w.Write(edit(f.Name, data))
		must(t, err)
	}
	zr.Close()
	must(t, zw.Close())
	must(t, os.WriteFile(path, buf.Bytes(), 0o600))
}

// A report records paths: verify reads only regular files of a bounded
// size there, and never quotes a file that does not parse.
func TestVerifyUntrustedPaths(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	e := evaluation(t, dir, "in.xlsx", "Instansi Contoh", r, fixture.Perekonomian2021)
	clean := writeReport(t, []*result.Evaluation{e}, "id")
	secret := filepath.Join(dir, "passwd")
	if err := os.WriteFile(secret, []byte("root:x:0:0:RAHASIA-SECRET:/root:/bin/bash\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.yaml")
	if err := os.WriteFile(huge, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, maxRubricSize+1); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		key, value string // a provenance key row, or "input" for the input's path
		want       string
	}{
		{"an input of /dev/zero", "input", "/dev/zero", "not a regular file"},
		{"an input that is a folder", "input", dir, "not a regular file"},
		{"a rubric of /dev/zero", "rubric_source", "/dev/zero", "not a regular file"},
		{"a rubric that is a huge file", "rubric_source", huge, "refusing to read it"},
		{"a rubric that is another file", "rubric_source", secret, "is not a valid rubric"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.HasPrefix(tt.value, "/dev/") && runtime.GOOS == "windows" {
				t.Skip("no /dev")
			}
			out := filepath.Join(t.TempDir(), "report.xlsx")
			copyFile(t, clean, out)
			edit(t, out, func(f *excelize.File) { setProvenance(t, f, tt.key, tt.value) })
			done := make(chan error, 1)
			go func() {
				_, err := Verify(out, "")
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("Verify: %v; want an error with %q", err, tt.want)
				}
				if err != nil && strings.Contains(err.Error(), "RAHASIA") {
					t.Errorf("Verify quotes the file: %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("Verify hangs")
			}
		})
	}
}

// setProvenance sets a key of the provenance sheet, or with key "input"
// the path of its first input.
func setProvenance(t *testing.T, f *excelize.File, key, value string) {
	t.Helper()
	rows, err := f.GetRows(ProvenanceSheet)
	must(t, err)
	for i, row := range rows {
		if len(row) > 2 && (key == "input" && row[0] == "input" && row[1] == "1" || row[0] == "key" && row[1] == key) {
			must(t, f.SetCellStr(ProvenanceSheet, cellName(3, i+1), value))
			return
		}
	}
	t.Fatalf("no provenance row %q", key)
}

// A report scored under a copy of an official rubric that differs from it
// matches (it is what it says), and verify says which rubric it was.
func TestVerifyUnofficialRubric(t *testing.T) {
	src, _ := rubric.EmbeddedSource("permenpanrb-59-2020")
	moved := strings.NewReplacer(
		"{name: Sangat Baik, name_en: Very good, from: 3.5, to: 4.2}", "{name: Sangat Baik, name_en: Very good, from: 2.9, to: 4.2}",
		"{name: Baik, name_en: Good, from: 2.6, to: 3.5}", "{name: Baik, name_en: Good, from: 2.6, to: 2.9}").Replace(string(src))
	dir := t.TempDir()
	file := filepath.Join(dir, "rubrik.yaml")
	if err := os.WriteFile(file, []byte(moved), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := rubric.Parse(file, []byte(moved))
	if err != nil {
		t.Fatal(err)
	}
	e := evaluation(t, dir, "in.xlsx", "Instansi Contoh", r, fixture.Perekonomian2021)
	if e.Result.Predicate.Name != "Sangat Baik" {
		t.Fatalf("predicate %s under the moved band", e.Result.Predicate.Name)
	}
	p, err := NewProvenance("test", r, file, []*result.Evaluation{e}, "id", testTime)
	must(t, err)
	out := filepath.Join(dir, "report.xlsx")
	must(t, Write(out, []*result.Evaluation{e}, p, outfile.Options{}))

	f := open(t, out)
	note := raw(t, f, "Ringkasan", "B7")
	if !strings.Contains(note, "BUKAN rubrik resmi") || !strings.Contains(note, "permenpanrb-59-2020") {
		t.Errorf("summary B7 = %q; want the rubric marked as not the official one", note)
	}
	if got := provenanceOf(t, out).Rubric; got.DiffersFromEmbedded != "permenpanrb-59-2020" || got.EmbeddedSHA256 == "" {
		t.Errorf("provenance rubric = %+v; want it marked", got)
	}
	v, err := Verify(out, "")
	if err != nil || len(v.Diffs) != 0 {
		t.Fatalf("Verify: %+v, %v; want a match", v, err)
	}
	if m := v.Rubric.Mismatch(); m == nil || m.ID != "permenpanrb-59-2020" || v.RubricSource != file {
		t.Errorf("Verify rubric %v from %s; want the mismatch with %s", m, v.RubricSource, "permenpanrb-59-2020")
	}
	// The mark removed from the summary is a difference.
	edit(t, out, func(f *excelize.File) { must(t, f.SetCellStr("Ringkasan", "B7", "")) })
	if diffs := verifyDiffs(t, out, ""); len(diffs) != 1 || diffs[0].Where != "Ringkasan!B7" {
		t.Errorf("mark removed: diffs = %v", diffs)
	}
	// So is the mark removed from the provenance.
	edit(t, out, func(f *excelize.File) {
		must(t, f.SetCellStr("Ringkasan", "B7", note))
		setProvenance(t, f, "rubric_differs_from_embedded", "")
	})
	diffs := verifyDiffs(t, out, "")
	if len(diffs) != 1 || diffs[0].Where != "rubric "+file+" differs_from_embedded" || diffs[0].Recomputed != "permenpanrb-59-2020" {
		t.Errorf("provenance mark removed: diffs = %v", diffs)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	must(t, err)
	must(t, os.WriteFile(to, data, 0o600))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// A report of two evaluations matches: what verify writes out to list
// what spbe writes (its formulas, conditional formats, drawings) is a
// copy, and writing it leaves the workbook compared unchanged.
func TestVerifyBatchReport(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	a := evaluation(t, dir, "a.xlsx", "Kementerian Koordinator Bidang Perekonomian", r, fixture.Perekonomian2021)
	b := evaluation(t, dir, "b.xlsx", "Kementerian Koordinator Bidang Perekonomian", r, fixture.Perekonomian2021)
	out := writeReport(t, []*result.Evaluation{a, b}, "id")
	if diffs := verifyDiffs(t, out, ""); len(diffs) != 0 {
		t.Errorf("%d diffs, the first %v", len(diffs), diffs[:min(3, len(diffs))])
	}
}
