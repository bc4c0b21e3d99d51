package excelout

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// The butir sheets of a report of one evaluation read with a butir list:
// every butir by indicator (status, catatan, rekomendasi, PJ, file), and a
// checklist of the butir not accepted, the largest gain on the index
// first, with a column to tick.

func (b *builder) blabel(key string) string { return label.ButirReport.Get(b.lang, key) }

// butirSheets returns the names of the butir sheets of an evaluation: none
// without butir.
func (b *builder) butirSheets(e *result.Evaluation) []string {
	if e.Butir == nil {
		return nil
	}
	return []string{b.blabel("sheet"), b.blabel("checklist")}
}

// butirByIndicator writes every butir, grouped by indicator in rubric
// order: a heading row per indicator with its value and the level worked
// on (a/n), then its butir.
func (b *builder) butirByIndicator(e *result.Evaluation) error {
	name := b.blabel("sheet")
	w := &sheetWriter{f: b.f, sheet: name, cols: widths{}}
	rb := e.Result.Rubric
	title := b.blabel("title")
	if !e.Butir.Simulated {
		title = b.blabel("title:t")
	}
	w.free(1, 1, title, b.st["title"])
	hdr := []string{b.blabel("butir"), b.blabel("level"), b.blabel("text"), b.blabel("status"), b.blabel("note"), b.blabel("rec"), b.blabel("pj"), b.blabel("file")}
	for c, h := range hdr {
		w.head(1+c, 3, h, b.st["header"])
		w.cols.header(1+c, h)
	}
	w.height(3, 2)
	row := 3
	for _, p := range e.Butir.Scored.Progress {
		row++
		head := fmt.Sprintf("%s — %s %s", indName(p.Indicator), b.blabel("value"), label.Number(p.Value.Round(2), 2, b.lang))
		if p.Complete() {
			head += " (" + label.Butir.Get(b.lang, "complete") + ")"
		} else {
			head += fmt.Sprintf(" (%s L%d: %d/%d)", b.blabel("worked"), p.Level, p.Accepted, p.Total)
		}
		w.free(1, row, head, b.st["textb"])
		ignored := map[*butir.Item]bool{}
		for _, it := range p.Ignored {
			ignored[it] = true
		}
		for _, it := range p.Items {
			row++
			st := it.Status.Name(b.lang)
			if ignored[it] {
				st += ", " + b.blabel("ignored")
			}
			w.str(1, row, it.Code, b.st["code"])
			w.num(2, row, rubricInt(it.Level), b.st["n"])
			w.free(3, row, it.Text, b.st["text"])
			w.free(4, row, st, b.st["text"])
			w.free(5, row, it.Note, b.st["text"])
			w.free(6, row, it.Recommendation, b.st["text"])
			w.str(7, row, it.PJ, b.st["text"])
			w.free(8, row, it.File, b.st["text"])
			w.height(row, max(lines(it.Text, 30), lines(it.Note, 30), lines(it.Recommendation, 30), lines(st, 18)))
		}
	}
	if w.err != nil {
		return w.err
	}
	w.cols[3], w.cols[4], w.cols[5], w.cols[6], w.cols[8] = 30, 18, 30, 30, 20
	if err := w.cols.apply(b.f, name, 6, 40); err != nil {
		return err
	}
	if err := b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return setPage(b.f, name, b.lang, page{landscape: true, titleRows: 3, header: b.title(rb), right: e.Instansi, footer: b.footer(e.Instansi)})
}

// butirChecklist writes the butir not accepted, the largest gain on the
// index first (Sheet.Open), with the indicator, level, status, PJ, the
// assessor's note and recommendation, and an empty column to tick.
func (b *builder) butirChecklist(e *result.Evaluation) error {
	name := b.blabel("checklist")
	w := &sheetWriter{f: b.f, sheet: name, cols: widths{}}
	rb := e.Result.Rubric
	p := rb.Precision
	w.free(1, 1, b.blabel("checktitle"), b.st["title"])
	w.free(1, 2, b.blabel("checknote"), b.st["note"])
	hdr := []string{b.blabel("no"), b.blabel("butir"), b.blabel("indicator"), b.blabel("level"), b.blabel("status"),
		b.blabel("gain"), b.blabel("per"), b.blabel("pj"), b.blabel("note"), b.blabel("rec"), b.blabel("done")}
	for c, h := range hdr {
		w.head(1+c, 4, h, b.st["header"])
		w.cols.header(1+c, h)
	}
	w.height(4, 2)
	row := 4
	for i, o := range e.Butir.Scored.Open(nil) {
		row++
		it := o.Item
		ind := rb.Indicator(it.Indicator)
		w.num(1, row, rubricInt(i+1), b.st["n"])
		w.str(2, row, it.Code, b.st["code"])
		w.free(3, row, indName(ind), b.st["text"])
		w.num(4, row, rubricInt(it.Level), b.st["n"])
		w.str(5, row, it.Status.Name(b.lang), b.st["text"])
		w.num(6, row, o.Gain.Round(p+2), b.st["c"])
		w.num(7, row, o.PerButir.Round(p+2), b.st["c"])
		w.str(8, row, it.PJ, b.st["text"])
		w.free(9, row, it.Note, b.st["text"])
		w.free(10, row, it.Recommendation, b.st["text"])
		w.str(11, row, "", b.st["code"])
		w.height(row, max(lines(indName(ind), 34), lines(it.Note, 26), lines(it.Recommendation, 26)))
	}
	if w.err != nil {
		return w.err
	}
	w.cols[3], w.cols[9], w.cols[10], w.cols[11] = 34, 26, 26, 8
	if err := w.cols.apply(b.f, name, 5, 40); err != nil {
		return err
	}
	if err := b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 4, TopLeftCell: "A5", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if row > 4 {
		if err := b.f.AutoFilter(name, "A4:"+cell(len(hdr), row), nil); err != nil {
			return err
		}
	}
	return setPage(b.f, name, b.lang, page{landscape: true, titleRows: 4, header: b.title(rb), right: e.Instansi, footer: b.footer(e.Instansi)})
}

// rubricInt is a whole number as a Decimal, for num.
func rubricInt(n int) rubric.Decimal { return rubric.NewDecimal(int64(n)) }

// WriteButirPlan saves the workbook of a plan by butir: the plan sheet of
// WritePlan (per indicator, from and to, with the aspects' chart), then a
// sheet of the butir to get accepted, lowest level first, each with its
// indicator, the value before and after, its gain, cost and PJ, under a
// note that the values are a simulation.
func WriteButirPlan(path string, e *result.Evaluation, pl *butir.Plan, lang string, costs bool, o outfile.Options) error {
	if err := outfile.Check(path, o); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &builder{f: f, lang: lang, prov: &result.Provenance{Precision: pl.Before.Rubric.Precision}, simulated: true}
	if err := b.styles(); err != nil {
		return err
	}
	if err := b.plan(e, levelPlan(pl), costs); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	if err := b.butirPlanSheet(e, pl, costs); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	return outfile.Save(path, o, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// levelPlan is a plan by butir as a plan of levels, per indicator.
func levelPlan(pl *butir.Plan) *plan.Plan {
	p := &plan.Plan{Target: pl.Target, Reachable: pl.Reachable, Before: pl.Before, After: pl.After, Max: pl.Max,
		TotalSteps: len(pl.Butir), TotalCost: pl.TotalCost, Budget: pl.Budget, Left: pl.Left}
	for _, s := range pl.ChainPlan.Steps {
		if n := len(p.Steps); n > 0 && p.Steps[n-1].Indicator == s.Indicator {
			last := &p.Steps[n-1]
			last.To, last.Gain, last.Cost = s.To, last.Gain.Add(s.Gain), last.Cost+s.Link.Cost
			continue
		}
		p.Steps = append(p.Steps, plan.Step{Indicator: s.Indicator, From: s.From, To: s.To, Gain: s.Gain, Cost: s.Link.Cost})
	}
	return p
}

func (b *builder) butirPlanSheet(e *result.Evaluation, pl *butir.Plan, costs bool) error {
	name := b.blabel("sheet")
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	rb := pl.Before.Rubric
	p := rb.Precision
	w.free(1, 1, label.ButirPlan.Get(b.lang, "head"), b.st["title"])
	w.free(1, 2, b.blabel("simulated"), b.st["warn"])
	hdr := []string{b.blabel("no"), b.blabel("butir"), b.blabel("indicator"), b.blabel("level"), b.blabel("status"),
		label.ButirPlan.Get(b.lang, "value"), b.blabel("gain")}
	if costs || pl.Budget != nil {
		hdr = append(hdr, label.ButirPlan.Get(b.lang, "costcol"))
	}
	hdr = append(hdr, b.blabel("pj"), b.blabel("done"))
	for c, h := range hdr {
		w.head(1+c, 4, h, b.st["header"])
		w.cols.header(1+c, h)
	}
	w.height(4, 2)
	row := 4
	for i, s := range pl.Butir {
		row++
		c := 1
		w.num(c, row, rubricInt(i+1), b.st["n"])
		w.str(c+1, row, s.Item.Name(), b.st["code"])
		w.free(c+2, row, indName(s.Indicator), b.st["text"])
		w.num(c+3, row, rubricInt(s.Item.Level), b.st["n"])
		w.str(c+4, row, s.Item.Status.Name(b.lang), b.st["text"])
		w.str(c+5, row, label.Number(roundLevel(s.From), 2, b.lang)+" → "+label.Number(roundLevel(s.To), 2, b.lang), b.st["code"])
		w.num(c+6, row, s.Gain.Round(p+2), b.st["c"])
		c += 7
		if costs || pl.Budget != nil {
			w.num(c, row, s.Link.Cost, b.st["w"])
			c++
		}
		w.str(c, row, s.Item.PJ, b.st["text"])
		w.str(c+1, row, "", b.st["code"])
		w.height(row, lines(indName(s.Indicator), 34))
	}
	if w.err != nil {
		return w.err
	}
	w.cols[3] = 34
	if err := w.cols.apply(b.f, name, 5, 40); err != nil {
		return err
	}
	return setPage(b.f, name, b.lang, page{landscape: true, titleRows: 4, header: b.title(rb), right: e.Instansi, footer: b.footer(e.Instansi)})
}

// roundLevel is a level rounded half-up to two decimals, for display.
func roundLevel(l rubric.Level) rubric.Decimal {
	d, _ := rubric.ParseDecimal(l.Fixed(2))
	return d
}

// indName names an indicator on the butir sheets as assessors do, by its
// kode (5.1 Aplikasi Pemerintah Digital); by its id for a rubric without
// kode.
func indName(ind *rubric.Indicator) string {
	return label.IndicatorKey(ind) + " " + ind.Name
}
