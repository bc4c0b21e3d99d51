package result

import (
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/rubric"
)

func TestGatesCheck(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	d := func(s string) rubric.Decimal { v, _ := rubric.ParseDecimal(s); return v }
	under := d("3.50")
	g := Gates{FailUnder: &under, MinPredicate: r.BandNamed("Sangat Baik")}
	scored := func(name, pub string) Scored {
		return Scored{Name: name, Published: d(pub), Precision: r.Precision, Predicate: r.Band(d(pub))}
	}
	got := g.Check(scored("at.xlsx", "3.50"), scored("below.xlsx", "3.49"), Scored{Name: "none", Published: d("3.60"), Precision: 2})
	want := []string{
		"below.xlsx: index 3.49 is below --fail-under 3.5",
		"below.xlsx: predicate Baik is below --min-predicate Sangat Baik",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Check = %q; want %q", got, want)
	}
	if got := (Gates{}).Check(scored("a", "1")); got != nil {
		t.Errorf("no gates: %q; want none", got)
	}
}

func TestParseDiffGates(t *testing.T) {
	tests := []struct {
		conds   []string
		evals   bool
		wantErr string
	}{
		{[]string{"predicate-change", "index-change=0.05", "rank-change", "change"}, true, ""},
		{[]string{"change"}, false, ""},
		{[]string{"predicate-change"}, false, "--fail-on predicate-change needs evaluations to rescore (--evals)"},
		{[]string{"index-change"}, true, `--fail-on "index-change": want predicate-change, index-change=X, rank-change or change`},
		{[]string{"index-change=0"}, true, "--fail-on index-change=0: want a positive number such as index-change=0.05"},
		{[]string{"index-change=abc"}, true, "--fail-on index-change=abc: want a positive number such as index-change=0.05"},
		{[]string{"predicate-change=1"}, true, `--fail-on "predicate-change=1": want predicate-change, index-change=X, rank-change or change`},
	}
	for _, tt := range tests {
		_, err := ParseDiffGates(tt.conds, tt.evals)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.wantErr {
			t.Errorf("ParseDiffGates(%q) error = %q; want %q", tt.conds, got, tt.wantErr)
		}
	}
}

func TestParseGates(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		failUnder, minPredicate string
		wantErr                 string
	}{
		{"", "", ""},
		{"3,5", "sangat baik", ""},
		{"x", "", "--fail-under: "},
		{"", "Hebat", `--min-predicate: "Hebat" is not a predicate of rubric permenpanrb-59-2020 (want "`},
	}
	for _, tt := range tests {
		g, err := ParseGates(r, tt.failUnder, tt.minPredicate)
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("ParseGates(%q, %q): %v", tt.failUnder, tt.minPredicate, err)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
			t.Errorf("ParseGates(%q, %q) error = %v; want %q...", tt.failUnder, tt.minPredicate, err, tt.wantErr)
		}
		_ = g
	}
	// Before the rubric is known: one of the choices suffices.
	pemdi, _ := rubric.ByID("permenpanrb-8-2026")
	if err := CheckGates([]*rubric.Rubric{pemdi, r}, "", "Sangat Baik"); err != nil {
		t.Errorf("CheckGates: %v", err)
	}
	if err := CheckGates([]*rubric.Rubric{r, pemdi}, "", "Hebat"); err == nil || !strings.Contains(err.Error(), "rubric permenpanrb-59-2020") {
		t.Errorf("CheckGates: %v, want the first rubric's error", err)
	}
}
