package excelout

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
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

// The workbook of a budget plan (Kaltim's story: a Pemdi plan whose
// external indicators are kept): no target and no "met only by
// rounding", since a budget has no target; the budget and what is left
// in the target's rows; and every label of the top block whole beside
// the empty column B ("Tetap (dinilai instansi lain)" was cut by the list
// of kept indicators in C).
func TestWritePlanBudget(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	n := len(r.Indicators())
	threes := make([]int, n)
	for i := range n {
		threes[i] = 3
	}
	// 7.2 (weight 15) at 3,5: 3,075. One step (a budget of 1 without
	// costs) buys 7.1's 3 -> 4: 3,175, published 3,18, which is not the
	// exact index.
	levels := levelsOf(r, threes)
	half, err := rubric.ParseLevel("3.5")
	if err != nil {
		t.Fatal(err)
	}
	levels["20"] = half
	res, err := index.Compute(r, levels)
	if err != nil {
		t.Fatal(err)
	}
	e := &result.Evaluation{Source: "kaltim.xlsx", Instansi: "Pemerintah Provinsi Kalimantan Timur", Result: res}
	pl, err := plan.Budget(r, levels, rubric.NewDecimal(1), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := pl.After.Index.Exact(); got != "3.175" {
		t.Fatalf("after the budget: exact %s, want 3.175", got)
	}
	if len(pl.External) == 0 {
		t.Fatal("want external indicators kept, for the label of their row")
	}
	for _, lang := range []string{"id", "en"} {
		out := filepath.Join(t.TempDir(), "plan.xlsx")
		if err := WritePlan(out, e, pl, lang, true, outfile.Options{}); err != nil {
			t.Fatal(err)
		}
		f := open(t, out)
		sheet := f.GetSheetList()[0]
		rows, _ := f.GetRows(sheet)
		wa, _ := f.GetColWidth(sheet, "A")
		wb, _ := f.GetColWidth(sheet, "B")
		budget := map[string]string{"id": "Anggaran", "en": "Budget"}[lang]
		if got := raw(t, f, sheet, "A4"); got != budget {
			t.Errorf("%s: A4 = %q, want %q", lang, got, budget)
		}
		for i, row := range rows {
			if len(row) == 0 {
				break // the top block ends at the first empty row
			}
			for _, c := range row {
				for _, bad := range []string{"Target", "Tercapai", "Reachable", "pembulatan", "rounding"} {
					if strings.Contains(c, bad) {
						t.Errorf("%s: row %d of a budget plan: %q", lang, i+1, c)
					}
				}
			}
			if i == 0 || len(row) < 2 || row[1] != "" {
				continue
			}
			// Bold labels: about 1,1 characters each.
			if need := float64(utf8.RuneCountInString(row[0]))*1.1 + 1; wa+wb < need {
				t.Errorf("%s: A%d %q needs %.1f, columns A and B are %.1f", lang, i+1, row[0], need, wa+wb)
			}
		}
	}
}

// A plan from a provisional evaluation (an external indicator's level
// assumed) says so in its workbook, as the report does: the workbook
// showed no mark while the text and JSON did.
func TestWritePlanProvisional(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	n := len(r.Indicators())
	threes := make([]int, n)
	for i := range n {
		threes[i] = 3
	}
	threes[4] = 1 // 3.1 at the level assumed for it
	res, err := index.Compute(r, levelsOf(r, threes))
	if err != nil {
		t.Fatal(err)
	}
	e := &result.Evaluation{Source: "kaltim.xlsx", Instansi: "Pemerintah Provinsi Kalimantan Timur", Result: res, Assumed: []string{"5"}}
	band := r.BandNamed("Sangat Baik")
	pl, err := plan.Make(r, levelsOf(r, threes), plan.Target{Index: band.From, Band: band}, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{"id": "HASIL SEMENTARA", "en": "PROVISIONAL"} {
		out := filepath.Join(t.TempDir(), "plan.xlsx")
		if err := WritePlan(out, e, pl, lang, false, outfile.Options{}); err != nil {
			t.Fatal(err)
		}
		f := open(t, out)
		rows, _ := f.GetRows(f.GetSheetList()[0])
		found := false
		for _, row := range rows {
			if len(row) > 0 && strings.HasPrefix(row[0], want) && strings.Contains(row[0], "3.1 Tata Kelola Data") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %q note naming 3.1 in the plan workbook", lang, want)
		}
	}
}
