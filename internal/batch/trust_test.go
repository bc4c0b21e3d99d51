package batch

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// trustInput writes the input of fixture.TrustInputs named name.
func trustInput(t *testing.T, name string) string {
	t.Helper()
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range fixture.TrustInputs(r) {
		if b.Name == name {
			path := filepath.Join(t.TempDir(), name)
			if err := b.Write(path); err != nil {
				t.Fatal(err)
			}
			return path
		}
	}
	t.Fatalf("fixture.TrustInputs has no %s", name)
	return ""
}

// Issue 19 items 3 and 18: the summary rows left out and the hidden rows
// read of a wide table are said, as the long layout says its hidden rows;
// the rows scored are the instansi.
func TestWideRowsSaid(t *testing.T) {
	for _, tt := range []struct{ file, warning string }{
		{"lebar-tersembunyi.xlsx", "warning: Nasional: row 5 is hidden; its levels were read"},
		{"rata-rata.xlsx", `warning: Nasional: rows left out as summaries, not instansi: 6 "Rata-rata Nasional" (its name), ` +
			`7 "Nilai Tertinggi" (its name), 8 "Median Jawa Barat" (its name), 9 "Indonesia" (the maximum of the rows above)`},
	} {
		in := Read(trustInput(t, tt.file), &Options{Choices: EmbeddedChoices(), Lang: label.English})
		if len(in.Errs) > 0 {
			t.Fatalf("%s: %v", tt.file, in.Errs)
		}
		if !strings.Contains(strings.Join(in.Warnings, "\n"), tt.warning) {
			t.Errorf("%s: warnings %q do not say %q", tt.file, in.Warnings, tt.warning)
		}
		var names []string
		for _, e := range in.Evals {
			names = append(names, e.Instansi)
		}
		if got := strings.Join(names, "|"); got != "Instansi Contoh|Instansi Lain" {
			t.Errorf("%s: scored %s", tt.file, got)
		}
	}
}

// Issue 19 item 2: plain ids 1..20 fit Indeks Pemdi whole and Indeks
// SPBE in part; the year, the indicator names and the other sheets
// decide, and evidence that disagrees is refused.
func TestChooseByEvidence(t *testing.T) {
	choices := EmbeddedChoices()
	pemdi, _ := rubric.ByID("permenpanrb-8-2026")
	r59, _ := rubric.ByID("permenpanrb-59-2020")
	names := func(r *rubric.Rubric, n int) map[string]string {
		m := map[string]string{}
		for _, ind := range r.Indicators()[:n] {
			m[ind.ID] = strings.ToUpper(ind.Name) + "."
		}
		return m
	}
	var pemdi16 []string // 1..20 but the four external indicators
	for _, ind := range pemdi.Indicators() {
		if ind.External == nil {
			pemdi16 = append(pemdi16, ind.ID)
		}
	}
	if len(pemdi16) != 16 {
		t.Fatalf("Pemdi has %d indicators that are not external, want 16", len(pemdi16))
	}
	codes := []string{"1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2"}
	for _, tt := range []struct {
		name string
		ev   Evidence
		want string // rubric id, or "" for ErrAmbiguous
		why  string
	}{
		{"ids alone", Evidence{IDs: seq(1, 20, "")}, "permenpanrb-8-2026", "nothing else in the file (kode ids, indicator names, a year) tells them apart"},
		{"ids and another sheet", Evidence{IDs: seq(1, 20, ""), Others: []string{"Domain 3-4"}}, "", `and other sheets of the workbook hold a table ("Domain 3-4": the larger instrument split over sheets?)`},
		{"a title of 2023", Evidence{IDs: seq(1, 20, ""), Year: 2023, YearAt: "A1"}, "permenpanrb-59-2020", "chosen by the year 2023 (A1) (27 missing)"},
		{"59/2020 names", Evidence{IDs: seq(1, 20, ""), Names: names(r59, 20)}, "permenpanrb-59-2020", "chosen by the indicator names (20 of 20 are those of permenpanrb-59-2020)"},
		{"Pemdi names and 2026", Evidence{IDs: seq(1, 20, ""), Names: names(pemdi, 20), Year: 2026, Others: []string{"Rekap"}}, "permenpanrb-8-2026", "its 20 indicators match (ids 1..20)"},
		{"Pemdi names, 2023", Evidence{IDs: seq(1, 20, ""), Names: names(pemdi, 20), Year: 2023, YearAt: "A1"}, "", "the workbook disagrees on which: the year 2023 (A1): permenpanrb-59-2020, the indicator names"},
		{"kode ids, 2023", Evidence{IDs: codes, Year: 2023}, "permenpanrb-8-2026", "its 20 indicators match (ids 1.1..7.2)"},
		{"a part of every form, 2023", Evidence{IDs: seq(1, 10, ""), Year: 2023, YearAt: "A1"}, "permenpanrb-59-2020", "this one chosen by the year 2023 (A1) (10 of its 47; 37 missing)"},
		{"a part of every form, 2030", Evidence{IDs: seq(1, 10, ""), Year: 2030}, "", "complete none of them"},
		// An assessor's sheet of the 16 values the instansi is scored on,
		// beside a butir list (scored with 8/2026, the one rubric with
		// level bands): the list decides; with a year of 59/2020 it
		// disagrees, and none is chosen.
		{"16 Pemdi ids alone", Evidence{IDs: pemdi16}, "", "complete none of them"},
		{"16 Pemdi ids beside butir", Evidence{IDs: pemdi16, Butir: pemdi, ButirAt: "Butir"}, "permenpanrb-8-2026", `this one chosen by the butir list beside it (sheet "Butir") (16 of its 20; 4 missing)`},
		{"16 Pemdi ids beside butir, 2023", Evidence{IDs: pemdi16, Butir: pemdi, ButirAt: "Butir", Year: 2023, YearAt: "A1"}, "",
			`the workbook disagrees on which: the year 2023 (A1): permenpanrb-59-2020, the butir list beside it (sheet "Butir"): permenpanrb-8-2026`},
		{"20 ids beside butir", Evidence{IDs: seq(1, 20, ""), Butir: pemdi, ButirAt: "Butir", Others: []string{"Butir"}}, "permenpanrb-8-2026", "its 20 indicators match (ids 1..20)"},
	} {
		sc, why, err := ChooseBy(choices, tt.ev)
		switch {
		case tt.want == "":
			if !errors.Is(err, ErrAmbiguous) || !strings.Contains(err.Error(), tt.why) {
				t.Errorf("%s: %v, %v; want ErrAmbiguous saying %q", tt.name, sc, err, tt.why)
			}
		case err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case sc.R.ID != tt.want || !strings.Contains(why, tt.why):
			t.Errorf("%s: %s (%s); want %s (%s)", tt.name, sc.R.ID, why, tt.want, tt.why)
		}
	}
	// The workbook of the issue: scored as PermenPANRB 59/2020, whose
	// indicators 21..47 are on the other sheet.
	in := Read(trustInput(t, "dua-domain.xlsx"), &Options{Choices: choices, Lang: label.English})
	if len(in.Rubrics) != 1 || in.Rubrics[0].ID != "permenpanrb-59-2020" || len(in.Evals) != 0 ||
		!strings.Contains(fmt.Sprint(in.Errs), "missing indicators 21, 22") || !strings.Contains(in.OtherNote, `"Domain 3-4"`) {
		t.Errorf("dua-domain.xlsx: rubrics %v, %d evaluations, errors %v, note %q", in.Rubrics, len(in.Evals), in.Errs, in.OtherNote)
	}
}
