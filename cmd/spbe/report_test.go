package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// runSPBE runs the command line with buffers and returns the exit code,
// stdout and stderr.
func runSPBE(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return code, out.String(), errOut.String()
}

// perekonomianInput writes the official 2021 example to dir.
func perekonomianInput(t *testing.T, dir string) string {
	t.Helper()
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "perekonomian.xlsx")
	if err := fixture.Report(in, "Evaluasi SPBE 2021", "Kementerian Koordinator Bidang Perekonomian", r, fixture.Perekonomian2021); err != nil {
		t.Fatal(err)
	}
	return in
}

func TestScoreOutputReport(t *testing.T) {
	dir := t.TempDir()
	in := perekonomianInput(t, dir)
	out := filepath.Join(dir, "report.xlsx")

	code, stdout, stderr := runSPBE(t, "score", in, "-o", out, "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "2.95") {
		t.Errorf("stdout lacks the index: %s", stdout)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.GetCellValue("Summary", "B8")
	f.Close()
	if got != "2.95" {
		t.Errorf("Summary!B8 = %q, want 2.95 as printed", got)
	}

	// An existing report is not overwritten without --force.
	before, _ := os.ReadFile(out)
	code, _, stderr = runSPBE(t, "score", in, "-o", out)
	if code != exitInvalid || !strings.Contains(stderr, out) || !strings.Contains(stderr, "--force") {
		t.Errorf("existing report: exit %d, stderr %q; want %d naming the file and --force", code, stderr, exitInvalid)
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
		t.Errorf("the existing report was changed")
	}
	if code, _, stderr = runSPBE(t, "score", in, "-o", out, "--force"); code != exitOK {
		t.Errorf("--force: exit %d: %s", code, stderr)
	}

	// Never over an input, even with --force, by path or by link.
	inBefore, _ := os.ReadFile(in)
	link := filepath.Join(dir, "link.xlsx")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{in, link, filepath.Join(dir, ".", "perekonomian.xlsx")} {
		code, _, stderr = runSPBE(t, "score", in, "-o", target, "--force")
		if code != exitInvalid || !strings.Contains(stderr, "input") {
			t.Errorf("-o %s: exit %d, stderr %q; want %d refusing to write over the input", target, code, stderr, exitInvalid)
		}
	}
	if after, _ := os.ReadFile(in); !bytes.Equal(inBefore, after) {
		t.Errorf("the input was changed")
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
