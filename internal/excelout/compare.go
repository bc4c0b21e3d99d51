package excelout

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// maxCompareSheets bounds the detail sheets of a comparison workbook; a
// larger batch gets the overview only.
const maxCompareSheets = 50

var compareLabels = map[string]map[string]string{
	"id": {
		"overview": "Perbandingan", "title": "Perbandingan indeks SPBE", "old": "Lama", "new": "Baru",
		"change": "Perubahan", "predOld": "Predikat lama", "predNew": "Predikat baru", "moved": "Indikator yang berubah",
		"none": "Tidak ada indikator yang berubah.", "effect": "Pengaruh pada indeks", "chart": "Indeks aspek: lama dan baru",
		"changes": "Perubahan indeks", "onlyOld": "Hanya di data lama", "onlyNew": "Hanya di data baru",
		"errors": "Tidak dapat dibaca", "more": "Lembar rincian hanya untuk %d pasangan pertama.",
	},
	"en": {
		"overview": "Comparison", "title": "SPBE index comparison", "old": "Old", "new": "New",
		"change": "Change", "predOld": "Old predicate", "predNew": "New predicate", "moved": "Indicators that changed",
		"none": "No indicator changed.", "effect": "Effect on the index", "chart": "Aspect indices: old and new",
		"changes": "Index change", "onlyOld": "Only in the old data", "onlyNew": "Only in the new data",
		"errors": "Could not be read", "more": "Detail sheets only for the first %d pairs.",
	},
}

// WriteCompare saves a workbook of comparisons. One comparison is one
// sheet: the index and predicate, every domain and aspect old, new and
// changed (with a column chart of the aspects old against new), and the
// indicators that moved, in the order of the text output. Several
// comparisons (or instansi found on one side only) add an overview sheet
// first: a row per pair with a bar chart of the index changes, and the
// unmatched and unreadable inputs. Numbers are the published values,
// rounded as spbe compare prints them; text is written as text. It is
// saved like a report: atomically, never over an input, over an existing
// file only with Force.
func WriteCompare(path string, cs *result.Comparisons, lang string, o outfile.Options) error {
	if len(cs.Pairs) == 0 {
		return fmt.Errorf("%s: nothing to compare", path)
	}
	if err := outfile.Check(path, o); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	r := cs.Pairs[0].New.Result.Rubric
	b := &builder{f: f, lang: lang, prov: &result.Provenance{Precision: r.Precision}}
	if err := b.styles(); err != nil {
		return err
	}
	if err := b.compareStyles(r.Precision); err != nil {
		return err
	}
	// The words name the rubric's own index (Indeks Pemdi, not SPBE).
	l := func(key string) string { return label.Index(r, lang, compareLabels[langOr(lang)][key]) }
	overview := len(cs.Pairs) > 1 || len(cs.OnlyOld)+len(cs.OnlyNew)+len(cs.Errors) > 0
	var names []string
	for i, c := range cs.Pairs[:min(len(cs.Pairs), maxCompareSheets)] {
		name := l("overview")
		if overview {
			name = sheetName(i+1, c.New.Instansi)
		}
		names = append(names, name)
	}
	if overview {
		if err := b.compareOverview(cs, names, l); err != nil {
			return fmt.Errorf("compare: %w", err)
		}
	}
	for i, c := range cs.Pairs[:len(names)] {
		if err := b.comparePair(names[i], c, l); err != nil {
			return fmt.Errorf("compare: %w", err)
		}
	}
	return outfile.Save(path, o, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// compareStyles adds the signed formats of changes and effects (+0.25,
// -0.25, 0.00) to the builder's styles.
func (b *builder) compareStyles(p int) error {
	border := []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}
	signed := func(places int) *string {
		f, loc := numFmt(places), locale(b.lang)
		return ptr(loc + "+" + f + ";" + loc + "-" + f + ";" + loc + f)
	}
	for name, s := range map[string]*excelize.Style{
		"chg":  {CustomNumFmt: signed(p), Border: border},
		"chgb": {CustomNumFmt: signed(p), Font: &excelize.Font{Bold: true}, Border: border},
		// The moved indicators: top-aligned beside names that wrap.
		"mlvl":    {CustomNumFmt: ptr("0"), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Border: border},
		"mlvld":   {CustomNumFmt: b.nf(2), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}, Border: border},
		"meffect": {CustomNumFmt: signed(p + 2), Alignment: &excelize.Alignment{Vertical: "top"}, Border: border},
		"plain":   {Border: border},
		"link":    {Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Border: border},
	} {
		id, err := b.f.NewStyle(s)
		if err != nil {
			return err
		}
		b.st[name] = id
	}
	return nil
}

// sheetName is "n instansi" without the characters a sheet name may not
// hold, spaces collapsed, cut to Excel's 31 UTF-16 units, never ending in
// an apostrophe.
func sheetName(n int, instansi string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, instansi)
	name := fmt.Sprintf("%d %s", n, strings.Join(strings.Fields(clean), " "))
	units := 0
	for i, r := range name {
		if units += utf16Len(r); units > 31 {
			name = name[:i]
			break
		}
	}
	return strings.TrimRight(name, " '")
}

func utf16Len(r rune) int {
	if r >= 0x10000 && utf8.ValidRune(r) {
		return 2
	}
	return 1
}

// wrapHeight sets the height of a row whose text wraps in a column of
// width (about as many characters): LibreOffice does not grow rows written
// without a height.
func wrapHeight(f *excelize.File, sheet string, row int, text string, width int) error {
	n := lines(text, float64(width))
	if n <= 1 {
		return nil
	}
	return f.SetRowHeight(sheet, row, rowHeight(n))
}

func (b *builder) compareOverview(cs *result.Comparisons, sheets []string, l func(string) string) error {
	name := l("overview")
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	w.str(1, 1, l("title"), b.st["title"])
	for c, h := range []string{b.label("instansi"), l("old"), l("new"), l("change"), l("predOld"), l("predNew")} {
		w.str(c+1, 3, h, b.st["header"])
	}
	row := 3
	for i, c := range cs.Pairs {
		row++
		ro, rn := c.Old.Result, c.New.Result
		if i < len(sheets) {
			w.str(1, row, c.New.Instansi, b.st["link"])
			if w.err == nil {
				w.err = b.f.SetCellHyperLink(name, cell(1, row), quoteSheet(sheets[i])+"!A1", "Location")
			}
		} else {
			w.str(1, row, c.New.Instansi, b.st["text"])
		}
		w.num(2, row, ro.Published, b.st["idx"])
		w.num(3, row, rn.Published, b.st["idx"])
		w.num(4, row, rn.Published-ro.Published, b.st["chgb"])
		w.str(5, row, label.PredicateName(ro.Predicate, b.lang), b.st["text"])
		w.str(6, row, label.PredicateName(rn.Predicate, b.lang), b.st["text"])
	}
	last := row
	lists := []struct {
		key   string
		names []string
	}{{"onlyOld", cs.OnlyOld}, {"onlyNew", cs.OnlyNew}, {"errors", nil}}
	for _, e := range cs.Errors {
		lists[2].names = append(lists[2].names, e.Message)
	}
	for _, x := range lists {
		if len(x.names) == 0 {
			continue
		}
		row += 2
		w.str(1, row, fmt.Sprintf("%s (%d)", l(x.key), len(x.names)), b.st["textb"])
		for _, n := range x.names {
			row++
			w.str(1, row, n, b.st["plain"])
		}
	}
	if len(cs.Pairs) > len(sheets) {
		row += 2
		w.str(1, row, fmt.Sprintf(l("more"), len(sheets)), b.st["note"])
	}
	if w.err != nil {
		return w.err
	}
	if err := b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := setPage(b.f, name, b.lang, page{landscape: true, titleRows: 3, header: l("title")}); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 48, "B": 10, "C": 10, "D": 12, "E": 24, "F": 24} {
		if err := b.f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	chart := &excelize.Chart{
		Type:       excelize.Bar,
		Series:     []excelize.ChartSeries{{Name: ref(name, 4, 3, 4, 3), Categories: ref(name, 1, 4, 1, last), Values: ref(name, 4, 4, 4, last)}},
		Title:      chartTitle(l("changes")),
		Legend:     excelize.ChartLegend{Position: "none"},
		VaryColors: ptr(false),
		PlotArea:   excelize.ChartPlotArea{ShowVal: true},
		// Labels at the low end of the axis: beside negative bars too, never
		// over them.
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: axisFont, TickLabelPosition: excelize.ChartTickLabelLow},
		YAxis:     excelize.ChartAxis{Font: axisFont, MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: locale(b.lang) + "0.00"}},
		Dimension: excelize.ChartDimension{Width: 560, Height: uint(max(240, 24*(last-3)+80))},
	}
	return b.f.AddChart(name, "H3", chart)
}

func (b *builder) comparePair(name string, c *result.Comparison, l func(string) string) error {
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	ro, rn := c.Old.Result, c.New.Result
	p := rn.Rubric.Precision
	w.str(1, 1, l("title"), b.st["title"])
	// Labels in A, text in C, numbers in D to F: the columns of the tables.
	w.str(1, 2, b.label("instansi"), b.st["textb"])
	w.str(3, 2, c.New.Instansi, b.st["plain"])
	w.str(1, 3, l("old"), b.st["textb"])
	w.str(3, 3, c.OldLabel, b.st["plain"])
	w.str(1, 4, l("new"), b.st["textb"])
	w.str(3, 4, c.NewLabel, b.st["plain"])

	// A side read with an assumed level is provisional: said as the
	// report says it, in a merged row in words for the reader.
	row := 5
	for _, x := range []struct {
		side string
		e    *result.Evaluation
	}{{l("old"), c.Old}, {l("new"), c.New}} {
		if note := b.provisionalNote(x.e); note != "" {
			row++
			note = x.side + ": " + note
			w.free(1, row, note, b.st["provisional"])
			if w.err == nil {
				w.err = b.f.MergeCell(name, cell(1, row), cell(6, row))
			}
			w.height(row, lines(note, 110)+1)
		}
	}

	// The index and predicate, the domains, then the aspects (a block of
	// their own, which the chart reads): old, new, change.
	header := func(first string) {
		row += 2
		for i, h := range []string{b.label("code"), "", first, l("old"), l("new"), l("change")} {
			w.str(i+1, row, h, b.st["header"])
		}
	}
	line := func(code, label string, old, new index.Value, bold bool) {
		row++
		x, y := old.Round(p), new.Round(p)
		st, chg := b.st["idx"], b.st["chg"]
		if bold {
			st, chg = b.st["idxb"], b.st["chgb"]
		}
		w.str(1, row, code, b.st["textb"])
		w.str(3, row, label, b.st["text"])
		w.num(4, row, x, st)
		w.num(5, row, y, st)
		w.num(6, row, y-x, chg)
	}
	header("")
	line("", b.indexName(rn.Rubric), ro.Index, rn.Index, true)
	row++
	w.str(3, row, b.label("predicate"), b.st["text"])
	w.str(4, row, label.PredicateName(ro.Predicate, b.lang), b.st["plain"])
	w.str(5, row, label.PredicateName(rn.Predicate, b.lang), b.st["plain"])
	if len(rn.Domains) > 0 { // none in Indeks Pemdi
		header(b.label("domain"))
		for i, d := range rn.Domains {
			line(d.ID, d.Name, ro.Domains[i].Index, d.Index, true)
		}
	}
	header(b.label("aspect"))
	aspHdr := row
	for i, a := range rn.Aspects {
		line(a.ID, a.Name, ro.Aspects[i].Index, a.Index, false)
	}
	aspLast := row

	// The indicators that moved, in the order of the text output.
	row += 2
	w.str(1, row, l("moved"), b.st["textb"])
	row++
	if len(c.Moved) == 0 {
		w.str(1, row, l("none"), b.st["note"])
	} else {
		for i, h := range []string{b.label("aspect"), b.label("no"), b.label("indicator"), l("old"), l("new"), l("effect")} {
			w.str(i+1, row, h, b.st["header"])
		}
	}
	const nameWidth = 66
	up, down := result.SplitMoves(c.Moved)
	for _, m := range append(up, down...) {
		row++
		lvl := b.st["mlvl"]
		if !m.Old.IsInteger() || !m.New.IsInteger() {
			lvl = b.st["mlvld"]
		}
		w.str(1, row, m.Indicator.Aspect.ID, b.st["text"])
		w.str(2, row, m.Indicator.ID, b.st["text"])
		w.str(3, row, codeName(m.Indicator), b.st["text"])
		w.level(4, row, m.Old, lvl)
		w.level(5, row, m.New, lvl)
		w.num(6, row, m.Effect.Round(p+2), b.st["meffect"])
		if w.err == nil {
			w.err = wrapHeight(b.f, name, row, codeName(m.Indicator), nameWidth)
		}
	}
	if w.err != nil {
		return w.err
	}
	if err := setPage(b.f, name, b.lang, page{landscape: true, header: l("title"), right: c.New.Instansi, footer: c.New.Instansi}); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 10, "B": 6, "C": nameWidth, "D": 11, "E": 11, "F": 20} {
		if err := b.f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	lo, hi := float64(0), scaleMax(rn.Rubric).Float64()
	cats := ref(name, 3, aspHdr+1, 3, aspLast) // the names
	chart := &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{
			{Name: ref(name, 4, aspHdr, 4, aspHdr), Categories: cats, Values: ref(name, 4, aspHdr+1, 4, aspLast)},
			{Name: ref(name, 5, aspHdr, 5, aspHdr), Categories: cats, Values: ref(name, 5, aspHdr+1, 5, aspLast)},
		},
		Title:      chartTitle(l("chart")),
		Legend:     excelize.ChartLegend{Position: "bottom", Font: &axisFont},
		VaryColors: ptr(false),
		XAxis:      excelize.ChartAxis{Font: axisFont},
		YAxis:      excelize.ChartAxis{Maximum: &hi, Minimum: &lo, MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: locale(b.lang) + "0.0"}},
		Dimension:  excelize.ChartDimension{Width: 620, Height: 320},
	}
	return b.f.AddChart(name, "H2", chart)
}

// scaleMax is the highest level of any scale of the rubric.
func scaleMax(r *rubric.Rubric) rubric.Decimal {
	hi := rubric.Decimal(0)
	for _, s := range r.Scales {
		hi = max(hi, s.Max)
	}
	return hi
}
