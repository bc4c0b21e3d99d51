package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// spbe score reads a Pemdi form written by spbe template and filled in
// with fractional levels (7/6 and 7/3 as a spreadsheet stores them), in
// either language, and gives the developer's example: aspects 2,50; 1,58;
// 1,67; 1,89; 3,13; 2,07; 2,40, Indeks Pemdi 2,16 Cukup.
func TestScoreFilledPemdiForm(t *testing.T) {
	levels := []float64{3, 2, 7.0 / 6, 2, 2, 1, 2, 1.5, 2, 7.0 / 3, 1, 2, 3, 3.25, 2, 2, 3, 1, 3, 2}
	for _, c := range []struct{ lang, sheet string }{{"id", "Penilaian"}, {"en", "Assessment"}} {
		form := filepath.Join(t.TempDir(), "pemdi.xlsx")
		if code, _, stderr := runSPBE(t, "template", "-o", form, "--rubric", "permenpanrb-8-2026", "--lang", c.lang, "--instansi", "Kabupaten Contoh"); code != exitOK {
			t.Fatalf("%s: template: exit %d: %s", c.lang, code, stderr)
		}
		f, err := excelize.OpenFile(form)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range levels {
			// Every digit, as Excel stores 7/6: 1.1666666666666667.
			s := strconv.FormatFloat(l, 'f', -1, 64)
			places := 0
			if j := strings.IndexByte(s, '.'); j >= 0 {
				places = len(s) - j - 1
			}
			if err := f.SetCellFloat(c.sheet, fmt.Sprintf("E%d", 7+i), l, places, 64); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		code, stdout, stderr := runSPBE(t, "score", form, "--rubric", "permenpanrb-8-2026", "--format", "json")
		if code != exitOK {
			t.Fatalf("%s: score: exit %d: %s", c.lang, code, stderr)
		}
		var got struct {
			Sheet, Instansi string
			Index           json.Number
			Predicate       string
			Aspects         []struct{ Index json.Number }
		}
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatalf("%s: %v\n%s", c.lang, err, stdout)
		}
		var aspects []string
		for _, a := range got.Aspects {
			aspects = append(aspects, string(a.Index))
		}
		if got.Sheet != c.sheet || got.Instansi != "Kabupaten Contoh" || got.Index != "2.16" || got.Predicate != "Cukup" ||
			strings.Join(aspects, " ") != "2.50 1.58 1.67 1.89 3.13 2.07 2.40" {
			t.Errorf("%s: read %+v", c.lang, got)
		}
	}
}
