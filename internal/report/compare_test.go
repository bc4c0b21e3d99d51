package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/render"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// comparison is Perekonomian 2021 against the same levels with indicator
// 21 raised from 1 to 3, 23 from 1 to 2, and 44 lowered from 2 to 1.
func comparison(t *testing.T, dir, instansi string) *render.Comparison {
	t.Helper()
	r := mustRubric(t, "permenpanrb-59-2020")
	newLevels := append([]int{}, fixture.Perekonomian2021...)
	newLevels[20], newLevels[22], newLevels[43] = 3, 2, 1
	old := evaluation(t, dir, "old.xlsx", instansi, r, fixture.Perekonomian2021)
	cur := evaluation(t, dir, "new.xlsx", instansi, r, newLevels)
	move := func(id string, from, to int64) render.Move {
		ind := r.Indicator(id)
		return render.Move{Indicator: ind, Old: rubric.NewDecimal(from), New: rubric.NewDecimal(to),
			Effect: index.Value{Num: rubric.NewDecimal(to-from).Units() * ind.Weight.Units(), Den: r.Total.Units() * rubric.NewDecimal(1).Units()}}
	}
	return &render.Comparison{
		Old: old, New: cur, OldLabel: "old.xlsx", NewLabel: "new.xlsx",
		Moved: []render.Move{move("21", 1, 3), move("23", 1, 2), move("44", 2, 1)},
	}
}

func TestWriteCompare(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "perubahan.xlsx")
	cs := &render.Comparisons{Pairs: []*render.Comparison{comparison(t, dir, "Kemenko Perekonomian")}}
	if err := WriteCompare(out, cs, "id", SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	f := open(t, out)
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Perbandingan" {
		t.Fatalf("sheets = %v, want [Perbandingan]", got)
	}
	checks := []struct{ cell, want string }{
		{"C2", "Kemenko Perekonomian"},
		{"C8", "Indeks SPBE"},
		{"D8", "2.95"}, // 2,9475
		{"E8", "2.96"}, // 2,9625
		{"F8", "0.01"}, // the change of the published values
		{"D9", "Baik"},
		{"A12", "D1"},   // the domains
		{"A18", "A1"},   // the aspects, a block of their own
		{"D22", "1"},    // A5 Penerapan Manajemen SPBE: 1,00 -> 1,375
		{"E22", "1.38"}, // the published value
		{"B29", "21"},   // the moves, by effect on the index
		{"F29", "0.03"},
		{"B30", "23"},
		{"F30", "0.015"},
		{"B31", "44"},
		{"F31", "-0.03"},
	}
	for _, c := range checks {
		if got := raw(t, f, "Perbandingan", c.cell); got != c.want {
			t.Errorf("Perbandingan!%s = %q, want %q", c.cell, got, c.want)
		}
	}
	charts := zipParts(t, out, "xl/charts/chart")
	if len(charts) != 1 || !strings.Contains(charts[0], "!$D$18:$D$25") || !strings.Contains(charts[0], "!$E$18:$E$25") {
		t.Errorf("want one chart of the aspects old (D18:D25) and new (E18:E25), got %d charts", len(charts))
	}
	if err := WriteCompare(out, cs, "id", SaveOptions{}); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("writing over an existing file without force: %v", err)
	}
}

func TestWriteCompareMany(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "perubahan.xlsx")
	cs := &render.Comparisons{
		Pairs:   []*render.Comparison{comparison(t, dir, "Kota A"), comparison(t, dir, "Kabupaten B: [Barat]")},
		OnlyOld: []string{"Kota C"},
	}
	if err := WriteCompare(out, cs, "en", SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	f := open(t, out)
	want := []string{"Comparison", "1 Kota A", "2 Kabupaten B   Barat"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	for _, c := range []struct{ cell, want string }{{"A4", "Kota A"}, {"D4", "0.01"}, {"A5", "Kabupaten B: [Barat]"}, {"A7", "Only in the old data"}, {"B7", "Kota C"}} {
		if got := raw(t, f, "Comparison", c.cell); got != c.want {
			t.Errorf("Comparison!%s = %q, want %q", c.cell, got, c.want)
		}
	}
	if n := len(zipParts(t, out, "xl/charts/chart")); n != 3 {
		t.Errorf("%d charts, want 3 (the overview and one per pair)", n)
	}
}
