package excelout

import (
	"os"
	"path/filepath"
	"runtime"
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
