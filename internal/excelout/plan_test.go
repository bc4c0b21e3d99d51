package excelout

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
)

func TestWritePlan(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	e := evaluation(t, dir, "in.xlsx", "Kemenko Perekonomian", r, fixture.Perekonomian2021)
	band := r.BandNamed("Sangat Baik")
	pl, err := plan.Make(r, levelsOf(r, fixture.Perekonomian2021), plan.Target{Index: band.From, Band: band}, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "plan.xlsx")
	if err := WritePlan(out, e, pl, "id", false, outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	f := open(t, out)
	checks := []struct{ cell, want string }{
		{"C2", "Kemenko Perekonomian"},
		{"C4", "Sangat Baik"},
		{"D4", "3.5"},
		{"C5", "ya"},
		{"D6", "2.95"},
		{"D7", "3.5"},
		{"C7", "Sangat Baik"},
		// The exact index after the plan, as text with a decimal comma.
		{"A9", "Indeks tepat sesudah"},
		{"D9", strings.Replace(pl.After.Index.Exact(), ".", ",", 1)},
		{"D10", "19"},
	}
	for _, c := range checks {
		if got := raw(t, f, "Rencana", c.cell); got != c.want {
			t.Errorf("Rencana!%s = %q, want %q", c.cell, got, c.want)
		}
	}
	// The first step row and the aspect table's last row.
	if got := raw(t, f, "Rencana", "B13"); got != pl.Steps[0].Indicator.ID {
		t.Errorf("first step indicator = %q, want %q", got, pl.Steps[0].Indicator.ID)
	}
	// A5 (row 32): 0,48 points open before and after, A8 (row 35) emptied.
	for cell, want := range map[string]string{"A32": "A5", "F32": "0.48", "G32": "0.48", "A35": "A8", "F35": "0.33", "G35": "0"} {
		if got := raw(t, f, "Rencana", cell); got != want {
			t.Errorf("Rencana!%s = %q, want %q", cell, got, want)
		}
	}
	charts := zipParts(t, out, "xl/charts/chart")
	if len(charts) != 1 || !strings.Contains(charts[0], "!$D$28:$D$35") || !strings.Contains(charts[0], "!$E$28:$E$35") {
		t.Errorf("want one chart of the before (D) and after (E) columns, got %d", len(charts))
	}
	if err := WritePlan(out, e, pl, "id", false, outfile.Options{}); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("writing over an existing plan without force: %v", err)
	}
}

// The compare and plan workbooks of a rubric with its own index name and
// no domains (Indeks Pemdi) are titled by that name and have no domain
// table.
func TestWorkbooksNameTheirIndex(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	dir := t.TempDir()
	n := len(r.Indicators())
	twos, threes := make([]int, n), make([]int, n)
	for i := range n {
		twos[i], threes[i] = 2, 3
	}
	eval := func(src string, ls []int) *result.Evaluation { // no input file: fixture.Report assumes domains
		res, err := index.Compute(r, levelsOf(r, ls))
		if err != nil {
			t.Fatal(err)
		}
		return &result.Evaluation{Source: src, Instansi: "Kota Contoh", Result: res}
	}
	old, cur := eval("old.csv", twos), eval("new.csv", threes)
	cmp := filepath.Join(dir, "cmp.xlsx")
	c := batch.Compare(old, cur, "old.xlsx", "new.xlsx")
	if err := WriteCompare(cmp, &result.Comparisons{Pairs: []*result.Comparison{c}}, "id", outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	f := open(t, cmp)
	sheet := f.GetSheetList()[0]
	if got := raw(t, f, sheet, "A1"); got != "Perbandingan Indeks Pemdi" {
		t.Errorf("compare title %q", got)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if slices.Contains(row, "Domain") || slices.Contains(row, "Indeks SPBE") {
			t.Errorf("compare row %d speaks of SPBE domains: %q", i+1, row)
		}
	}
	band := r.BandNamed("Baik")
	pl, err := plan.Make(r, levelsOf(r, twos), plan.Target{Index: band.From, Band: band}, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{"id": "Rencana peningkatan Indeks Pemdi", "en": "Digital Government Index improvement plan"} {
		out := filepath.Join(dir, "plan-"+lang+".xlsx")
		if err := WritePlan(out, old, pl, lang, false, outfile.Options{}); err != nil {
			t.Fatal(err)
		}
		f := open(t, out)
		if got := raw(t, f, f.GetSheetList()[0], "A1"); got != want {
			t.Errorf("plan title (%s) %q, want %q", lang, got, want)
		}
	}
}
