package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// WriteTrend saves the workbook of spbe trend: a sheet with the series
// (the rows of the text output), the breaks explained under it and a line
// chart beside it: a line of the index per instrument, so that the line
// breaks where the instrument changes, the first year of a new instrument
// marked in the axis labels, and the predicate bands of each instrument as
// dashed lines over its own years only. The chart reads a sheet of its own
// data. With peers, a sheet of them. Numbers are the published values; it
// is saved like a report: atomically, never over an input, over an
// existing file only with Force.
func WriteTrend(path string, t *result.Trend, lang string, o SaveOptions) error {
	if len(t.Points) == 0 {
		return fmt.Errorf("%s: no year to write", path)
	}
	if err := CheckOutput(path, o); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	prec := 0
	for _, p := range t.Points {
		prec = max(prec, p.Rubric.Precision)
	}
	b := &builder{f: f, lang: lang, prov: &result.Provenance{Precision: prec}}
	if err := b.styles(); err != nil {
		return err
	}
	if err := b.compareStyles(prec); err != nil {
		return err
	}
	l := func(k string) string { return label.Trend.Get(lang, k) }
	name := l("sheet")
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	w.free(1, 1, l("title")+": "+t.Instansi, b.st["title"])
	const hdr = 3
	for i, h := range []string{l("year"), l("instrument"), l("index"), l("predicate"), l("change"), l("note")} {
		w.str(i+1, hdr, h, b.st["header"])
	}
	for i := range t.Points {
		p := &t.Points[i]
		row := hdr + 1 + i
		cells := label.TrendRow(p, lang)
		w.str(1, row, cells[0], b.st["textb"])
		w.str(2, row, cells[1], b.st["text"])
		w.num(3, row, p.Published, b.st["idx"])
		w.str(4, row, cells[3], b.st["text"])
		if p.Since != 0 {
			w.num(5, row, p.Change, b.st["chg"])
		} else {
			w.str(5, row, "", b.st["plain"])
		}
		w.str(6, row, cells[5], b.st["text"])
	}
	row := hdr + len(t.Points) + 2
	for _, br := range t.Breaks {
		w.free(1, row, label.BreakNote(br, lang), b.st["note"])
		row++
	}
	if w.err != nil {
		return w.err
	}
	for col, width := range map[string]float64{"A": 8, "B": 22, "C": 9, "D": 14, "E": 11, "F": 40} {
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	data := map[string]string{"id": "Data grafik", "en": "Chart data"}[langOr(lang)]
	if err := b.trendChart(t, name, data, hdr+len(t.Points)+len(t.Breaks)+3, l); err != nil {
		return fmt.Errorf("trend: %w", err)
	}
	if t.Peers != nil {
		if err := b.trendPeers(t.Peers, l); err != nil {
			return fmt.Errorf("trend: %w", err)
		}
	}
	if err := setPage(f, name, lang, page{landscape: true, onePage: true, header: l("title"), right: t.Instansi}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return Save(path, o, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// trendChart writes the chart's data on a sheet of its own and the line
// chart on the trend sheet at row at.
func (b *builder) trendChart(t *result.Trend, sheet, data string, at int, l func(string) string) error {
	w, err := b.newSheet(data)
	if err != nil {
		return err
	}
	// Column A: the categories (years; a break's year says so); then a
	// column per instrument's index, then one per band edge of each
	// instrument, filled only over its years.
	w.str(1, 1, l("year"), b.st["header"])
	first := 2
	for i, p := range t.Points {
		cat := strconv.Itoa(p.Year)
		if p.Break {
			cat += " ▲ " + label.Instrument(p.Rubric)
		}
		w.str(1, first+i, cat, b.st["text"])
	}
	last := first + len(t.Points) - 1
	var rubrics []*rubric.Rubric
	for _, p := range t.Points {
		if len(rubrics) == 0 || rubrics[len(rubrics)-1].ID != p.Rubric.ID {
			rubrics = append(rubrics, p.Rubric)
		}
	}
	cats := ref(data, 1, first, 1, last)
	var series []excelize.ChartSeries
	col := 2
	colors := []string{"1F4E79", "C55A11", "548235", "7030A0"}
	lo, hi := rubric.Decimal(0), rubric.Decimal(0)
	for ri, r := range rubrics {
		// The index under r.
		w.str(col, 1, l("index")+" "+label.Instrument(r), b.st["header"])
		for i, p := range t.Points {
			if p.Rubric.ID == r.ID {
				w.num(col, first+i, p.Published, b.st["idx"])
			}
		}
		color := colors[ri%len(colors)]
		series = append(series, excelize.ChartSeries{
			Name: ref(data, col, 1, col, 1), Categories: cats, Values: ref(data, col, first, col, last),
			Line:   excelize.LineOptions{Width: 2.5, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}},
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 7, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}},
		})
		col++
		// The lower edge of every band but the lowest, over r's years.
		for _, band := range bandsHighFirst(r) {
			hi = max(hi, band.To)
			if band.From == minFrom(r) {
				continue
			}
			w.str(col, 1, fmt.Sprintf(l("bandFrom"), label.PredicateName(band, b.lang), label.Number(band.From, r.Precision, b.lang), label.Instrument(r)), b.st["header"])
			for i, p := range t.Points {
				if p.Rubric.ID == r.ID {
					w.num(col, first+i, band.From, b.st["idx"])
				}
			}
			series = append(series, excelize.ChartSeries{
				Name: ref(data, col, 1, col, 1), Categories: cats, Values: ref(data, col, first, col, last),
				Line:   excelize.LineOptions{Width: 1, Dash: excelize.LineDashDash, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"A6A6A6"}}},
				Marker: excelize.ChartMarker{Symbol: "none"},
			})
			col++
		}
		lo = min(lo, minFrom(r))
	}
	if w.err != nil {
		return w.err
	}
	if err := b.f.SetColWidth(data, "A", "A", 26); err != nil {
		return err
	}
	if err := b.f.SetColWidth(data, "B", cellCol(col), 16); err != nil {
		return err
	}
	low, high := lo.Float64(), hi.Float64()
	chart := &excelize.Chart{
		Type:         excelize.Line,
		Series:       series,
		Title:        chartTitle(l("chart")),
		Legend:       excelize.ChartLegend{Position: "bottom", Font: &axisFont},
		ShowBlanksAs: "gap",
		XAxis:        excelize.ChartAxis{Font: axisFont},
		YAxis:        excelize.ChartAxis{Minimum: &low, Maximum: &high, MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.00"}},
		Dimension:    excelize.ChartDimension{Width: 760, Height: 420},
	}
	return b.f.AddChart(sheet, "A"+strconv.Itoa(at), chart)
}

func cellCol(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// minFrom is the lowest edge of r's bands.
func minFrom(r *rubric.Rubric) rubric.Decimal {
	lo := r.Predicates[0].From
	for _, b := range r.Predicates {
		lo = min(lo, b.From)
	}
	return lo
}

// trendPeers writes the sheet of the peers.
func (b *builder) trendPeers(p *result.Peers, l func(string) string) error {
	name := l("peerSheet")
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	w.free(1, 1, label.PeersHeading(p, b.lang), b.st["bold"])
	row := 3
	for i, h := range label.PeerHeader(p, b.lang) {
		w.str(i+1, row, h, b.st["header"])
	}
	for i := range p.Parts {
		row++
		for j, c := range label.PeerRow(p, &p.Parts[i], b.lang) {
			w.str(j+1, row, c, b.st["text"])
		}
	}
	if p.Peer != "" {
		s, cmd := label.PeerGap(p, b.lang)
		w.free(1, row+2, s, b.st["note"])
		w.free(1, row+3, cmd, b.st["note"])
	}
	if w.err != nil {
		return w.err
	}
	for col, width := range map[string]float64{"A": 8, "B": 40, "C": 12, "D": 12, "E": 14, "F": 10} {
		if err := b.f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	return nil
}
