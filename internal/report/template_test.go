package report

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// fillForm writes a template of r with the levels typed in to path.
func fillForm(t testing.TB, path string, r *rubric.Rubric, instansi, lang string, ls []int) *FormResults {
	t.Helper()
	f, res, err := Template(r, instansi, lang)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, l := range ls {
		if err := f.SetCellInt(FormSheet, fmt.Sprintf("%s%d", FormLevelCol, FormHeaderRow+1+i), int64(l)); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return res
}

// readForm scores a filled-in form the way spbe score does.
func readForm(t testing.TB, path string, r *rubric.Rubric) (*workbook.Sheet, *index.Result) {
	t.Helper()
	sh, err := workbook.ReadSheet(path, workbook.Options{Known: func(id string) bool { return r.Indicator(id) != nil }})
	if err != nil {
		t.Fatal(err)
	}
	levels, err := sh.Levels(r)
	if err != nil {
		t.Fatal(err)
	}
	res, err := index.Compute(r, levels)
	if err != nil {
		t.Fatal(err)
	}
	return sh, res
}

func TestTemplateReadBySpbeScore(t *testing.T) {
	for _, c := range []struct {
		rubric string
		levels []int
	}{
		{"permenpanrb-59-2020", fixture.Perekonomian2021},
		{"permenpanrb-5-2018", fixture.Kabupaten2018},
	} {
		r := mustRubric(t, c.rubric)
		path := filepath.Join(t.TempDir(), "form.xlsx")
		fillForm(t, path, r, "Kabupaten Contoh", "id", c.levels)
		sh, res := readForm(t, path, r)
		want, err := index.Compute(r, levelsOf(r, c.levels))
		if err != nil {
			t.Fatal(err)
		}
		if sh.Instansi != "Kabupaten Contoh" || sh.Sheet != FormSheet || sh.LevelColumn != FormLevelCol || len(sh.OtherLevelColumns) != 0 {
			t.Errorf("%s: read instansi %q sheet %q level column %s (others %v)", c.rubric, sh.Instansi, sh.Sheet, sh.LevelColumn, sh.OtherLevelColumns)
		}
		if res.Index != want.Index {
			t.Errorf("%s: index read %s, want %s", c.rubric, res.Index.Exact(), want.Index.Exact())
		}
		for i, ind := range r.Indicators() {
			if got, want := sh.Entries[i].Cell, fmt.Sprintf("F%d", FormHeaderRow+1+i); got != want || sh.Entries[i].ID != ind.ID {
				t.Errorf("entry %d = %s at %s, want %s at %s", i, sh.Entries[i].ID, got, ind.ID, want)
			}
		}
	}
}

func TestTemplateLayout(t *testing.T) {
	r := mustRubric(t, "permenpanrb-5-2018")
	f, res, err := Template(r, "", "id")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := f.GetCellValue(FormSheet, "A2"); got != "Instansi:" {
		t.Errorf("A2 = %q, want a label for the name", got)
	}
	hdr, _ := f.GetRows(FormSheet)
	if got := strings.Join(hdr[FormHeaderRow-1], "|"); got != "No|Domain|Aspek|Indikator|Bobot (%)|Tingkat Kematangan|Nama Tingkat Kematangan|Penjelasan|Data Dukung" {
		t.Errorf("header = %s", got)
	}
	dvs, err := f.GetDataValidations(FormSheet)
	if err != nil {
		t.Fatal(err)
	}
	// 5/2018: indicators 1-24 on the policy scale, 25-37 on the service
	// scale (both 0 to 5): each run gets its own list.
	var got []string
	for _, dv := range dvs {
		got = append(got, dv.Sqref+" "+dv.Type+" "+dv.Formula1+" "+fmt.Sprint(dv.ShowErrorMessage)+" "+deref(dv.ErrorStyle))
	}
	last := FormHeaderRow + len(r.Indicators())
	all := strings.Join(got, "; ")
	if !strings.Contains(all, fmt.Sprintf(":F%d list", last)) || !strings.Contains(all, `"0,1,2,3,4,5" true stop`) || !strings.HasPrefix(all, "F7:") {
		t.Errorf("validations = %s, want lists 0..5 that stop anything else over F7:F%d", all, last)
	}
	covered := 0
	for _, dv := range dvs {
		var a, b int
		fmt.Sscanf(strings.ReplaceAll(dv.Sqref, ":F", " "), "F%d %d", &a, &b)
		covered += b - a + 1
	}
	if covered != len(r.Indicators()) {
		t.Errorf("validations cover %d rows, want %d", covered, len(r.Indicators()))
	}
	// The level name is a formula over the level cell.
	if fm, _ := f.GetCellFormula(FormSheet, "G7"); !strings.Contains(fm, "CHOOSE(F7-(0)+1,\"Tidak Ada\",\"Rintisan\"") {
		t.Errorf("G7 = %s", fm)
	}
	// A7 of 5/2018 divides by the 19.8 present (scaled by 10), the index by 100.
	a7, _ := f.GetCellFormula(ResultSheet, res.Aspects["A7"])
	if !strings.Contains(a7, "SUMPRODUCT(ROUND(Penilaian!$E$38:$E$43*10,0))") {
		t.Errorf("A7 = %s", a7)
	}
	idx, _ := f.GetCellFormula(ResultSheet, strings.TrimPrefix(res.Index, ResultSheet+"!"))
	if !strings.Contains(idx, "SUMPRODUCT(Penilaian!$F$7:$F$43,ROUND(Penilaian!$E$7:$E$43*10,0))") || !strings.Contains(idx, "+1000)/(2*1000)") {
		t.Errorf("index = %s", idx)
	}
	if got, _ := f.GetCellFormula(FormSheet, FormIndexCell); got != res.Index {
		t.Errorf("%s = %s, want =%s", FormIndexCell, got, res.Index)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// compareForm compares the form's results, read by cell with get, with
// pkg/index on the same levels; it returns the differences.
func compareForm(t testing.TB, r *rubric.Rubric, ls []int, res *FormResults, lang string, get func(ref string) string) []string {
	t.Helper()
	want, err := index.Compute(r, levelsOf(r, ls))
	if err != nil {
		t.Fatal(err)
	}
	p := r.Precision
	var diffs []string
	check := func(what, ref, want string) {
		got := get(ref)
		if got == want {
			return
		}
		// Numbers: compare as the decimals they display.
		if d, err := rubric.ParseDecimal(got); err == nil {
			if w, err := rubric.ParseDecimal(want); err == nil && d.Fixed(p) == w.Fixed(p) {
				return
			}
		}
		diffs = append(diffs, fmt.Sprintf("%s (%s) = %q, want %q", what, ref, got, want))
	}
	for _, a := range want.Aspects {
		check(a.ID, ResultSheet+"!"+res.Aspects[a.ID], a.Index.Round(p).Fixed(p))
	}
	for _, d := range want.Domains {
		check(d.ID, ResultSheet+"!"+res.Domains[d.ID], d.Index.Round(p).Fixed(p))
	}
	check("index", res.Index, want.Published.Fixed(p))
	check("predicate", res.Predicate, label.PredicateName(want.Predicate, lang))
	return diffs
}

type levelVector struct {
	name   string
	levels []int
}

// levelVectors are the level vectors the formulas are checked on: all
// at the scale minimum, all at the maximum, the official examples, and
// levels that reach exactly each predicate boundary and the value just
// below it, where such levels exist.
func levelVectors(t testing.TB, r *rubric.Rubric) []levelVector {
	n := len(r.Indicators())
	fill := func(l int) []int {
		out := make([]int, n)
		for i := range out {
			out[i] = l
		}
		return out
	}
	lo, hi := int(r.Indicators()[0].LevelScale.Min.Int()), int(r.Indicators()[0].LevelScale.Max.Int())
	vs := []levelVector{{"all min", fill(lo)}, {"all max", fill(hi)}}
	switch r.ID {
	case "permenpanrb-59-2020":
		vs = append(vs, levelVector{"Perekonomian 2021", fixture.Perekonomian2021})
	case "permenpanrb-5-2018":
		vs = append(vs, levelVector{"Kabupaten 2018", fixture.Kabupaten2018})
	}
	unit := rubric.NewDecimal(1) / rubric.Decimal(pow10(r.Precision))
	var targets []rubric.Decimal
	for _, b := range r.Predicates {
		if b.From > rubric.NewDecimal(int64(lo)) {
			targets = append(targets, b.From, b.From-unit)
		}
	}
	// Walk from all-minimum to all-maximum raising one indicator a level
	// at a time, in shuffled orders, and keep the first levels that
	// publish each target.
	found := map[rubric.Decimal]bool{}
	rng := rand.New(rand.NewPCG(1, 2))
	for walk := 0; walk < 300 && len(found) < len(targets); walk++ {
		ls := fill(lo)
		var steps []int
		for i := range n {
			for range hi - lo {
				steps = append(steps, i)
			}
		}
		rng.Shuffle(len(steps), func(i, j int) { steps[i], steps[j] = steps[j], steps[i] })
		for _, i := range steps {
			ls[i]++
			res, err := index.Compute(r, levelsOf(r, ls))
			if err != nil {
				t.Fatal(err)
			}
			for _, tg := range targets {
				if !found[tg] && res.Published == tg {
					found[tg] = true
					vs = append(vs, levelVector{"index " + tg.Fixed(r.Precision), append([]int(nil), ls...)})
				}
			}
		}
	}
	return vs
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}
