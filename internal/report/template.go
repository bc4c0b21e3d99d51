package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// The layout of the input form written by Template.
const (
	FormSheet     = "Penilaian" // the sheet spbe score reads
	ResultSheet   = "Hasil"     // aspect, domain and SPBE index formulas
	FormIndexCell = "D4"        // the SPBE index on the form
	FormPredCell  = "E4"        // the predicate on the form
	FormHeaderRow = 6
	FormLevelCol  = "F"
)

// FormResults names the cells of ResultSheet that hold each aspect's and
// domain's index, the SPBE index and the predicate.
type FormResults struct {
	Aspects, Domains map[string]string
	Index, Predicate string
}

// WriteTemplate writes the input form of a rubric atomically to path.
func WriteTemplate(path string, r *rubric.Rubric, instansi, lang string, o SaveOptions) error {
	if err := CheckOutput(path, o); err != nil {
		return err
	}
	f, _, err := Template(r, instansi, lang)
	if err != nil {
		return err
	}
	defer f.Close()
	return Save(path, o, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// Template returns the input form of a rubric: one row per indicator with
// a level cell that accepts only the levels of its scale (a drop-down),
// the level's name, and live formulas on ResultSheet for every aspect and
// domain index, the SPBE index and the predicate, computed as pkg/index
// does: weighted means over the weights present for aspects and domains,
// over the rubric's total for the index, rounded half-up to the rubric's
// precision. spbe score reads the filled-in form unchanged.
//
// The formulas work on whole numbers so that spreadsheet floating point
// cannot move a rounding: weights are scaled to integers (ROUND(w*k,0)),
// and half-up rounding of S/W to p places is INT((2*S*10^p+W)/(2*W))/10^p,
// exact for these magnitudes.
func Template(r *rubric.Rubric, instansi, lang string) (*excelize.File, *FormResults, error) {
	f := excelize.NewFile()
	t := &form{f: f, r: r, lang: lang, res: &FormResults{Aspects: map[string]string{}, Domains: map[string]string{}}}
	if err := t.build(instansi); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("template: %w", err)
	}
	return f, t.res, nil
}

type form struct {
	f    *excelize.File
	r    *rubric.Rubric
	lang string
	res  *FormResults
	// k scales weights to whole numbers; ls scales levels.
	k, ls int64
	// rows of each aspect and domain on FormSheet, first and last.
	first, last int
}

func (t *form) build(instansi string) error {
	f, r := t.f, t.r
	if err := f.SetSheetName("Sheet1", FormSheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(ResultSheet); err != nil {
		return err
	}
	t.k = weightScale(r)
	t.ls = 1
	for _, s := range r.Scales {
		if !s.Integer {
			t.ls = 100
		}
	}
	st, err := formStyles(f, r.Precision, t.lang)
	if err != nil {
		return err
	}
	w := &sheetWriter{f: f, sheet: FormSheet}
	w.str(1, 1, label.Report.Get(t.lang, "formTitle")+" — "+r.Name, st["title"])
	if instansi != "" {
		w.str(1, 2, "Instansi: "+instansi, st["bold"])
	} else {
		w.str(1, 2, "Instansi:", st["bold"])
	}
	w.str(1, 3, label.Report.Get(t.lang, "rubric")+": "+r.Name+" ("+r.ID+")", 0)
	w.str(1, 4, label.IndexName(r, t.lang)+":", st["bold"])
	hdr := []string{"No", "Domain", "Aspek", "Indikator", "Bobot (%)", "Tingkat Kematangan", "Nama Tingkat Kematangan", "Penjelasan", "Data Dukung"}
	for c, h := range hdr {
		w.str(c+1, FormHeaderRow, h, st["header"])
	}
	inds := r.Indicators()
	t.first, t.last = FormHeaderRow+1, FormHeaderRow+len(inds)
	for i, ind := range inds {
		row := t.first + i
		if id, err := strconv.Atoi(ind.ID); err == nil && strconv.Itoa(id) == ind.ID {
			w.num(1, row, rubric.NewDecimal(int64(id)), st["center"])
		} else {
			w.str(1, row, ind.ID, st["center"])
		}
		domain := ""
		if ind.Aspect.Domain != nil {
			domain = ind.Aspect.Domain.Name
		}
		w.str(2, row, domain, st["text"])
		w.str(3, row, ind.Aspect.Name, st["text"])
		w.str(4, row, ind.Name, st["text"])
		w.height(row, max(lines(domain, formWidths["B"]), lines(ind.Aspect.Name, formWidths["C"]), lines(ind.Name, formWidths["D"])))
		w.num(5, row, ind.Weight, st["w"])
		w.style(6, row, st["input"])
		w.formula(7, row, levelNameFormula(ind.LevelScale, row), st["text"])
		w.style(8, row, st["input"])
		w.style(9, row, st["input"])
	}
	if w.err != nil {
		return w.err
	}
	if err := t.validations(); err != nil {
		return err
	}
	if err := t.results(st); err != nil {
		return err
	}
	w.formula(4, 4, t.res.Index, st["idx"])
	w.formula(5, 4, t.res.Predicate, st["bold"])
	if w.err != nil {
		return w.err
	}
	for col, wd := range formWidths {
		if err := f.SetColWidth(FormSheet, col, col, wd); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(FormSheet, FormHeaderRow, 32); err != nil {
		return err
	}
	if err := f.SetPanes(FormSheet, &excelize.Panes{Freeze: true, YSplit: FormHeaderRow, TopLeftCell: "A" + strconv.Itoa(FormHeaderRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	title := label.Report.Get(t.lang, "formTitle") + " — " + r.Name
	if err := setPage(f, FormSheet, t.lang, page{landscape: true, titleRows: FormHeaderRow, header: title, right: instansi}); err != nil {
		return err
	}
	if err := setPage(f, ResultSheet, t.lang, page{header: title, right: instansi}); err != nil {
		return err
	}
	// Excel recalculates on opening; spbe never writes cached results.
	return f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: ptr(true)})
}

// formWidths are the widths of the form's columns.
var formWidths = map[string]float64{"A": 6, "B": 22, "C": 26, "D": 60, "E": 10, "F": 12, "G": 22, "H": 40, "I": 30}

// weightScale returns the smallest power of ten that makes every weight
// and the rubric's total a whole number.
func weightScale(r *rubric.Rubric) int64 {
	k := int64(1)
	units := rubric.NewDecimal(1).Units()
	ok := func(d rubric.Decimal) bool { return d.Units()*k%units == 0 }
	for k < units {
		all := ok(r.Total)
		for _, ind := range r.Indicators() {
			all = all && ok(ind.Weight)
		}
		if all {
			break
		}
		k *= 10
	}
	return k
}

func formStyles(f *excelize.File, precision int, lang string) (map[string]int, error) {
	nf := func(places int) *string { return ptr(locale(lang) + numFmt(places)) }
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1}, {Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	defs := map[string]*excelize.Style{
		"title":  {Font: &excelize.Font{Bold: true, Size: 14, Color: colorHeader}},
		"bold":   {Font: &excelize.Font{Bold: true}},
		"header": {Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorHeader}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}, Border: border},
		"text":   {Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		"center": {Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}},
		"w":      {Border: border, CustomNumFmt: nf(2), Alignment: &excelize.Alignment{Vertical: "top"}},
		"input":  {Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}},
		"idx":    {Font: &excelize.Font{Bold: true, Size: 14, Color: colorHeader}, CustomNumFmt: nf(precision), Alignment: &excelize.Alignment{Horizontal: "left"}},
		"idxc":   {Border: border, CustomNumFmt: nf(precision)},
		"idxb":   {Border: border, Font: &excelize.Font{Bold: true}, CustomNumFmt: nf(precision)},
	}
	st := map[string]int{}
	for name, s := range defs {
		id, err := f.NewStyle(s)
		if err != nil {
			return nil, err
		}
		st[name] = id
	}
	return st, nil
}

// formulaString quotes s as a formula string literal.
func formulaString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// levelNameFormula shows the name of the level typed in column F.
func levelNameFormula(s *rubric.Scale, row int) string {
	lv := FormLevelCol + strconv.Itoa(row)
	lo, hi := int(s.Min.Int()), int(s.Max.Int())
	var names []string
	for l := lo; l <= hi; l++ {
		names = append(names, formulaString(s.Levels[l]))
	}
	idx := lv
	if lo != 1 {
		idx = fmt.Sprintf("%s-(%d)+1", lv, lo)
	}
	return fmt.Sprintf(`IF(ISNUMBER(%s),IFERROR(CHOOSE(%s,%s),""),"")`, lv, idx, strings.Join(names, ","))
}

// validations allow only the levels of each indicator's scale: a
// drop-down for whole-number scales, a decimal range otherwise.
func (t *form) validations() error {
	inds := t.r.Indicators()
	for i := 0; i < len(inds); {
		s := inds[i].LevelScale
		j := i
		for j < len(inds) && inds[j].LevelScale == s {
			j++
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s%d:%s%d", FormLevelCol, t.first+i, FormLevelCol, t.first+j-1))
		if s.Integer {
			var keys []string
			for l := s.Min.Int(); l <= s.Max.Int(); l++ {
				keys = append(keys, strconv.FormatInt(l, 10))
			}
			if err := dv.SetDropList(keys); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "Tingkat Kematangan",
				fmt.Sprintf("Pilih tingkat %s sampai %s / choose a level from %s to %s.", s.Min, s.Max, s.Min, s.Max))
		} else {
			if err := dv.SetRange(s.Min.Float64(), s.Max.Float64(), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "Tingkat Kematangan",
				fmt.Sprintf("Isi angka %s sampai %s / enter a number from %s to %s.", s.Min, s.Max, s.Min, s.Max))
		}
		if err := t.f.AddDataValidation(FormSheet, dv); err != nil {
			return err
		}
		i = j
	}
	return nil
}

func (t *form) rangeOf(col string, from, to int) string {
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", FormSheet, col, from, col, to)
}

// sums returns the formulas of the weighted level sum and the weight sum
// of rows from..to of the form, both whole numbers.
func (t *form) sums(from, to int) (s, w string) {
	levels := t.rangeOf(FormLevelCol, from, to)
	if t.ls != 1 {
		levels = fmt.Sprintf("ROUND(%s*%d,0)", levels, t.ls)
	}
	weights := fmt.Sprintf("ROUND(%s*%d,0)", t.rangeOf("E", from, to), t.k)
	return fmt.Sprintf("SUMPRODUCT(%s,%s)", levels, weights), fmt.Sprintf("SUMPRODUCT(%s)", weights)
}

// roundHalfUp returns the formula of s/(w*ls) rounded half-up to p places.
func (t *form) roundHalfUp(s, w string) string {
	p := int64(1)
	for i := 0; i < t.r.Precision; i++ {
		p *= 10
	}
	den := w
	if t.ls != 1 {
		den = fmt.Sprintf("(%s)*%d", w, t.ls)
	}
	return fmt.Sprintf("INT((2*%d*%s+%s)/(2*%s))/%d", p, s, den, den, p)
}

// results writes ResultSheet: aspects, domains, the SPBE index and the
// predicate, all formulas over FormSheet.
func (t *form) results(st map[string]int) error {
	r := t.r
	w := &sheetWriter{f: t.f, sheet: ResultSheet}
	w.str(1, 1, label.Report.Get(t.lang, "results")+" — "+r.Name, st["title"])
	row := 3
	for c, h := range []string{label.Report.Get(t.lang, "code"), label.Report.Get(t.lang, "aspect"), label.Report.Get(t.lang, "domain"), label.Report.Get(t.lang, "weight"), label.Report.Get(t.lang, "aspectIndex")} {
		w.str(c+1, row, h, st["header"])
	}
	// Rows of each aspect and domain on the form: indicators are in
	// rubric order, so each group is contiguous.
	type span struct{ from, to int }
	aspects, domains := map[string]*span{}, map[string]*span{}
	for i, ind := range r.Indicators() {
		row := t.first + i
		for _, m := range []struct {
			m  map[string]*span
			id string
		}{{aspects, ind.Aspect.ID}, {domains, domainOf(ind)}} {
			if sp, ok := m.m[m.id]; ok {
				sp.to = row
			} else {
				m.m[m.id] = &span{row, row}
			}
		}
	}
	for _, a := range r.Aspects() {
		row++
		sp := aspects[a.ID]
		s, wsum := t.sums(sp.from, sp.to)
		w.str(1, row, a.ID, st["center"])
		w.str(2, row, a.Name, st["text"])
		if a.Domain != nil {
			w.str(3, row, a.Domain.ID, st["center"])
		} else {
			w.style(3, row, st["center"])
		}
		w.num(4, row, a.Weight, st["w"])
		w.formula(5, row, t.roundHalfUp(s, wsum), st["idxb"])
		t.res.Aspects[a.ID] = "E" + strconv.Itoa(row)
	}
	if len(r.Domains) > 0 {
		row += 2
		for c, h := range []string{label.Report.Get(t.lang, "code"), label.Report.Get(t.lang, "domain"), "", label.Report.Get(t.lang, "weight"), label.Report.Get(t.lang, "domainIndex")} {
			w.str(c+1, row, h, st["header"])
		}
	}
	for _, d := range r.Domains {
		row++
		sp := domains[d.ID]
		s, wsum := t.sums(sp.from, sp.to)
		w.str(1, row, d.ID, st["center"])
		w.str(2, row, d.Name, st["text"])
		w.style(3, row, st["text"])
		w.num(4, row, d.Weight, st["w"])
		w.formula(5, row, t.roundHalfUp(s, wsum), st["idxb"])
		t.res.Domains[d.ID] = "E" + strconv.Itoa(row)
	}
	row += 2
	s, _ := t.sums(t.first, t.last)
	total := r.Total.Units() * t.k / rubric.NewDecimal(1).Units()
	w.str(1, row, label.IndexName(r, t.lang), st["bold"])
	w.formula(5, row, t.roundHalfUp(s, strconv.FormatInt(total, 10)), st["idx"])
	idxCell := "E" + strconv.Itoa(row)
	t.res.Index = ResultSheet + "!" + idxCell
	row++
	w.str(1, row, label.Report.Get(t.lang, "predicate"), st["bold"])
	w.formula(5, row, t.predicateFormula(idxCell, s, total), st["bold"])
	t.res.Predicate = ResultSheet + "!E" + strconv.Itoa(row)
	if w.err != nil {
		return w.err
	}
	for _, cw := range []struct {
		col string
		w   float64
	}{{"A", 8}, {"B", 56}, {"C", 8}, {"D", 10}, {"E", 14}} {
		if err := t.f.SetColWidth(ResultSheet, cw.col, cw.col, cw.w); err != nil {
			return err
		}
	}
	return nil
}

// predicateFormula judges the published index (in idxCell) or the exact
// one (s / total) as the rubric says, highest band first; until every
// level is filled in it says the form is incomplete.
func (t *form) predicateFormula(idxCell, s string, total int64) string {
	bands := slices.Clone(t.r.Predicates)
	slices.SortStableFunc(bands, func(x, y *rubric.Band) int { return int(y.From - x.From) })
	expr := `""`
	for i := len(bands) - 1; i >= 0; i-- {
		b := bands[i]
		var cond string
		if t.r.PredicateOn == "exact" {
			// s / (total*ls) >= from  <=>  s*10^6 >= from_units*total*ls
			cond = fmt.Sprintf("%s*%d>=%d", s, rubric.NewDecimal(1).Units(), b.From.Units()*total*t.ls)
		} else {
			cond = fmt.Sprintf("%s>=%s", idxCell, b.From.String())
		}
		expr = fmt.Sprintf("IF(%s,%s,%s)", cond, formulaString(label.PredicateName(b, t.lang)), expr)
	}
	n := len(t.r.Indicators())
	return fmt.Sprintf("IF(COUNT(%s)<%d,%s,%s)", t.rangeOf(FormLevelCol, t.first, t.last), n, formulaString(label.Report.Get(t.lang, "incomplete")), expr)
}

// domainOf returns the id and name of an aspect's domain, "" in a rubric
// without domains.
