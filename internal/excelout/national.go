package excelout

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// ranked is an evaluation in rank order with its rank (ties share one),
// category and, when it has one, its own sheet.
type ranked struct {
	*result.Evaluation
	rank     int
	category string
	sheet    string
}

// category is the category an instansi's name implies (Kementerian,
// Lembaga, Provinsi, Kabupaten, Kota), or "". The report takes it from the
// name so that spbe verify, which has the names, computes the same.
func category(instansi string) string {
	c := workbook.Category(instansi)
	if slices.Contains(workbook.Categories[:], c) {
		return c
	}
	return ""
}

// rankOrder returns evals best first; equal published indices share a
// rank and are ordered by name.
func rankOrder(evals []*result.Evaluation) []*ranked {
	order := make([]*ranked, len(evals))
	for i, e := range evals {
		order[i] = &ranked{Evaluation: e, category: category(e.Instansi)}
	}
	slices.SortStableFunc(order, func(x, y *ranked) int {
		if c := cmp.Compare(y.Result.Published, x.Result.Published); c != 0 {
			return c
		}
		return strings.Compare(x.Instansi, y.Instansi)
	})
	for i, e := range order {
		e.rank = i + 1
		if i > 0 && e.Result.Published == order[i-1].Result.Published {
			e.rank = order[i-1].rank
		}
	}
	return order
}

// stats is what a group of evaluations adds up to, as spbe score prints
// it for a batch: the count per predicate, the mean and median published
// index, and the mean of each domain and aspect index (exact means,
// rounded half-up).
type stats struct {
	name             string
	count            int
	perBand          []int // rubric order
	mean, median     rubric.Decimal
	domains, aspects []rubric.Decimal
}

func summarize(name string, rb *rubric.Rubric, evals []*ranked) *stats {
	s := &stats{name: name, count: len(evals), perBand: make([]int, len(rb.Predicates))}
	if len(evals) == 0 {
		return s
	}
	p := rb.Precision
	var total index.Value
	doms := make([]index.Value, len(rb.Domains))
	asps := make([]index.Value, len(evals[0].Result.Aspects))
	pub := make([]rubric.Decimal, 0, len(evals))
	for _, e := range evals {
		res := e.Result
		if i := slices.Index(rb.Predicates, res.Predicate); i >= 0 {
			s.perBand[i]++
		}
		total = total.Add(res.Index)
		for i, d := range res.Domains {
			doms[i] = doms[i].Add(d.Index)
		}
		for i, a := range res.Aspects {
			asps[i] = asps[i].Add(a.Index)
		}
		pub = append(pub, res.Published)
	}
	n := big.NewRat(int64(len(evals)), 1)
	mean := func(v index.Value) rubric.Decimal { return index.RatValue(new(big.Rat).Quo(v.Rat(), n)).Round(p) }
	s.mean = mean(total)
	for _, d := range doms {
		s.domains = append(s.domains, mean(d))
	}
	for _, a := range asps {
		s.aspects = append(s.aspects, mean(a))
	}
	slices.Sort(pub)
	m := len(pub)
	if m%2 == 1 {
		s.median = pub[m/2]
	} else {
		sum := index.ValueOf(pub[m/2-1]).Add(index.ValueOf(pub[m/2]))
		s.median = index.RatValue(new(big.Rat).Quo(sum.Rat(), big.NewRat(2, 1))).Round(p)
	}
	return s
}

// byCategory returns the statistics of all, then of each category present
// (Kementerian, Lembaga, Provinsi, Kabupaten, Kota, then none).
func (b *builder) byCategory(rb *rubric.Rubric, order []*ranked) []*stats {
	out := []*stats{summarize(b.label("all"), rb, order)}
	for _, c := range append(workbook.Categories[:], "") {
		var in []*ranked
		for _, e := range order {
			if e.category == c {
				in = append(in, e)
			}
		}
		if len(in) == 0 || len(in) == len(order) && c == "" {
			continue
		}
		name := c
		if c == "" {
			name = b.label("none")
		}
		out = append(out, summarize(name, rb, in))
	}
	return out
}

// nationalSheets returns the sheets of the report of several evaluations
// in order: the summary, the ranking, the matrix, then a sheet per
// instansi in rank order when there are to be any (set in order).
func (b *builder) nationalSheets(order []*ranked, o Options) []string {
	sheets := []string{b.label("summary"), b.label("ranking"), b.label("matrix")}
	if o.PerInstansi || len(order) <= DetailLimit {
		names := instansiSheets(order, append(sheets, ProvenanceSheet))
		for i, e := range order {
			e.sheet = names[i]
		}
		sheets = append(sheets, names...)
	}
	return sheets
}

// national writes the report of several evaluations, in rank order,
// on the sheets of nationalSheets.
func (b *builder) national(order []*ranked) error {
	rb := order[0].Result.Rubric
	details := order[0].sheet != ""
	if err := b.nationalSummary(b.label("summary"), rb, order, details); err != nil {
		return err
	}
	if err := b.ranking(b.label("ranking"), rb, order); err != nil {
		return err
	}
	if err := b.matrix(b.label("matrix"), rb, order); err != nil {
		return err
	}
	// An instansi's indicators, below its summary, are named in a column
	// as wide as the single report's Indikator sheet gives them, where a
	// name of Indeks Pemdi is on one line (the narrower column wrapped
	// names that LibreOffice printed on one line of a row of two).
	b.names = indicatorWidth
	defer func() { b.names = 0 }()
	for _, e := range order {
		if e.sheet == "" {
			continue
		}
		row, err := b.summary(e.sheet, e.Evaluation, e.rank, len(order))
		if err != nil {
			return err
		}
		if err := b.indicatorBlock(e.sheet, row, e.Evaluation); err != nil {
			return err
		}
	}
	return nil
}

// instansiSheets names a sheet per instansi: its name without the
// characters a sheet name may not hold, cut to Excel's 31 characters, made
// unique (Excel compares names without case) by a number.
func instansiSheets(order []*ranked, taken []string) []string {
	used := map[string]bool{}
	for _, t := range taken {
		used[strings.ToLower(t)] = true
	}
	names := make([]string, len(order))
	for i, e := range order {
		base := cleanSheetName(shortName(e.Instansi))
		if base == "" {
			base = fmt.Sprint(i + 1)
		}
		name := base
		for k := 2; used[strings.ToLower(name)]; k++ {
			suffix := fmt.Sprintf(" (%d)", k)
			name = cutUTF16(base, 31-len(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// shortName makes an instansi's name a sheet name by one rule, whether
// the name was read from the workbook ("Pemerintah Kabupaten Berau") or
// made from the file name ("Kabupaten Kutai Barat"): a leading
// "Pemerintah" is always left out, then, only while the name is still
// too long for a sheet (31 characters), the usual abbreviations are used
// in turn (Kab., Prov., Kemen., RI, DI, Koord.).
func shortName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if p := "Pemerintah "; len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
		s = s[len(p):]
	}
	for _, ab := range [][2]string{{"Kabupaten", "Kab."}, {"Provinsi", "Prov."}, {"Kementerian", "Kemen."},
		{"Republik Indonesia", "RI"}, {"Daerah Istimewa", "DI"}, {"Koordinator Bidang", "Koord."}} {
		if utf16Units(s) <= 31 {
			break
		}
		s = strings.Replace(s, ab[0], ab[1], 1)
	}
	return s
}

func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

// cleanSheetName is s without the characters a sheet name may not hold,
// spaces collapsed, cut to 31 UTF-16 units, never starting or ending in
// an apostrophe.
func cleanSheetName(s string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Trim(cutUTF16(strings.Join(strings.Fields(clean), " "), 31), " '")
}

// cutUTF16 cuts s to at most n UTF-16 units, the measure of a sheet name.
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		if units += utf16Len(r); units > n {
			return strings.TrimRight(s[:i], " '")
		}
	}
	return s
}

// nationalSummary writes the summary of a batch: the count, mean and
// median, the count per predicate with a chart, the same by category, and
// the mean of every domain and aspect, overall and by category, with a
// chart of the aspect means.
func (b *builder) nationalSummary(name string, rb *rubric.Rubric, order []*ranked, details bool) error {
	w, err := b.newSheet(name)
	if err != nil {
		return err
	}
	groups := b.byCategory(rb, order)
	all := groups[0]
	w.free(1, 1, b.title(rb), b.st["title"])
	w.free(1, 2, rb.Name+" ("+rb.ID+")", 0)
	w.free(1, 3, fmt.Sprintf("%s %s, spbe %s", b.label("made"), b.prov.Time.UTC().Format("2006-01-02 15:04:05 UTC"), b.prov.Version), b.st["note"])
	row := 5
	for _, kv := range []struct {
		key   string
		v     rubric.Decimal
		style string
	}{{"count", rubric.NewDecimal(int64(all.count)), "n"}, {"mean", all.mean, "idxb"}, {"median", all.median, "idxb"}} {
		w.str(1, row, b.label(kv.key), b.st["bold"])
		w.num(2, row, kv.v, b.st[kv.style])
		row++
	}
	if !details {
		w.free(1, row, fmt.Sprintf(b.label("noDetails"), DetailLimit), b.st["note"])
	}
	simRow, simNote := 0, ""
	if n := simulatedCount(order); n > 0 {
		if !details {
			row++
		}
		simRow, simNote = row, fmt.Sprintf(b.blabel("national:summary"), n, len(order), b.label("ranking"))
		w.free(1, row, simNote, b.st["warnw"]) // merged and wrapped left of the charts below
	}

	// Count per predicate, highest first: the first chart's data.
	row += 2
	bandHdr := row
	for c, h := range []string{b.label("predicate"), b.label("from"), b.label("to"), b.label("count")} {
		w.head(1+c, row, h, b.st["header"])
	}
	w.height(row, 2)
	bands := bandsHighFirst(rb)
	for _, band := range bands {
		row++
		w.str(1, row, label.PredicateName(band, b.lang), b.st["textb"])
		w.num(2, row, band.From, b.st["w"])
		w.num(3, row, band.To, b.st["w"])
		w.num(4, row, rubric.NewDecimal(int64(all.perBand[slices.Index(rb.Predicates, band)])), b.st["n"])
	}
	bandLast := row

	// By category: count, mean, median and the count per predicate.
	if len(groups) > 1 {
		row += 2
		w.str(1, row, b.label("byCategory"), b.st["bold"])
		row++
		hdr := []string{b.label("category"), b.label("count"), b.label("mean"), b.label("median")}
		for _, band := range bands {
			hdr = append(hdr, label.PredicateName(band, b.lang)) // in English: Leading (Memuaskan)
		}
		for c, h := range hdr {
			w.head(1+c, row, h, b.st["header"])
		}
		w.height(row, 2)
		for _, g := range groups {
			row++
			w.str(1, row, g.name, b.st["textb"])
			w.num(2, row, rubric.NewDecimal(int64(g.count)), b.st["n"])
			w.num(3, row, g.mean, b.st["idxb"])
			w.num(4, row, g.median, b.st["idx"])
			for j, band := range bands {
				w.num(5+j, row, rubric.NewDecimal(int64(g.perBand[slices.Index(rb.Predicates, band)])), b.st["n"])
			}
		}
	}

	// Means per domain and aspect: all, then each category.
	table := func(title string, ids, names []string, mean func(g *stats) []rubric.Decimal) (int, int) {
		row += 2
		hdr := []string{title, b.label("all")}
		for _, g := range groups[1:] {
			hdr = append(hdr, g.name)
		}
		for c, h := range hdr {
			w.head(1+c, row, h, b.st["header"])
		}
		w.height(row, 2)
		first := row
		for i, id := range ids {
			row++
			text := id + " " + names[i]
			w.free(1, row, text, b.st["text"])
			w.height(row, lines(text, nameWidth))
			for j, g := range groups {
				w.num(2+j, row, mean(g)[i], b.st[map[bool]string{true: "idxb", false: "idx"}[j == 0]])
			}
		}
		return first, row
	}
	if len(rb.Domains) > 0 {
		var ids, names []string
		for _, d := range rb.Domains {
			ids, names = append(ids, d.ID), append(names, d.Name)
		}
		table(b.label("domainMeans"), ids, names, func(g *stats) []rubric.Decimal { return g.domains })
	}
	var ids, names []string
	for _, a := range order[0].Result.Aspects {
		ids, names = append(ids, a.ID), append(names, a.Name)
	}
	aspHdr, aspLast := table(b.label("aspectMeans"), ids, names, func(g *stats) []rubric.Decimal { return g.aspects })
	if w.err != nil {
		return w.err
	}
	w.cols[1] = nameWidth
	if err := w.cols.apply(b.f, name, 8, 60); err != nil {
		return err
	}
	chartCol := max(len(w.cols), 4) + 2
	if simRow > 0 {
		total := 0.0
		for c := 1; c <= len(w.cols); c++ {
			total += min(max(w.cols[c], 8), 60)
		}
		if err := b.f.MergeCell(name, cell(1, simRow), cell(len(w.cols), simRow)); err != nil {
			return err
		}
		if n := lines(simNote, total*0.9); n > 1 { // bold: wider than the default font
			if err := b.f.SetRowHeight(name, simRow, rowHeight(n)); err != nil {
				return err
			}
		}
	}
	if err := setPage(b.f, name, b.lang, page{landscape: true, onePage: row < 70, header: b.title(rb), footer: b.footer("")}); err != nil {
		return err
	}
	dist := &excelize.Chart{
		Type:       excelize.Col,
		Series:     []excelize.ChartSeries{{Name: ref(name, 4, bandHdr, 4, bandHdr), Categories: ref(name, 1, bandHdr+1, 1, bandLast), Values: ref(name, 4, bandHdr+1, 4, bandLast)}},
		Title:      chartTitle(b.label("predicateDist")),
		Legend:     excelize.ChartLegend{Position: "none"},
		VaryColors: ptr(false),
		PlotArea:   excelize.ChartPlotArea{ShowVal: true},
		XAxis:      excelize.ChartAxis{Font: axisFont},
		YAxis:      excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}},
		Dimension:  excelize.ChartDimension{Width: 520, Height: 300},
	}
	if err := b.f.AddChart(name, cell(chartCol, 5), dist); err != nil {
		return err
	}
	lo, hi := 0.0, scaleMax(rb).Float64()
	means := &excelize.Chart{
		Type:       excelize.Bar,
		Series:     []excelize.ChartSeries{{Name: ref(name, 2, aspHdr, 2, aspHdr), Categories: ref(name, 1, aspHdr+1, 1, aspLast), Values: ref(name, 2, aspHdr+1, 2, aspLast)}},
		Title:      chartTitle(b.label("aspectMeans")),
		Legend:     excelize.ChartLegend{Position: "none"},
		VaryColors: ptr(false),
		PlotArea:   excelize.ChartPlotArea{ShowVal: true},
		XAxis:      excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:      excelize.ChartAxis{Maximum: &hi, Minimum: &lo, MajorGridLines: true, MajorUnit: 1, Font: axisFont},
		Dimension:  excelize.ChartDimension{Width: 520, Height: 36*uint(aspLast-aspHdr) + 90},
	}
	return b.f.AddChart(name, cell(chartCol, 22), means)
}

// streamCell is a cell of a streamed row.
func streamCell(style int, v any) excelize.Cell { return excelize.Cell{StyleID: style, Value: v} }

// ranking writes one row per evaluation, best first: rank, instansi
// (linked to its sheet when it has one), category, index, predicate and
// every domain and aspect index. It streams the rows: a national report
// has hundreds.
func (b *builder) ranking(name string, rb *rubric.Rubric, order []*ranked) error {
	p := rb.Precision
	hdr := []string{b.label("rank"), b.label("instansi"), b.label("category"), b.indexName(rb), b.label("predicate")}
	// Domains and aspects are headed by code and name (a reader of the
	// printed ranking has no legend elsewhere on the page), wrapped in a
	// column of groupWidth.
	const groupWidth = 13
	for _, d := range rb.Domains {
		hdr = append(hdr, d.ID+" "+d.Name)
	}
	for _, a := range order[0].Result.Aspects {
		hdr = append(hdr, a.ID+" "+a.Name)
	}
	cols := widths{}
	for c, h := range hdr[:5] {
		cols.header(c+1, h)
	}
	// Each such column is groupWidth wide, or as wide as its longest word.
	groupCol := func(h string) float64 {
		wd := float64(groupWidth)
		for _, word := range strings.Fields(h) {
			wd = max(wd, float64(utf16Units(word)+3)) // bold: wider than the default font
		}
		return wd
	}
	headLines := 2
	for _, h := range hdr[5:] {
		headLines = max(headLines, lines(h, groupCol(h)))
	}
	for _, e := range order[:min(len(order), 2000)] { // enough to size the columns
		cols.text(2, e.Instansi)
		cols.text(3, e.category)
		cols.text(5, label.PredicateName(e.Result.Predicate, b.lang)+" * †")
	}
	for c := 6; c <= len(hdr); c++ {
		cols.need(c, groupCol(hdr[c-1]))
	}
	cols.need(4, float64(p+5))
	// LibreOffice does not wrap a linked cell: with links, the column
	// takes the longest name (up to 60).
	instWidth := min(cols[2], 44)
	if order[0].sheet != "" {
		instWidth = min(cols[2], 60)
	}
	last := 1 + len(order)
	sw, err := b.stream(name, page{landscape: true, titleRows: 1, header: b.title(rb), footer: b.footer("")}, cols, map[int]float64{2: instWidth})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	head := make([]any, len(hdr))
	for i, h := range hdr {
		head[i] = streamCell(b.st["header"], h)
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: rowHeight(headLines)}); err != nil {
		return err
	}
	for i, e := range order {
		res := e.Result
		inst := b.st["text"]
		if e.sheet != "" {
			inst = b.st["link"]
		}
		vals := make([]any, 0, len(hdr))
		pred := label.PredicateName(res.Predicate, b.lang)
		if len(e.Assumed) > 0 {
			pred += " *" // provisional: the note under the table says why
		}
		if e.Simulated() {
			pred += " †" // simulated from butir: the note under the table says so
		}
		vals = append(vals, streamCell(b.st["lvl"], e.rank), streamCell(inst, e.Instansi), streamCell(b.st["text"], e.category),
			streamCell(b.st["idxb"], res.Published.Float64()), streamCell(b.st["text"], pred))
		for _, d := range res.Domains {
			vals = append(vals, streamCell(b.st["idx"], d.Index.Round(p).Float64()))
		}
		for _, a := range res.Aspects {
			vals = append(vals, streamCell(b.st["idx"], a.Index.Round(p).Float64()))
		}
		n := lines(e.Instansi, instWidth)
		if e.sheet != "" {
			n = 1
		}
		if err := sw.SetRow(cell(1, i+2), vals, excelize.RowOpts{Height: rowHeight(n)}); err != nil {
			return err
		}
		if e.sheet != "" {
			if err := b.f.SetCellHyperLink(name, cell(2, i+2), quoteSheet(e.sheet)+"!A1", "Location"); err != nil {
				return err
			}
		}
	}
	// The provisional results, each in words for the reader as the
	// report of one instansi says it, under the table.
	row := last + 1
	for _, e := range order {
		note := b.provisionalNote(e.Evaluation)
		if note == "" {
			continue
		}
		row++
		note = "* " + e.Instansi + ": " + note
		if err := sw.SetRow(cell(1, row), []any{streamCell(b.st["provisional"], note)}, excelize.RowOpts{Height: rowHeight(lines(note, 150) + 1)}); err != nil {
			return err
		}
		if err := sw.MergeCell(cell(1, row), cell(len(hdr), row)); err != nil {
			return err
		}
	}
	// The evaluations simulated from butir, in one note: every instansi
	// or their names.
	if note := b.simulatedNote(order); note != "" {
		row++
		if err := sw.SetRow(cell(1, row), []any{streamCell(b.st["warnw"], note)}, excelize.RowOpts{Height: rowHeight(lines(note, 150) + 1)}); err != nil {
			return err
		}
		if err := sw.MergeCell(cell(1, row), cell(len(hdr), row)); err != nil {
			return err
		}
	}
	if err := b.f.AutoFilter(name, "A1:"+cell(len(hdr), last), nil); err != nil {
		return err
	}
	return sw.Flush()
}

// matrix writes the levels of every instansi (rows, in rank order) on
// every indicator (columns) with a red-yellow-green colour scale: the heat
// map analysts make by hand.
func (b *builder) matrix(name string, rb *rubric.Rubric, order []*ranked) error {
	inds := order[0].Result.Indicators
	const first = 4 // rank, instansi, index, then the indicators
	cols := widths{1: headerWidth(b.label("rank")), 3: max(headerWidth(b.indexName(rb)), 7)}
	for _, e := range order[:min(len(order), 2000)] {
		cols.text(2, e.Instansi)
	}
	for i, it := range inds {
		cols.need(first+i, max(float64(len(label.IndicatorKey(it.Indicator)))+2, 4.5))
	}
	instWidth := min(cols[2], 40)
	sw, err := b.stream(name, page{landscape: true, titleRows: 1, header: b.title(rb) + " — " + b.label("matrix"), footer: b.footer("")}, cols, map[int]float64{2: instWidth})
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: first - 1, YSplit: 1, TopLeftCell: cell(first, 2), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	head := []any{streamCell(b.st["header"], b.label("rank")), streamCell(b.st["header"], b.label("instansi")), streamCell(b.st["header"], b.indexName(rb))}
	for _, it := range inds {
		head = append(head, streamCell(b.st["header"], label.IndicatorKey(it.Indicator)))
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: rowHeight(2)}); err != nil {
		return err
	}
	vals := make([]any, len(head))
	for i, e := range order {
		vals[0], vals[1], vals[2] = streamCell(b.st["lvl"], e.rank), streamCell(b.st["text"], e.Instansi), streamCell(b.st["idxb"], e.Result.Published.Float64())
		for j, it := range e.Result.Indicators {
			st := b.st["lvl"]
			if !it.Level.IsInteger() {
				st = b.st["lvld"]
			}
			vals[first-1+j] = streamCell(st, it.Level.Float64())
		}
		if err := sw.SetRow(cell(1, i+2), vals, excelize.RowOpts{Height: rowHeight(lines(e.Instansi, instWidth))}); err != nil {
			return err
		}
	}
	last := 1 + len(order)
	if err := b.f.AutoFilter(name, "A1:"+cell(len(head), last), nil); err != nil {
		return err
	}
	if err := b.f.SetConditionalFormat(name, cell(first, 2)+":"+cell(len(head), last), levelScale(rb)); err != nil {
		return err
	}
	return sw.Flush()
}

// stream sets the page and the column widths of a new sheet (wrapped
// maps columns to fixed widths) and returns a StreamWriter on it. What a
// StreamWriter writes when it is made (the sheet properties) is set before.
func (b *builder) stream(name string, pg page, cols widths, wrapped map[int]float64) (*excelize.StreamWriter, error) {
	if err := setPage(b.f, name, b.lang, pg); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for c := 1; c <= len(cols); c++ {
		wd := min(max(cols[c], 4), 60)
		if fixed, ok := wrapped[c]; ok {
			wd = fixed
		}
		if err := sw.SetColWidth(c, c, float64(int(wd+0.99))); err != nil {
			return nil, err
		}
	}
	return sw, nil
}

// indicatorBlock writes the indicators of an evaluation below its summary
// on an instansi's sheet, in the summary's columns (no, name, weight,
// level, contribution, points open, aspect, level name), starting on a
// new page, with the header again on every page it takes.
func (b *builder) indicatorBlock(sheet string, row int, e *result.Evaluation) error {
	w := &sheetWriter{f: b.f, sheet: sheet}
	res := e.Result
	p := res.Rubric.Precision
	hdr := []string{b.label("no"), b.label("indicator"), b.label("weight"), b.label("level"), b.label("contribution"),
		b.label("available"), b.label("aspect"), b.label("levelname")}
	// perPage is the lines of a page at the scale that fits the summary
	// and its charts to the width of A4 landscape.
	const perPage = 46
	// The level names' column is the summary's target column, or, in a
	// rubric without domains, one the summary leaves at the default
	// width: widen it to the longest name, which cannot wrap mid-word.
	levelWidth := 14.0
	if len(res.Rubric.Domains) == 0 {
		for _, it := range res.Indicators {
			levelWidth = max(levelWidth, min(float64(utf8.RuneCountInString(it.LevelName)+2), 24))
		}
		if wd, err := b.f.GetColWidth(sheet, "H"); err == nil && wd < levelWidth {
			if err := b.f.SetColWidth(sheet, "H", "H", levelWidth); err != nil {
				return err
			}
		}
	}
	used := perPage
	for _, it := range res.Indicators {
		ind := it.Indicator
		n := max(lines(codeName(ind), b.nameCol()), lines(it.LevelName, levelWidth))
		if used+n > perPage {
			if w.err == nil {
				w.err = b.f.InsertPageBreak(sheet, cell(1, row))
			}
			for c, h := range hdr {
				w.free(1+c, row, h, b.st["header"])
			}
			w.height(row, 2)
			row++
			used = 2
		}
		w.free(1, row, ind.ID, b.st["code"])
		w.free(2, row, codeName(ind), b.st["text"])
		w.num(3, row, ind.Weight, b.st["w"])
		lst := b.st["lvl"]
		if !it.Level.IsInteger() {
			lst = b.st["lvld"]
		}
		w.level(4, row, it.Level, lst)
		w.num(5, row, it.Contribution.Round(p+2), b.st["c"])
		w.num(6, row, it.Available.Round(p+2), b.st["c"])
		w.free(7, row, ind.Aspect.ID, b.st["code"])
		w.free(8, row, it.LevelName, b.st["text"])
		w.height(row, n)
		used += n
		row++
	}
	return w.err
}

// simulatedCount is the number of evaluations simulated from butir.
func simulatedCount(order []*ranked) int {
	n := 0
	for _, e := range order {
		if e.Simulated() {
			n++
		}
	}
	return n
}

// simulatedNote says, under the ranking, which rows are simulated from
// butir (marked †): every instansi, or their names in rank order; "" when
// none is.
func (b *builder) simulatedNote(order []*ranked) string {
	n := simulatedCount(order)
	if n == 0 {
		return ""
	}
	who := b.blabel("national:all")
	if n < len(order) {
		var names []string
		for _, e := range order {
			if e.Simulated() {
				names = append(names, e.Instansi)
			}
		}
		who = strings.Join(names, "; ")
	}
	return fmt.Sprintf(b.blabel("national:note"), who)
}
