package report

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// TestTemplateLibreOffice fills in forms, lets LibreOffice recalculate
// them (soffice --convert-to xlsx stores the computed values), and
// compares every formula result (aspects, domains, index, predicate) with
// pkg/index on the same levels. It needs soffice (Debian package
// libreoffice-calc-nogui): with CI set, a missing soffice fails the test.
func TestTemplateLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("soffice not found (CI is set): install libreoffice-calc-nogui: %v", err)
		}
		t.Skip("soffice not found; install libreoffice-calc-nogui to run this test (it fails instead of skipping when CI is set)")
	}
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
	for _, id := range []string{"permenpanrb-59-2020", "permenpanrb-5-2018"} {
		r := mustRubric(t, id)
		for i, v := range levelVectors(t, r) {
			lang := "id"
			if i == 1 {
				lang = "en"
			}
			file := filepath.Join(dir, fmt.Sprintf("%s-%02d.xlsx", id, i))
			forms = append(forms, form{file, r, lang, v, fillForm(t, file, r, "Instansi "+v.name, lang, v.levels)})
			files = append(files, file)
		}
	}
	out := filepath.Join(dir, "out")
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", "xlsx", "--outdir", out}, files...)
	start := time.Now()
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
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
			t.Errorf("%s, %s: %s", fm.r.ID, fm.vector.name, d)
		}
		// The form shows the index and predicate beside the levels too.
		if got, want := get(FormSheet+"!"+FormIndexCell), get(fm.res.Index); got != want {
			t.Errorf("%s, %s: %s = %q, want %q", fm.r.ID, fm.vector.name, FormIndexCell, got, want)
		}
		// And the level names are filled in.
		if got := get(FormSheet + "!G7"); got == "" {
			t.Errorf("%s, %s: no level name in G7", fm.r.ID, fm.vector.name)
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
	t.Logf("checked %d forms, %d at predicate boundaries", len(forms), boundaries)
}
