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

// A plan's rows fit their text: a long indicator name (4.1's 63
// characters, which LibreOffice prints on one line of the column) gets a
// row of one line, not two with a gap under it; and the exact index after
// the plan (3,0065476190476…) is not wrapped in the narrow column D, where
// it took lines its row had not and ran over the next.
func TestWritePlanRowsFit(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	n := len(r.Indicators())
	lv := make([]int, n)
	for i := range n {
		lv[i] = 5
	}
	levels := levelsOf(r, lv)
	for _, ind := range r.Indicators() {
		if strings.HasPrefix(codeName(ind), "4.1 ") { // the longest name, 63 characters
			levels[ind.ID] = rubric.NewLevel(1)
		}
	}
	res, err := index.Compute(r, levels)
	if err != nil {
		t.Fatal(err)
	}
	e := &result.Evaluation{Source: "x.xlsx", Instansi: "Pemerintah Kabupaten Contoh", Result: res}
	// Everything at the top but 4.1: the plan to the top raises 4.1.
	pl, err := plan.Make(r, levels, plan.Target{Index: rubric.NewDecimal(5)}, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	long := false
	for _, s := range pl.Steps {
		long = long || utf8.RuneCountInString(codeName(s.Indicator)) > 60
	}
	if !long {
		t.Fatal("fixture: want a step with a name of more than 60 characters")
	}
	for _, lang := range []string{"id", "en"} {
		out := filepath.Join(t.TempDir(), "plan.xlsx")
		if err := WritePlan(out, e, pl, lang, false, outfile.Options{}); err != nil {
			t.Fatal(err)
		}
		f := open(t, out)
		sheet := f.GetSheetList()[0]
		rows, _ := f.GetRows(sheet)
		wc, _ := f.GetColWidth(sheet, "C")
		names := map[string]bool{}
		for _, s := range pl.Steps {
			names[codeName(s.Indicator)] = true
		}
		for _, a := range pl.Before.Aspects {
			names[a.Name] = true
		}
		for i, row := range rows {
			if len(row) < 3 || !names[row[2]] {
				continue
			}
			// A name of up to 70 characters is on one line, in a row of
			// one line, in a column that holds it (text of the default
			// font: at most 0,9 of a unit a character, measured in
			// LibreOffice).
			if chars := utf8.RuneCountInString(row[2]); chars <= 70 {
				if h, _ := f.GetRowHeight(sheet, i+1); h > 15.5 {
					t.Errorf("%s: row %d %q (%d characters) is %.0f points high: one line is 15", lang, i+1, row[2], chars, h)
				}
				if need := float64(chars)*0.9 + 1; wc < need {
					t.Errorf("%s: column C is %.0f wide, %q needs %.1f", lang, wc, row[2], need)
				}
			}
		}
		exact := map[string]string{"id": "Indeks tepat sesudah", "en": "Exact index after"}[lang]
		for i, row := range rows {
			if len(row) < 4 || row[0] != exact {
				continue
			}
			st, err := f.GetCellStyle(sheet, cell(4, i+1))
			if err != nil {
				t.Fatal(err)
			}
			s, err := f.GetStyle(st)
			if err != nil {
				t.Fatal(err)
			}
			if s.Alignment != nil && s.Alignment.WrapText {
				t.Errorf("%s: D%d %q wraps in a column of its own width", lang, i+1, row[3])
			}
		}
	}
}
