package label

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/rubric"
)

func TestNumberAndPredicateNames(t *testing.T) {
	d, _ := rubric.ParseDecimal("2.635")
	if got := Number(d, 2, "id"); got != "2,64" {
		t.Errorf("Number id = %s, want 2,64", got)
	}
	if got := Number(d, 2, "en"); got != "2.64" {
		t.Errorf("Number en = %s, want 2.64", got)
	}
	b := &rubric.Band{Name: "Sangat Baik", NameEN: "Very good"}
	if got := PredicateName(b, "en"); got != "Very good (Sangat Baik)" {
		t.Errorf("PredicateName en = %q", got)
	}
}

func TestTableFallsBackToIndonesian(t *testing.T) {
	if got := Text.Get("fr", "sheet"); got != "lembar" {
		t.Errorf(`Text.Get("fr", "sheet") = %q, want "lembar"`, got)
	}
	if got, want := ColumnWord("en")+" "+ColumnWord("id")+" "+SheetWord("en"), "column kolom sheet"; got != want {
		t.Errorf("words = %q, want %q", got, want)
	}
}

func TestLevel(t *testing.T) {
	tests := []struct{ in, id, en string }{
		{"3", "3", "3"},
		{"1.1666666666666667", "1,17", "1.17"},
		{"2.3333333333333335", "2,33", "2.33"},
		{"3.25", "3,25", "3.25"},
		{"1.5", "1,5", "1.5"},
		{"1.26", "1,26", "1.26"},
		{"2.999", "3,00", "3.00"},
		{"1.005", "1,01", "1.01"}, // half-up
	}
	for _, tt := range tests {
		l, err := rubric.ParseLevel(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := Level(l, "id"); got != tt.id {
			t.Errorf("Level(%s, id) = %s, want %s", tt.in, got, tt.id)
		}
		if got := Level(l, "en"); got != tt.en {
			t.Errorf("Level(%s, en) = %s, want %s", tt.in, got, tt.en)
		}
	}
}

func TestIndex(t *testing.T) {
	spbe, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	pemdi, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		r        *rubric.Rubric
		lang, in string
		want     string
	}{
		{spbe, "id", "Laporan Indeks SPBE", "Laporan Indeks SPBE"},
		{spbe, "en", "SPBE index report", "SPBE index report"},
		{spbe, "id", "Rencana peningkatan indeks SPBE", "Rencana peningkatan indeks SPBE"},
		{pemdi, "id", "Laporan Indeks SPBE", "Laporan Indeks Pemdi"},
		{pemdi, "id", "Rencana peningkatan indeks SPBE", "Rencana peningkatan Indeks Pemdi"},
		{pemdi, "en", "SPBE index report", "Digital Government Index report"},
		{nil, "en", "SPBE index", "SPBE index"},
	}
	for _, tt := range tests {
		if got := Index(tt.r, tt.lang, tt.in); got != tt.want {
			t.Errorf("Index(%s, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
		}
	}
}

// Both languages are complete: every table has the same keys in
// Indonesian and in English, and each word has as many verbs (%s, %d,
// %q) in both, so that no output falls back to the other language or
// prints %!s(MISSING).
func TestTablesComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0-9.*]*[a-zA-Z%]`)
	for name, tb := range map[string]Table{"Text": Text, "Batch": Batch, "Compare": Compare, "Plan": Plan, "Report": Report, "Rubric": Rubric} {
		if len(tb) != 2 {
			t.Errorf("%s: languages %v, want id and en", name, slices.Sorted(maps.Keys(tb)))
		}
		for _, pair := range [][2]string{{"id", "en"}, {"en", "id"}} {
			for k, w := range tb[pair[0]] {
				other, ok := tb[pair[1]][k]
				if !ok {
					t.Errorf("%s: %q has no %s word (%s: %q)", name, k, pair[1], pair[0], w)
					continue
				}
				if a, b := verbs.FindAllString(w, -1), verbs.FindAllString(other, -1); !slices.Equal(a, b) {
					t.Errorf("%s: %q: verbs %v in %s, %v in %s", name, k, a, pair[0], b, pair[1])
				}
			}
		}
	}
}

func TestParseLang(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"id", Indonesian, true}, {"ID", Indonesian, true}, {" en ", English, true}, {"En", English, true},
		{"", "", false}, {"fr", "", false}, {"idn", "", false}, {"english", "", false},
	} {
		got, err := ParseLang(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// Indicators are named as their assessors name them: Indeks Pemdi by kode
// (indicator 5 is 3.1 Tata Kelola Data), the older instruments, whose
// indicators have no kode, by id as before.
func TestIndicatorKeys(t *testing.T) {
	for _, tc := range []struct {
		rubric string
		ids    []string
		want   string
	}{
		{"permenpanrb-8-2026", []string{"5", "6", "7", "18"}, "3.1, 3.2, 3.3, 6.4"},
		{"permenpanrb-8-2026", []string{"1", "20", "99"}, "1.1, 7.2, 99"},
		{"permenpanrb-59-2020", []string{"5", "47"}, "5, 47"},
		{"permenpanrb-5-2018", []string{"1", "35"}, "1, 35"},
	} {
		r, err := rubric.ByID(tc.rubric)
		if err != nil {
			t.Fatal(err)
		}
		if got := IndicatorKeys(r, tc.ids); got != tc.want {
			t.Errorf("%s: IndicatorKeys(%v) = %q, want %q", tc.rubric, tc.ids, got, tc.want)
		}
	}
	r, _ := rubric.ByID("permenpanrb-8-2026")
	if got, want := ProvisionalNote(r, []string{"5", "6"}, "id"), "tingkat indikator 3.1, 3.2 adalah"; !strings.Contains(got, want) {
		t.Errorf("ProvisionalNote = %q, want it to contain %q", got, want)
	}
}
