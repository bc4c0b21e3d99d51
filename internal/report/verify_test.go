package report

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/render"
)

func TestVerify(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	e := evaluation(t, dir, "in.xlsx", "Kementerian Koordinator Bidang Perekonomian", r, fixture.Perekonomian2021)
	out := writeReport(t, []*render.Evaluation{e}, "id")

	diffs, err := Verify(out, "")
	if err != nil || len(diffs) != 0 {
		t.Fatalf("fresh report: %v, %v; want it to match", diffs, err)
	}
	p := provenanceOf(t, out)
	if p.Version != "test" || p.RubricID != r.ID || len(p.RubricSHA256) != 64 || p.Inputs[0].SHA256 == "" ||
		len(p.Inputs[0].Levels) != 47 || p.Inputs[0].Levels[20].Cell != "G25" || p.Rounding != "half-up" || !p.Time.Equal(testTime) {
		t.Errorf("provenance = %+v", p)
	}

	// A number edited by hand is caught, with its cell and both values.
	edit(t, out, func(f *excelize.File) { f.SetCellFloat("Ringkasan", "B8", 3.1, -1, 64) })
	diffs, err = Verify(out, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) != 1 || diffs[0].Where != "Ringkasan!B8" || diffs[0].Report != "3.1" || diffs[0].Recomputed != "2.95" {
		t.Errorf("edited index: diffs = %v", diffs)
	}
	edit(t, out, func(f *excelize.File) {
		f.SetCellFloat("Ringkasan", "B8", 2.95, -1, 64)
		f.SetCellInt("Indikator", "F22", 5) // indicator 21: level 1 in the report
	})
	diffs, _ = Verify(out, "")
	if len(diffs) != 1 || diffs[0].Where != "Indikator!F22" {
		t.Errorf("edited level: diffs = %v", diffs)
	}
	edit(t, out, func(f *excelize.File) { f.SetCellInt("Indikator", "F22", 1) })

	// An input changed since is caught: its hash and the level.
	edit(t, e.Source, func(f *excelize.File) { f.SetCellInt("Penilaian", "G25", 4) })
	diffs, err = Verify(out, "")
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, d := range diffs {
		all += d.String() + "\n"
	}
	if len(diffs) != 2 || !strings.Contains(all, "sha256") || !strings.Contains(all, `indicator 21 (Penilaian!G25) level: report "1", recomputed "4"`) {
		t.Errorf("changed input: diffs =\n%s", all)
	}
}

func provenanceOf(t *testing.T, path string) *Provenance {
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
