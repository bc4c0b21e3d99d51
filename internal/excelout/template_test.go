package excelout

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// fillForm writes a template of r with the levels typed in to path, each
// as the number a spreadsheet stores for it (7/6 as 1.1666666666666667).
func fillForm(t testing.TB, path string, r *rubric.Rubric, instansi, lang string, ls []rubric.Level) *FormResults {
	t.Helper()
	f, res, err := Template(r, instansi, lang)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, l := range ls {
		if err := setFloat(f, res.Sheet, fmt.Sprintf("%s%d", res.LevelCol, FormHeaderRow+1+i), l.Float64()); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return res
}

// whole returns whole levels as Levels.
func whole(ls []int) []rubric.Level {
	out := make([]rubric.Level, len(ls))
	for i, l := range ls {
		out[i] = rubric.NewLevel(int64(l))
	}
	return out
}

// levelMap keys levels in rubric order by indicator id.
func levelMap(r *rubric.Rubric, ls []rubric.Level) index.Levels {
	out := index.Levels{}
	for i, ind := range r.Indicators() {
		out[ind.ID] = ls[i]
	}
	return out
}

// levels parses levels written as spbe reads them, with "a/b" for the
// number a spreadsheet stores for the fraction a/b (=7/6 typed in a cell).
func levels(t testing.TB, s string) []rubric.Level {
	t.Helper()
	var out []rubric.Level
	for _, f := range strings.Fields(s) {
		if a, b, ok := strings.Cut(f, "/"); ok {
			x, _ := strconv.ParseFloat(a, 64)
			y, _ := strconv.ParseFloat(b, 64)
			f = strconv.FormatFloat(x/y, 'g', -1, 64)
		}
		l, err := rubric.ParseLevel(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, l)
	}
	return out
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
	type tc struct {
		rubric, name, lang string
		levels             []rubric.Level
	}
	cases := []tc{
		{"permenpanrb-59-2020", "Perekonomian 2021", "id", whole(fixture.Perekonomian2021)},
		{"permenpanrb-5-2018", "Kabupaten 2018", "id", whole(fixture.Kabupaten2018)},
		{"permenpanrb-59-2020", "Perekonomian 2021", "en", whole(fixture.Perekonomian2021)},
	}
	pemdi := mustRubric(t, "permenpanrb-8-2026")
	for _, v := range levelVectors(t, pemdi) {
		for _, lang := range []string{"id", "en"} {
			cases = append(cases, tc{pemdi.ID, v.name, lang, v.levels})
		}
	}
	dir := t.TempDir()
	for i, c := range cases {
		r := mustRubric(t, c.rubric)
		path := filepath.Join(dir, fmt.Sprintf("form-%d.xlsx", i))
		form := fillForm(t, path, r, "Kabupaten Contoh", c.lang, c.levels)
		sh, res := readForm(t, path, r)
		want, err := index.Compute(r, levelMap(r, c.levels))
		if err != nil {
			t.Fatal(err)
		}
		what := c.rubric + ", " + c.name + ", " + c.lang
		if sh.Instansi != "Kabupaten Contoh" || sh.Sheet != form.Sheet || sh.LevelColumn != form.LevelCol || len(sh.OtherLevelColumns) != 0 {
			t.Errorf("%s: read instansi %q sheet %q level column %s (others %v)", what, sh.Instansi, sh.Sheet, sh.LevelColumn, sh.OtherLevelColumns)
		}
		// The same numbers, exactly: the index, every aspect and domain.
		if res.Index.Compare(want.Index) != 0 || res.Published != want.Published || res.Predicate != want.Predicate {
			t.Errorf("%s: index read %s (%s), want %s (%s)", what, res.Index.Exact(), res.Published, want.Index.Exact(), want.Published)
		}
		for j, a := range want.Aspects {
			if res.Aspects[j].Index.Compare(a.Index) != 0 {
				t.Errorf("%s: aspect %s read %s, want %s", what, a.ID, res.Aspects[j].Index.Exact(), a.Index.Exact())
			}
		}
		for j, d := range want.Domains {
			if res.Domains[j].Index.Compare(d.Index) != 0 {
				t.Errorf("%s: domain %s read %s, want %s", what, d.ID, res.Domains[j].Index.Exact(), d.Index.Exact())
			}
		}
		for j, ind := range r.Indicators() {
			if got, want := sh.Entries[j].Cell, fmt.Sprintf("%s%d", form.LevelCol, FormHeaderRow+1+j); got != want || sh.Entries[j].ID != ind.ID {
				t.Errorf("%s: entry %d = %s at %s, want %s at %s", what, j, sh.Entries[j].ID, got, ind.ID, want)
			}
		}
	}
}

// The developer's example of Indeks Pemdi: levels typed as fractions
// (7/6, 7/3) and decimals (1,5; 3,25) give the aspects and the index the
// instrument's worked sheet shows; A5 (3,125) rounds half-up.
func TestTemplatePemdiExample(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	res, err := index.Compute(r, levelMap(r, levels(t, pemdiExample)))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range res.Aspects {
		got = append(got, label.Number(a.Index.Round(2), 2, "id"))
	}
	if g, want := strings.Join(got, "; "), "2,50; 1,58; 1,67; 1,89; 3,13; 2,07; 2,40"; g != want {
		t.Errorf("aspects = %s, want %s", g, want)
	}
	if g := label.Number(res.Published, 2, "id") + " " + label.PredicateName(res.Predicate, "id"); g != "2,16 Cukup" {
		t.Errorf("Indeks Pemdi = %s, want 2,16 Cukup", g)
	}
}

// pemdiExample are the levels of indicators 1 to 20 of the developer's
// example of Indeks Pemdi.
const pemdiExample = "3 2 7/6 2 2 1 2 1.5 2 7/3 1 2 3 3.25 2 2 3 1 3 2"

func TestTemplateLayout(t *testing.T) {
	r := mustRubric(t, "permenpanrb-5-2018")
	f, res, err := Template(r, "", "id")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if res.Sheet != FormSheet || res.Results != ResultSheet || res.LevelCol != "F" || res.FormIndex != FormSheet+"!D4" || res.FormPredicate != FormSheet+"!E4" {
		t.Errorf("layout = %+v", res)
	}
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
	if got, _ := f.GetCellFormula(FormSheet, "D4"); got != res.Index {
		t.Errorf("D4 = %s, want =%s", got, res.Index)
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
func compareForm(t testing.TB, r *rubric.Rubric, ls []rubric.Level, res *FormResults, lang string, get func(ref string) string) []string {
	t.Helper()
	want, err := index.Compute(r, levelMap(r, ls))
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
		check(a.ID, res.Results+"!"+res.Aspects[a.ID], a.Index.Round(p).Fixed(p))
	}
	for _, d := range want.Domains {
		check(d.ID, res.Results+"!"+res.Domains[d.ID], d.Index.Round(p).Fixed(p))
	}
	check("index", res.Index, want.Published.Fixed(p))
	check("predicate", res.Predicate, label.PredicateName(want.Predicate, lang))
	// The form shows the index and predicate beside the levels too.
	check("index on the form", res.FormIndex, want.Published.Fixed(p))
	check("predicate on the form", res.FormPredicate, label.PredicateName(want.Predicate, lang))
	// Every level is named as spbe names it.
	for i, it := range want.Indicators {
		check("level name "+it.Indicator.ID, fmt.Sprintf("%s!%s%d", res.Sheet, nameCol(res), FormHeaderRow+1+i), it.LevelName)
	}
	return diffs
}

// nameCol is the column of the level names: the one after the levels.
func nameCol(res *FormResults) string {
	n, _ := excelize.ColumnNameToNumber(res.LevelCol)
	c, _ := excelize.ColumnNumberToName(n + 1)
	return c
}

type levelVector struct {
	name   string
	levels []rubric.Level
}

// levelVectors are the level vectors the formulas are checked on: all
// at the scale minimum, all at the maximum, the official examples, and
// levels that reach exactly each predicate boundary and the value just
// below it, where such levels exist. Of a rubric of fractional levels
// (Indeks Pemdi), fractional vectors instead: see fractionalVectors.
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
	vs := []levelVector{{"all min", whole(fill(lo))}, {"all max", whole(fill(hi))}}
	switch r.ID {
	case "permenpanrb-59-2020":
		vs = append(vs, levelVector{"Perekonomian 2021", whole(fixture.Perekonomian2021)})
	case "permenpanrb-5-2018":
		vs = append(vs, levelVector{"Kabupaten 2018", whole(fixture.Kabupaten2018)})
	}
	if !r.Indicators()[0].LevelScale.Integer {
		return append(vs, fractionalVectors(t, r)...)
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
					vs = append(vs, levelVector{"index " + tg.Fixed(r.Precision), whole(ls)})
				}
			}
		}
	}
	return vs
}

// fractionalVectors are the vectors of Indeks Pemdi (indicators 1 to 20,
// levels 1 to 5 with fractions): the developer's example; levels typed as
// decimals and fractions; a repeating fraction that lands the index on a
// rounding tie, from above (7/6) and from below (11/6), where spbe and
// the form must round the same way; and, at every predicate edge E, an
// index of exactly E and E-0,01, of E-0,005 (a tie: rounds up to E) and
// E-0,0051 (rounds down to E-0,01).
func fractionalVectors(t testing.TB, r *rubric.Rubric) []levelVector {
	if len(r.Indicators()) != 20 {
		t.Fatalf("%s: %d indicators; the fractional vectors are Indeks Pemdi's 20", r.ID, len(r.Indicators()))
	}
	vs := []levelVector{
		{"developer example", levels(t, pemdiExample)},
		{"typed fractions", levels(t, "1.26 3.25 1.5 7/6 7/3 4.75 2.5 1.005 4.999 1.01 3.5 2.125 5 1 8/3 2.0625 4 1.75 3.3333 2.46")},
		// 3 x 7/6 = 3,5000000000000001 and 3 x 11/6 = 5,4999999999999999
		// for spbe, whose index then rounds up and down.
		{"7/6 at a tie", levels(t, "3 2 2 2 2 7/6 1 2 2 3 1 2 3 3 2 2 3 1 3 2")},
		{"11/6 at a tie", levels(t, "3 2 2 2 2 11/6 1 2 2 3 1 2 3 3 2 2 3 1 3 2")},
	}
	for _, b := range r.Predicates {
		if b.From <= rubric.NewDecimal(1) {
			continue
		}
		e := b.From.String()
		for _, tg := range []struct {
			name, target string
			thirds       bool
		}{
			{"index " + e, e, true},
			{"index " + e + " - 0.01", e + "-0.01", true},
			{"index " + e + " - 0.005 (tie)", e + "-0.005", false},
			{"index " + e + " - 0.0051", e + "-0.0051", false},
		} {
			vs = append(vs, levelVector{tg.name, indexOf(t, r, tg.target, tg.thirds)})
		}
	}
	return vs
}

// indexOf returns fractional levels of Indeks Pemdi whose exact index is
// the target ("2.5-0.005"): pairs of indicators of equal weight at
// target ± an offset, the rest at the target. With thirds, one pair is at
// target ± 1/6 as a spreadsheet stores them, which may move the exact
// index by 10^-16 but never the published one.
func indexOf(t testing.TB, r *rubric.Rubric, target string, thirds bool) []rubric.Level {
	t.Helper()
	x, y, _ := strings.Cut(target, "-")
	tg, _ := new(big.Rat).SetString(x)
	if y != "" {
		d, _ := new(big.Rat).SetString(y)
		tg.Sub(tg, d)
	}
	room := new(big.Rat).Sub(tg, big.NewRat(1, 1)) // to the scale's ends
	if up := new(big.Rat).Sub(big.NewRat(5, 1), tg); up.Cmp(room) < 0 {
		room = up
	}
	// Pairs of indicators of equal weight (1 and 2: 5 %, 6 and 7: 3 % ...)
	// and their offsets. The thirds go to aspect A1, whose index they
	// leave at the target: elsewhere they could make an index whose exact
	// value is a rounding tie that spbe, reading 16 decimals, sees 10^-16
	// below it, and the form, keeping 8, on it (see levelPlaces).
	first := "0.26"
	if thirds {
		first = "1/6"
	}
	pairs := []struct {
		a, b   int
		offset string
	}{{1, 2, first}, {3, 4, "0.25"}, {5, 13, "0.5"}, {6, 7, "0.75"}, {8, 9, "0.01"}, {10, 12, "0.49"}, {15, 16, "0.26"}, {11, 18, "0.125"}}
	out := make([]rubric.Level, 20)
	// A level with up to 8 decimals is typed as it is; another (tg ± 1/6)
	// as the number a spreadsheet stores for it.
	set := func(i int, v *big.Rat) {
		s := v.FloatString(8)
		if !new(big.Rat).Mul(v, big.NewRat(1e8, 1)).IsInt() {
			f, _ := v.Float64()
			s = strconv.FormatFloat(f, 'g', -1, 64)
		}
		l, err := rubric.ParseLevel(s)
		if err != nil {
			t.Fatal(err)
		}
		out[i-1] = l
	}
	for i := 1; i <= 20; i++ {
		set(i, tg)
	}
	for _, p := range pairs {
		d, _ := new(big.Rat).SetString(p.offset)
		if d.Cmp(room) > 0 {
			d = room
		}
		set(p.a, new(big.Rat).Add(tg, d))
		set(p.b, new(big.Rat).Sub(tg, d))
	}
	res, err := index.Compute(r, levelMap(r, out))
	if err != nil {
		t.Fatal(err)
	}
	if exact, _ := res.Index.Rat().Float64(); math.Abs(exact-ratFloat(tg)) > 1e-15 {
		t.Fatalf("levels %v: index %s, want %s", out, res.Index.Exact(), tg.FloatString(6))
	}
	return out
}

func ratFloat(x *big.Rat) float64 { f, _ := x.Float64(); return f }

// The form of Indeks Pemdi: no domain column nor rows, a number from 1 to
// 5 instead of a drop-down (with an input and an error message in the
// form's language), level names by the whole level reached, a note on
// the indicators scored by another agency, the index and predicate from
// the rubric.
func TestTemplatePemdiLayout(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	for _, c := range []struct {
		lang, sheet, results, header, input, note, index, hasil string
	}{
		{"id", "Penilaian", "Hasil", "No|Aspek|Indikator|Bobot (%)|Tingkat Kematangan|Nama Tingkat Kematangan|Penjelasan|Data Dukung",
			"Isi angka dari 1 sampai 5", "Nilai indikator 5 (3.1 Tata Kelola Data) berasal dari Satu Data Indonesia (Bappenas). Sampai nilai itu tiba, penilai memakai 1.",
			"Indeks Pemdi", "Kode|Aspek|Bobot (%)|Indeks aspek"},
		{"en", "Assessment", "Results", "No|Aspect|Indicator|Weight (%)|Maturity level|Stage reached|Explanation|Supporting evidence",
			"Enter a number from 1 to 5", "The value of indicator 5 (3.1 Tata Kelola Data) comes from Satu Data Indonesia (Bappenas). Until it arrives, assessors assume 1.",
			"Digital Government Index", "Code|Aspect|Weight (%)|Aspect index"},
	} {
		f, res, err := Template(r, "Kabupaten Contoh", c.lang)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := strings.Join(f.GetSheetList(), "|"); got != c.sheet+"|"+c.results || res.Sheet != c.sheet || res.Results != c.results {
			t.Errorf("%s: sheets %s, results %+v", c.lang, got, res)
		}
		if res.LevelCol != "E" || res.FormIndex != c.sheet+"!C4" || res.FormPredicate != c.sheet+"!D4" {
			t.Errorf("%s: level column %s, index %s, predicate %s; want E, C4, D4", c.lang, res.LevelCol, res.FormIndex, res.FormPredicate)
		}
		rows, _ := f.GetRows(c.sheet)
		if got := strings.Join(rows[FormHeaderRow-1], "|"); got != c.header {
			t.Errorf("%s: header = %s, want %s", c.lang, got, c.header)
		}
		if got := rows[3][0]; got != c.index+":" {
			t.Errorf("%s: A4 = %q, want %q", c.lang, got, c.index+":")
		}
		// The index in 14 points needs a row taller than the default 15.
		if ht, _ := f.GetRowHeight(c.sheet, 4); ht < 19 {
			t.Errorf("%s: row 4 (the index in 14 points) is %v high", c.lang, ht)
		}
		if got := rows[0][0]; !strings.Contains(got, "Pemerintah Digital") || strings.Contains(got, "SPBE") {
			t.Errorf("%s: title %q", c.lang, got)
		}
		dvs, err := f.GetDataValidations(c.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(dvs) != 1 {
			t.Fatalf("%s: %d validations, want 1", c.lang, len(dvs))
		}
		dv := dvs[0]
		if dv.Sqref != "E7:E26" || dv.Type != "decimal" || dv.Operator != "between" || dv.Formula1 != "1" || dv.Formula2 != "5" ||
			!dv.ShowErrorMessage || deref(dv.ErrorStyle) != "stop" || !dv.ShowInputMessage || !strings.HasPrefix(deref(dv.Prompt), c.input) || deref(dv.Error) == "" {
			t.Errorf("%s: validation %s %s %s %s..%s, input %q, error %q", c.lang, dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2, deref(dv.Prompt), deref(dv.Error))
		}
		// Level names by the whole level reached.
		if fm, _ := f.GetCellFormula(c.sheet, "F7"); fm != `IF(ISNUMBER(E7),IFERROR(CHOOSE(INT(E7),"Rintisan","Terkelola","Terstandarisasi","Terintegrasi","Optimum"),""),"")` {
			t.Errorf("%s: F7 = %s", c.lang, fm)
		}
		// Indicators 5, 6, 7 and 18 carry a note on their level cell, and
		// under the table.
		comments, err := f.GetComments(c.sheet)
		if err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, cm := range comments {
			text := cm.Text
			for _, p := range cm.Paragraph {
				text += p.Text
			}
			cells = append(cells, cm.Cell)
			if cm.Cell == "E11" && text != c.note {
				t.Errorf("%s: note on E11 = %q, want %q", c.lang, text, c.note)
			}
		}
		slices.Sort(cells)
		if got := strings.Join(cells, " "); got != "E11 E12 E13 E24" {
			t.Errorf("%s: notes on %s, want E11 E12 E13 E24 (indicators 5, 6, 7, 18)", c.lang, got)
		}
		if got := strings.Join(rows[27], "|") + " " + strings.Join(rows[28], "|"); !strings.Contains(got, c.note) {
			t.Errorf("%s: rows 28-29 = %q, want the notes", c.lang, got)
		}
		// The results: seven aspects, no domain, the index and the predicate.
		hasil, _ := f.GetRows(c.results)
		if got := strings.Join(hasil[2], "|"); got != c.hasil {
			t.Errorf("%s: results header = %s, want %s", c.lang, got, c.hasil)
		}
		if len(res.Aspects) != 7 || len(res.Domains) != 0 || res.Aspects["A7"] != "D10" || res.Index != c.results+"!D12" || res.Predicate != c.results+"!D13" {
			t.Errorf("%s: results at %+v", c.lang, res)
		}
		for _, row := range hasil {
			if len(row) > 0 && len(row[0]) == 2 && row[0][0] == 'D' {
				t.Errorf("%s: a domain row %q", c.lang, row)
			}
		}
		if got := hasil[11][0]; got != c.index {
			t.Errorf("%s: index label %q, want %q", c.lang, got, c.index)
		}
		// 10^8 x levels, weights as they are (whole), the index over 100.
		idx, _ := f.GetCellFormula(c.results, "D12")
		sheet := c.sheet
		// No number until every level is filled in (issue 19, item 9).
		if want := "IF(COUNT(" + sheet + "!$E$7:$E$26)<20,\"\",INT((2*100*SUMPRODUCT(ROUND(" + sheet + "!$E$7:$E$26*100000000,0),ROUND(" + sheet + "!$D$7:$D$26*1,0))+(100)*100000000)/(2*(100)*100000000))/100)"; idx != want {
			t.Errorf("%s: index = %s, want %s", c.lang, idx, want)
		}
		pred, _ := f.GetCellFormula(c.results, "D13")
		for _, edge := range []string{">=4,", ">=3.5,", ">=2.5,", ">=1.5,", ">=1,"} {
			if !strings.Contains(pred, "D12"+edge) {
				t.Errorf("%s: predicate %s lacks D12%s", c.lang, pred, edge)
			}
		}
	}
}
