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
	"github.com/spbe-id/spbe/internal/result"
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
