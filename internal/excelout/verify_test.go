package excelout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
)

func TestVerify(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	e := evaluation(t, dir, "in.xlsx", "Kementerian Koordinator Bidang Perekonomian", r, fixture.Perekonomian2021)
	out := writeReport(t, []*result.Evaluation{e}, "id")

	v, err := Verify(out, "")
	if err != nil || len(v.Diffs) != 0 || len(v.Read) != 1 || len(v.Missing) != 0 {
		t.Fatalf("fresh report: %+v, %v; want it to match, its input read", v, err)
	}
	p := provenanceOf(t, out)
	if p.Version != "test" || p.Rubric.ID != r.ID || len(p.Rubric.SHA256) != 64 || p.Inputs[0].SHA256 == "" ||
		len(p.Inputs[0].Levels) != 47 || p.Inputs[0].Levels[20].Cell != "G25" || p.Rounding != "half-up" || !p.Time.Equal(testTime) {
		t.Errorf("provenance = %+v", p)
	}

	// A number edited by hand is caught, with its cell and both values.
	edit(t, out, func(f *excelize.File) { f.SetCellFloat("Ringkasan", "B8", 3.1, -1, 64) })
	diffs := verifyDiffs(t, out, "")
	if len(diffs) != 1 || diffs[0].Where != "Ringkasan!B8" || diffs[0].Report != "3.1" || diffs[0].Recomputed != "2.95" {
		t.Errorf("edited index: diffs = %v", diffs)
	}
	edit(t, out, func(f *excelize.File) {
		f.SetCellFloat("Ringkasan", "B8", 2.95, -1, 64)
		f.SetCellInt("Indikator", "F22", 5) // indicator 21: level 1 in the report
	})
	diffs = verifyDiffs(t, out, "")
	if len(diffs) != 1 || diffs[0].Where != "Indikator!F22" {
		t.Errorf("edited level: diffs = %v", diffs)
	}
	edit(t, out, func(f *excelize.File) { f.SetCellInt("Indikator", "F22", 1) })

	// An input changed since is caught: its hash and the level.
	edit(t, e.Source, func(f *excelize.File) { f.SetCellInt("Penilaian", "G25", 4) })
	diffs = verifyDiffs(t, out, "")
	all := ""
	for _, d := range diffs {
		all += d.String() + "\n"
	}
	if len(diffs) != 2 || !strings.Contains(all, "sha256") || !strings.Contains(all, `indicator 21 (Penilaian!G25) level: report "1", recomputed "4"`) {
		t.Errorf("changed input: diffs =\n%s", all)
	}
}

func verifyDiffs(t *testing.T, report, input string) []Diff {
	t.Helper()
	v, err := Verify(report, input)
	if err != nil {
		t.Fatal(err)
	}
	return v.Diffs
}

// A recorded input is looked for beside the report too; one that cannot
// be found is named, not silently passed over.
func TestVerifyFindsInput(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	e := evaluation(t, dir, "in.xlsx", "Instansi Contoh", r, fixture.Perekonomian2021)
	out := filepath.Join(dir, "report.xlsx")
	p := provenance(t, r, []*result.Evaluation{e}, "id")
	// Scored from the report's folder: the path is relative to it, not to ours.
	e.Source, p.Inputs[0].Path = "in.xlsx", "in.xlsx"
	if err := Write(out, []*result.Evaluation{e}, p, outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	v, err := Verify(out, "")
	if err != nil || len(v.Diffs) != 0 || len(v.Read) != 1 || v.Read[0] != filepath.Join(dir, "in.xlsx") {
		t.Fatalf("input beside the report: %+v, %v", v, err)
	}
	if err := os.Remove(filepath.Join(dir, "in.xlsx")); err != nil {
		t.Fatal(err)
	}
	v, err = Verify(out, "")
	if err != nil || len(v.Diffs) != 0 || len(v.Read) != 0 || len(v.Missing) != 1 || v.Missing[0] != "in.xlsx" {
		t.Fatalf("input gone: %+v, %v; want it named as missing", v, err)
	}
}

func provenanceOf(t *testing.T, path string) *result.Provenance {
	t.Helper()
	f := open(t, path)
	p, err := ReadProvenance(f)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func edit(t *testing.T, path string, change func(*excelize.File)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	change(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestSameValue(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"2.95", "2.95", true},
		{"2.95", "2.9500000000000002", true}, // saved again by a spreadsheet
		{"0.26", "0.26000000000000001", true},
		{"2.95", "2.9500001", false}, // a hand edit that float32 would not see
		{"2.95", "2.96", false},
		{"0", "0", true},
		{"0", "1e-300", false},
		{"Baik", "Baik", true},
		{"Baik", "Cukup", false},
		{"2.95", "", false},
	}
	for _, tt := range tests {
		if got := sameValue(tt.a, tt.b); got != tt.want {
			t.Errorf("sameValue(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
