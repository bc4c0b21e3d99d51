package rubric

import (
	"strings"
	"testing"
)

// Lookup takes the union of the rules of the three lookups it replaces
// (Rubric.Indicator, plan.Lookup, workbook.Indicator): id, code, case,
// spaces, leading zeros of a code's parts; an id of one indicator that is
// the code of another is refused naming both.
func TestLookup(t *testing.T) {
	pemdi, err := ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	spbe, err := ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	// An indicator found by walking the rubric, the oracle of each row.
	byCode := func(r *Rubric, code string) string {
		for _, ind := range r.Indicators() {
			if ind.Code == code {
				return ind.ID
			}
		}
		return "none"
	}
	tests := []struct {
		r       *Rubric
		s, want string // want: the id, or the start of the error
	}{
		{spbe, "21", "21"},
		{spbe, " 21 ", "21"},
		{spbe, "48", "indicator \"48\" is not in the rubric"},
		{spbe, "3.2", "indicator \"3.2\" is not in the rubric"}, // no codes
		{pemdi, "5", "5"},
		{pemdi, "3.2", byCode(pemdi, "3.2")},
		{pemdi, "03.02", byCode(pemdi, "3.2")},
		{pemdi, " 7.2", byCode(pemdi, "7.2")},
		{pemdi, "3.x", "indicator \"3.x\" is not in the rubric"},
		{pemdi, "9.9", "indicator \"9.9\" is not in the rubric"},
	}
	for _, tt := range tests {
		ind, err := tt.r.Lookup(tt.s)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = ind.ID
		}
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: Lookup(%q) = %q, want %q", tt.r.ID, tt.s, got, tt.want)
		}
	}
	// Case: an id with letters; an id that is another indicator's code.
	src := strings.NewReplacer(`{id: "1", name: One, weight: 4}`, `{id: "T1", name: One, weight: 4, code: "2"}`,
		`{id: "2", name: Two, weight: 6}`, `{id: "2", name: Two, weight: 6, code: "1.1"}`).Replace(validBase)
	r, err := Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for s, want := range map[string]string{
		"t1":   "T1",
		" T1 ": "T1",
		"01.1": "2",
		"2":    `indicator "2" is ambiguous: the id of indicator 2 and the code of indicator T1`,
	} {
		ind, err := r.Lookup(s)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = ind.ID
		}
		if got != want {
			t.Errorf("Lookup(%q) = %q, want %q", s, got, want)
		}
	}
}
