package excelout

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/trend"
	"github.com/spbe-id/spbe/pkg/index"
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
func WriteTrend(path string, t *result.Trend, lang string, o outfile.Options) error {
	if len(t.Points) == 0 {
		return fmt.Errorf("%s: no year to write", path)
	}
	if err := outfile.Check(path, o); err != nil {
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
	// Text right of a number (the predicate after the index, the note
	// after the change) starts a character in, not against the number.
	pad, err := f.NewStyle(&excelize.Style{Border: []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}},
		Alignment: &excelize.Alignment{Horizontal: "left", Indent: 1, WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	padHeader, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorHeader}},
		Alignment: &excelize.Alignment{Horizontal: "left", Indent: 1, WrapText: true, Vertical: "center"}})
	if err != nil {
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
		st := b.st["header"]
		if i == 3 || i == 5 {
			st = padHeader
		}
		w.str(i+1, hdr, h, st)
	}
	for i := range t.Points {
		p := &t.Points[i]
		row := hdr + 1 + i
		cells := trend.TrendRow(p, lang)
		w.str(1, row, cells[0], b.st["textb"])
		w.str(2, row, cells[1], b.st["text"])
		w.num(3, row, p.Published, b.st["idx"])
		w.str(4, row, cells[3], pad)
		if p.Since != 0 {
			w.num(5, row, p.Change, b.st["chg"])
		} else {
			w.str(5, row, "", b.st["plain"])
		}
		w.str(6, row, cells[5], pad)
		// A long note wraps in its column: LibreOffice does not grow
		// the row by itself.
		if n := lines(cells[5], noteWidth-1); n > 1 && w.err == nil {
			w.err = f.SetRowHeight(name, row, rowHeight(n))
		}
	}
	row := hdr + len(t.Points) + 2
	for _, br := range t.Breaks {
		w.free(1, row, trend.BreakNote(br, lang), b.st["note"])
		row++
	}
	if w.err != nil {
		return w.err
	}
	// The predicate on one line: "Very good (Sangat Baik)" in English
	// (one more unit for the indent).
	for col, width := range map[string]float64{"A": 8, "B": 22, "C": 10, "D": max(16, math.Ceil(w.cols[4]+1)), "E": 12, "F": noteWidth} {
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	data := map[string]string{"id": "Data grafik", "en": "Chart data"}[langOr(lang)]
	if err := b.trendChart(t, name, data, hdr+len(t.Points)+len(t.Breaks)+3, l); err != nil {
		return fmt.Errorf("trend: %w", err)
	}
	if t.Peers != nil {
		if err := b.trendPeers(t.Peers, t.Instansi, l); err != nil {
			return fmt.Errorf("trend: %w", err)
		}
	}
	if err := setPage(f, name, lang, page{landscape: true, onePage: true, header: l("title"), right: t.Instansi, footer: t.Instansi}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return outfile.Save(path, o, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// noteWidth is the width of the column of notes of the trend sheet.
const noteWidth = 44

// trendChart writes the chart's data on a sheet of its own and the chart
// on the trend sheet at row at: a scatter chart with lines, years along
// the x axis, so that the predicate bands of an instrument are drawn over
// its own years (half a year on each side, so one year has them too), the
// index of each instrument is a line of its own (the line never crosses a
// break), and each break is a vertical dotted line.
func (b *builder) trendChart(t *result.Trend, sheet, data string, at int, l func(string) string) error {
	w, err := b.newSheet(data)
	if err != nil {
		return err
	}
	type segment struct {
		r           *rubric.Rubric
		first, last int // indices into t.Points
	}
	var segs []segment
	for i, p := range t.Points {
		if n := len(segs); n > 0 && segs[n-1].r.ID == p.Rubric.ID {
			segs[n-1].last = i
		} else {
			segs = append(segs, segment{p.Rubric, i, i})
		}
	}
	// Each series is two columns, x and y, from row 2 down; its name in
	// the y column's row 1.
	var series []excelize.ChartSeries
	col := 1
	add := func(name string, xs []float64, ys []rubric.Decimal, s excelize.ChartSeries) {
		w.str(col, 1, "x", b.st["header"])
		w.str(col+1, 1, name, b.st["header"])
		for i := range xs {
			if w.err == nil {
				w.err = b.f.SetCellFloat(data, cell(col, i+2), xs[i], -1, 64)
			}
			w.num(col+1, i+2, ys[i], b.st["idx"])
		}
		s.Fill = s.Line.Fill
		s.Name = ref(data, col+1, 1, col+1, 1)
		s.Categories = ref(data, col, 2, col, len(xs)+1)
		s.Values = ref(data, col+1, 2, col+1, len(xs)+1)
		series = append(series, s)
		col += 2
	}
	// A scatter series draws its line (Type LineSolid) in the series'
	// fill colour.
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	solid := func(color string, width float64, dash excelize.LineDashType) excelize.LineOptions {
		return excelize.LineOptions{Type: excelize.LineSolid, Width: width, Dash: dash, Fill: fill(color)}
	}
	bandColors := []string{"2E7D32", "1565C0", "F9A825", "EF6C00", "C62828"} // from the top band down
	lineColors := []string{"404040", "1F4E79", "7030A0"}
	lo, hi := rubric.Decimal(0), rubric.Decimal(0)
	for si, s := range segs {
		x0, x1 := float64(t.Points[s.first].Year)-0.45, float64(t.Points[s.last].Year)+0.45
		for bi, band := range bandsHighFirst(s.r) {
			hi = max(hi, band.To)
			if band.From == minFrom(s.r) {
				continue
			}
			bname := band.Name
			if b.lang == "en" && band.NameEN != "" {
				bname = band.NameEN
			}
			name := fmt.Sprintf(l("bandFrom"), bname, label.Number(band.From, s.r.Precision, b.lang), label.Instrument(s.r))
			add(name, []float64{x0, x1}, []rubric.Decimal{band.From, band.From}, excelize.ChartSeries{
				Line: solid(bandColors[min(bi, len(bandColors)-1)], 1.25, excelize.LineDashDash), Marker: excelize.ChartMarker{Symbol: "none"}})
		}
		var xs []float64
		var ys []rubric.Decimal
		for _, p := range t.Points[s.first : s.last+1] {
			xs, ys = append(xs, float64(p.Year)), append(ys, p.Published)
		}
		color := lineColors[si%len(lineColors)]
		add(l("index")+" "+label.Instrument(s.r), xs, ys, excelize.ChartSeries{
			Line:   solid(color, 2.5, excelize.LineDashSolid),
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 8, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}},
		})
	}
	// Provisional years: a red diamond over the point, named in the
	// legend, as the table's note says "sementara".
	var pxs []float64
	var pys []rubric.Decimal
	for _, p := range t.Points {
		if p.Provisional {
			pxs, pys = append(pxs, float64(p.Year)), append(pys, p.Published)
		}
	}
	if len(pxs) > 0 {
		add(map[string]string{"id": "Sementara", "en": "Provisional"}[langOr(b.lang)], pxs, pys, excelize.ChartSeries{
			Line:   excelize.LineOptions{Type: excelize.LineNone, Fill: fill("C00000")},
			Marker: excelize.ChartMarker{Symbol: "diamond", Size: 13, Fill: fill("C00000")}})
	}
	for _, br := range t.Breaks {
		// Just before the new instrument's first year, not midway from
		// the last year of the old one: 2018 to 2026 changes at 2025,5,
		// not at 2022.
		x := float64(br.Year) - 0.5
		add(fmt.Sprintf(l("breakMark"), br.Year), []float64{x, x}, []rubric.Decimal{lo, hi}, excelize.ChartSeries{
			Line: solid("C00000", 2, excelize.LineDashSysDot), Marker: excelize.ChartMarker{Symbol: "none"}})
	}
	if w.err != nil {
		return w.err
	}
	if err := b.f.SetColWidth(data, "A", cellCol(col), 12); err != nil {
		return err
	}
	// The data are the chart's, not a page to print: the sheet is hidden
	// (Excel and LibreOffice draw a chart from a hidden sheet).
	if err := b.f.SetSheetVisible(data, false); err != nil {
		return err
	}
	low, high := lo.Float64(), hi.Float64()
	xlo, xhi := float64(t.Points[0].Year)-1, float64(t.Points[len(t.Points)-1].Year)+1
	major := 1.0
	chart := &excelize.Chart{
		Type:   excelize.Scatter,
		Series: series,
		Title:  chartTitle(l("chart")),
		Legend: excelize.ChartLegend{Position: "right", Font: &axisFont},
		XAxis: excelize.ChartAxis{Minimum: &xlo, Maximum: &xhi, MajorUnit: major, Font: axisFont,
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		YAxis:     excelize.ChartAxis{Minimum: &low, Maximum: &high, MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: locale(b.lang) + "0.0"}},
		Dimension: excelize.ChartDimension{Width: 1040, Height: 460},
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
func (b *builder) trendPeers(p *result.Peers, instansi string, l func(string) string) error {
	name := l("peerSheet")
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	w.free(1, 1, trend.PeersHeading(p, b.lang), b.st["bold"])
	row := 3
	for i, h := range trend.PeerHeader(p, b.lang) {
		w.str(i+1, row, h, b.st["header"])
	}
	prec := p.Rubric.Precision
	num := func(col, row int, v index.Value, ok bool, style string) {
		if ok {
			w.num(col, row, v.Round(prec), b.st[style])
		} else {
			w.str(col, row, "-", b.st["plain"])
		}
	}
	for i := range p.Parts {
		row++
		pp := &p.Parts[i]
		w.str(1, row, pp.ID, b.st["textb"])
		w.str(2, row, pp.Name, b.st["text"])
		num(3, row, pp.Own, pp.HasOwn, "idx")
		num(4, row, pp.Mean, pp.Count > 0, "idx")
		if p.Peer != "" {
			num(5, row, pp.Peer, pp.HasPeer, "idx")
			num(6, row, pp.Peer.Sub(pp.Own), pp.HasOwn && pp.HasPeer, "chg")
		}
	}
	if p.Peer != "" {
		s, cmd := trend.PeerGap(p, b.lang)
		w.free(1, row+2, s, b.st["note"])
		w.free(1, row+3, cmd, b.st["note"])
	}
	if w.err != nil {
		return w.err
	}
	// The peer's name heads column E on one line.
	for col, width := range map[string]float64{"A": 8, "B": 40, "C": 12, "D": 12, "E": max(22, math.Ceil(w.cols[5])), "F": 10} {
		if err := b.f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	return setPage(b.f, name, b.lang, page{landscape: true, onePage: true, header: l("peerSheet"), right: instansi, footer: instansi})
}
