package excelout

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// TestTemplateLibreOffice fills in forms, lets LibreOffice recalculate
// them (soffice --convert-to xlsx stores the computed values), and
// compares every formula result (aspects, domains, index, predicate) with
// pkg/index on the same levels. It needs soffice (Debian package
// libreoffice-calc-nogui): full tier; with CI set, a missing soffice fails the
// test.
func TestTemplateLibreOffice(t *testing.T) {
	soffice := fixture.NeedTool(t, "soffice")
	dir := t.TempDir()
	type form struct {
		file   string
		r      *rubric.Rubric
		lang   string
		vector levelVector
		res    *FormResults
	}
	var forms []form
	var files []string
	for _, id := range []string{"permenpanrb-59-2020", "permenpanrb-5-2018", "permenpanrb-8-2026"} {
		r := mustRubric(t, id)
		for i, v := range levelVectors(t, r) {
			langs := []string{"id"}
			switch {
			case id == "permenpanrb-8-2026":
				langs = []string{"id", "en"} // fractional levels: every vector in both
			case i == 1:
				langs = []string{"en"}
			}
			for _, lang := range langs {
				file := filepath.Join(dir, fmt.Sprintf("%s-%02d-%s.xlsx", id, i, lang))
				forms = append(forms, form{file, r, lang, v, fillForm(t, file, r, "Instansi "+v.name, lang, v.levels)})
				files = append(files, file)
			}
		}
	}
	out := filepath.Join(dir, "out")
	start := time.Now()
	convert(t, soffice, "xlsx", out, files...)
	t.Logf("LibreOffice recalculated %d forms in %v", len(files), time.Since(start).Round(time.Millisecond))
	boundaries := 0
	seen := map[string]bool{}
	for _, fm := range forms {
		if strings.HasPrefix(fm.vector.name, "index ") {
			boundaries++
			seen[fm.r.ID+" "+fm.vector.name] = true
		}
		f, err := excelize.OpenFile(filepath.Join(out, filepath.Base(fm.file)))
		if err != nil {
			t.Fatalf("%s: %v", fm.file, err)
		}
		get := func(ref string) string {
			sheet, c, _ := strings.Cut(ref, "!")
			v, err := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatalf("%s: %v", ref, err)
			}
			return v
		}
		for _, d := range compareForm(t, fm.r, fm.vector.levels, fm.res, fm.lang, get) {
			t.Errorf("%s, %s, %s: %s", fm.r.ID, fm.vector.name, fm.lang, d)
		}
		f.Close()
	}
	for _, id := range []string{"permenpanrb-59-2020", "permenpanrb-5-2018"} {
		for _, v := range []string{"4.20", "4.19", "3.50", "3.49"} {
			if !seen[id+" index "+v] {
				t.Errorf("%s: no levels found with index %s", id, v)
			}
		}
	}
	for _, v := range []string{"1.5", "2.5", "3.5", "4"} {
		for _, s := range []string{"", " - 0.01", " - 0.005 (tie)", " - 0.0051"} {
			if !seen["permenpanrb-8-2026 index "+v+s] {
				t.Errorf("permenpanrb-8-2026: no levels with index %s%s", v, s)
			}
		}
	}
	t.Logf("checked %d forms, %d at predicate boundaries", len(forms), boundaries)
}

// TestReportPrintsInLibreOffice prints the report of one evaluation to
// PDF with LibreOffice and reads the pages back (pdfinfo and pdftotext,
// Debian package poppler-utils): the summary is one page, and every page
// of the indicator sheet is one page wide (its first and last columns)
// with the header row repeated. With CI set, a missing tool fails the test.
func TestReportPrintsInLibreOffice(t *testing.T) {
	var tools []string
	for _, name := range []string{"soffice", "pdfinfo", "pdftotext"} {
		tools = append(tools, fixture.NeedTool(t, name))
	}
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	langs := []string{"id", "en"}
	var reports []string
	for _, lang := range langs {
		e := evaluation(t, t.TempDir(), "in.xlsx", "Kementerian Koordinator Bidang Perekonomian", r, fixture.Perekonomian2021)
		report := filepath.Join(dir, "report-"+lang+".xlsx")
		if err := os.Rename(writeReport(t, []*result.Evaluation{e}, lang), report); err != nil {
			t.Fatal(err)
		}
		reports = append(reports, report)
	}
	convert(t, tools[0], "pdf", dir, reports...) // one start of LibreOffice for both
	for _, lang := range langs {
		pdf := filepath.Join(dir, "report-"+lang+".pdf")
		info, err := exec.Command(tools[1], pdf).Output()
		if err != nil {
			t.Fatal(err)
		}
		pages := 0
		for _, line := range strings.Split(string(info), "\n") {
			if n, ok := strings.CutPrefix(line, "Pages:"); ok {
				fmt.Sscan(n, &pages)
			}
			if s, ok := strings.CutPrefix(line, "Page size:"); ok && !strings.Contains(s, "841.89 x 595.") {
				t.Errorf("%s: page size %s, want A4 landscape", lang, strings.TrimSpace(s))
			}
		}
		if pages < 2 || pages > 4 {
			t.Fatalf("%s: %d pages, want the summary and 1 to 3 of indicators", lang, pages)
		}
		text := func(page int) string {
			b, err := exec.Command(tools[2], "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), "-layout", pdf, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		// Headers wrap, so single words: the first and the last columns'.
		words := map[string][]string{
			"id": {"Indeks tepat", "No", "Indikator", "Sisa", "sumber"},
			"en": {"Exact index", "No", "Indicator", "Points", "Source"},
		}[lang]
		lastCol := regexp.MustCompile(`(?m)\bG\d+\s*$`) // a source cell ends a line
		first := text(1)
		if !strings.Contains(first, words[0]) || !strings.Contains(first, "A8") || !strings.Contains(first, "D4") {
			t.Errorf("%s: page 1 is not the whole summary:\n%s", lang, first)
		}
		for p := 2; p <= pages; p++ {
			page := text(p)
			if strings.Contains(page, words[0]) {
				t.Errorf("%s: the summary runs onto page %d", lang, p)
			}
			// One page wide: the header's first and last columns on every
			// page, the header repeated.
			for _, w := range words[1:] {
				if !strings.Contains(page, w) {
					t.Errorf("%s: page %d lacks %q: not one page wide, or no header", lang, p, w)
				}
			}
			if !lastCol.MatchString(page) {
				t.Errorf("%s: page %d shows no source cell at the end of a line: the last column is cut", lang, p)
			}
			if !strings.Contains(page, "Kementerian Koordinator Bidang Perekonomian") {
				t.Errorf("%s: page %d has no page header with the instansi", lang, p)
			}
		}
	}
}

// sofficeProfile is the LibreOffice user profile that the tests of this
// package share: LibreOffice builds it on its first start, which takes
// seconds, and later starts reuse it. TestMain removes it.
var sofficeProfile struct {
	once sync.Once
	dir  string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sofficeProfile.dir != "" {
		os.RemoveAll(sofficeProfile.dir)
	}
	os.Exit(code)
}

// convert runs soffice --headless --convert-to format on files, writing
// into outdir, with the package's profile.
func convert(t *testing.T, soffice, format, outdir string, files ...string) {
	t.Helper()
	sofficeProfile.once.Do(func() {
		d, err := os.MkdirTemp("", "spbe-soffice-")
		if err == nil {
			sofficeProfile.dir = d
		}
	})
	home := sofficeProfile.dir
	if home == "" {
		t.Fatal("no folder for the LibreOffice profile")
	}
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(home, "profile"),
		"--headless", "--norestore", "--convert-to", format, "--outdir", outdir}, files...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
}

// TestTemplateIncompleteLibreOffice (issue 19, item 9): a form with
// empty levels, recalculated by LibreOffice, shows no number for an
// aspect, domain or index that has one, never a value that counts the
// empty level as 0 (Indeks Pemdi with its four external indicators empty
// showed A3 Data 0,67 and an index of 2,77); the complete aspects show
// pkg/index's values, and the predicate says the form is incomplete.
func TestTemplateIncompleteLibreOffice(t *testing.T) {
	soffice := fixture.NeedTool(t, "soffice")
	dir := t.TempDir()
	type form struct {
		file  string
		r     *rubric.Rubric
		empty map[string]bool // indicator ids left empty
		res   *FormResults
	}
	var forms []form
	for _, c := range []struct {
		id    string
		empty []string
	}{
		{"permenpanrb-8-2026", []string{"5", "6", "7", "18"}}, // the external indicators
		{"permenpanrb-59-2020", []string{"3", "20", "21"}},
	} {
		r := mustRubric(t, c.id)
		file := filepath.Join(dir, c.id+".xlsx")
		f, res, err := Template(r, "Instansi Contoh", "id")
		if err != nil {
			t.Fatal(err)
		}
		empty := map[string]bool{}
		for _, id := range c.empty {
			empty[id] = true
		}
		for i, ind := range r.Indicators() {
			if !empty[ind.ID] {
				must(t, setFloat(f, res.Sheet, fmt.Sprintf("%s%d", res.LevelCol, FormHeaderRow+1+i), float64(2+i%3)))
			}
		}
		must(t, f.SaveAs(file))
		f.Close()
		forms = append(forms, form{file, r, empty, res})
	}
	out := filepath.Join(dir, "out")
	var files []string
	for _, fm := range forms {
		files = append(files, fm.file)
	}
	convert(t, soffice, "xlsx", out, files...)
	for _, fm := range forms {
		f, err := excelize.OpenFile(filepath.Join(out, filepath.Base(fm.file)))
		if err != nil {
			t.Fatal(err)
		}
		get := func(ref string) string {
			sheet, c, _ := strings.Cut(ref, "!")
			v, _ := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: true})
			return v
		}
		// The values of the complete groups: the empty levels as anything.
		levels := index.Levels{}
		incomplete := map[string]bool{}
		for i, ind := range fm.r.Indicators() {
			levels[ind.ID] = rubric.NewLevel(int64(2 + i%3))
			if fm.empty[ind.ID] {
				incomplete[ind.Aspect.ID] = true
				incomplete[domainOf(ind)] = true
			}
		}
		want, err := index.Compute(fm.r, levels)
		if err != nil {
			t.Fatal(err)
		}
		p := fm.r.Precision
		check := func(what, ref string, g index.Group) {
			got := get(ref)
			if incomplete[g.ID] {
				if got != "" {
					t.Errorf("%s: %s %s (%s) = %q, want no number: a level is empty", fm.r.ID, what, g.ID, ref, got)
				}
				return
			}
			if d, err := rubric.ParseDecimal(got); err != nil || d.Fixed(p) != g.Index.Round(p).Fixed(p) {
				t.Errorf("%s: %s %s (%s) = %q, want %s", fm.r.ID, what, g.ID, ref, got, g.Index.Round(p).Fixed(p))
			}
		}
		for _, a := range want.Aspects {
			check("aspect", fm.res.Results+"!"+fm.res.Aspects[a.ID], a)
		}
		for _, d := range want.Domains {
			check("domain", fm.res.Results+"!"+fm.res.Domains[d.ID], d)
		}
		for _, ref := range []string{fm.res.Index, fm.res.FormIndex} {
			if got := get(ref); got != "" {
				t.Errorf("%s: index (%s) = %q, want no number", fm.r.ID, ref, got)
			}
		}
		if got, want := get(fm.res.Predicate), label.Report.Get("id", "incomplete"); got != want {
			t.Errorf("%s: predicate = %q, want %q", fm.r.ID, got, want)
		}
		f.Close()
	}
}

// TestVerifyLibreOfficeResave: a report saved again by LibreOffice still
// matches (verify's checks of formulas, conditional formats and drawings
// allow what a spreadsheet rewrites its own way), and a conditional
// format that shows 4,50 on the index is still found after the re-save.
func TestVerifyLibreOfficeResave(t *testing.T) {
	soffice := fixture.NeedTool(t, "soffice")
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	e := evaluation(t, dir, "in.xlsx", "Kementerian Koordinator Bidang Perekonomian", r, fixture.Perekonomian2021)
	clean := writeReport(t, []*result.Evaluation{e}, "id")
	forged := filepath.Join(dir, "forged.xlsx")
	copyFile(t, clean, forged)
	edit(t, forged, func(f *excelize.File) {
		st, err := f.NewConditionalStyle(&excelize.Style{CustomNumFmt: ptr(`"4,50"`)})
		must(t, err)
		must(t, f.SetConditionalFormat("Ringkasan", "B8", []excelize.ConditionalFormatOptions{{Type: "cell", Criteria: ">", Value: "0", Format: &st}}))
	})
	out := filepath.Join(dir, "out")
	convert(t, soffice, "xlsx", out, clean, forged)
	if diffs := verifyDiffs(t, filepath.Join(out, filepath.Base(clean)), ""); len(diffs) != 0 {
		t.Errorf("the report saved again by LibreOffice: %v", diffs)
	}
	found := false
	for _, d := range verifyDiffs(t, filepath.Join(out, "forged.xlsx"), "") {
		found = found || strings.HasPrefix(d.Where, "Ringkasan conditional format")
	}
	if !found {
		t.Errorf("the forged report saved again by LibreOffice: the conditional format is not found")
	}
}
