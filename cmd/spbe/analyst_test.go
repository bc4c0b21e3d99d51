package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// kaltimVariant writes the official 2021 example (index 2,95) to dir as
// name, after edit changes its Penilaian sheet, saved with password (""
// for none).
func kaltimVariant(t *testing.T, dir, name, password string, edit func(f *excelize.File)) string {
	t.Helper()
	src := perekonomianInput(t, t.TempDir())
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if edit != nil {
		edit(f)
	}
	out := filepath.Join(dir, name)
	if err := f.SaveAs(out, excelize.Options{Password: password}); err != nil {
		t.Fatal(err)
	}
	return out
}

// A weight typed over in the Bobot column is warned of, naming the
// indicator, both weights and the cell; the index is the rubric's (2,95,
// the official result), not one computed with the typed weight.
func TestBobotDiffersWarns(t *testing.T) {
	dir := t.TempDir()
	var cell string
	in := kaltimVariant(t, dir, "bobot.xlsx", "", func(f *excelize.File) {
		rows, _ := f.GetRows("Penilaian")
		for i, row := range rows {
			if len(row) > 4 && row[0] == "21" {
				cell, _ = excelize.CoordinatesToCellName(5, i+1)
				if row[4] != "1.5" {
					t.Fatalf("fixture: indicator 21 weighs %q, want 1.5", row[4])
				}
				_ = f.SetCellValue("Penilaian", cell, 5)
			}
		}
	})
	if cell == "" {
		t.Fatal("fixture: no row of indicator 21")
	}
	for _, c := range []struct{ lang, want string }{
		{"id", "peringatan: Penilaian!" + cell + ": indikator 21: kolom Bobot berisi 5,00, sedangkan rubrik permenpanrb-59-2020 memberinya bobot 1,50; indeks dihitung dengan bobot rubrik"},
		{"en", "warning: Penilaian!" + cell + ": indicator 21: the Bobot column says 5.00, but rubric permenpanrb-59-2020 weighs it 1.50; the index is computed with the rubric's weight"},
	} {
		code, out, stderr := runSPBE(t, "score", in, "--format", "csv", "--lang", c.lang)
		if code != exitOK || !strings.Contains(out, ",2.95,") {
			t.Errorf("--lang %s: exit %d, stdout %q; want 0 and the official 2.95", c.lang, code, out)
		}
		if !strings.Contains(stderr, c.want) || strings.Count(stderr, "Bobot ") != 1 {
			t.Errorf("--lang %s: stderr\n%s\nwant one warning %q", c.lang, stderr, c.want)
		}
	}
	// The untouched workbook: no warning.
	_, _, stderr := runSPBE(t, "score", perekonomianInput(t, t.TempDir()))
	if strings.Contains(stderr, "Bobot ") {
		t.Errorf("the official workbook warned of its weights:\n%s", stderr)
	}
}

// An encrypted workbook opens with $SPBE_PASSWORD when --password is not
// given; --password wins over it.
func TestPasswordFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	in := kaltimVariant(t, dir, "rahasia.xlsx", "kaltim", nil)
	t.Setenv(passwordEnv, "")
	if code, _, stderr := runSPBE(t, "score", in); code != exitInvalid || !strings.Contains(stderr, "encrypted") {
		t.Errorf("no password: exit %d, stderr %q; want 3 and encrypted", code, stderr)
	}
	t.Setenv(passwordEnv, "kaltim")
	for _, args := range [][]string{
		{"score", in, "--format", "csv"},
		{"plan", in, "--target", "3"},
	} {
		if code, out, stderr := runSPBE(t, args...); code != exitOK || !strings.Contains(out, "2") {
			t.Errorf("%v with %s: exit %d, stderr %q", args, passwordEnv, code, stderr)
		}
	}
	if code, _, stderr := runSPBE(t, "score", in, "--password", "salah"); code != exitInvalid || !strings.Contains(stderr, "wrong") {
		t.Errorf("--password salah with %s set: exit %d, stderr %q; want the wrong password", passwordEnv, code, stderr)
	}
}
