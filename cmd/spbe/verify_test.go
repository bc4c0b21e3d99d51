package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestVerifyExitCodes(t *testing.T) {
	dir := t.TempDir()
	in := perekonomianInput(t, dir)
	out := filepath.Join(dir, "report.xlsx")
	if code, _, stderr := runSPBE(t, "score", in, "-o", out); code != exitOK {
		t.Fatalf("score: exit %d: %s", code, stderr)
	}
	if code, stdout, stderr := runSPBE(t, "verify", out, in); code != exitOK || stdout != "report matches\n" {
		t.Errorf("verify: exit %d, stdout %q, stderr %q; want 0 and report matches", code, stdout, stderr)
	}
	// The input gone: the report still matches its recorded levels, and
	// stderr says the input was not checked.
	if err := os.Rename(in, in+".bak"); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runSPBE(t, "verify", out)
	if code != exitOK || stdout != "report matches\n" || !strings.Contains(stderr, "not found, so not read again") {
		t.Errorf("verify without its input: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if err := os.Rename(in+".bak", in); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellFloat("Ringkasan", "B8", 3.5, -1, 64)
	f.Save()
	f.Close()
	code, stdout, stderr = runSPBE(t, "verify", out)
	if code != exitGate || !strings.Contains(stdout, `Ringkasan!B8: report "3.5", recomputed "2.95"`) || !strings.Contains(stderr, "1 difference") {
		t.Errorf("edited report: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, _, _ := runSPBE(t, "verify", in); code != exitInvalid {
		t.Errorf("verify of a non-report: exit %d, want %d", code, exitInvalid)
	}
	if code, _, _ := runSPBE(t, "verify"); code != exitUsage {
		t.Errorf("verify without args: exit %d, want %d", code, exitUsage)
	}
}

func TestTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	form := filepath.Join(dir, "form.xlsx")
	if code, _, stderr := runSPBE(t, "template", "-o", form, "--instansi", "=HYPERLINK(\"x\")"); code != exitOK {
		t.Fatalf("template: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runSPBE(t, "template", "-o", form); code != exitInvalid || !strings.Contains(stderr, "--force") {
		t.Errorf("existing form: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runSPBE(t, "template"); code != exitUsage {
		t.Errorf("template without -o: exit %d, want %d", code, exitUsage)
	}
	f, err := excelize.OpenFile(form)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if fm, _ := f.GetCellFormula("Penilaian", "A2"); fm != "" {
		t.Errorf("instansi written as a formula: %s", fm)
	}
}
