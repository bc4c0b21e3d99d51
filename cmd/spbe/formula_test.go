package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Issue 12, item 1, as reported: No | Indikator | Skor Mentah | Nilai
// Akhir, Skor Mentah 2 and Nilai Akhir =C2+2 saved by openpyxl without
// values. spbe scored Skor Mentah (2,00 Cukup); the workbook says 4.
func TestScoreFormulasWithoutValues(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	raw := make([]int, len(r.Indicators()))
	for i := range raw {
		raw[i] = 2
	}
	path := filepath.Join(t.TempDir(), "skor.xlsx")
	if err := fixture.RawScores(path, r, raw, fixture.FormulaCell("C#+2")); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"score", path}, &streams{Out: &out, ErrOut: &errOut}); code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "Indeks SPBE  4,00  Sangat Baik") {
		t.Errorf("want 4,00 Sangat Baik:\n%s", out.String())
	}
	if want := `levels from column D "Nilai Akhir" (also found: C "Skor Mentah")`; !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, errOut.String())
	}
}
