package batch

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/rubric"
)

func embeddedScorers(t *testing.T) []*Scorer {
	t.Helper()
	var scs []*Scorer
	for _, id := range rubric.EmbeddedIDs() {
		r, err := rubric.ByID(id)
		if err != nil {
			t.Fatal(err)
		}
		scs = append(scs, NewScorer(r))
	}
	return scs
}

func seq(from, to int, prefix string) []string {
	var ids []string
	for i := from; i <= to; i++ {
		ids = append(ids, prefix+strconv.Itoa(i))
	}
	return ids
}

// TestChoose: each embedded instrument by its indicator set, a part of a
// form (chosen when one rubric alone fits), and the cases left to
// --rubric.
func TestChoose(t *testing.T) {
	t.Run("precomputed", func(t *testing.T) { testChoose(t, EmbeddedChoices()) })
	t.Run("parsed", func(t *testing.T) {
		var choices []*Choice
		for _, sc := range embeddedScorers(t) {
			choices = append(choices, NewChoice(sc))
		}
		testChoose(t, choices)
	})
}

func testChoose(t *testing.T, choices []*Choice) {
	codes := []string{"1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2"}
	tests := []struct {
		name string
		ids  []string
		want string // rubric id, or "" for ErrAmbiguous
		why  string
	}{
		{"pemdi ids", seq(1, 20, ""), "permenpanrb-8-2026", "its 20 indicators match (ids 1..20)"},
		{"pemdi codes", codes, "permenpanrb-8-2026", "its 20 indicators match (ids 1.1..7.2)"},
		{"59/2020", seq(1, 47, ""), "permenpanrb-59-2020", "its 47 indicators match (ids 1..47)"},
		{"5/2018", append(seq(1, 34, ""), "35a", "35b", "35c"), "permenpanrb-5-2018", "its 37 indicators match (ids 1..34, 35a..35c)"},
		{"59/2020 with headings 1.1", append(seq(1, 47, ""), "1.1", "2.1"), "permenpanrb-59-2020", "its 47 indicators match"},
		{"59/2020 without 45..47", seq(1, 44, ""), "permenpanrb-59-2020", "its ids are indicators of this rubric alone (44 of its 47; 3 missing)"},
		{"5/2018 without 35c", append(seq(1, 34, ""), "35a", "35b"), "permenpanrb-5-2018", "alone (36 of its 37; 1 missing)"},
		{"59/2020 and 48", seq(1, 48, ""), "permenpanrb-59-2020", "the closest (47 of its 47 indicators; 1 id is none of them)"},
		{"a part of every form", seq(1, 10, ""), "", "its 10 indicator ids are in"},
		{"a Pemdi form missing 20", seq(1, 19, ""), "", "complete none of them: give --rubric"},
		{"nothing known", []string{"98", "99"}, "", "name no indicator"},
	}
	for _, tt := range tests {
		sc, why, err := Choose(choices, tt.ids)
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
}

func TestDescribe(t *testing.T) {
	for id, want := range map[string]string{
		"permenpanrb-8-2026":  "permenpanrb-8-2026 (Indeks Pemdi, PermenPANRB 8/2026)",
		"permenpanrb-59-2020": "permenpanrb-59-2020 (Indeks SPBE, PermenPANRB 59/2020)",
	} {
		r, _ := rubric.ByID(id)
		if got := Describe(r); got != want {
			t.Errorf("Describe(%s) = %q, want %q", id, got, want)
		}
	}
}
