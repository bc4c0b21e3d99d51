package butir

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/rubric"
)

func pemdi(t testing.TB) *rubric.Rubric {
	t.Helper()
	r, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// list builds the butir of indicator id: one string per level from 1,
// one letter per butir: A accepted, R revisi, T tidak tepat, B belum
// diunggah, O ditolak otomatis. Levels not given get one revisi butir.
func list(id string, levels ...string) []*Item {
	var out []*Item
	for l := 1; l <= 5; l++ {
		s := "R"
		if l <= len(levels) {
			s = levels[l-1]
		}
		for k, c := range s {
			st := map[rune]Status{'A': Accepted, 'R': Revise, 'T': Wrong, 'B': NotUploaded, 'O': AutoRejected}[c]
			out = append(out, &Item{Code: fmt.Sprintf("I%s-L%d-%02d", id, l, k+1), Indicator: id, Level: l, Status: st, Where: fmt.Sprintf("row %d", len(out)+2)})
		}
	}
	return out
}

// The examples of issue 20, each value worked out by hand from the rule
// (lo + width x a / n) as a fraction, and shown with two decimals.
func TestEvaluateExamples(t *testing.T) {
	r := pemdi(t)
	ind := r.Indicator("13")
	for _, tt := range []struct {
		name   string
		levels []string
		exact  *big.Rat // worked by hand
		level  string   // 16 decimals, half-up
		shown  string
		at     int // level worked on
		a, n   int
	}{
		{"L1 2 of 5", []string{"AARRR"}, big.NewRat(6, 5), "1.2", "1.20", 1, 2, 5},
		{"L1 3 of 7", []string{"AAARRRR"}, big.NewRat(17, 14), "1.2142857142857143", "1.21", 1, 3, 7},
		{"L1 complete, L2 0 of 1", []string{"AA", "R"}, big.NewRat(3, 2), "1.5", "1.50", 2, 0, 1},
		{"L1 L2 complete, L3 2 of 4", []string{"A", "AA", "AARR"}, big.NewRat(3, 1), "3", "3.00", 3, 2, 4},
		{"L1-L3 complete, L4 1 of 3", []string{"A", "A", "AAA", "ARR"}, big.NewRat(11, 3), "3.6666666666666667", "3.67", 4, 1, 3},
		{"all five complete", []string{"AA", "A", "AAA", "AA", "AAAA"}, big.NewRat(5, 1), "5", "5.00", 0, 0, 0},
		// 7/6, as the 2026 assessors' result holds it: L1 1 of 3.
		{"L1 1 of 3", []string{"ARR"}, big.NewRat(7, 6), "1.1666666666666667", "1.17", 1, 1, 3},
		{"L1 none", []string{"RT"}, big.NewRat(1, 1), "1", "1.00", 1, 0, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Evaluate(ind, list("13", tt.levels...))
			if err != nil {
				t.Fatal(err)
			}
			if p.Value.Rat().Cmp(tt.exact) != 0 || p.Rounded.String() != tt.level || p.Rounded.Fixed(2) != tt.shown {
				t.Errorf("value %s (level %s, shown %s), want %s (%s, %s)", p.Value.Exact(), p.Rounded, p.Rounded.Fixed(2), tt.exact.RatString(), tt.level, tt.shown)
			}
			if p.Level != tt.at || p.Accepted != tt.a || p.Total != tt.n {
				t.Errorf("level %d at %d/%d, want %d at %d/%d", p.Level, p.Accepted, p.Total, tt.at, tt.a, tt.n)
			}
			// The rounded level is the exact value within half a unit.
			diff := new(big.Rat).Sub(big.NewRat(p.Rounded.Units(), rubric.NewLevel(1).Units()), tt.exact)
			if diff.Abs(diff).Cmp(big.NewRat(1, 2*rubric.NewLevel(1).Units())) > 0 {
				t.Errorf("rounded %s is more than half a unit from %s", p.Rounded, tt.exact.RatString())
			}
		})
	}
}

// Accepted butir above an incomplete level count for nothing and are
// named; they count once the levels below are complete.
func TestEvaluateGating(t *testing.T) {
	ind := pemdi(t).Indicator("13")
	p, err := Evaluate(ind, list("13", "AR", "AA", "A"))
	if err != nil {
		t.Fatal(err)
	}
	var ignored []string
	for _, it := range p.Ignored {
		ignored = append(ignored, it.Code)
	}
	if p.Rounded.String() != "1.25" || strings.Join(ignored, ",") != "I13-L2-01,I13-L2-02,I13-L3-01" {
		t.Errorf("value %s, ignored %v; want 1.25 and the L2 and L3 butir", p.Rounded, ignored)
	}
	p, err = Evaluate(ind, list("13", "AA", "AA", "A"))
	if err != nil {
		t.Fatal(err)
	}
	// L1, L2 and L3 complete, L4 0 of 1: 3,5.
	if p.Rounded.String() != "3.5" || len(p.Ignored) != 0 {
		t.Errorf("value %s, ignored %d; want 3.5, none", p.Rounded, len(p.Ignored))
	}
}

func TestEvaluateErrors(t *testing.T) {
	r := pemdi(t)
	ind := r.Indicator("13")
	items := list("13", "A")
	items = items[:len(items)-1] // no butir on level 5
	if _, err := Evaluate(ind, items); err == nil || !strings.Contains(err.Error(), "no butir on level 5") {
		t.Errorf("error = %v, want no butir on level 5", err)
	}
	items = append(list("13"), &Item{Code: "I13-L6-01", Indicator: "13", Level: 6, Status: Accepted, Where: "row 9"})
	if _, err := Evaluate(ind, items); err == nil || !strings.Contains(err.Error(), "row 9: butir I13-L6-01: level 6 has no band") {
		t.Errorf("error = %v", err)
	}
	r59, _ := rubric.ByID("permenpanrb-59-2020")
	if _, err := Evaluate(r59.Indicator("1"), list("1")); err == nil || !strings.Contains(err.Error(), "no level bands") {
		t.Errorf("error = %v, want no level bands", err)
	}
}

func TestParseStatus(t *testing.T) {
	for in, want := range map[string]Status{
		"Diterima": Accepted, " DITERIMA ": Accepted, "accepted": Accepted, "Revisi": Revise,
		"tidak  tepat": Wrong, "Belum Diunggah": NotUploaded, "ditolak": Rejected, "Ditolak Otomatis": AutoRejected,
		"rejected": Rejected, "missing": NotUploaded, "Revisi: tidak tepat": Wrong, "revisi (belum diunggah)": NotUploaded,
	} {
		if got, err := ParseStatus(in); err != nil || got != want {
			t.Errorf("ParseStatus(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "ok", "diterima?", "revisi: diterima"} {
		if _, err := ParseStatus(in); err == nil {
			t.Errorf("ParseStatus(%q) accepted", in)
		}
	}
}

func TestParseCode(t *testing.T) {
	for in, want := range map[string]string{
		"I13-L1-02": "13 1 2", "i13-l1-02": "13 1 2", "I01_L5_10": "1 5 10", "I7.L2.3": "7 2 3", " I20 - L3 - 01 ": "20 3 1",
	} {
		id, l, n, ok := ParseCode(in)
		if got := fmt.Sprint(id, " ", l, " ", n); !ok || got != want {
			t.Errorf("ParseCode(%q) = %s %v, want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "13-1-2", "I13-L1", "X13-L1-02", "I13-L1-02a"} {
		if _, _, _, ok := ParseCode(in); ok {
			t.Errorf("ParseCode(%q) accepted", in)
		}
	}
}

// A code written another way is the same butir: whatif --accept i10_l1_2
// accepts I10-L1-02, and a stage that writes I1-L1-1 compares with one
// that writes I01-L1-01.
func TestCodeKey(t *testing.T) {
	for _, c := range []string{"I13-L1-02", "i13_l1_2", "I13.L1.02", " I013 L1 002 ", "i13l1-2"} {
		if got := CodeKey(c); got != "I13-L1-02" {
			t.Errorf("CodeKey(%q) = %q", c, got)
		}
	}
	items := []*Item{{Code: "I13-L1-02", Indicator: "13", Level: 1, Status: Revise}}
	out, err := Accept(items, []string{"i13_l1_2"})
	if err != nil || out[0].Status != Accepted {
		t.Errorf("Accept(i13_l1_2) of I13-L1-02: %v, %v", out[0].Status, err)
	}
}
