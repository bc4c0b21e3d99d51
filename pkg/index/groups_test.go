package index_test

import (
	"fmt"
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func val(t *testing.T, s string) index.Value { return index.ValueOf(dec(t, s)) }

func dec(t *testing.T, s string) rubric.Decimal {
	t.Helper()
	d, err := rubric.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFromGroups: the example (Kalimantan Tengah 2025 given as
// its domains) by hand: (3,50x13 + 2,70x25 + 2,73x16,5 + 4,01x45,5)/100 =
// 340,5/100 = 3,405, which half-up gives 3,41; the float sum gives
// 3.4049999999999998 and so 3,40.
func TestFromGroups(t *testing.T) {
	r59, err := rubric.ByID("permenpanrb-59-2020")
	if err != nil {
		t.Fatal(err)
	}
	r26, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	vals := []index.Value{val(t, "3.50"), val(t, "2.70"), val(t, "2.73"), val(t, "4.01")}
	v, err := index.FromGroups(r59, vals, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Exact(); got != "3.405" {
		t.Errorf("exact = %s, want 3.405", got)
	}
	pub, band := index.Judge(r59, v)
	if pub != dec(t, "3.41") || band == nil || band.Name != "Baik" {
		t.Errorf("published %s %v, want 3.41 Baik", pub, band)
	}
	// The oracle that floats are wrong here: the same sum in float64
	// falls below 3,405 and shows 3,40.
	fv, fw := []float64{3.50, 2.70, 2.73, 4.01}, []float64{13, 25, 16.5, 45.5}
	f := 0.0
	for i := range fv {
		f += fv[i] * fw[i]
	}
	if s := fmt.Sprintf("%.2f", f/100); s != "3.40" {
		t.Errorf("float64 shows %s; the example no longer shows why exact sums matter", s)
	}

	// Aspects: every aspect at 3 gives 3 under each rubric.
	for _, r := range []*rubric.Rubric{r59, r26} {
		as := make([]index.Value, len(r.Aspects()))
		for i := range as {
			as[i] = index.ValueOf(rubric.NewDecimal(3))
		}
		v, err := index.FromGroups(r, as, true)
		if err != nil || v.Exact() != "3" {
			t.Errorf("%s: aspects all 3: %s %v, want 3", r.ID, v.Exact(), err)
		}
	}
	bad := []struct {
		name    string
		r       *rubric.Rubric
		vals    []index.Value
		aspects bool
	}{
		{"too few", r59, vals[:3], false},
		{"no domains", r26, vals, false},
		{"negative", r59, []index.Value{val(t, "-1"), {}, {}, {}}, false},
	}
	for _, c := range bad {
		if _, err := index.FromGroups(c.r, c.vals, c.aspects); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}
