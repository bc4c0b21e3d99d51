package excelout

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// The layout of the input form written by Template. The names of its
// sheets and columns, and so the column of the levels and the cells of
// the results, depend on the language and on whether the rubric has
// domains: FormResults names them.
const (
	FormSheet     = "Penilaian" // the sheet spbe score reads (in Indonesian)
	ResultSheet   = "Hasil"     // aspect, domain and index formulas (in Indonesian)
	FormHeaderRow = 6
)

// formWords are the words of the form that the other outputs do not use.
// The English header of the level-name column avoids the words the
// workbook reader takes for a level column ("level", "nilai" ...).
var formWords = label.Table{
	"id": {
		"sheet": FormSheet, "results": ResultSheet, "title": "Formulir Penilaian",
		"no": "No", "domain": "Domain", "aspect": "Aspek", "indicator": "Indikator", "weight": "Bobot (%)",
		"level": "Tingkat Kematangan", "levelname": "Nama Tingkat Kematangan", "explanation": "Penjelasan", "evidence": "Data Dukung",
		"inputTitle": "Tingkat Kematangan",
		"input":      "Isi angka dari %s sampai %s; pecahan boleh (mis. 1,26 atau =7/6). Nama tingkat mengikuti tingkat utuh yang dicapai.",
		"error":      "Tingkat kematangan harus angka dari %s sampai %s (pecahan boleh, mis. 2,5).",
		"external":   "Nilai indikator %s berasal dari %s. Sampai nilai itu tiba, penilai memakai %s.",
		"notes":      "Catatan:",
	},
	"en": {
		"sheet": "Assessment", "results": "Results", "title": "Evaluation form",
		"no": "No", "domain": "Domain", "aspect": "Aspect", "indicator": "Indicator", "weight": "Weight (%)",
		"level": "Maturity level", "levelname": "Stage reached", "explanation": "Explanation", "evidence": "Supporting evidence",
		"inputTitle": "Maturity level",
		"input":      "Enter a number from %s to %s; fractions are allowed (e.g. 1.26 or =7/6). The stage is the whole level reached.",
		"error":      "The maturity level must be a number from %s to %s (fractions allowed, e.g. 2.5).",
		"external":   "The value of indicator %s comes from %s. Until it arrives, assessors assume %s.",
		"notes":      "Notes:",
	},
}

// FormResults names the sheets of the form, the column its levels are
// typed in, and the cells of ResultSheet that hold each aspect's and
// domain's index, the index and the predicate.
type FormResults struct {
	// Sheet is the sheet spbe score reads; Results the sheet of formulas.
	Sheet, Results string
	// LevelCol is the column of the levels on Sheet ("F"; "E" without
	// domains).
	LevelCol string
	// Aspects and Domains map ids to cells of Results ("E4").
	Aspects, Domains map[string]string
	// Index and Predicate are references to Results ("Hasil!E16");
	// FormIndex and FormPredicate to the copies above the table on Sheet.
	Index, Predicate         string
	FormIndex, FormPredicate string
}

// WriteTemplate writes the input form of a rubric atomically to path.
func WriteTemplate(path string, r *rubric.Rubric, instansi, lang string, o outfile.Options) error {
	if err := outfile.Check(path, o); err != nil {
		return err
	}
	f, _, err := Template(r, instansi, lang)
	if err != nil {
		return err
	}
	defer f.Close()
	return outfile.Save(path, o, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// Template returns the input form of a rubric: one row per indicator with
// a level cell that accepts only the levels of its scale (a drop-down on
// a whole-number scale, a number from the scale's minimum to its maximum
// on a scale of fractional levels), the level's name, and live formulas
// on the results sheet for every aspect and domain index, the index and
// the predicate, computed as pkg/index does: weighted means over the
// weights present for aspects and domains, over the rubric's total for
// the index, rounded half-up to the rubric's precision. spbe score reads
// the filled-in form unchanged. A rubric without domains gets no domain
// column nor rows.
//
// The formulas work on whole numbers so that spreadsheet floating point
// cannot move a rounding: weights are scaled to integers (ROUND(w*k,0)),
// fractional levels too (ROUND(l*10^8,0): see levelPlaces), and half-up
// rounding of S/W to p places is INT((2*S*10^p+W)/(2*W))/10^p, exact for
// these magnitudes.
func Template(r *rubric.Rubric, instansi, lang string) (*excelize.File, *FormResults, error) {
	f := excelize.NewFile()
	t := &form{f: f, r: r, lang: lang, res: &FormResults{
		Sheet: formWords.Get(lang, "sheet"), Results: formWords.Get(lang, "results"),
		Aspects: map[string]string{}, Domains: map[string]string{}}}
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
	// rows of the indicators on the form, first and last.
	first, last int
	// cols are the keys of the form's columns (formWords), in order, and
	// widths their widths.
	cols   []string
	widths map[string]float64
}

// col returns the column number of a key of formWords, 0 when the form
// has no such column.
func (t *form) col(key string) int { return slices.Index(t.cols, key) + 1 }

// colName returns the letter of a key's column.
func (t *form) colName(key string) string {
	c, _ := excelize.ColumnNumberToName(t.col(key))
	return c
}

func (t *form) word(key string) string { return formWords.Get(t.lang, key) }

func (t *form) build(instansi string) error {
	f, r := t.f, t.r
	sheet := t.res.Sheet
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(t.res.Results); err != nil {
		return err
	}
	t.k = weightScale(r)
	t.ls = pow10(levelPlaces(r, t.k))
	t.cols = []string{"no", "domain", "aspect", "indicator", "weight", "level", "levelname", "explanation", "evidence"}
	t.widths = maps.Clone(formWidths)
	if len(r.Domains) == 0 {
		t.cols = slices.DeleteFunc(t.cols, func(c string) bool { return c == "domain" })
		// Room from the domain column: aspect names on one line.
		t.widths["aspect"] = 42
	}
	t.res.LevelCol = t.colName("level")
	st, err := formStyles(f, r.Precision, t.lang)
	if err != nil {
		return err
	}
	title := t.title()
	w := &sheetWriter{f: f, sheet: sheet}
	w.str(1, 1, title, st["title"])
	if instansi != "" {
		w.str(1, 2, "Instansi: "+instansi, st["bold"])
	} else {
		w.str(1, 2, "Instansi:", st["bold"])
	}
	w.str(1, 3, label.Report.Get(t.lang, "rubric")+": "+r.Name+" ("+r.ID+")", 0)
	w.str(1, 4, label.IndexName(r, t.lang)+":", st["bold"])
	for c, key := range t.cols {
		w.str(c+1, FormHeaderRow, t.word(key), st["header"])
	}
	inds := r.Indicators()
	t.first, t.last = FormHeaderRow+1, FormHeaderRow+len(inds)
	for i, ind := range inds {
		row := t.first + i
		if id, err := strconv.Atoi(ind.ID); err == nil && strconv.Itoa(id) == ind.ID {
			w.num(t.col("no"), row, rubric.NewDecimal(int64(id)), st["center"])
		} else {
			w.str(t.col("no"), row, ind.ID, st["center"])
		}
		domain := ""
		if c := t.col("domain"); c > 0 {
			if ind.Aspect.Domain != nil {
				domain = ind.Aspect.Domain.Name
			}
			w.str(c, row, domain, st["text"])
		}
		w.str(t.col("aspect"), row, ind.Aspect.Name, st["text"])
		w.str(t.col("indicator"), row, codeName(ind), st["text"])
		w.height(row, max(lines(domain, t.widths["domain"]), lines(ind.Aspect.Name, t.widths["aspect"]), lines(codeName(ind), t.widths["indicator"])))
		w.num(t.col("weight"), row, ind.Weight, st["w"])
		if ind.LevelScale.Integer {
			w.style(t.col("level"), row, st["input"])
		} else {
			w.style(t.col("level"), row, st["inputd"])
		}
		w.formula(t.col("levelname"), row, levelNameFormula(ind.LevelScale, t.res.LevelCol+strconv.Itoa(row)), st["text"])
		w.style(t.col("explanation"), row, st["input"])
		w.style(t.col("evidence"), row, st["input"])
	}
	if w.err != nil {
		return w.err
	}
	if err := t.externals(w); err != nil {
		return err
	}
	if err := t.validations(); err != nil {
		return err
	}
	if err := t.results(st); err != nil {
		return err
	}
	ic := t.col("indicator")
	t.res.FormIndex, t.res.FormPredicate = sheet+"!"+cell(ic, 4), sheet+"!"+cell(ic+1, 4)
	w.formula(ic, 4, t.res.Index, st["idx"])
	w.formula(ic+1, 4, t.res.Predicate, st["bold"])
	if w.err != nil {
		return w.err
	}
	for c, key := range t.cols {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, name, name, t.widths[key]); err != nil {
			return err
		}
	}
	// The index above the table is in 14 points: a row of the default
	// height ran it into the Rubrik line above.
	if err := f.SetRowHeight(sheet, 4, 20); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, FormHeaderRow, 32); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: FormHeaderRow, TopLeftCell: "A" + strconv.Itoa(FormHeaderRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := setPage(f, sheet, t.lang, page{landscape: true, titleRows: FormHeaderRow, header: title, right: instansi, footer: instansi}); err != nil {
		return err
	}
	// The Hasil sheet prints portrait: the title fills its header, and the
	// instansi is named in the footer (beside the title it ran into it).
	if err := setPage(f, t.res.Results, t.lang, page{header: title, footer: instansi}); err != nil {
		return err
	}
	// Excel recalculates on opening; spbe never writes cached results.
	return f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: ptr(true)})
}

// title is the form's title: "Formulir Evaluasi SPBE — <rubric>" for a
// rubric of the SPBE index, "Formulir Penilaian — <rubric>" for one of
// another index (the rubric's name says which).
func (t *form) title() string {
	if label.IndexName(t.r, t.lang) == label.IndexName(nil, t.lang) {
		return label.Report.Get(t.lang, "formTitle") + " — " + t.r.Name
	}
	return t.word("title") + " — " + t.r.Name
}

// externals notes on the level cell of each indicator scored by another
// agency where its value comes from and what assessors assume until it
// arrives, and repeats the notes under the table, where they print.
func (t *form) externals(w *sheetWriter) error {
	row := t.last + 1
	for i, ind := range t.r.Indicators() {
		if ind.External == nil {
			continue
		}
		assume := ind.External.Assume.String()
		if t.lang != "en" {
			assume = strings.Replace(assume, ".", ",", 1)
		}
		// Named as on the form's row and by the assessors' kode: 5 (3.1
		// Tata Kelola Data).
		ref := ind.ID
		if ind.Code != "" {
			ref += " (" + codeName(ind) + ")"
		}
		note := fmt.Sprintf(t.word("external"), ref, ind.External.Source, assume)
		if err := t.f.AddComment(t.res.Sheet, excelize.Comment{Cell: t.res.LevelCol + strconv.Itoa(t.first+i), Author: "spbe",
			Paragraph: []excelize.RichTextRun{{Text: note}}, Width: 260, Height: 80}); err != nil {
			return err
		}
		if row == t.last+1 {
			row++
			w.free(t.col("aspect"), row, t.word("notes"), 0)
		}
		row++
		// Not in the id column: the reader skips a row without an id.
		w.free(t.col("aspect"), row, "* "+note, 0)
	}
	return w.err
}

// formWidths are the widths of the form's columns, by key.
var formWidths = map[string]float64{"no": 6, "domain": 22, "aspect": 26, "indicator": 60, "weight": 10, "level": 12, "levelname": 22, "explanation": 40, "evidence": 30}

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
		// A fractional level as typed, with the language's decimal separator.
		"inputd": {Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, CustomNumFmt: ptr(locale(lang) + "General")},
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

// levelNameFormula shows the name of the level typed in the cell lv: on a
// scale of fractional levels, the name of the whole level it has reached
// (INT: 1,26 is named by 1, 2,5 by 2), as rubric.Scale.LevelName does.
func levelNameFormula(s *rubric.Scale, lv string) string {
	lo, hi := int(s.Min.Int()), int(s.Max.Int())
	var names []string
	for l := lo; l <= hi; l++ {
		names = append(names, formulaString(s.Levels[l]))
	}
	idx := lv
	if !s.Integer {
		idx = "INT(" + lv + ")"
	}
	if lo != 1 {
		idx = fmt.Sprintf("%s-(%d)+1", idx, lo)
	}
	return fmt.Sprintf(`IF(ISNUMBER(%s),IFERROR(CHOOSE(%s,%s),""),"")`, lv, idx, strings.Join(names, ","))
}

// decimalWord writes d with the language's decimal separator.
func decimalWord(d rubric.Decimal, lang string) string {
	if lang == "en" {
		return d.String()
	}
	return strings.Replace(d.String(), ".", ",", 1)
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
		dv.SetSqref(fmt.Sprintf("%s%d:%s%d", t.res.LevelCol, t.first+i, t.res.LevelCol, t.first+j-1))
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
			lo, hi := decimalWord(s.Min, t.lang), decimalWord(s.Max, t.lang)
			dv.SetInput(t.word("inputTitle"), fmt.Sprintf(t.word("input"), lo, hi))
			dv.SetError(excelize.DataValidationErrorStyleStop, t.word("inputTitle"), fmt.Sprintf(t.word("error"), lo, hi))
		}
		if err := t.f.AddDataValidation(t.res.Sheet, dv); err != nil {
			return err
		}
		i = j
	}
	return nil
}

func (t *form) rangeOf(col string, from, to int) string {
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", t.res.Sheet, col, from, col, to)
}

// levelPlaces returns how many decimals of a level the formulas keep: none
// on whole-number scales. On a scale of fractional levels, 8 (fewer only
// for a rubric with larger weights, levels or precision): every level
// with up to 8 decimals (1,26; 3,25) is then exact, the sums stay whole
// numbers below 10^13, and so does every step of the rounding. A level
// with more decimals (7/6, stored as 1.1666666666666667) is taken to 8
// (1,16666667), which moves an index by less than 10^-8: the rounded
// index differs from spbe score's only when the exact index lies within
// that distance of a rounding tie without being one.
func levelPlaces(r *rubric.Rubric, k int64) int {
	frac := false
	top := 1.0
	for _, s := range r.Scales {
		frac = frac || !s.Integer
		top = max(top, math.Abs(s.Min.Float64()), math.Abs(s.Max.Float64()))
	}
	if !frac {
		return 0
	}
	weights := r.Total.Float64()
	sum := 0.0
	for _, ind := range r.Indicators() {
		sum += ind.Weight.Float64()
	}
	weights = max(weights, sum) * float64(k)
	// The rounding's numerator: 2 x 10^p x level x weights x 10^d.
	n := 2 * float64(pow10(r.Precision)) * top * weights
	d := 8
	for d > 0 && n*float64(pow10(d)) > 1e13 {
		d--
	}
	return d
}

// pow10 returns 10^n.
func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// sums returns the formulas of the weighted level sum and the weight sum
// of rows from..to of the form, both whole numbers.
func (t *form) sums(from, to int) (s, w string) {
	levels := t.rangeOf(t.res.LevelCol, from, to)
	if t.ls != 1 {
		levels = fmt.Sprintf("ROUND(%s*%d,0)", levels, t.ls)
	}
	weights := fmt.Sprintf("ROUND(%s*%d,0)", t.rangeOf(t.colName("weight"), from, to), t.k)
	return fmt.Sprintf("SUMPRODUCT(%s,%s)", levels, weights), fmt.Sprintf("SUMPRODUCT(%s)", weights)
}

// whenFilled returns the formula expr when every level of the rows
// from..to is filled in, else an empty text: an empty level would count
// as 0, below every scale (an aspect of Indeks Pemdi showed 0,67 with
// its external indicators empty), and spbe score refuses such a form.
func (t *form) whenFilled(from, to int, expr string) string {
	return fmt.Sprintf(`IF(COUNT(%s)<%d,"",%s)`, t.rangeOf(t.res.LevelCol, from, to), to-from+1, expr)
}

// roundHalfUp returns the formula of s/(w*ls) rounded half-up to p places.
func (t *form) roundHalfUp(s, w string) string {
	p := pow10(t.r.Precision)
	den := w
	if t.ls != 1 {
		den = fmt.Sprintf("(%s)*%d", w, t.ls)
	}
	return fmt.Sprintf("INT((2*%d*%s+%s)/(2*%s))/%d", p, s, den, den, p)
}

// results writes the results sheet: aspects, domains (in a rubric that
// has them), the index and the predicate, all formulas over the form.
func (t *form) results(st map[string]int) error {
	r := t.r
	w := &sheetWriter{f: t.f, sheet: t.res.Results}
	w.str(1, 1, label.Report.Get(t.lang, "results")+" — "+r.Name, st["title"])
	row := 3
	hdr := []string{label.Report.Get(t.lang, "code"), label.Report.Get(t.lang, "aspect"), label.Report.Get(t.lang, "domain"), label.Report.Get(t.lang, "weight"), label.Report.Get(t.lang, "aspectIndex")}
	if len(r.Domains) == 0 {
		hdr = slices.Delete(hdr, 2, 3)
	}
	for c, h := range hdr {
		w.str(c+1, row, h, st["header"])
	}
	// The column of the indices: the last.
	ix := len(hdr)
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
		if len(r.Domains) > 0 {
			if a.Domain != nil {
				w.str(3, row, a.Domain.ID, st["center"])
			} else {
				w.style(3, row, st["center"])
			}
		}
		w.num(ix-1, row, a.Weight, st["w"])
		w.formula(ix, row, t.whenFilled(sp.from, sp.to, t.roundHalfUp(s, wsum)), st["idxb"])
		t.res.Aspects[a.ID] = cell(ix, row)
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
		w.formula(5, row, t.whenFilled(sp.from, sp.to, t.roundHalfUp(s, wsum)), st["idxb"])
		t.res.Domains[d.ID] = "E" + strconv.Itoa(row)
	}
	row += 2
	s, _ := t.sums(t.first, t.last)
	total := r.Total.Units() * t.k / rubric.NewDecimal(1).Units()
	w.str(1, row, label.IndexName(r, t.lang), st["bold"])
	w.formula(ix, row, t.whenFilled(t.first, t.last, t.roundHalfUp(s, strconv.FormatInt(total, 10))), st["idx"])
	idxCell := cell(ix, row)
	t.res.Index = t.res.Results + "!" + idxCell
	row++
	w.str(1, row, label.Report.Get(t.lang, "predicate"), st["bold"])
	w.formula(ix, row, t.predicateFormula(idxCell, s, total), st["bold"])
	t.res.Predicate = t.res.Results + "!" + cell(ix, row)
	if w.err != nil {
		return w.err
	}
	widths := []float64{8, 56, 8, 12, 14} // "Weight (%)" on one line
	if len(r.Domains) == 0 {
		widths = slices.Delete(widths, 2, 3)
	}
	for c, cw := range widths {
		name, _ := excelize.ColumnNumberToName(c + 1)
		if err := t.f.SetColWidth(t.res.Results, name, name, cw); err != nil {
			return err
		}
	}
	return nil
}

// predicateFormula judges the published index (in idxCell) or the exact
// one (s / (total*ls)) as the rubric says, highest band first; until
// every level is filled in it says the form is incomplete.
func (t *form) predicateFormula(idxCell, s string, total int64) string {
	bands := slices.Clone(t.r.Predicates)
	slices.SortStableFunc(bands, func(x, y *rubric.Band) int { return int(y.From - x.From) })
	expr := `""`
	for i := len(bands) - 1; i >= 0; i-- {
		b := bands[i]
		var cond string
		if t.r.PredicateOn == "exact" {
			// s / (total*ls) >= from_units/units  <=>  s*units >= from_units*total*ls,
			// with the powers of ten on one side only, to keep the
			// numbers small: ls and units are both powers of ten.
			lhs, rhs := rubric.NewDecimal(1).Units(), b.From.Units()*total
			if t.ls >= lhs {
				lhs, rhs = 1, rhs*(t.ls/lhs)
			} else {
				lhs /= t.ls
			}
			cond = fmt.Sprintf("%s*%d>=%d", s, lhs, rhs)
		} else {
			cond = fmt.Sprintf("%s>=%s", idxCell, b.From.String())
		}
		expr = fmt.Sprintf("IF(%s,%s,%s)", cond, formulaString(label.PredicateName(b, t.lang)), expr)
	}
	n := len(t.r.Indicators())
	return fmt.Sprintf("IF(COUNT(%s)<%d,%s,%s)", t.rangeOf(t.res.LevelCol, t.first, t.last), n, formulaString(label.Report.Get(t.lang, "incomplete")), expr)
}
