package result

import (
	"slices"
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
