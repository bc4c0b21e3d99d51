package excelout

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
)

// hfSections splits a header or footer into its left, centre and right
// sections, each as its lines of printed text with the point size of each
// line (8 after &8, else the 10 points LibreOffice and Excel use) and
// whether it is bold.
type hfLine struct {
	text       string
	size       float64
	bold       bool
	codesWidth int // &P, &N: a page number, about two characters
}

var hfCode = regexp.MustCompile(`&(?:"[^"]*"|[0-9]+|[LCRPNDTAFZGBIUSXYEKO&])`)

func hfSections(s string) map[byte][]hfLine {
	out := map[byte][]hfLine{}
	sec := byte('L')
	size, bold := 10.0, false
	var cur strings.Builder
	pages := 0
	flush := func() {
		for i, ln := range strings.Split(cur.String(), "\n") {
			if ln == "" && i > 0 {
				continue
			}
			out[sec] = append(out[sec], hfLine{text: ln, size: size, bold: bold, codesWidth: pages})
		}
		cur.Reset()
		pages = 0
	}
	for len(s) > 0 {
		loc := hfCode.FindStringIndex(s)
		if loc == nil {
			cur.WriteString(s)
			break
		}
		cur.WriteString(s[:loc[0]])
		code := s[loc[0]:loc[1]]
		s = s[loc[1]:]
		switch {
		case code == "&L" || code == "&C" || code == "&R":
			flush()
			sec, size, bold = code[1], 10, false
		case code == "&&":
			cur.WriteString("&")
		case code == "&P" || code == "&N":
			pages += 2
		case strings.HasPrefix(code, `&"`):
			bold = strings.Contains(code, "Bold")
		default:
			if n, err := strconv.Atoi(code[1:]); err == nil {
				size = float64(n)
			}
		}
	}
	flush()
	return out
}

// width is the printed width of a section in points: its widest line, at
// about half an em a character (a little more in bold).
func hfWidth(lines []hfLine) float64 {
	w := 0.0
	for _, l := range lines {
		em := 0.5
		if l.bold {
			em = 0.55
		}
		w = max(w, float64(utf8.RuneCountInString(l.text)+l.codesWidth)*l.size*em)
	}
	return w
}

// checkHeadFootFit checks that the sections of every page header and footer
// of f print side by side without running into each other: the centre
// section is centred, the left and right ones start at the margins. On A4
// less the 0,4 inch margins, a landscape page is 784 points wide and a
// portrait one 538.
func checkHeadFootFit(t *testing.T, f *excelize.File, what string) {
	t.Helper()
	for _, sheet := range f.GetSheetList() {
		if sheet == ProvenanceSheet {
			continue
		}
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		width := 538.0
		if pl.Orientation != nil && *pl.Orientation == "landscape" {
			width = 784
		}
		hf, _ := f.GetHeaderFooter(sheet)
		if hf == nil {
			continue
		}
		for part, s := range map[string]string{"header": hf.OddHeader, "footer": hf.OddFooter} {
			secs := hfSections(s)
			l, c, r := hfWidth(secs['L']), hfWidth(secs['C']), hfWidth(secs['R'])
			gap := 12.0
			ok := l+r+gap <= width
			if c > 0 {
				ok = l+c/2+gap <= width/2 && r+c/2+gap <= width/2
			}
			if !ok {
				t.Errorf("%s: %s: the %s's sections run into each other (left %.0f, centre %.0f, right %.0f points on a page %.0f wide): %q",
					what, sheet, part, l, c, r, width, s)
			}
		}
	}
}

// The page headers and footers of every workbook of the Kaltim story, in
// both languages, fit their page: the indicator sheet's footer said how
// the red cells are chosen over the report's title at its centre, and the
// form's portrait Hasil sheet ran its title into the instansi. The
// national report's matrix names the report's title in its footer too.
func TestHeadersFootersFit(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	n := len(r.Indicators())
	const inst = "Pemerintah Provinsi Kalimantan Timur"
	const title = "Indeks Pemdi Kabupaten/Kota Kalimantan Timur 2026"
	for _, lang := range []string{"id", "en"} {
		// The form.
		f, _, err := Template(r, inst, lang)
		if err != nil {
			t.Fatal(err)
		}
		checkHeadFootFit(t, f, lang+" form")
		f.Close()

		// A report of one instansi and one of several, titled.
		var evals []*result.Evaluation
		dir := t.TempDir()
		for i, name := range []string{inst, "Pemerintah Kabupaten Penajam Paser Utara", "Pemerintah Kota Balikpapan"} {
			ls := make([]int, n)
			for j := range ls {
				ls[j] = 1 + (i+j)%5
			}
			res, err := index.Compute(r, levelsOf(r, ls))
			if err != nil {
				t.Fatal(err)
			}
			src := filepath.Join(dir, name+".csv") // a stand-in the provenance hashes
			if err := os.WriteFile(src, []byte(name), 0o644); err != nil {
				t.Fatal(err)
			}
			evals = append(evals, &result.Evaluation{Source: src, Instansi: name, Result: res})
		}
		for _, k := range []int{1, len(evals)} {
			out := filepath.Join(t.TempDir(), "report.xlsx")
			if err := WriteWith(out, evals[:k], provenance(t, r, evals[:k], lang), outfile.Options{}, Options{Title: title}); err != nil {
				t.Fatal(err)
			}
			f := open(t, out)
			checkHeadFootFit(t, f, lang+" report of "+strconv.Itoa(k))
			for _, sheet := range f.GetSheetList() {
				if sheet == ProvenanceSheet {
					continue
				}
				if hf, _ := f.GetHeaderFooter(sheet); hf == nil || !strings.Contains(hf.OddFooter, title) {
					t.Errorf("%s report of %d: %s: footer does not name the title: %+v", lang, k, sheet, hf)
				}
			}
		}
	}
}

// The ranking of a report of several instansi marks a provisional result
// (an external indicator's level assumed) and says why under the table,
// as the report of one instansi does: it showed 3,69 Sangat Baik like any
// other.
func TestRankingMarksProvisional(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	n := len(r.Indicators())
	dir := t.TempDir()
	var evals []*result.Evaluation
	for i, name := range []string{"Pemerintah Provinsi Kalimantan Timur", "Pemerintah Kota Balikpapan"} {
		ls := make([]int, n)
		for j := range ls {
			ls[j] = 3 + i
		}
		var assumed []string
		if i == 0 {
			ls[4], assumed = 1, []string{"5"} // 3.1 at the level assumed for it
		}
		res, err := index.Compute(r, levelsOf(r, ls))
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(dir, name+".csv")
		if err := os.WriteFile(src, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
		evals = append(evals, &result.Evaluation{Source: src, Instansi: name, Result: res, Assumed: assumed})
	}
	for _, lang := range []string{"id", "en"} {
		out := filepath.Join(t.TempDir(), "report.xlsx")
		if err := WriteWith(out, evals, provenance(t, r, evals, lang), outfile.Options{}, Options{}); err != nil {
			t.Fatal(err)
		}
		f := open(t, out)
		rows, _ := f.GetRows(f.GetSheetList()[1])
		marked, note := 0, ""
		for _, row := range rows[1:] {
			if len(row) > 4 && strings.HasSuffix(row[4], " *") {
				marked++
				if row[1] != evals[0].Instansi {
					t.Errorf("%s: %s marked provisional", lang, row[1])
				}
			}
			if len(row) == 1 && strings.HasPrefix(row[0], "* "+evals[0].Instansi+": ") {
				note = row[0]
			}
		}
		// The English summary names the predicates in English everywhere:
		// the table by category was headed "Memuaskan", "Sangat Baik" ...
		if lang == "en" {
			sum, _ := f.GetRows(f.GetSheetList()[0])
			for i, row := range sum {
				for _, c := range row {
					if c == "Memuaskan" || c == "Sangat Baik" || c == "Kurang" {
						t.Errorf("en: summary row %d: %q in Indonesian alone", i+1, c)
					}
				}
			}
		}
		want := map[string]string{"id": "HASIL SEMENTARA", "en": "PROVISIONAL"}[lang]
		if marked != 1 || !strings.Contains(note, want) || !strings.Contains(note, "3.1 Tata Kelola Data") {
			t.Errorf("%s: %d rows marked, note %q; want one, and a note naming 3.1", lang, marked, note)
		}
	}
}
