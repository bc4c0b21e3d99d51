package excelout

import (
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// checkPage checks how a sheet prints: A4 in the orientation given, fit to
// one page wide (and high when onePage), a header and a footer with the
// page number, and header rows repeated when titles is set.
func checkPage(t *testing.T, f *excelize.File, sheet, orient string, onePage bool, titles string) {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Size == nil || *pl.Size != paperA4 || pl.Orientation == nil || *pl.Orientation != orient {
		t.Errorf("%s: page size %v, orientation %v; want A4 %s", sheet, derefAny(pl.Size), derefAny(pl.Orientation), orient)
	}
	height := 0
	if onePage {
		height = 1
	}
	if pl.FitToWidth == nil || *pl.FitToWidth != 1 || derefAny(pl.FitToHeight) != height {
		t.Errorf("%s: fit to %v wide, %v high; want 1 wide, %d high", sheet, derefAny(pl.FitToWidth), derefAny(pl.FitToHeight), height)
	}
	props, _ := f.GetSheetProps(sheet)
	if props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("%s: fit to page is off: the fit is ignored", sheet)
	}
	hf, _ := f.GetHeaderFooter(sheet)
	if hf == nil || !strings.Contains(hf.OddHeader, "&L") || !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") {
		t.Errorf("%s: header/footer = %+v, want a title and the page number", sheet, hf)
	}
	var got string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet {
			got = dn.RefersTo
		}
	}
	if want := ""; titles != "" {
		want = quoteSheet(sheet) + "!" + titles
		if got != want {
			t.Errorf("%s: print titles %q, want %q", sheet, got, want)
		}
	} else if got != "" {
		t.Errorf("%s: print titles %q, want none", sheet, got)
	}
}

func derefAny[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// checkHeaderWidths checks that no header of row is clipped: every column
// is as wide as its longest word and half its text (headers wrap onto two
// lines, and the row is two lines high).
func checkHeaderWidths(t *testing.T, f *excelize.File, sheet string, row int) {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	// A header wraps on as many lines as its row is high (at least two).
	ht, _ := f.GetRowHeight(sheet, row)
	n := max(2, int(ht/15))
	for c, h := range rows[row-1] {
		if h == "" {
			continue
		}
		col, _ := excelize.ColumnNumberToName(c + 1)
		w, _ := f.GetColWidth(sheet, col)
		longest := 0
		for _, wd := range strings.Fields(h) {
			longest = max(longest, utf8.RuneCountInString(wd))
		}
		if w < float64(longest)+1 || float64(n)*w < float64(utf8.RuneCountInString(h))+1 {
			t.Errorf("%s!%s%d %q: column width %v clips it", sheet, col, row, h, w)
		}
	}
	if ht < 29 {
		t.Errorf("%s: header row %d is %v high, want two lines", sheet, row, ht)
	}
}

func TestReportPrints(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	for _, lang := range []string{"id", "en"} {
		e := evaluation(t, t.TempDir(), "in.xlsx", "Kementerian Koordinator Bidang Perekonomian", r, fixture.Perekonomian2021)
		out := writeReport(t, []*result.Evaluation{e}, lang)
		f := open(t, out)
		sum, ind := f.GetSheetList()[0], f.GetSheetList()[1]
		checkPage(t, f, sum, "landscape", true, "")
		checkPage(t, f, ind, "landscape", false, "$1:$1")
		checkHeaderWidths(t, f, ind, 1)
		checkHeaderWidths(t, f, sum, 18) // the domains
		checkHeaderWidths(t, f, sum, 24) // the aspects
		// The band names fit their column: none wraps over the next.
		for row := 12; row <= 16; row++ {
			name, _ := f.GetCellValue(sum, cellName(1, row))
			if w, _ := f.GetColWidth(sum, "A"); w < float64(utf8.RuneCountInString(name)) {
				t.Errorf("%s: band %q wider than column A (%v)", lang, name, w)
			}
		}
		hf, _ := f.GetHeaderFooter(ind)
		if !strings.Contains(hf.OddHeader, "Kementerian Koordinator Bidang Perekonomian") {
			t.Errorf("%s: indicator header %q lacks the instansi", lang, hf.OddHeader)
		}
		// How ties among the weakest are treated is said on every page.
		if !strings.Contains(hf.OddFooter, "10") || !strings.Contains(hf.OddFooter, map[string]string{"id": "lebih dari 10", "en": "more than 10"}[lang]) {
			t.Errorf("%s: footer %q does not say how ties are marked", lang, hf.OddFooter)
		}
		// A row of a long name is as high as its lines.
		if ht, _ := f.GetRowHeight(ind, 8); ht < 30 {
			t.Errorf("%s: row 8 (indicator 7, a long name) is %v high", lang, ht)
		}
		// Indonesian numbers carry the locale that shows decimal commas.
		if got := numFormatOf(t, f, sum, "B8"); (lang == "id") != strings.HasPrefix(got, "[$-421]") {
			t.Errorf("%s: index format %q", lang, got)
		}
		// Charts: dark axis text, names as categories, a legend only with
		// two series.
		charts := zipParts(t, out, "xl/charts/chart")
		for i, c := range charts {
			c = html.UnescapeString(c)
			if strings.Count(c, `<a:srgbClr val="`+colorAxis+`"`) < 2 {
				t.Errorf("chart %d: axis text not dark", i+1)
			}
			if !strings.Contains(c, "<f>'"+sum+"'!$B$") {
				t.Errorf("chart %d: categories are not the names in column B", i+1)
			}
		}
		for _, c := range charts {
			if radar := strings.Contains(c, "<radarChart>"); radar != strings.Contains(c, "<legend>") {
				t.Errorf("radar %v, legend %v: want a legend with two series only", radar, !radar)
			}
		}
	}
}

func numFormatOf(t *testing.T, f *excelize.File, sheet, c string) string {
	t.Helper()
	id, _ := f.GetCellStyle(sheet, c)
	st, _ := f.GetStyle(id)
	if st == nil || st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

// nationalEvals returns n evaluations named like instansi of each
// category; with dup, two share a name.
func nationalEvals(t *testing.T, r *rubric.Rubric, n int) []*result.Evaluation {
	t.Helper()
	evals := syntheticEvals(t, t.TempDir(), r, n)
	evals[1].Instansi = evals[0].Instansi                                                    // a name twice
	evals[2].Instansi = "Pemerintah Kabupaten Kepulauan Sangihe dan Talaud: [Utara]/Selatan" // long, with characters a sheet name refuses
	return evals
}

func TestNationalReport(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	for _, tc := range []struct {
		n           int
		perInstansi bool
		details     bool
	}{{12, false, true}, {DetailLimit + 1, false, false}, {DetailLimit + 1, true, true}} {
		t.Run(fmt.Sprintf("%d %v", tc.n, tc.perInstansi), func(t *testing.T) {
			evals := nationalEvals(t, r, tc.n)
			out := filepath.Join(t.TempDir(), "national.xlsx")
			if err := WriteWith(out, evals, provenance(t, r, evals, "id"), outfile.Options{}, Options{PerInstansi: tc.perInstansi}); err != nil {
				t.Fatal(err)
			}
			// spbe verify rebuilds it with the sheets per instansi it was
			// written with (it rebuilt none past DetailLimit). The inputs
			// are stand-ins that share a file: only the report's own
			// cells are compared here.
			v, err := Verify(out, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range v.Diffs {
				if !strings.HasPrefix(d.Where, "input ") {
					t.Errorf("verify: %s", d)
					break
				}
			}
			f := open(t, out)
			sheets := f.GetSheetList()
			fixed := []string{"Ringkasan", "Peringkat", "Matriks indikator"}
			want := len(fixed) + 1
			if tc.details {
				want += tc.n
			}
			if len(sheets) != want || !slices.Equal(sheets[:3], fixed) || sheets[len(sheets)-1] != ProvenanceSheet {
				t.Fatalf("%d sheets %v, want %d: summary, ranking, matrix, per instansi, provenance", len(sheets), sheets[:min(6, len(sheets))], want)
			}
			checkPage(t, f, "Ringkasan", "landscape", true, "")
			checkPage(t, f, "Peringkat", "landscape", false, "$1:$1")
			checkPage(t, f, "Matriks indikator", "landscape", false, "$1:$1")
			checkHeaderWidths(t, f, "Peringkat", 1)
			order := rankOrder(evals)
			rows, _ := f.GetRows("Peringkat", excelize.Options{RawCellValue: true})
			if len(rows) != 1+tc.n || len(rows[0]) != 5+4+8 {
				t.Fatalf("ranking: %d rows of %d, want %d of 17", len(rows), len(rows[0]), 1+tc.n)
			}
			if got := strings.Join(rows[0][:5], "|"); got != "Peringkat|Instansi|Kategori|Indeks SPBE|Predikat" {
				t.Errorf("ranking header %s", got)
			}
			names := map[string]bool{}
			for i, e := range order {
				row := rows[i+1]
				if row[1] != e.Instansi || row[3] != e.Result.Published.String() || row[2] != category(e.Instansi) {
					t.Errorf("ranking row %d = %q, want %s %s", i+2, row[:5], e.Instansi, e.Result.Published)
				}
				if i > 0 && e.Result.Published > order[i-1].Result.Published {
					t.Errorf("ranking row %d out of order", i+2)
				}
				if !tc.details {
					continue
				}
				// A sheet per instansi, in rank order, named by it, linked.
				sheet := sheets[3+i]
				base := regexp.MustCompile(` \(\d+\)$`).ReplaceAllString(sheet, "")
				if utf16Units(sheet) > 31 || names[strings.ToLower(sheet)] || !strings.HasPrefix(e.Instansi, base) && !strings.HasPrefix(strings.TrimPrefix(e.Instansi, "Pemerintah "), base) && !strings.Contains(e.Instansi, "[") {
					t.Errorf("sheet %q of %q", sheet, e.Instansi)
				}
				names[strings.ToLower(sheet)] = true
				ok, link, _ := f.GetCellHyperLink("Peringkat", cellName(2, i+2))
				if !ok || link != quoteSheet(sheet)+"!A1" {
					t.Errorf("ranking B%d links to %q, want %s", i+2, link, sheet)
				}
				if got := raw(t, f, sheet, "B8"); got != e.Result.Published.String() {
					t.Errorf("%s!B8 = %s, want %s", sheet, got, e.Result.Published)
				}
			}
			if !tc.details {
				if ok, _, _ := f.GetCellHyperLink("Peringkat", "B2"); ok {
					t.Errorf("a link without a sheet to go to")
				}
			}
			// The matrix: a row per instansi in rank order, a column per
			// indicator, a colour scale over the levels.
			m, _ := f.GetRows("Matriks indikator", excelize.Options{RawCellValue: true})
			if len(m) != 1+tc.n || len(m[0]) != 3+47 || m[0][3] != "1" || m[1][1] != order[0].Instansi {
				t.Errorf("matrix %d x %d, header %q", len(m), len(m[0]), m[0][:4])
			}
			if got := m[1][3+20]; got != order[0].Result.Indicators[20].Level.String() {
				t.Errorf("matrix level = %s", got)
			}
			cfs, _ := f.GetConditionalFormats("Matriks indikator")
			if cf := cfs["D2:"+cellName(50, 1+tc.n)]; len(cf) != 1 || cf[0].Type != "3_color_scale" {
				t.Errorf("matrix colour scale = %v", cfs)
			}
			for _, s := range []string{"Peringkat", "Matriks indikator"} {
				if p, _ := f.GetPanes(s); !p.Freeze || p.YSplit != 1 {
					t.Errorf("%s: header not frozen", s)
				}
				if !strings.Contains(strings.Join(zipParts(t, out, "xl/worksheets/sheet"), ""), "<autoFilter") {
					t.Errorf("%s: no filter", s)
				}
			}
			checkSummary(t, f, r, evals)
		})
	}
}

// checkSummary compares the summary sheet with what spbe score prints for
// the same batch (internal/batch): the count per predicate, the mean, the
// median, and the mean of every domain and aspect.
func checkSummary(t *testing.T, f *excelize.File, r *rubric.Rubric, evals []*result.Evaluation) {
	t.Helper()
	sc := batch.NewScorer(r)
	var bes []*batch.Eval
	for _, e := range evals {
		var ls []rubric.Level
		for _, it := range e.Result.Indicators {
			ls = append(ls, it.Level)
		}
		be := batch.NewEval(sc, ls)
		be.Instansi = e.Instansi
		bes = append(bes, be)
	}
	want := batch.Build(sc, bes, nil, false, 1).Summary
	rows, _ := f.GetRows("Ringkasan", excelize.Options{RawCellValue: true})
	get := func(label string, col int) string {
		for _, row := range rows {
			if len(row) > col && row[0] == label {
				return row[col]
			}
		}
		return "(none)"
	}
	if got := get("Jumlah instansi", 1); got != fmt.Sprint(want.Count) {
		t.Errorf("count = %s, want %d", got, want.Count)
	}
	if got := get("Rata-rata", 1); got != want.Mean.String() {
		t.Errorf("mean = %s, want %s", got, want.Mean)
	}
	if got := get("Median", 1); got != want.Median.String() {
		t.Errorf("median = %s, want %s", got, want.Median)
	}
	for i, b := range r.Predicates {
		if got := get(b.Name, 3); got != fmt.Sprint(want.PerBand[i]) {
			t.Errorf("%s: %s instansi, want %d", b.Name, got, want.PerBand[i])
		}
	}
	for i, d := range r.Domains {
		if got := get(d.ID+" "+d.Name, 1); got != want.Domains[i].String() {
			t.Errorf("mean of %s = %s, want %s", d.ID, got, want.Domains[i])
		}
	}
	for i, a := range r.Aspects() {
		if got := get(a.ID+" "+a.Name, 1); got != want.Aspects[i].String() {
			t.Errorf("mean of %s = %s, want %s", a.ID, got, want.Aspects[i])
		}
	}
	// By category: a row per category present after the row of all.
	if got := get("Kementerian", 1); got == "(none)" || got == "0" {
		t.Errorf("no Kementerian row by category")
	}
}

func TestInstansiSheetNames(t *testing.T) {
	order := []*ranked{}
	for _, n := range []string{"Kota Bandung", "KOTA BANDUNG", "Ringkasan", "A/B:C*D?E[F]G\\H", "Pemerintah Kabupaten Kepulauan Sangihe", "Pemerintah Kabupaten Kepulauan Sangihe Talaud", "'quoted'", "", "Pemerintah Kabupaten Berau", "Kabupaten Kutai Barat"} {
		order = append(order, &ranked{Evaluation: &result.Evaluation{Instansi: n}})
	}
	got := instansiSheets(order, []string{"Ringkasan", "Peringkat"})
	want := []string{"Kota Bandung", "KOTA BANDUNG (2)", "Ringkasan (2)", "A B C D E F G H", "Kabupaten Kepulauan Sangihe", "Kab. Kepulauan Sangihe Talaud", "quoted", "8", "Kabupaten Berau", "Kabupaten Kutai Barat"}
	if !slices.Equal(got, want) {
		t.Errorf("names = %q\nwant    %q", got, want)
	}
}

// A rubric without domains (Indeks Pemdi: aspects only) gives no domain
// table nor chart, and no domain columns.
func TestReportWithoutDomains(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	flat := *r
	flat.Domains = nil
	var evals []*result.Evaluation
	for _, e := range syntheticEvals(t, t.TempDir(), r, 3) {
		res := *e.Result
		res.Rubric, res.Domains = &flat, nil
		res.Aspects = slices.Clone(res.Aspects)
		for i := range res.Aspects {
			res.Aspects[i].Domain = ""
		}
		e.Result = &res
		evals = append(evals, e)
	}
	for _, n := range []int{1, 3} {
		out := writeReport(t, evals[:n], "id")
		f := open(t, out)
		sheet := f.GetSheetList()[0]
		if n == 3 {
			sheet = f.GetSheetList()[3] // an instansi's sheet
		}
		rows, _ := f.GetRows(sheet)
		for _, row := range rows {
			if len(row) > 0 && (row[0] == "D1" || slices.Contains(row, "Domain")) {
				t.Errorf("%d: %s has a domain row %q", n, sheet, row)
			}
		}
		if n == 3 {
			// The level names (column H below the summary) get their width
			// although the summary, without a domain column, leaves H empty.
			if wd, _ := f.GetColWidth(sheet, "H"); wd < 14 {
				t.Errorf("%d: %s!H is %v wide, want room for the level names", n, sheet, wd)
			}
		}
		charts := zipParts(t, out, "xl/charts/chart")
		if want := map[int]int{1: 1, 3: 5}[n]; len(charts) != want { // radar; for 3, two summary charts and a radar each
			t.Errorf("%d: %d charts, want %d", n, len(charts), want)
		}
	}
}
