// Package report turns the results model (internal/result) into Excel:
// the report of spbe score -o, the plan and comparison workbooks, and the
// input form of a rubric (spbe template); it also reads a report back and
// checks it against its recorded provenance (spbe verify). It imports
// internal/result, internal/label and internal/workbook, never
// internal/render.
//
// A report holds values, not formulas: every number is the published
// value, rounded half-up exactly as spbe score prints it, written as a
// number. Text read from inputs is always written as a text cell.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Write builds the report of evals and saves it atomically to path.
func Write(path string, evals []*result.Evaluation, p *result.Provenance, o SaveOptions) error {
	if err := CheckOutput(path, o); err != nil {
		return err
	}
	f, err := Build(evals, p)
	if err != nil {
		return err
	}
	defer f.Close()
	return Save(path, o, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// Build returns the report workbook of evals: a ranking sheet first when
// there are several, then a summary and an indicator sheet per
// evaluation, and the hidden provenance sheet last. All evaluations use
// the same rubric.
func Build(evals []*result.Evaluation, p *result.Provenance) (*excelize.File, error) {
	if len(evals) == 0 {
		return nil, fmt.Errorf("report: no evaluation to write")
	}
	f := excelize.NewFile()
	b := &builder{f: f, lang: p.Lang, prov: p}
	if err := b.styles(); err != nil {
		f.Close()
		return nil, err
	}
	err := b.build(evals)
	if err == nil {
		err = writeProvenance(f, p)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("report: %w", err)
	}
	return f, nil
}

type builder struct {
	f    *excelize.File
	lang string
	prov *result.Provenance
	st   map[string]int
	// renamed is set once the default sheet has its name.
	renamed bool
}

func (b *builder) label(key string) string { return label.Report.Get(b.lang, key) }

// sheetWriter writes cells and keeps the first error.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// str writes text as a text cell, never a formula.
func (w *sheetWriter) str(col, row int, s string, style int) {
	if w.err != nil {
		return
	}
	w.err = w.f.SetCellStr(w.sheet, cell(col, row), s)
	w.style(col, row, style)
}

// num writes a Decimal as a number.
func (w *sheetWriter) num(col, row int, d rubric.Decimal, style int) {
	if w.err != nil {
		return
	}
	w.err = w.f.SetCellFloat(w.sheet, cell(col, row), d.Float64(), -1, 64)
	w.style(col, row, style)
}

func (w *sheetWriter) formula(col, row int, formula string, style int) {
	if w.err != nil {
		return
	}
	w.err = w.f.SetCellFormula(w.sheet, cell(col, row), formula)
	w.style(col, row, style)
}

func (w *sheetWriter) style(col, row, style int) {
	if w.err == nil && style != 0 {
		w.err = w.f.SetCellStyle(w.sheet, cell(col, row), cell(col, row), style)
	}
}

// numFmt returns the Excel number format with places decimals.
func numFmt(places int) string {
	if places <= 0 {
		return "0"
	}
	return "0." + strings.Repeat("0", places)
}

const (
	colorHeader = "1F4E78"
	colorBand   = "FFE699"
	colorWeak   = "F8CBAD"
)

func (b *builder) styles() error {
	b.st = map[string]int{}
	border := []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}
	defs := map[string]*excelize.Style{
		"title":  {Font: &excelize.Font{Bold: true, Size: 16, Color: colorHeader}},
		"bold":   {Font: &excelize.Font{Bold: true}},
		"header": {Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorHeader}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}},
		"big":    {Font: &excelize.Font{Bold: true, Size: 28, Color: colorHeader}, CustomNumFmt: ptr(numFmt(b.prov.Precision)), Alignment: &excelize.Alignment{Horizontal: "left"}},
		"pred":   {Font: &excelize.Font{Bold: true, Size: 20, Color: colorHeader}},
		"band":   {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorBand}}},
		"bandn":  {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorBand}}, CustomNumFmt: ptr("0.00")},
		"idx":    {CustomNumFmt: ptr(numFmt(b.prov.Precision)), Border: border},
		"idxb":   {CustomNumFmt: ptr(numFmt(b.prov.Precision)), Font: &excelize.Font{Bold: true}, Border: border},
		"w":      {CustomNumFmt: ptr("0.00"), Border: border},
		"c":      {CustomNumFmt: ptr(numFmt(b.prov.Precision + 2)), Border: border},
		"lvl":    {CustomNumFmt: ptr("0"), Alignment: &excelize.Alignment{Horizontal: "center"}, Border: border},
		"lvld":   {CustomNumFmt: ptr("0.00"), Alignment: &excelize.Alignment{Horizontal: "center"}, Border: border},
		"text":   {Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		"textb":  {Border: border, Font: &excelize.Font{Bold: true}},
		"note":   {Font: &excelize.Font{Italic: true, Color: "595959"}},
		"warn":   {Font: &excelize.Font{Bold: true, Color: "C00000"}},
	}
	for name, s := range defs {
		id, err := b.f.NewStyle(s)
		if err != nil {
			return err
		}
		b.st[name] = id
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// sheetNames returns the summary and indicator sheet names of evaluation
// i of n.
func (b *builder) sheetNames(i, n int) (summary, indicators string) {
	summary, indicators = b.label("summary"), b.label("indicators")
	if n > 1 {
		summary += fmt.Sprintf(" %d", i+1)
		indicators += fmt.Sprintf(" %d", i+1)
	}
	return summary, indicators
}

func (b *builder) build(evals []*result.Evaluation) error {
	first := ""
	if len(evals) > 1 {
		first = b.label("ranking")
		if err := b.ranking(first, evals); err != nil {
			return err
		}
	}
	for i, e := range evals {
		s, ind := b.sheetNames(i, len(evals))
		if first == "" {
			first = s
		}
		if err := b.summary(s, e); err != nil {
			return err
		}
		if err := b.indicators(ind, e); err != nil {
			return err
		}
	}
	idx, err := b.f.GetSheetIndex(first)
	if err != nil {
		return err
	}
	b.f.SetActiveSheet(idx)
	return nil
}

// newSheet returns a writer on a new sheet; the first sheet is the
// default one, renamed.
func (b *builder) newSheet(name string) (*sheetWriter, error) {
	if !b.renamed {
		b.renamed = true
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	return &sheetWriter{f: b.f, sheet: name}, nil
}

func quoteSheet(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func ref(sheet string, c1, r1, c2, r2 int) string {
	a, _ := excelize.CoordinatesToCellName(c1, r1, true)
	z, _ := excelize.CoordinatesToCellName(c2, r2, true)
	if a == z {
		return quoteSheet(sheet) + "!" + a
	}
	return quoteSheet(sheet) + "!" + a + ":" + z
}

func (b *builder) summary(name string, e *result.Evaluation) error {
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	res := e.Result
	rb := res.Rubric
	p := rb.Precision
	w.str(1, 1, label.Index(rb, b.lang, b.label("title")), b.st["title"])
	src := e.Source
	if e.Sheet != "" {
		src += " (" + b.label("sheet") + " " + e.Sheet + ")"
	}
	info := [][2]string{
		{b.label("instansi"), e.Instansi},
		{b.label("rubric"), rb.Name + " (" + rb.ID + ")"},
		{b.label("source"), src},
		{b.label("made"), fmt.Sprintf("%s, spbe %s", b.prov.Time.UTC().Format("2006-01-02 15:04:05 UTC"), b.prov.Version)},
	}
	for i, kv := range info {
		w.str(1, 3+i, kv[0], b.st["bold"])
		w.str(2, 3+i, kv[1], 0)
	}
	if note := label.MismatchNote(rb.Mismatch(), b.lang); note != "" {
		w.str(2, 3+len(info), note, b.st["warn"])
	}
	const idxRow = 8
	w.str(1, idxRow, label.Index(rb, b.lang, b.label("index")), b.st["bold"])
	w.num(2, idxRow, res.Published, b.st["big"])
	w.str(3, idxRow, label.PredicateName(res.Predicate, b.lang), b.st["pred"])
	w.str(1, idxRow+1, b.label("exact"), b.st["note"])
	w.str(2, idxRow+1, res.Index.Exact(), b.st["note"])
	if note := label.EdgeNote(res, b.lang); note != "" {
		w.str(1, idxRow+2, note, b.st["note"])
	}
	if note := label.ProvisionalNote(e.Assumed, b.lang); note != "" {
		w.str(4, idxRow, note, b.st["warn"]) // beside the index: it is provisional
	}

	// Predicate bands, highest first, the one reached highlighted.
	row := idxRow + 3
	for c, h := range []string{b.label("predicate"), b.label("from"), b.label("to")} {
		w.str(1+c, row, h, b.st["header"])
	}
	bands := slices.Clone(rb.Predicates)
	slices.SortStableFunc(bands, func(x, y *rubric.Band) int { return int(y.From - x.From) })
	for _, band := range bands {
		row++
		st, stn := b.st["text"], b.st["w"]
		if band == res.Predicate {
			st, stn = b.st["band"], b.st["bandn"]
		}
		w.str(1, row, label.PredicateName(band, b.lang), st)
		w.num(2, row, band.From, stn)
		w.num(3, row, band.To, stn)
	}

	// Domains: the bar chart's data (none in a rubric without domains).
	domHdr := row
	if len(res.Domains) > 0 {
		row += 2
		domHdr = row
		for c, h := range []string{b.label("code"), b.label("domain"), b.label("weight"), b.label("groupIndex"), b.label("contribution"), b.label("available")} {
			w.str(1+c, row, h, b.st["header"])
		}
	}
	for _, d := range res.Domains {
		row++
		b.groupRow(w, row, d, p, "")
	}
	domLast := row

	// Aspects: the radar chart's data, with the level-3 target.
	row += 2
	aspHdr := row
	for c, h := range []string{b.label("code"), b.label("aspect"), b.label("weight"), b.label("groupIndex"), b.label("contribution"), b.label("available"), b.label("domain"), b.label("target")} {
		w.str(1+c, row, h, b.st["header"])
	}
	for _, a := range res.Aspects {
		row++
		b.groupRow(w, row, a, p, a.Domain)
		w.num(8, row, rubric.NewDecimal(3), b.st["idx"])
	}
	aspLast := row
	if w.err != nil {
		return w.err
	}
	for _, cw := range []struct {
		from, to string
		w        float64
	}{{"A", "A", 18}, {"B", "B", 46}, {"C", "F", 13}, {"G", "H", 11}} {
		if err := b.f.SetColWidth(name, cw.from, cw.to, cw.w); err != nil {
			return err
		}
	}
	if err := b.f.SetRowHeight(name, idxRow, 40); err != nil {
		return err
	}
	if err := b.f.SetColWidth(name, "I", "I", 3); err != nil {
		return err
	}
	maxLevel := 5.0
	minLevel := 0.0
	radar := &excelize.Chart{
		Type: excelize.Radar,
		Series: []excelize.ChartSeries{
			{Name: ref(name, 4, aspHdr, 4, aspHdr), Categories: ref(name, 1, aspHdr+1, 1, aspLast), Values: ref(name, 4, aspHdr+1, 4, aspLast),
				Marker: excelize.ChartMarker{Symbol: "circle", Size: 5}},
			{Name: ref(name, 8, aspHdr, 8, aspHdr), Categories: ref(name, 1, aspHdr+1, 1, aspLast), Values: ref(name, 8, aspHdr+1, 8, aspLast),
				Line: excelize.LineOptions{Dash: excelize.LineDashDash}, Marker: excelize.ChartMarker{Symbol: "none"}},
		},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.label("radar")}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		YAxis:     excelize.ChartAxis{Maximum: &maxLevel, Minimum: &minLevel, MajorGridLines: true, MajorUnit: 1},
		Dimension: excelize.ChartDimension{Width: 520, Height: 380},
	}
	if err := landscape(b.f, name); err != nil {
		return err
	}
	if err := b.f.AddChart(name, "J3", radar); err != nil {
		return err
	}
	bar := &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{
			{Name: ref(name, 4, domHdr, 4, domHdr), Categories: ref(name, 1, domHdr+1, 1, domLast), Values: ref(name, 4, domHdr+1, 4, domLast)},
		},
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: b.label("bar")}}},
		Legend:     excelize.ChartLegend{Position: "none"},
		VaryColors: ptr(false),
		PlotArea:   excelize.ChartPlotArea{ShowVal: true},
		YAxis:      excelize.ChartAxis{Maximum: &maxLevel, Minimum: &minLevel, MajorGridLines: true},
		Dimension:  excelize.ChartDimension{Width: 520, Height: 300},
	}
	if len(res.Domains) == 0 {
		return nil
	}
	return b.f.AddChart(name, "J24", bar)
}

// level writes a level as the number closest to its exact value (the very
// number a spreadsheet stored, for a level read from one).
func (w *sheetWriter) level(col, row int, l rubric.Level, style int) {
	if w.err != nil {
		return
	}
	w.err = w.f.SetCellFloat(w.sheet, cell(col, row), l.Float64(), -1, 64)
	w.style(col, row, style)
}

// groupRow writes a domain or aspect: code, name, weight, index,
// contribution, points available (and the domain of an aspect).
func (b *builder) groupRow(w *sheetWriter, row int, g index.Group, p int, domain string) {
	w.str(1, row, g.ID, b.st["textb"])
	w.str(2, row, g.Name, b.st["text"])
	w.num(3, row, g.Weight, b.st["w"])
	w.num(4, row, g.Index.Round(p), b.st["idxb"])
	w.num(5, row, g.Contribution.Round(p+2), b.st["c"])
	w.num(6, row, g.Available.Round(p+2), b.st["c"])
	if domain != "" {
		w.str(7, row, domain, b.st["text"])
	}
}

func (b *builder) indicators(name string, e *result.Evaluation) error {
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	res := e.Result
	p := res.Rubric.Precision
	maxLevel := scaleMax(res.Rubric)
	hdr := []string{b.label("no"), b.label("domain"), b.label("aspect"), b.label("indicator"), b.label("weight"),
		b.label("level"), b.label("levelname"), b.label("contribution"), fmt.Sprintf(b.label("toMax"), maxLevel), b.label("cell")}
	for c, h := range hdr {
		w.str(1+c, 1, h, b.st["header"])
	}
	for i, it := range res.Indicators {
		row := 2 + i
		ind := it.Indicator
		w.str(1, row, ind.ID, b.st["text"])
		if ind.Aspect.Domain != nil {
			w.str(2, row, ind.Aspect.Domain.ID, b.st["text"])
		}
		w.str(3, row, ind.Aspect.ID, b.st["text"])
		w.str(4, row, ind.Name, b.st["text"])
		w.num(5, row, ind.Weight, b.st["w"])
		lst := b.st["lvl"]
		if !it.Level.IsInteger() {
			lst = b.st["lvld"]
		}
		w.level(6, row, it.Level, lst)
		w.str(7, row, it.LevelName, b.st["text"])
		w.num(8, row, it.Contribution.Round(p+2), b.st["c"])
		w.num(9, row, it.Available.Round(p+2), b.st["c"])
		w.str(10, row, e.Cells[ind.ID], b.st["text"])
	}
	last := 1 + len(res.Indicators)
	if w.err != nil {
		return w.err
	}
	widths := []float64{6, 8, 8, 60, 10, 10, 22, 12, 14, 10}
	for i, wd := range widths {
		c, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(name, c, c, wd); err != nil {
			return err
		}
	}
	if err := b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := landscape(b.f, name); err != nil {
		return err
	}
	if err := b.f.AutoFilter(name, "A1:"+cell(len(hdr), last), nil); err != nil {
		return err
	}
	// The weakest indicators stand out: a red-to-green scale on the
	// level, and the ten with the most points still open filled red.
	if err := b.f.SetConditionalFormat(name, "F2:F"+fmt.Sprint(last), []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=", MinType: "num", MinValue: res.Rubric.Scales[0].Min.String(), MinColor: "#F8696B",
		MidType: "num", MidValue: "3", MidColor: "#FFEB84", MaxType: "num", MaxValue: maxLevel.String(), MaxColor: "#63BE7B",
	}}); err != nil {
		return err
	}
	weak, err := b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorWeak}}})
	if err != nil {
		return err
	}
	return b.f.SetConditionalFormat(name, "I2:I"+fmt.Sprint(last), []excelize.ConditionalFormatOptions{{
		Type: "top", Criteria: "=", Value: "10", Format: &weak,
	}})
}

// ranking writes one row per evaluation, best first; equal indices share
// a rank.
func (b *builder) ranking(name string, evals []*result.Evaluation) error {
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	order := slices.Clone(evals)
	slices.SortStableFunc(order, func(x, y *result.Evaluation) int {
		if c := int(y.Result.Published - x.Result.Published); c != 0 {
			return c
		}
		return strings.Compare(x.Instansi, y.Instansi)
	})
	rb := evals[0].Result.Rubric
	p := rb.Precision
	hdr := []string{b.label("rank"), b.label("instansi"), b.label("source"), b.label("index"), b.label("predicate")}
	for _, d := range rb.Domains {
		hdr = append(hdr, d.ID)
	}
	for c, h := range hdr {
		w.str(1+c, 1, h, b.st["header"])
	}
	rank := 0
	for i, e := range order {
		if i == 0 || e.Result.Published != order[i-1].Result.Published {
			rank = i + 1
		}
		row := 2 + i
		w.num(1, row, rubric.NewDecimal(int64(rank)), b.st["lvl"])
		w.str(2, row, e.Instansi, b.st["text"])
		w.str(3, row, e.Source, b.st["text"])
		w.num(4, row, e.Result.Published, b.st["idxb"])
		w.str(5, row, label.PredicateName(e.Result.Predicate, b.lang), b.st["text"])
		for j, d := range e.Result.Domains {
			w.num(6+j, row, d.Index.Round(p), b.st["idx"])
		}
	}
	if w.err != nil {
		return w.err
	}
	if err := b.f.SetColWidth(name, "B", "C", 36); err != nil {
		return err
	}
	if err := b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return b.f.AutoFilter(name, "A1:"+cell(len(hdr), 1+len(order)), nil)
}

// landscape prints a sheet across one page wide.
func landscape(f *excelize.File, sheet string) error {
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	return f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)})
}
