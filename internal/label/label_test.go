package label

import (
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
