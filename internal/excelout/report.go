// Package excelout turns the results model (internal/result) into Excel:
// the report of spbe score -o, the plan and comparison workbooks, and the
// input form of a rubric (spbe template); it also reads a report back and
// checks it against its recorded provenance (spbe verify). Every file is
// written by the output policy of internal/outfile. It imports
// internal/result, internal/label, internal/outfile and internal/workbook,
// never internal/textout.
//
// A report holds values, not formulas: every number is the published
// value, rounded half-up exactly as spbe score prints it, written as a
// number. Text read from inputs is always written as a text cell.
package excelout

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Options are the choices of a report beyond its evaluations and
// provenance.
type Options struct {
	// PerInstansi writes a sheet per instansi however many there are; by
	// default a report of more than DetailLimit instansi has none (its
	// ranking, summary and matrix hold every number).
	PerInstansi bool
	// Title is the report's title ("Indeks SPBE Kabupaten/Kota Kalimantan
	// Timur 2024"): at the top of the summaries, in the page headers and
	// footers; "" gives "Laporan Indeks SPBE". A year in it (2024) is
	// shown on the summaries as the year of the evaluation.
	Title string
}

// DetailLimit is the most instansi a report writes a sheet each for,
// unless Options.PerInstansi.
const DetailLimit = 50

// Write builds the report of evals with the default Options and saves it
// atomically to path.
func Write(path string, evals []*result.Evaluation, p *result.Provenance, so outfile.Options) error {
	return WriteWith(path, evals, p, so, Options{})
}

// WriteWith builds the report of evals and saves it atomically to path.
func WriteWith(path string, evals []*result.Evaluation, p *result.Provenance, so outfile.Options, o Options) error {
	if err := outfile.Check(path, so); err != nil {
		return err
	}
	f, err := BuildWith(evals, p, o)
	if err != nil {
		return err
	}
	defer f.Close()
	return outfile.Save(path, so, func(w io.Writer) error {
		_, err := f.WriteTo(w)
		return err
	})
}

// Build returns the report workbook of evals with the default Options.
func Build(evals []*result.Evaluation, p *result.Provenance) (*excelize.File, error) {
	return BuildWith(evals, p, Options{})
}

// BuildWith returns the report workbook of evals. One evaluation gives a
// summary and an indicator sheet. Several give a summary of them all
// (count per predicate, mean and median, means per domain and aspect, by
// category), a ranking, a matrix of instansi by indicator, and a sheet
// per instansi in rank order (see Options). The hidden provenance sheet
// is last. All evaluations use the same rubric.
func BuildWith(evals []*result.Evaluation, p *result.Provenance, o Options) (*excelize.File, error) {
	if len(evals) == 0 {
		return nil, fmt.Errorf("report: no evaluation to write")
	}
	f := excelize.NewFile()
	b := &builder{f: f, lang: p.Lang, prov: p, o: o}
	if err := b.styles(); err != nil {
		f.Close()
		return nil, err
	}
	// Every sheet is made first, in order, and the provenance sheet
	// hidden, before any is streamed: hiding a sheet reads every other.
	var sheets []string
	var order []*ranked
	if len(evals) == 1 {
		sheets = append([]string{b.label("summary"), b.label("indicators")}, b.butirSheets(evals[0])...)
	} else {
		order = rankOrder(evals)
		sheets = b.nationalSheets(order, o)
	}
	err := b.makeSheets(append(sheets, ProvenanceSheet))
	if err == nil {
		err = f.SetSheetVisible(ProvenanceSheet, false)
	}
	if err == nil && len(evals) == 1 {
		err = b.single(evals[0])
	} else if err == nil {
		err = b.national(order)
	}
	if err == nil {
		err = writeProvenance(f, p, o)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("report: %w", err)
	}
	return f, nil
}

type builder struct {
	f    *excelize.File
	o    Options
	lang string
	prov *result.Provenance
	st   map[string]int
	// renamed is set once the default sheet has its name.
	renamed bool
	// simulated marks a plan whose values are simulated from butir: the
	// plan sheet says so above its steps.
	simulated bool
	// names is the width of the names column of a summary: nameWidth, or
	// on an instansi's sheet of a national report, whose indicators
	// share the column, the single report's indicatorWidth.
	names float64
}

// nameCol is the width of the names column of a summary (see names).
func (b *builder) nameCol() float64 {
	if b.names > 0 {
		return b.names
	}
	return nameWidth
}

func (b *builder) label(key string) string { return label.Report.Get(b.lang, key) }

// indexName is the name of the index the rubric computes.
func (b *builder) indexName(r *rubric.Rubric) string { return label.IndexName(r, b.lang) }

// title is the title of the report of rubric r.
func (b *builder) title(r *rubric.Rubric) string {
	if t := strings.Join(strings.Fields(b.o.Title), " "); t != "" {
		return t
	}
	return fmt.Sprintf(b.label("reportOf"), b.indexName(r))
}

// footer is what the page footers of a sheet about instansi name: the
// report's title when it has one, else the instansi ("" for none).
func (b *builder) footer(instansi string) string {
	if t := strings.Join(strings.Fields(b.o.Title), " "); t != "" {
		return t
	}
	return instansi
}

// yearRe finds a year standing alone in a title or a file name.
var yearRe = regexp.MustCompile(`(?:^|[^0-9])(20[0-9][0-9])(?:[^0-9]|$)`)

// year is the year of an evaluation when it is known: the last year
// written in the report's title, else in the name of its source file
// (kaltim-2024.xlsx); "" when neither has one.
func (b *builder) year(source string) string {
	for _, s := range []string{b.o.Title, filepath.Base(source)} {
		if m := yearRe.FindAllStringSubmatch(s, -1); len(m) > 0 {
			return m[len(m)-1][1]
		}
	}
	return ""
}

// sheetWriter writes cells, keeps the first error, and notes the width
// each column needs.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
	cols  widths
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// str writes text as a text cell, never a formula, and notes its width.
func (w *sheetWriter) str(col, row int, s string, style int) {
	w.free(col, row, s, style)
	w.cols.text(col, s)
}

// free writes text that may run over the cells to its right (a title, a
// note): its width is not noted.
func (w *sheetWriter) free(col, row int, s string, style int) {
	if w.err != nil {
		return
	}
	w.err = w.f.SetCellStr(w.sheet, cell(col, row), s)
	w.style(col, row, style)
}

// head writes a header cell, which may wrap onto two lines.
func (w *sheetWriter) head(col, row int, s string, style int) {
	w.free(col, row, s, style)
	w.cols.header(col, s)
}

// num writes a Decimal as a number.
func (w *sheetWriter) num(col, row int, d rubric.Decimal, style int) {
	if w.err != nil {
		return
	}
	w.err = w.f.SetCellFloat(w.sheet, cell(col, row), d.Float64(), -1, 64)
	w.style(col, row, style)
	w.cols.text(col, d.String()+"00")
}

// level writes a level as the number closest to its exact value (the very
// number a spreadsheet stored, for a level read from one).
func (w *sheetWriter) level(col, row int, l rubric.Level, style int) {
	if w.err != nil {
		return
	}
	w.err = setFloat(w.f, w.sheet, cell(col, row), l.Float64())
	w.style(col, row, style)
	w.cols.text(col, l.Fixed(2))
}

// setFloat writes v with every digit it needs: its shortest text that
// reads back as v (1.1666666666666667 for 7/6), as Excel stores it.
// excelize's SetCellFloat with precision -1 cuts a number to 15
// significant digits (1.16666666666666), another number.
func setFloat(f *excelize.File, sheet, c string, v float64) error {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	places := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		places = len(s) - i - 1
	}
	return f.SetCellFloat(sheet, c, v, places, 64)
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

// height sets the height of a row for n lines.
func (w *sheetWriter) height(row, n int) {
	if w.err == nil && n > 1 {
		w.err = w.f.SetRowHeight(w.sheet, row, rowHeight(n))
	}
}

// numFmt returns the Excel number format with places decimals.
func numFmt(places int) string {
	if places <= 0 {
		return "0"
	}
	return "0." + strings.Repeat("0", places)
}

// locale is the prefix of the number formats of a workbook in lang:
// [$-421] (Indonesian) makes LibreOffice show decimal commas whatever its
// own locale. Excel takes the decimal separator from the system's
// settings and ignores the prefix for numbers: no number format can
// change that, short of storing text, which a report never does.
func locale(lang string) string {
	if lang == "en" {
		return ""
	}
	return "[$-421]"
}

// nf is numFmt in the builder's language.
func (b *builder) nf(places int) *string { return ptr(locale(b.lang) + numFmt(places)) }

const (
	colorHeader = "1F4E78"
	colorBand   = "FFE699"
	colorWeak   = "F8CBAD"
	// colorAxis is the text of chart axes: dark enough to print.
	colorAxis = "262626"
)

// axisFont is the font of chart axis labels: darker than the default
// grey, which prints faintly.
var axisFont = excelize.Font{Color: colorAxis, Size: 9}

func (b *builder) styles() error {
	b.st = map[string]int{}
	border := []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}
	top := &excelize.Alignment{Vertical: "top"}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "top"}
	p := b.prov.Precision
	defs := map[string]*excelize.Style{
		"title":  {Font: &excelize.Font{Bold: true, Size: 16, Color: colorHeader}},
		"bold":   {Font: &excelize.Font{Bold: true}, Alignment: top},
		"header": {Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorHeader}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}},
		"big":    {Font: &excelize.Font{Bold: true, Size: 28, Color: colorHeader}, CustomNumFmt: b.nf(p), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}},
		"pred":   {Font: &excelize.Font{Bold: true, Size: 20, Color: colorHeader}, Alignment: &excelize.Alignment{Vertical: "center"}},
		"band":   {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorBand}}},
		"bandn":  {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorBand}}, CustomNumFmt: b.nf(2)},
		"idx":    {CustomNumFmt: b.nf(p), Border: border, Alignment: top},
		"idxb":   {CustomNumFmt: b.nf(p), Font: &excelize.Font{Bold: true}, Border: border, Alignment: top},
		"w":      {CustomNumFmt: b.nf(2), Border: border, Alignment: top},
		"c":      {CustomNumFmt: b.nf(p + 2), Border: border, Alignment: top},
		"n":      {CustomNumFmt: ptr("0"), Border: border, Alignment: top},
		"lvl":    {CustomNumFmt: ptr("0"), Alignment: center, Border: border},
		"lvld":   {CustomNumFmt: b.nf(2), Alignment: center, Border: border},
		"text":   {Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		"code":   {Border: border, Alignment: center},
		"textnw": {Border: border, Alignment: top},
		"textb":  {Border: border, Font: &excelize.Font{Bold: true}, Alignment: top},
		"note":   {Font: &excelize.Font{Italic: true, Color: "595959"}},
		"warn":   {Font: &excelize.Font{Bold: true, Color: "C00000"}},
		"warnw":  {Font: &excelize.Font{Bold: true, Color: "C00000"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		"provisional": {Font: &excelize.Font{Bold: true, Color: "C00000"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}},
		"link": {Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Border: border, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
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

// single writes the report of one evaluation: its summary and its
// indicators.
func (b *builder) single(e *result.Evaluation) error {
	if _, err := b.summary(b.label("summary"), e, 0, 0); err != nil {
		return err
	}
	if err := b.indicators(b.label("indicators"), e); err != nil {
		return err
	}
	if e.Butir == nil {
		return nil
	}
	if err := b.butirByIndicator(e); err != nil {
		return err
	}
	return b.butirChecklist(e)
}

// makeSheets makes the sheets of a workbook in order: the first is the
// default one, renamed. The first sheet is the active one.
func (b *builder) makeSheets(names []string) error {
	for _, name := range names {
		if _, err := b.newSheet(name); err != nil {
			return err
		}
	}
	return nil
}

// newSheet returns a writer on a sheet, made unless it exists; the first
// sheet is the default one, renamed.
func (b *builder) newSheet(name string) (*sheetWriter, error) {
	if !b.renamed {
		b.renamed = true
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	return &sheetWriter{f: b.f, sheet: name, cols: widths{}}, nil
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

// nameWidth is the width of the column of domain, aspect and indicator
// names: wider names wrap.
const nameWidth = 46

// summary writes the summary of one evaluation on a new sheet: the index
// and predicate, the bands, and the domains and aspects with a chart of
// each. rank and of, when of > 0, give its place in a batch (the sheet
// then goes on with the indicators, indicatorBlock). It returns the first
// free row.
func (b *builder) summary(name string, e *result.Evaluation, rank, of int) (int, error) {
	w, err := b.newSheet(name)
	if err != nil {
		return 0, err
	}
	res := e.Result
	rb := res.Rubric
	p := rb.Precision
	w.free(1, 1, b.title(rb), b.st["title"])
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
	// Under the instansi, what is known of it: its region, the year.
	var known [][2]string
	if e.Region != "" {
		known = append(known, [2]string{b.label("region"), e.Region})
	}
	if y := b.year(e.Source); y != "" {
		known = append(known, [2]string{b.label("year"), y})
	}
	info = append(info[:1], append(known, info[1:]...)...)
	if of > 0 {
		info = append(info, [2]string{b.label("rank"), fmt.Sprintf(b.label("rankOf"), rank, of)})
	}
	for i, kv := range info {
		w.str(1, 3+i, kv[0], b.st["bold"])
		w.free(2, 3+i, kv[1], 0)
	}
	free := 3 + len(info) // the first row under the information
	if note := label.MismatchNote(rb.Mismatch(), b.lang); note != "" {
		w.str(2, free, note, b.st["warn"])
		free++
	}
	// The index in row 8 (B8) when the information leaves it free, else
	// under it after a blank row: never over a line of it.
	idxRow := 8
	if free > idxRow {
		idxRow = free + 1
	}
	w.str(1, idxRow, b.indexName(rb), b.st["bold"])
	w.num(2, idxRow, res.Published, b.st["big"])
	w.free(3, idxRow, label.PredicateName(res.Predicate, b.lang), b.st["pred"])
	w.str(1, idxRow+1, b.label("exact"), b.st["note"])
	w.free(2, idxRow+1, b.decimalText(res.Index.Exact()), b.st["note"])
	noteRow := idxRow + 2
	if note := label.EdgeNote(res, b.lang); note != "" {
		w.free(1, noteRow, note, b.st["note"])
		noteRow++
	}
	if note := b.provisionalNote(e); note != "" {
		// A row of its own across the tables, in words for the reader
		// of the report, so that no column is widened by it.
		w.free(1, noteRow, note, b.st["provisional"])
		if w.err == nil {
			w.err = b.f.MergeCell(name, cell(1, noteRow), cell(8, noteRow))
		}
		w.height(noteRow, lines(note, 110)+1)
		noteRow++
	}
	if e.Butir != nil { // under the index too: the values are a simulation
		note := label.ButirReport.Get(b.lang, "stands")
		if e.Butir.Simulated {
			note = label.ButirReport.Get(b.lang, "simulated")
		}
		w.free(1, noteRow, note, b.st["warn"]) // a row of its own, never over the provisional note
		noteRow++
	}

	// Predicate bands, highest first, the one reached highlighted.
	row := max(idxRow+3, noteRow+1)
	for c, h := range []string{b.label("predicate"), b.label("from"), b.label("to")} {
		w.head(1+c, row, h, b.st["header"])
	}
	for _, band := range bandsHighFirst(rb) {
		row++
		st, stn := b.st["textb"], b.st["w"]
		if band == res.Predicate {
			st, stn = b.st["band"], b.st["bandn"]
		}
		w.str(1, row, label.PredicateName(band, b.lang), st)
		w.num(2, row, band.From, stn)
		w.num(3, row, band.To, stn)
	}

	// Domains: the bar chart's data (none for a rubric without domains).
	domHdr, domLast := 0, 0
	if len(res.Domains) > 0 {
		row += 2
		domHdr = row
		for c, h := range []string{b.label("code"), b.label("domain"), b.label("weight"), b.label("groupIndex"), b.label("contribution"), b.label("available")} {
			w.head(1+c, row, h, b.st["header"])
		}
		w.height(row, 2)
		for _, d := range res.Domains {
			row++
			b.groupRow(w, row, d, p, "")
		}
		domLast = row
	}

	// Aspects: the radar chart's data, with what the chart compares them
	// with (level 3, or the edge of a predicate).
	tval, thead, ttitle := b.aspectTarget(res)
	row += 2
	aspHdr := row
	hdr := []string{b.label("code"), b.label("aspect"), b.label("weight"), b.label("groupIndex"), b.label("contribution"), b.label("available")}
	if len(res.Domains) > 0 {
		hdr = append(hdr, b.label("domain"))
	}
	tcol := len(hdr) + 1
	hdr = append(hdr, thead)
	for c, h := range hdr {
		w.head(1+c, row, h, b.st["header"])
	}
	w.height(row, 2)
	for _, a := range res.Aspects {
		row++
		b.groupRow(w, row, a, p, a.Domain)
		w.num(tcol, row, tval, b.st["idx"])
	}
	aspLast := row
	if w.err != nil {
		return 0, w.err
	}
	w.cols[2] = b.nameCol()
	if err := w.cols.apply(b.f, name, 6, 60); err != nil {
		return 0, err
	}
	if err := b.f.SetRowHeight(name, idxRow, 40); err != nil {
		return 0, err
	}
	if err := b.f.SetColWidth(name, "I", "I", 2); err != nil {
		return 0, err
	}
	if err := setPage(b.f, name, b.lang, page{landscape: true, onePage: of == 0, header: b.title(rb), right: e.Instansi, footer: b.footer(e.Instansi)}); err != nil {
		return 0, err
	}
	// The charts' categories are the names, which the tables beside them
	// pair with the codes.
	maxLevel, minLevel := scaleMax(rb).Float64(), 0.0
	radar := &excelize.Chart{
		Type: excelize.Radar,
		Series: []excelize.ChartSeries{
			{Name: ref(name, 4, aspHdr, 4, aspHdr), Categories: ref(name, 2, aspHdr+1, 2, aspLast), Values: ref(name, 4, aspHdr+1, 4, aspLast),
				Marker: excelize.ChartMarker{Symbol: "circle", Size: 5}},
			{Name: ref(name, tcol, aspHdr, tcol, aspHdr), Categories: ref(name, 2, aspHdr+1, 2, aspLast), Values: ref(name, tcol, aspHdr+1, tcol, aspLast),
				Line: excelize.LineOptions{Dash: excelize.LineDashDash}, Marker: excelize.ChartMarker{Symbol: "none"}},
		},
		Title:     chartTitle(ttitle),
		Legend:    excelize.ChartLegend{Position: "bottom", Font: &axisFont},
		XAxis:     excelize.ChartAxis{Font: axisFont},
		YAxis:     excelize.ChartAxis{Maximum: &maxLevel, Minimum: &minLevel, MajorGridLines: true, MajorUnit: 1, Font: axisFont},
		Dimension: excelize.ChartDimension{Width: 640, Height: 440},
	}
	if err := b.f.AddChart(name, "J3", radar); err != nil {
		return 0, err
	}
	if domHdr > 0 {
		const barRow = 26
		bar := &excelize.Chart{
			Type: excelize.Bar,
			Series: []excelize.ChartSeries{
				{Name: ref(name, 4, domHdr, 4, domHdr), Categories: ref(name, 2, domHdr+1, 2, domLast), Values: ref(name, 4, domHdr+1, 4, domLast)},
			},
			Title:      chartTitle(b.label("bar")),
			Legend:     excelize.ChartLegend{Position: "none"},
			VaryColors: ptr(false),
			PlotArea:   excelize.ChartPlotArea{ShowVal: true},
			XAxis:      excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
			YAxis:      excelize.ChartAxis{Maximum: &maxLevel, Minimum: &minLevel, MajorGridLines: true, MajorUnit: 1, Font: axisFont},
			Dimension:  excelize.ChartDimension{Width: 560, Height: 60*uint(len(res.Domains)) + 90},
		}
		if err := b.f.AddChart(name, cell(10, barRow), bar); err != nil {
			return 0, err
		}
		// The first free row is below the chart too (rows of 20 pixels
		// or more).
		return max(aspLast+2, barRow+int(bar.Dimension.Height)/20+2), nil
	}
	return aspLast + 2, nil
}

// chartTitle is a chart title in a dark, moderate font.
func chartTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s, Font: &excelize.Font{Bold: true, Size: 11, Color: colorAxis}}}}
}

// bandsHighFirst returns the predicates of r, highest first.
func bandsHighFirst(r *rubric.Rubric) []*rubric.Band {
	bands := slices.Clone(r.Predicates)
	slices.SortStableFunc(bands, func(x, y *rubric.Band) int { return int(y.From - x.From) })
	return bands
}

// aspectTarget is what the radar chart of a summary compares the aspects
// with, the header of its column (the chart's legend) and the chart's
// title. Level 3 is the target of the SPBE rubrics (59/2020's habit); an
// Indeks Pemdi (a rubric without domains) has no such target, and its
// aspects are compared with the lower edge of the predicate above the
// one the index earns (the top predicate's own edge at the top): the
// step a reader of the summary looks to.
func (b *builder) aspectTarget(res *index.Result) (rubric.Decimal, string, string) {
	rb := res.Rubric
	if len(rb.Domains) > 0 || res.Predicate == nil || len(rb.Predicates) == 0 {
		return rubric.NewDecimal(3), b.label("target"), b.label("radar")
	}
	next := res.Predicate
	for _, band := range rb.Predicates {
		if band.From > res.Predicate.From && (next == res.Predicate || band.From < next.From) {
			next = band
		}
	}
	name := label.PredicateName(next, b.lang)
	return next.From, fmt.Sprintf(b.label("targetBand"), name, label.Number(next.From, 2, b.lang)), fmt.Sprintf(b.label("radarBand"), name)
}

// groupRow writes a domain or an aspect: code, name, weight, index,
// contribution, points available (and the domain of an aspect).
func (b *builder) groupRow(w *sheetWriter, row int, g index.Group, p int, domain string) {
	w.str(1, row, g.ID, b.st["textb"])
	w.free(2, row, g.Name, b.st["text"])
	w.height(row, lines(g.Name, b.nameCol()))
	w.num(3, row, g.Weight, b.st["w"])
	w.num(4, row, g.Index.Round(p), b.st["idxb"])
	w.num(5, row, g.Contribution.Round(p+2), b.st["c"])
	w.num(6, row, g.Available.Round(p+2), b.st["c"])
	if domain != "" {
		w.str(7, row, domain, b.st["code"])
	}
}

// domainOf is the id of an indicator's domain, "" in a rubric without
// domains.
func domainOf(ind *rubric.Indicator) string {
	if ind.Aspect == nil || ind.Aspect.Domain == nil {
		return ""
	}
	return ind.Aspect.Domain.ID
}

// Widths of the wrapped columns of the indicator sheet.
const (
	indicatorWidth = 60
	levelNameWidth = 24
)

func (b *builder) indicators(name string, e *result.Evaluation) error {
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	res := e.Result
	rb := res.Rubric
	p := rb.Precision
	maxLevel := scaleMax(rb)
	hdr := []string{b.label("no"), b.label("domain"), b.label("aspect"), b.label("indicator"), b.label("weight"),
		b.label("level"), b.label("levelname"), b.label("contribution"), fmt.Sprintf(b.label("toMax"), maxLevel), b.label("cell")}
	// A rubric without domains (Indeks Pemdi) gets no domain column: the
	// columns after it move one to the left.
	dc := 0
	if len(rb.Domains) == 0 {
		hdr = slices.Delete(hdr, 1, 2)
		dc = -1
	}
	for c, h := range hdr {
		w.head(1+c, 1, h, b.st["header"])
	}
	for i, it := range res.Indicators {
		row := 2 + i
		ind := it.Indicator
		w.str(1, row, ind.ID, b.st["code"])
		if dc == 0 {
			w.str(2, row, domainOf(ind), b.st["code"])
		}
		w.str(3+dc, row, ind.Aspect.ID, b.st["code"])
		w.free(4+dc, row, codeName(ind), b.st["text"])
		w.num(5+dc, row, ind.Weight, b.st["w"])
		lst := b.st["lvl"]
		if !it.Level.IsInteger() {
			lst = b.st["lvld"]
		}
		w.level(6+dc, row, it.Level, lst)
		w.free(7+dc, row, it.LevelName, b.st["text"])
		w.num(8+dc, row, it.Contribution.Round(p+2), b.st["c"])
		w.num(9+dc, row, it.Available.Round(p+2), b.st["c"])
		if src := e.Cells[ind.ID]; src == "" && slices.Contains(e.Assumed, ind.ID) {
			// No cell: the rubric's assumed level, said where the cell
			// would be, so that a page of indicators alone says it too.
			w.str(10+dc, row, b.label("assumedCell"), b.st["warn"])
		} else {
			w.str(10+dc, row, src, b.st["code"])
		}
		w.height(row, max(lines(codeName(ind), indicatorWidth), lines(it.LevelName, levelNameWidth)))
	}
	last := 1 + len(res.Indicators)
	if w.err != nil {
		return w.err
	}
	w.cols[4+dc], w.cols[7+dc] = indicatorWidth, levelNameWidth
	if err := w.cols.apply(b.f, name, 5, 60); err != nil {
		return err
	}
	if err := b.f.SetRowHeight(name, 1, rowHeight(2)); err != nil {
		return err
	}
	if err := b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := b.f.AutoFilter(name, "A1:"+cell(len(hdr), last), nil); err != nil {
		return err
	}
	if err := setPage(b.f, name, b.lang, page{landscape: true, titleRows: 1, header: b.title(rb), right: e.Instansi}); err != nil {
		return err
	}
	if err := b.weakFooter(name, e.Instansi, rb); err != nil {
		return err
	}
	return b.levelFormats(name, cell(6+dc, 2)+":"+cell(6+dc, last), cell(9+dc, 2)+":"+cell(9+dc, last), rb)
}

// weakFooter adds to the footer of an indicator sheet how its red cells
// are chosen, ties included: on a line of its own under the title (or
// instansi), with no centre section, which the long note ran into.
func (b *builder) weakFooter(sheet, instansi string, rb *rubric.Rubric) error {
	left := hfCut(b.label("weakNote"), 150)
	if name := b.footer(instansi); name != "" {
		left = hfCut(name, 50) + "\n" + left
	}
	return b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: `&L&"-,Bold"` + hfEscape(b.title(rb)) + "&R" + hfEscape(instansi),
		OddFooter: "&L&8" + left + "&R&8" + b.label("page"),
	})
}

// levelFormats colours levels from red to green, and fills red the ten
// indicators with the most points open (all of those tied with the
// tenth too: Excel's and LibreOffice's "top 10" rule keeps ties).
func (b *builder) levelFormats(sheet, levels, open string, rb *rubric.Rubric) error {
	if err := b.f.SetConditionalFormat(sheet, levels, levelScale(rb)); err != nil {
		return err
	}
	if open == "" {
		return nil
	}
	weak, err := b.f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colorWeak}}})
	if err != nil {
		return err
	}
	return b.f.SetConditionalFormat(sheet, open, []excelize.ConditionalFormatOptions{{
		Type: "top", Criteria: "=", Value: "10", Format: &weak,
	}})
}

// levelScale is the red-yellow-green colour scale of levels: the lowest
// level of the scales, 3, the highest.
func levelScale(rb *rubric.Rubric) []excelize.ConditionalFormatOptions {
	lo := rb.Scales[0].Min
	for _, s := range rb.Scales {
		lo = min(lo, s.Min)
	}
	return []excelize.ConditionalFormatOptions{{
		Type: "3_color_scale", Criteria: "=", MinType: "num", MinValue: lo.String(), MinColor: "#F8696B",
		MidType: "num", MidValue: "3", MidColor: "#FFEB84", MaxType: "num", MaxValue: scaleMax(rb).String(), MaxColor: "#63BE7B",
	}}
}

// decimalText writes a number given as decimal text ("3.785") with the
// language's decimal separator ("3,785" in Indonesian).
func (b *builder) decimalText(s string) string {
	if b.lang == "en" {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// provisionalNote says, for the reader of a report rather than the user
// of spbe, that the index is provisional: which indicators are not yet
// scored by the agency that scores them, what level stands in for them,
// and that the index may change. "" for a result read in full.
func (b *builder) provisionalNote(e *result.Evaluation) string {
	if len(e.Assumed) == 0 {
		return ""
	}
	rb := e.Result.Rubric
	var parts []string
	for _, id := range e.Assumed {
		ind := rb.Indicator(id)
		if ind == nil {
			continue
		}
		s := ind.Name
		if ind.Code != "" {
			s = ind.Code + " " + s
		}
		if ind.External != nil {
			s += fmt.Sprintf(" (%s, %s %s)", ind.External.Source, b.label("assumedLevel"), label.Number(ind.External.Assume, 0, b.lang))
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf(b.label("provisional"), strings.Join(parts, "; "))
}

// codeName is an indicator's name for a report or form, after its kode
// where the rubric has one ("3.1 Tata Kelola Data"): the assessors of
// Indeks Pemdi name indicators by kode.
func codeName(ind *rubric.Indicator) string {
	if ind.Code != "" {
		return ind.Code + " " + ind.Name
	}
	return ind.Name
}
