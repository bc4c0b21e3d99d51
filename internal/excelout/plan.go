package excelout

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

var planLabels = map[string]map[string]string{
	"id": {
		"sheet": "Rencana", "title": "Rencana peningkatan indeks SPBE", "target": "Target", "reachable": "Tercapai",
		"yes": "ya", "no": "tidak", "before": "Sebelum", "after": "Sesudah", "max": "Maksimum", "steps": "Langkah",
		"cost": "Biaya", "from": "Dari tingkat", "to": "Ke tingkat", "gain": "Tambahan indeks", "chart": "Indeks aspek sebelum dan sesudah rencana",
		"openBefore": "Sisa sebelum", "openAfter": "Sisa sesudah",
		"budget": "Anggaran", "left": "Sisa anggaran", "exactAfter": "Indeks tepat sesudah",
		"noMargin": "tanpa selisih: tercapai hanya karena pembulatan", "externalFixed": "Tetap (dinilai instansi lain)",
	},
	"en": {
		"sheet": "Plan", "title": "SPBE index improvement plan", "target": "Target", "reachable": "Reachable",
		"yes": "yes", "no": "no", "before": "Before", "after": "After", "max": "Maximum", "steps": "Steps",
		"cost": "Cost", "from": "From level", "to": "To level", "gain": "Index gain", "chart": "Aspect indices before and after the plan",
		"openBefore": "Open before", "openAfter": "Open after",
		"budget": "Budget", "left": "Budget left", "exactAfter": "Exact index after",
		"noMargin": "no margin: met only by rounding", "externalFixed": "Kept (scored by other agencies)",
	},
}

// WritePlan saves a workbook with the plan of one evaluation: the target,
// the index before, after and at most, the steps, and the aspect indices
// before and after with a chart of them. It is saved like a report:
// atomically, never over an input, over an existing file only with Force.
func WritePlan(path string, e *result.Evaluation, pl *plan.Plan, lang string, costs bool, o outfile.Options) error {
	if err := outfile.Check(path, o); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &builder{f: f, lang: lang, prov: &result.Provenance{Precision: pl.Before.Rubric.Precision}}
	if err := b.styles(); err != nil {
		return err
	}
	if err := b.plan(e, pl, costs); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	return outfile.Save(path, o, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

func (b *builder) plan(e *result.Evaluation, pl *plan.Plan, costs bool) error {
	r := pl.Before.Rubric
	// The words name the rubric's own index (Indeks Pemdi, not SPBE).
	l := func(key string) string { return label.Index(r, b.lang, planLabels[langOr(b.lang)][key]) }
	name := l("sheet")
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	p := r.Precision
	nameW := planNameCol(pl)
	w.str(1, 1, l("title"), b.st["title"])
	// Labels in A, text in C, numbers in D: the columns of the tables below.
	w.str(1, 2, b.label("instansi"), b.st["textb"])
	w.str(3, 2, e.Instansi, b.st["text"])
	w.str(1, 3, b.label("source"), b.st["textb"])
	w.str(3, 3, e.Source, b.st["text"])
	// Labels of the rows above the steps, which column A (with the empty
	// B beside it) must show whole.
	labels := []string{b.label("instansi"), b.label("source")}
	if pl.Budget != nil {
		// A budget has no target: the budget and what is left of it
		// take the target's rows.
		for i, x := range []struct {
			key string
			v   rubric.Decimal
		}{{l("budget"), *pl.Budget}, {l("left"), pl.Left}} {
			w.str(1, 4+i, x.key, b.st["textb"])
			w.num(4, 4+i, x.v, b.st["w"])
			labels = append(labels, x.key)
		}
	} else {
		w.str(1, 4, l("target"), b.st["textb"])
		if pl.Target.Band != nil {
			w.str(3, 4, label.PredicateName(pl.Target.Band, b.lang), b.st["text"])
			w.num(4, 4, pl.Target.Band.From, b.st["idx"])
		} else {
			w.num(4, 4, pl.Target.Index, b.st["idx"])
		}
		w.str(1, 5, l("reachable"), b.st["textb"])
		w.str(3, 5, map[bool]string{true: l("yes"), false: l("no")}[pl.Reachable], b.st["text"])
		labels = append(labels, l("target"), l("reachable"))
	}
	row := 6
	for _, x := range []struct {
		key   string
		index rubric.Decimal
		pred  string
	}{
		{l("before"), pl.Before.Published, label.PredicateName(pl.Before.Predicate, b.lang)},
		{l("after"), pl.After.Published, label.PredicateName(pl.After.Predicate, b.lang)},
		{l("max"), pl.Max.Published, label.PredicateName(pl.Max.Predicate, b.lang)},
	} {
		w.str(1, row, x.key, b.st["textb"])
		w.str(3, row, x.pred, b.st["text"])
		w.num(4, row, x.index, b.st["idxb"])
		labels = append(labels, x.key)
		row++
	}
	// The exact index after the plan, as text with the language's
	// decimal separator; and whether the target is met only by rounding.
	w.str(1, row, l("exactAfter"), b.st["textb"])
	labels = append(labels, l("exactAfter"), l("steps"))
	// Not wrapped: the long text runs on over the empty cells at its
	// right (wrapped in D it took lines the row had not, over the next).
	w.free(4, row, b.decimalText(pl.After.Index.Exact()), b.st["textnw"])
	if pl.OnlyByRounding() {
		w.str(3, row, l("noMargin"), b.st["warn"])
	}
	row++
	w.str(1, row, l("steps"), b.st["textb"])
	w.num(4, row, rubric.NewDecimal(int64(pl.TotalSteps)), b.st["lvl"])
	if costs || pl.Budget != nil {
		row++
		w.str(1, row, l("cost"), b.st["textb"])
		w.num(4, row, pl.TotalCost, b.st["w"])
		labels = append(labels, l("cost"))
	}
	if len(pl.External) > 0 {
		var names []string
		for _, ind := range pl.External {
			names = append(names, codeName(ind))
		}
		row++
		w.str(1, row, l("externalFixed"), b.st["textb"])
		labels = append(labels, l("externalFixed"))
		w.free(3, row, strings.Join(names, "; "), b.st["text"])
		w.height(row, lines(strings.Join(names, "; "), nameW))
	}
	if note := b.provisionalNote(e); note != "" {
		// Provisional as the report says it: a merged row in words for
		// the reader (the plan's numbers start from an assumed level).
		row++
		w.free(1, row, note, b.st["provisional"])
		if w.err == nil {
			w.err = b.f.MergeCell(name, cell(1, row), cell(8, row))
		}
		w.height(row, lines(note, 110)+1)
	}

	if b.simulated {
		w.free(1, row+1, b.blabel("simulated"), b.st["warn"])
	}

	// Steps.
	row += 2
	hdr := []string{b.label("aspect"), b.label("no"), b.label("indicator"), b.label("weight"), l("from"), l("to"), l("gain")}
	if costs {
		hdr = append(hdr, l("cost"))
	}
	for c, h := range hdr {
		w.str(c+1, row, h, b.st["header"])
	}
	w.height(row, 2)
	for _, s := range pl.Steps {
		row++
		w.str(1, row, s.Indicator.Aspect.ID, b.st["text"])
		w.str(2, row, s.Indicator.ID, b.st["text"])
		w.str(3, row, codeName(s.Indicator), b.st["text"])
		w.height(row, lines(codeName(s.Indicator), nameW))
		w.num(4, row, s.Indicator.Weight, b.st["w"])
		lvl := b.st["lvl"]
		if !s.From.IsInteger() || !s.To.IsInteger() {
			lvl = b.st["lvld"] // 1,26 -> 2 as it is, not 1 -> 2
		}
		w.level(5, row, s.From, lvl)
		w.level(6, row, s.To, lvl)
		w.num(7, row, s.Gain.Round(p+2), b.st["c"])
		if costs {
			w.num(8, row, s.Cost, b.st["w"])
		}
	}

	// Aspects before and after, with the index points still open up to
	// the top level (where the room is), and their chart.
	row += 2
	hdrRow := row
	for c, h := range []string{b.label("code"), "", b.label("aspect"), l("before"), l("after"), l("openBefore"), l("openAfter")} {
		w.str(c+1, row, h, b.st["header"])
	}
	w.height(row, 2)
	for i, a := range pl.Before.Aspects {
		row++
		after := pl.After.Aspects[i]
		w.str(1, row, a.ID, b.st["textb"])
		w.str(3, row, a.Name, b.st["text"])
		w.height(row, lines(a.Name, nameW))
		w.num(4, row, a.Index.Round(p), b.st["idx"])
		w.num(5, row, after.Index.Round(p), b.st["idx"])
		w.num(6, row, a.Available.Round(p+2), b.st["c"])
		w.num(7, row, after.Available.Round(p+2), b.st["c"])
	}
	if w.err != nil {
		return w.err
	}
	if err := setPage(b.f, name, b.lang, page{landscape: true, header: l("title"), right: e.Instansi, footer: e.Instansi}); err != nil {
		return err
	}
	// Column A is as wide as its longest (bold) label needs beside the empty B
	// ("Tetap (dinilai instansi lain)" was cut by the list in C).
	colA := 14.0
	for _, s := range labels {
		colA = max(colA, float64(utf8.RuneCountInString(s))*1.1+1-planColB) // bold
	}
	for col, width := range map[string]float64{"A": colA, "B": planColB, "C": nameW, "D": 11, "E": 12, "F": 12, "G": 16, "H": 10} {
		if err := b.f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	lo, hi := float64(0), scaleMax(r).Float64()
	chart := &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{
			{Name: ref(name, 4, hdrRow, 4, hdrRow), Categories: ref(name, 3, hdrRow+1, 3, row), Values: ref(name, 4, hdrRow+1, 4, row)},
			{Name: ref(name, 5, hdrRow, 5, hdrRow), Categories: ref(name, 3, hdrRow+1, 3, row), Values: ref(name, 5, hdrRow+1, 5, row)},
		},
		Title:      chartTitle(l("chart")),
		Legend:     excelize.ChartLegend{Position: "bottom", Font: &axisFont},
		VaryColors: ptr(false),
		XAxis:      excelize.ChartAxis{Font: axisFont},
		YAxis:      excelize.ChartAxis{Maximum: &hi, Minimum: &lo, MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: locale(b.lang) + "0.0"}},
		Dimension:  excelize.ChartDimension{Width: 640, Height: 320},
	}
	return b.f.AddChart(name, "J2", chart)
}

// planNameWidth is the width of the plan's column of names, planColB of
// its column of indicator numbers.
const (
	planNameWidth = 56
	planColB      = 6
	planNameMax   = 72
)

// planNameCol is the width of the plan's column of names: planNameWidth,
// or wider up to planNameMax so that every name of a step or an aspect
// is on one line, the line its row is given (4.1's 63 characters printed
// on one line of a row of two, a gap under every long name).
func planNameCol(pl *plan.Plan) float64 {
	w := float64(planNameWidth)
	need := func(s string) {
		// lines(s, w) is 1 from this width on.
		n := float64(utf8.RuneCountInString(s))
		for lines(s, w) > 1 && w < planNameMax {
			w = min(math.Ceil(max(w+1, n/1.1+1)), planNameMax)
		}
	}
	for _, s := range pl.Steps {
		need(codeName(s.Indicator))
	}
	for _, a := range pl.Before.Aspects {
		need(a.Name)
	}
	return w
}

func langOr(lang string) string {
	if _, ok := planLabels[lang]; ok {
		return lang
	}
	return "id"
}
