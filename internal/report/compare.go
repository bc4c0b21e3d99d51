package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/render"
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
		"effect": "Pengaruh pada indeks", "chart": "Indeks aspek: lama dan baru", "changes": "Perubahan indeks",
		"onlyOld": "Hanya di data lama", "onlyNew": "Hanya di data baru", "more": "Lembar rincian hanya untuk %d pasangan pertama.",
	},
	"en": {
		"overview": "Comparison", "title": "SPBE index comparison", "old": "Old", "new": "New",
		"change": "Change", "predOld": "Old predicate", "predNew": "New predicate", "moved": "Indicators that changed",
		"effect": "Effect on the index", "chart": "Aspect indices: old and new", "changes": "Index change",
		"onlyOld": "Only in the old data", "onlyNew": "Only in the new data", "more": "Detail sheets only for the first %d pairs.",
	},
}

// WriteCompare saves a workbook of comparisons: an overview of every pair
// (with a chart of the index changes) when there are several, then a
// sheet per pair with the index, every domain and aspect old and new (and
// a chart of the aspects), and the indicators that moved, by effect on the
// index. It is saved like a report: atomically, never over an input.
func WriteCompare(path string, cs *render.Comparisons, lang string, o SaveOptions) error {
	if len(cs.Pairs) == 0 {
		return fmt.Errorf("%s: nothing to compare", path)
	}
	if err := CheckOutput(path, o); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	r := cs.Pairs[0].New.Result.Rubric
	b := &builder{f: f, lang: lang, prov: &Provenance{Precision: r.Precision}}
	if err := b.styles(); err != nil {
		return err
	}
	l := func(key string) string { return compareLabels[langOr(lang)][key] }
	if len(cs.Pairs) > 1 {
		if err := b.compareOverview(cs, l); err != nil {
			return fmt.Errorf("compare: %w", err)
		}
	}
	for i, c := range cs.Pairs[:min(len(cs.Pairs), maxCompareSheets)] {
		name := l("overview")
		if len(cs.Pairs) > 1 {
			name = sheetName(i+1, c.New.Instansi)
		}
		if err := b.comparePair(name, c, l); err != nil {
			return fmt.Errorf("compare: %w", err)
		}
	}
	return Save(path, o, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// sheetName is "n instansi", cut to Excel's 31 characters, without the
// characters a sheet name may not hold.
func sheetName(n int, instansi string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return ' '
		}
		return r
	}, instansi)
	name := []rune(fmt.Sprintf("%d %s", n, clean))
	return strings.TrimSpace(string(name[:min(len(name), 31)]))
}

func (b *builder) compareOverview(cs *render.Comparisons, l func(string) string) error {
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
	for _, c := range cs.Pairs {
		row++
		ro, rn := c.Old.Result, c.New.Result
		w.str(1, row, c.New.Instansi, b.st["text"])
		w.num(2, row, ro.Published, b.st["idx"])
		w.num(3, row, rn.Published, b.st["idx"])
		w.num(4, row, rn.Published-ro.Published, b.st["idxb"])
		w.str(5, row, render.PredicateName(ro.Predicate, b.lang), b.st["text"])
		w.str(6, row, render.PredicateName(rn.Predicate, b.lang), b.st["text"])
	}
	last := row
	for _, x := range []struct {
		key   string
		names []string
	}{{"onlyOld", cs.OnlyOld}, {"onlyNew", cs.OnlyNew}} {
		if len(x.names) > 0 {
			row += 2
			w.str(1, row, l(x.key), b.st["textb"])
			w.str(2, row, strings.Join(x.names, ", "), b.st["text"])
		}
	}
	if len(cs.Pairs) > maxCompareSheets {
		row += 2
		w.str(1, row, fmt.Sprintf(l("more"), maxCompareSheets), b.st["note"])
	}
	if w.err != nil {
		return w.err
	}
	if err := b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 48, "B": 10, "C": 10, "D": 12, "E": 16, "F": 16} {
		if err := b.f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	chart := &excelize.Chart{
		Type:       excelize.Bar,
		Series:     []excelize.ChartSeries{{Name: ref(name, 4, 3, 4, 3), Categories: ref(name, 1, 4, 1, last), Values: ref(name, 4, 4, 4, last)}},
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: l("changes")}}},
		Legend:     excelize.ChartLegend{Position: "none"},
		VaryColors: ptr(false),
		PlotArea:   excelize.ChartPlotArea{ShowVal: true},
		Dimension:  excelize.ChartDimension{Width: 560, Height: uint(max(240, 22*(last-3)))},
	}
	return b.f.AddChart(name, "H3", chart)
}

func (b *builder) comparePair(name string, c *render.Comparison, l func(string) string) error {
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	ro, rn := c.Old.Result, c.New.Result
	p := rn.Rubric.Precision
	w.str(1, 1, l("title"), b.st["title"])
	w.str(1, 2, b.label("instansi"), b.st["textb"])
	w.str(3, 2, c.New.Instansi, b.st["text"])
	w.str(1, 3, l("old"), b.st["textb"])
	w.str(3, 3, c.OldLabel, b.st["text"])
	w.str(1, 4, l("new"), b.st["textb"])
	w.str(3, 4, c.NewLabel, b.st["text"])

	// The index and predicate, the domains, then the aspects (a block of
	// their own, which the chart reads): old, new, change.
	row := 5
	header := func(first string) {
		row += 2
		for i, h := range []string{b.label("code"), "", first, l("old"), l("new"), l("change")} {
			w.str(i+1, row, h, b.st["header"])
		}
	}
	line := func(code, label string, old, new index.Value, style string) {
		row++
		x, y := old.Round(p), new.Round(p)
		w.str(1, row, code, b.st["textb"])
		w.str(3, row, label, b.st["text"])
		w.num(4, row, x, b.st[style])
		w.num(5, row, y, b.st[style])
		w.num(6, row, y-x, b.st[style])
	}
	header("")
	line("", b.label("index"), ro.Index, rn.Index, "idxb")
	row++
	w.str(3, row, b.label("predicate"), b.st["text"])
	w.str(4, row, render.PredicateName(ro.Predicate, b.lang), b.st["text"])
	w.str(5, row, render.PredicateName(rn.Predicate, b.lang), b.st["text"])
	header(b.label("domain"))
	for i, d := range rn.Domains {
		line(d.ID, d.Name, ro.Domains[i].Index, d.Index, "idxb")
	}
	header(b.label("aspect"))
	aspHdr := row
	for i, a := range rn.Aspects {
		line(a.ID, a.Name, ro.Aspects[i].Index, a.Index, "idx")
	}
	aspLast := row

	// The indicators that moved, by effect on the index.
	row += 2
	w.str(1, row, l("moved"), b.st["textb"])
	row++
	for i, h := range []string{b.label("aspect"), b.label("no"), b.label("indicator"), l("old"), l("new"), l("effect")} {
		w.str(i+1, row, h, b.st["header"])
	}
	for _, m := range c.Moved {
		row++
		w.str(1, row, m.Indicator.Aspect.ID, b.st["text"])
		w.str(2, row, m.Indicator.ID, b.st["text"])
		w.str(3, row, m.Indicator.Name, b.st["text"])
		w.num(4, row, m.Old, b.st["lvl"])
		w.num(5, row, m.New, b.st["lvl"])
		w.num(6, row, m.Effect.Round(p+2), b.st["c"])
	}
	if w.err != nil {
		return w.err
	}
	if err := landscape(b.f, name); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 10, "B": 6, "C": 58, "D": 11, "E": 11, "F": 14} {
		if err := b.f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	lo, hi := float64(0), scaleMax(rn.Rubric).Float64()
	cats := ref(name, 1, aspHdr+1, 1, aspLast)
	chart := &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{
			{Name: ref(name, 4, aspHdr, 4, aspHdr), Categories: cats, Values: ref(name, 4, aspHdr+1, 4, aspLast)},
			{Name: ref(name, 5, aspHdr, 5, aspHdr), Categories: cats, Values: ref(name, 5, aspHdr+1, 5, aspLast)},
		},
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: l("chart")}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		VaryColors: ptr(false),
		YAxis:      excelize.ChartAxis{Maximum: &hi, Minimum: &lo, MajorGridLines: true},
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
