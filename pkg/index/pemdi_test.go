package index_test

import (
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// pemdiExample holds the developer's worked example of Indeks Pemdi
// (PermenPANRB 8/2026), worked by hand: the values of indicators 1 to 20
// as Excel stores them (7/6 and 7/3 with 17 significant digits).
var pemdiExample = []string{
	"3", "2", "1.1666666666666667", "2", "2", "1", "2", "1.5", "2", "2.3333333333333335",
	"1", "2", "3", "3.25", "2", "2", "3", "1", "3", "2",
}

func pemdiLevels(t testing.TB, r *rubric.Rubric, values []string) index.Levels {
	t.Helper()
	ls := index.Levels{}
	for i, ind := range r.Indicators() {
		ls[ind.ID] = lvl(t, values[i])
	}
	return ls
}

// The developer example: every aspect index, the index and its predicate,
// from values read exactly.
func TestPemdiDeveloperExample(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	res, err := index.Compute(r, pemdiLevels(t, r, pemdiExample))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Domains) != 0 {
		t.Errorf("%d domains, want none", len(res.Domains))
	}
	checks := []struct{ what, got, want string }{
		{"aspects", groupIndices(r, res.Aspects), "2.50 1.58 1.67 1.89 3.13 2.07 2.40"},
		{"A5 exact", res.Aspects[4].Index.Exact(), "3.125"}, // rounds half up to 3,13
		{"index", res.Published.Fixed(2), "2.16"},
		{"exact", res.Index.Exact(), "2.164166666666..."},
		{"predicate", res.Predicate.Name, "Cukup"},
		{"index name", r.IndexName("id"), "Indeks Pemdi"},
		{"level 3", res.Indicators[2].Level.String(), "1.1666666666666667"},
		{"level 3 shown", res.Indicators[2].Level.Fixed(2), "1.17"},
		{"level 3 name", res.Indicators[2].LevelName, "Rintisan"},
		{"level 14 name", res.Indicators[13].LevelName, "Terstandarisasi"},
		{"level 8 name", res.Indicators[7].LevelName, "Rintisan"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.what, c.got, c.want)
		}
	}
	for _, a := range res.Aspects {
		if a.Domain != "" {
			t.Errorf("aspect %s has domain %q, want none", a.ID, a.Domain)
		}
	}
}

// A value is read with the precision it was stored with: an aspect of two
// indicators of weight 5 with values 7/6 and 2 has index 1,58; with the
// displayed 1,17 it would be 1,59.
func TestPemdiStoredPrecision(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	for _, tt := range []struct{ v3, want string }{
		{"1.1666666666666667", "1.58"},
		{"1.17", "1.59"},
	} {
		vals := append([]string(nil), pemdiExample...)
		vals[2] = tt.v3
		res, err := index.Compute(r, pemdiLevels(t, r, vals))
		if err != nil {
			t.Fatal(err)
		}
		if got := fixed(r, res.Aspects[1].Index); got != tt.want {
			t.Errorf("A2 with value 3 = %s: %s, want %s", tt.v3, got, tt.want)
		}
	}
}

// Every edge of the predicate bands of Tabel 4: exactly at 1,50, 2,50,
// 3,50 and 4,00 and one hundredth below each, judged on the published
// index; the band's aliases name it too.
func TestPemdiPredicateEdges(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	tests := []struct{ index, want string }{
		{"1", "Kurang"},
		{"1.49", "Kurang"},
		{"1.494999", "Kurang"},
		{"1.495", "Cukup"}, // published 1,50
		{"1.5", "Cukup"},
		{"2.49", "Cukup"},
		{"2.5", "Baik"},
		{"3.49", "Baik"},
		{"3.5", "Sangat Baik"},
		{"3.99", "Sangat Baik"},
		{"4", "Memuaskan"},
		{"5", "Memuaskan"},
	}
	for _, tt := range tests {
		t.Run(tt.index, func(t *testing.T) {
			ls := index.Levels{}
			for _, ind := range r.Indicators() {
				ls[ind.ID] = lvl(t, tt.index)
			}
			res, err := index.Compute(r, ls)
			if err != nil {
				t.Fatal(err)
			}
			if res.Predicate == nil || res.Predicate.Name != tt.want {
				t.Errorf("index %s: predicate %v, want %s", tt.index, res.Predicate, tt.want)
			}
			if got := r.Band(res.Published); got != res.Predicate {
				t.Errorf("index %s: Band(published) = %v, want the predicate", tt.index, got)
			}
		})
	}
	for alias, want := range map[string]string{"Unggul": "Memuaskan", "melembaga": "Sangat Baik", "Berkembang": "Baik", "Membangun": "Cukup", "Merintis": "Kurang", "Leading": "Memuaskan"} {
		if b := r.BandNamed(alias); b == nil || b.Name != want {
			t.Errorf("BandNamed(%s) = %v, want %s", alias, b, want)
		}
	}
}

// Indicators 5, 6, 7 and 18 come from other agencies, assumed 1 until
// their values arrive.
func TestPemdiExternal(t *testing.T) {
	r := mustRubric(t, "permenpanrb-8-2026")
	var ext []string
	for _, ind := range r.Indicators() {
		if ind.External != nil {
			ext = append(ext, ind.ID+"="+ind.External.Assume.String())
		}
	}
	if got := strings.Join(ext, " "); got != "5=1 6=1 7=1 18=1" {
		t.Errorf("external indicators %s, want 5=1 6=1 7=1 18=1", got)
	}
}
