package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// movedBand is the official 59/2020 rubric with the Sangat Baik band
// moved down to 2,9, still under the official id.
func movedBand(t *testing.T, dir string) string {
	t.Helper()
	src, _ := rubric.EmbeddedSource("permenpanrb-59-2020")
	moved := strings.NewReplacer(
		"{name: Sangat Baik, name_en: Very good, from: 3.5, to: 4.2}", "{name: Sangat Baik, name_en: Very good, from: 2.9, to: 4.2}",
		"{name: Baik, name_en: Good, from: 2.6, to: 3.5}", "{name: Baik, name_en: Good, from: 2.6, to: 2.9}").Replace(string(src))
	path := filepath.Join(dir, "resmi.yaml")
	if err := os.WriteFile(path, []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A rubric file that carries the official id but moves a band never
// passes for the official rubric: stderr warns, naming the file, the id
// and the first change; every output marks it; verify shows it.
func TestRubricClaimingOfficialID(t *testing.T) {
	dir := t.TempDir()
	in := perekonomianInput(t, dir)
	rub := movedBand(t, dir)
	warn := regexp.MustCompile(regexp.QuoteMeta(rub) + `: warning: its id is that of the embedded official rubric permenpanrb-59-2020, but it differs from it \(2 changes: Predicates: Sangat Baik: from 3.5 → 2.9; Predicates: Baik: to 3.5 → 2.9\)`)

	code, stdout, stderr := runSPBE(t, "score", in, "--rubric", rub)
	if code != exitOK || !warn.MatchString(stderr) {
		t.Errorf("score: exit %d, stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "BUKAN rubrik resmi: id-nya milik rubrik bawaan permenpanrb-59-2020") || !strings.Contains(stdout, "Indeks SPBE  2,95  Sangat Baik") {
		t.Errorf("score text does not mark the rubric:\n%s", stdout)
	}
	_, stdout, _ = runSPBE(t, "score", in, "--rubric", rub, "--format", "json")
	for _, want := range []string{`"differs_from_embedded": {`, `"first_changes": [`, `"Predicates: Sangat Baik: from 3.5 → 2.9"`, `"differs_from_embedded": "permenpanrb-59-2020"`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("score json lacks %s:\n%s", want, stdout)
		}
	}
	for _, args := range [][]string{
		{"plan", in, "--target", "Memuaskan", "--rubric", rub},
		{"whatif", in, "--set", "21=2", "--rubric", rub},
		{"compare", in, in, "--rubric", rub},
		{"template", "-o", filepath.Join(dir, "form.xlsx"), "--rubric", rub},
		{"rubric", "show", rub, "--format", "table"},
		{"rubric", "validate", rub},
	} {
		_, _, stderr := runSPBE(t, args...)
		if !warn.MatchString(stderr) {
			t.Errorf("%s: no warning on stderr:\n%s", strings.Join(args, " "), stderr)
		}
	}

	report := filepath.Join(dir, "report.xlsx")
	if code, _, stderr := runSPBE(t, "score", in, "--rubric", rub, "-o", report); code != exitOK {
		t.Fatalf("score -o: exit %d: %s", code, stderr)
	}
	code, stdout, stderr = runSPBE(t, "verify", report, in)
	if code != exitOK || stdout != "report matches, under rubric "+rub+": not the official permenpanrb-59-2020, which it differs from\n" || !warn.MatchString(stderr) {
		t.Errorf("verify: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	// The official rubric, copied to a file as it is, is the official one.
	src, _ := rubric.EmbeddedSource("permenpanrb-59-2020")
	same := filepath.Join(dir, "salinan.yaml")
	if err := os.WriteFile(same, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runSPBE(t, "score", in, "--rubric", same); code != exitOK || strings.Contains(stderr, "warning") || strings.Contains(stdout, "BUKAN") {
		t.Errorf("a faithful copy: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

// Text from a workbook that a terminal would act on is escaped in every
// format of every command, on stdout and stderr, and Markdown passes no
// HTML.
func TestHostileTextEveryCommand(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var inputs []string
	for _, b := range fixture.HostileInputs(r) {
		p := filepath.Join(dir, b.Name)
		if err := b.Write(p); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	if runtime.GOOS != "windows" { // a file name that carries the sequence itself
		p := filepath.Join(dir, "kota-\x1b[31mmerah.csv")
		if err := fixture.CSV(p, fixture.HostileName, r, fixture.Perekonomian2021); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, p)
	}
	rub := movedBand(t, dir)
	var runs [][]string
	for _, f := range []string{"text", "csv", "markdown", "json"} {
		runs = append(runs, append([]string{"score", "-f", f}, inputs[0]), append([]string{"score", "-f", f}, inputs...))
	}
	for _, f := range []string{"text", "csv", "json"} {
		runs = append(runs, []string{"compare", "-f", f, inputs[0], inputs[1]})
	}
	for _, f := range []string{"text", "markdown", "github", "json"} {
		runs = append(runs, []string{"rubric", "diff", "permenpanrb-59-2020", rub, "--evals", dir, "-f", f})
	}
	for _, f := range []string{"text", "csv", "json"} {
		runs = append(runs, []string{"plan", inputs[0], "--target", "Memuaskan", "-f", f})
	}
	runs = append(runs, []string{"whatif", inputs[0], "--set", "21=2"}, []string{"score", inputs[len(inputs)-1], "--level-col", "Z"})
	for _, args := range runs {
		code, stdout, stderr := runSPBE(t, args...)
		if code == exitUsage {
			t.Errorf("%q: usage error:\n%s", args, stderr)
		}
		for name, out := range map[string]string{"stdout": stdout, "stderr": stderr} {
			if strings.ContainsAny(out, "\x1b\r") {
				t.Errorf("%q: %s passes a control character:\n%q", args, name, out)
			}
		}
		if args[0] != "plan" && args[0] != "whatif" && !strings.Contains(stdout+stderr, `x1b`) && !strings.Contains(stdout, `\u001b[31m`) {
			t.Errorf("%q: the escaped name is not shown:\nstdout %q\nstderr %q", args, stdout, stderr)
		}
		if slicesContains(args, "markdown") && regexp.MustCompile(`(^|[^\\])<script`).MatchString(stdout) {
			t.Errorf("%q: Markdown passes <script>:\n%s", args, stdout)
		}
	}
	// Verify prints what it compares: sheet names and cell text of the report.
	report := filepath.Join(dir, "report.xlsx")
	if code, _, stderr := runSPBE(t, "score", inputs[0], "-o", report); code != exitOK {
		t.Fatalf("score -o: %s", stderr)
	}
	f, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStr("Ringkasan", "B3", "Kota \x1b[32mHijau")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, stdout, stderr := runSPBE(t, "verify", report)
	if code != exitGate || strings.ContainsAny(stdout+stderr, "\x1b") {
		t.Errorf("verify: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
