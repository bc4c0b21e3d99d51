package excelout

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// A report of an evaluation simulated from butir says so on its summary,
// lists every butir by indicator, and has a checklist of the open butir,
// the most gain per butir first. Indicator 13 (weight 5): L1 1 of 2, L2
// both accepted (not counted), L3-L5 one open each: 1,25. Accepting
// I13-L1-02 completes L1 and L2: 2,5, +1,25 x 5 / 100 = 0,0625; then L3
// (+1 x 0,05), L4 (+0,5 x 0,05) and L5 (+1 x 0,05): the runs are
// [L1-02] 0,0625, [L3-01] 0,05, [L4-01, L5-01] 0,0375 per butir.
func TestReportButir(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	var items []*butir.Item
	add := func(code string, level int, st butir.Status, pj string) {
		items = append(items, &butir.Item{Code: code, Indicator: "13", Level: level, Status: st, PJ: pj, Note: "catatan " + code, Where: code})
	}
	add("I13-L1-01", 1, butir.Accepted, "Diskominfo")
	add("I13-L1-02", 1, butir.Wrong, "Bappeda")
	add("I13-L2-01", 2, butir.Accepted, "")
	add("I13-L2-02", 2, butir.Accepted, "")
	add("I13-L3-01", 3, butir.NotUploaded, "BKPSDM")
	add("I13-L4-01", 4, butir.Revise, "")
	add("I13-L5-01", 5, butir.Revise, "")
	sheet, _, res := scoreIndicator13(t, r, items)
	dir := t.TempDir()
	src := filepath.Join(dir, "butir.csv")
	if err := os.WriteFile(src, []byte("Kode,Status\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := &result.Evaluation{Source: src, Instansi: "X", Result: res, Butir: &result.Butir{Source: src, Scored: sheet, Simulated: true}}
	for _, lang := range []string{"id", "en"} {
		f := open(t, writeReport(t, []*result.Evaluation{e}, lang))
		sum, bs, cl := "Ringkasan", "Butir", "Daftar Kerja"
		if lang == "en" {
			sum, bs, cl = "Summary", "Evidence", "Checklist"
		}
		if got := raw(t, f, sum, "A10"); !strings.Contains(got, map[string]string{"id": "SIMULASI dari butir", "en": "SIMULATED from evidence items"}[lang]) {
			t.Errorf("%s: summary A10 = %q, want the simulation said", lang, got)
		}
		rows, err := f.GetRows(bs, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := rows[3][0]; !strings.HasPrefix(got, "5.1 Aplikasi Pemerintah Digital") || !strings.Contains(got, "L1: 1/2") {
			t.Errorf("%s: indicator heading %q", lang, got)
		}
		if got := rows[6]; got[0] != "I13-L2-01" || !strings.Contains(got[3], ",") {
			t.Errorf("%s: the L2 butir not counted: %q", lang, got)
		}
		rows, err = f.GetRows(cl, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, row := range rows[4:] {
			got = append(got, fmt.Sprintf("%s %s %s %s", row[1], row[5], row[6], row[7]))
		}
		want := []string{"I13-L1-02 0.0625 0.0625 Bappeda", "I13-L3-01 0.05 0.05 BKPSDM", "I13-L4-01 0.025 0.0375", "I13-L5-01 0.05 0.0375"}
		for i := range got {
			got[i] = strings.TrimSpace(got[i])
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: checklist\n%s\nwant\n%s", lang, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// A report simulated from butir with indicators assumed (--assume-external)
// says both on its summary, each in a row of its own: the simulation note
// once overwrote the provisional one.
func TestReportButirProvisional(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	var items []*butir.Item
	for l := 1; l <= 5; l++ {
		items = append(items, &butir.Item{Code: fmt.Sprintf("I13-L%d-01", l), Indicator: "13", Level: l, Status: butir.Revise, Where: fmt.Sprintf("A%d", l+1)})
	}
	sheet, _, res := scoreIndicator13(t, r, items)
	src := filepath.Join(t.TempDir(), "butir.csv")
	if err := os.WriteFile(src, []byte("Kode,Status\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := &result.Evaluation{Source: src, Instansi: "X", Result: res, Assumed: []string{"5"},
		Butir: &result.Butir{Source: src, Scored: sheet, Simulated: true}}
	for lang, want := range map[string][2]string{"id": {"HASIL SEMENTARA", "SIMULASI dari butir"}, "en": {"PROVISIONAL", "SIMULATED from evidence items"}} {
		f := open(t, writeReport(t, []*result.Evaluation{e}, lang))
		sum := map[string]string{"id": "Ringkasan", "en": "Summary"}[lang]
		found := [2]int{}
		for row := 1; row <= 20; row++ {
			got := raw(t, f, sum, fmt.Sprintf("A%d", row))
			for i, w := range want {
				if strings.Contains(got, w) {
					found[i] = row
				}
			}
		}
		if found[0] == 0 || found[1] == 0 || found[0] == found[1] {
			t.Errorf("%s: the provisional note in row %d, the simulation note in row %d: want both, in rows of their own", lang, found[0], found[1])
		}
		// The butir sheets' footers name the instansi, as the report's other sheets do.
		for _, sheet := range map[string][]string{"id": {"Butir", "Daftar Kerja"}, "en": {"Evidence", "Checklist"}}[lang] {
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil || hf == nil || !strings.Contains(hf.OddFooter, "X") {
				t.Errorf("%s: footer of %s = %+v (%v), want the instansi", lang, sheet, hf, err)
			}
		}
	}
}

// The workbook of a plan by butir has the plan sheet and the butir to get
// accepted, lowest level first. Indicator 13 as in TestReportButir: to
// 1,0625 + 0,05 the plan takes I13-L1-02 (+0,0625) and I13-L3-01 (+0,05).
func TestWriteButirPlan(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	var items []*butir.Item
	for _, x := range []struct {
		code  string
		level int
		st    butir.Status
	}{{"I13-L1-01", 1, butir.Accepted}, {"I13-L1-02", 1, butir.Wrong}, {"I13-L2-01", 2, butir.Accepted},
		{"I13-L2-02", 2, butir.Accepted}, {"I13-L3-01", 3, butir.NotUploaded}, {"I13-L4-01", 4, butir.Revise}, {"I13-L5-01", 5, butir.Revise}} {
		items = append(items, &butir.Item{Code: x.code, Indicator: "13", Level: x.level, Status: x.st, PJ: "Diskominfo", Where: x.code})
	}
	sheet, levels, res := scoreIndicator13(t, r, items)
	// Index now (95 + 5 x 1,25) / 100 = 1,0125; the target 1,12 needs +0,1075.
	target, _ := rubric.ParseDecimal("1.12")
	pl, err := butir.MakePlan(sheet, levels, plan.Target{Index: target}, butir.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	e := &result.Evaluation{Source: "butir.csv", Instansi: "X", Result: res, Butir: &result.Butir{Scored: sheet, Simulated: true}}
	if err := WriteButirPlan(path, e, pl, "id", false, outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	if got := f.GetSheetList(); strings.Join(got, ",") != "Rencana,Butir" {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("Butir", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows[4:] {
		got = append(got, row[1]+" "+row[5]+" "+row[6])
	}
	if want := "I13-L1-02 1,25 → 2,50 0.0625|I13-L3-01 2,50 → 3,50 0.05"; strings.Join(got, "|") != want {
		t.Errorf("butir %q, want %q", strings.Join(got, "|"), want)
	}
	// The plan sheet, the first page, says its numbers are a simulation
	// too (only the Butir sheet did).
	rows, err = f.GetRows("Rencana")
	if err != nil {
		t.Fatal(err)
	}
	marked := false
	for _, row := range rows {
		for _, v := range row {
			marked = marked || strings.HasPrefix(v, "SIMULASI dari butir")
		}
	}
	if !marked {
		t.Error("the Rencana sheet of a plan by butir does not say SIMULASI dari butir")
	}
}

// A plan by butir for a budget: the plan sheet gives the budget and what
// is left, as a plan of levels for a budget does, and no "met only by
// rounding" (a budget plan has no target asked; the index it buys, 1,07
// for 1,0625 exact, is no target met by rounding).
func TestWriteButirPlanBudget(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	var items []*butir.Item
	for _, x := range []struct {
		code  string
		level int
		st    butir.Status
	}{{"I13-L1-01", 1, butir.Accepted}, {"I13-L1-02", 1, butir.Wrong}, {"I13-L2-01", 2, butir.Accepted},
		{"I13-L2-02", 2, butir.Accepted}, {"I13-L3-01", 3, butir.NotUploaded}, {"I13-L4-01", 4, butir.Revise}, {"I13-L5-01", 5, butir.Revise}} {
		items = append(items, &butir.Item{Code: x.code, Indicator: "13", Level: x.level, Status: x.st, Where: x.code})
	}
	sheet, levels, res := scoreIndicator13(t, r, items)
	budget := rubric.NewDecimal(1)
	pl, err := butir.MakePlan(sheet, levels, plan.Target{}, butir.PlanOptions{Budget: &budget})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.xlsx")
	e := &result.Evaluation{Source: "butir.csv", Instansi: "X", Result: res, Butir: &result.Butir{Scored: sheet, Simulated: true}}
	if err := WriteButirPlan(path, e, pl, "id", false, outfile.Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := open(t, path).GetRows("Rencana")
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, row := range rows {
		text = append(text, strings.Join(row, "|"))
	}
	all := strings.Join(text, "\n")
	if !strings.Contains(all, "Anggaran||") || !strings.Contains(all, "Sisa anggaran||") || strings.Contains(all, "pembulatan") {
		t.Errorf("plan sheet without the budget, or saying met by rounding:\n%s", all)
	}
}

// The national report of several evaluations marks the rows simulated
// from butir on the ranking with † and names them in a note under the
// table, counts them on the summary, and each simulated instansi's sheet
// carries the butir note; an evaluation of indicator values has none of
// these. Indicator 13 of each simulated evaluation is 1,25 (L1 1 of 2)
// and every other indicator 1: the index 1 + 0,25 x 5 / 100, shown 1,01;
// the evaluation of values has every indicator at 2 (index 2,00), so it
// ranks first.
func TestNationalButir(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	dir := t.TempDir()
	src := filepath.Join(dir, "butir.csv")
	if err := os.WriteFile(src, []byte("Kode,Status\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	simulated := func(inst string) *result.Evaluation {
		items := []*butir.Item{
			{Code: "I13-L1-01", Indicator: "13", Level: 1, Status: butir.Accepted, Where: "A2"},
			{Code: "I13-L1-02", Indicator: "13", Level: 1, Status: butir.Wrong, Where: "A3"},
		}
		for l := 2; l <= 5; l++ {
			items = append(items, &butir.Item{Code: fmt.Sprintf("I13-L%d-01", l), Indicator: "13", Level: l, Status: butir.Revise, Where: fmt.Sprint("A", l+2)})
		}
		sheet, levels, res := scoreIndicator13(t, r, items)
		if got := levels["13"].String(); got != "1.25" {
			t.Fatalf("indicator 13 from butir = %s, want 1.25", got)
		}
		return &result.Evaluation{Source: src, Instansi: inst, Result: res, Butir: &result.Butir{Source: src, Scored: sheet, Simulated: true}}
	}
	levels := index.Levels{}
	for _, ind := range r.Indicators() {
		levels[ind.ID] = rubric.NewLevel(2)
	}
	res, err := index.Compute(r, levels)
	if err != nil {
		t.Fatal(err)
	}
	plain := &result.Evaluation{Source: filepath.Join(dir, "nilai.csv"), Instansi: "Kota Nilai", Result: res}
	if err := os.WriteFile(plain.Source, []byte("Indikator,Tingkat\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	evals := []*result.Evaluation{simulated("Kabupaten Butir Satu"), plain, simulated("Kabupaten Butir Dua")}
	for _, lang := range []string{"id", "en"} {
		f := open(t, writeReport(t, evals, lang))
		sum, rank, pred := "Ringkasan", "Peringkat", map[bool]string{true: "Kurang †", false: "Cukup"}
		word := "SIMULASI dari butir"
		if lang == "en" {
			sum, rank, pred = "Summary", "Ranking", map[bool]string{true: "Initiate (Kurang) †", false: "Emerging (Cukup)"}
			word = "SIMULATED from evidence items"
		}
		if got := raw(t, f, sum, "A8"); !strings.Contains(got, word) || !strings.Contains(got, map[string]string{"id": "2 dari 3", "en": "2 of 3"}[lang]) {
			t.Errorf("%s: summary A8 = %q, want 2 of 3 simulated said", lang, got)
		}
		rows, err := f.GetRows(rank, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []struct {
			inst string
			sim  bool
		}{{"Kota Nilai", false}, {"Kabupaten Butir Dua", true}, {"Kabupaten Butir Satu", true}} {
			if got := rows[i+1]; got[1] != want.inst || got[4] != pred[want.sim] {
				t.Errorf("%s: ranking row %d = %q, want %s with predicate %q", lang, i+2, got[:5], want.inst, pred[want.sim])
			}
		}
		note := rows[len(rows)-1][0]
		if !strings.HasPrefix(note, "† "+word) || !strings.Contains(note, "Kabupaten Butir Satu") || !strings.Contains(note, "Kabupaten Butir Dua") || strings.Contains(note, "Kota Nilai") {
			t.Errorf("%s: the note under the ranking = %q, want the two simulated instansi named", lang, note)
		}
		for _, s := range []struct {
			sheet string
			sim   bool
		}{{"Kota Nilai", false}, {"Kabupaten Butir Dua", true}, {"Kabupaten Butir Satu", true}} {
			rows, err := f.GetRows(s.sheet, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, row := range rows {
				for _, c := range row {
					found = found || strings.Contains(c, word)
				}
			}
			if found != s.sim {
				t.Errorf("%s: sheet %s says %q: %v, want %v", lang, s.sheet, word, found, s.sim)
			}
		}
	}
	// All simulated: the note says so without a list of names.
	f := open(t, writeReport(t, []*result.Evaluation{evals[0], evals[2]}, "en"))
	rows, err := f.GetRows("Ranking", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if note := rows[len(rows)-1][0]; !strings.HasSuffix(note, ": every instansi.") {
		t.Errorf("all simulated: the note under the ranking = %q", note)
	}
}

// scoreIndicator13 scores the butir items of indicator 13 under r, every
// other indicator at level 1: the sheet, the levels and the result.
func scoreIndicator13(t *testing.T, r *rubric.Rubric, items []*butir.Item) (*butir.Sheet, index.Levels, *index.Result) {
	t.Helper()
	sheet, err := butir.Score(r, items)
	if err != nil {
		t.Fatal(err)
	}
	levels := index.Levels{}
	for _, ind := range r.Indicators() {
		levels[ind.ID] = rubric.NewLevel(1)
	}
	levels["13"] = sheet.Levels()["13"]
	res, err := index.Compute(r, levels)
	if err != nil {
		t.Fatal(err)
	}
	return sheet, levels, res
}
