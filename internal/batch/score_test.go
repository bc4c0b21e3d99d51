package batch

import (
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// boundRubric is a largest valid rubric (as in pkg/index): the total and
// the indicators' weights add up to rubric.MaxWeightSum, with the finest
// weights and children_weight above and below an aspect's weight, on a
// scale from -rubric.MaxLevel to +rubric.MaxLevel.
const boundRubric = `id: bound
name: Bound
total: 10000
precision: 4
rounding: half-up
predicate_on: exact
scales: [{id: s, min: -100, max: 100, integer: false, levels: {0: nol}}]
predicates:
  - {name: Low, from: -100, to: 0}
  - {name: High, from: 0, to: 100}
domains:
  - id: D1
    name: D1
    weight: 6000
    aspects:
      - {id: A1, name: A1, weight: 6000, indicators: [{id: "1", name: i, weight: 5999.999999}, {id: "2", name: i, weight: 0.000001}]}
  - id: D2
    name: D2
    weight: 4000
    aspects:
      - {id: A2, name: A2, weight: 1, children_weight: 3999, indicators: [{id: "3", name: i, weight: 3998.5}, {id: "4", name: i, weight: 0.5}]}
      - {id: A3, name: A3, weight: 3999, children_weight: 1, indicators: [{id: "5", name: i, weight: 0.75}, {id: "6", name: i, weight: 0.25}]}
`

// TestScorerAtTheBounds checks the int64 sums of the Scorer against
// index.Compute at the limits of validation: the largest sums a valid
// rubric allows, on both the compact (whole levels up to 255) and the
// wide (millionths) storage of levels.
func TestScorerAtTheBounds(t *testing.T) {
	r, err := rubric.Parse("bound.yaml", []byte(boundRubric))
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScorer(r)
	d := func(s string) rubric.Level {
		v, err := rubric.ParseLevel(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	max, _ := rubric.LevelOf(rubric.MaxLevel)
	min := -max
	for _, tt := range []struct {
		name   string
		levels []rubric.Level
		want   string
	}{
		{"all at the top, compact", []rubric.Level{max, max, max, max, max, max}, "100.0000"},
		{"all at the bottom", []rubric.Level{min, min, min, min, min, min}, "-100.0000"},
		{"mixed", []rubric.Level{max, min, d("-99.999999"), d("0.000001"), max, d("-33.333333")}, "20.0217"},
		// The finest levels a Level holds: the Scorer falls back to index.Compute.
		{"mixed, finest", []rubric.Level{max, min, d("-99.9999999999999999"), d("0.0000000000000001"), max, d("-33.3333333333333333")}, "20.0217"},
	} {
		ls := index.Levels{}
		for i, ind := range r.Indicators() {
			ls[ind.ID] = tt.levels[i]
		}
		want, err := index.Compute(r, ls)
		if err != nil {
			t.Fatal(err)
		}
		e := NewEval(sc, tt.levels)
		if got := e.Published.Fixed(4); got != tt.want || want.Published.Fixed(4) != tt.want {
			t.Errorf("%s: scorer %s, Compute %s, want %s", tt.name, got, want.Published.Fixed(4), tt.want)
		}
		if e.Predicate(r) != want.Predicate {
			t.Errorf("%s: predicate %v, want %v", tt.name, e.Predicate(r), want.Predicate)
		}
		var s Sums
		sc.Sums(e.Levels, &s)
		if got := sc.Index(&s); got.Compare(want.Index) != 0 {
			t.Errorf("%s: index %s, want %s", tt.name, got, want.Index)
		}
		for i := range want.Domains {
			if got := sc.Domain(&s, i); got.Compare(want.Domains[i].Index) != 0 {
				t.Errorf("%s: domain %d: %s, want %s", tt.name, i, got, want.Domains[i].Index)
			}
		}
		for i := range want.Aspects {
			if got := sc.Aspect(&s, i); got.Compare(want.Aspects[i].Index) != 0 {
				t.Errorf("%s: aspect %d: %s, want %s", tt.name, i, got, want.Aspects[i].Index)
			}
		}
	}
}

// Fractional levels as a spreadsheet stores them (Indeks Pemdi): the
// Scorer, its fallback to index.Compute and the summary's means agree with
// Compute, mixed with whole levels in one batch.
func TestScorerFineLevels(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScorer(r)
	fine := []string{"3", "2", "1.1666666666666667", "2", "2", "1", "2", "1.5", "2", "2.3333333333333335",
		"1", "2", "3", "3.25", "2", "2", "3", "1", "3", "2"}
	var ls, whole []rubric.Level
	m := index.Levels{}
	for i, s := range fine {
		l, err := rubric.ParseLevel(s)
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		whole = append(whole, rubric.NewLevel(3))
		m[r.Indicators()[i].ID] = l
	}
	want, err := index.Compute(r, m)
	if err != nil {
		t.Fatal(err)
	}
	e := NewEval(sc, ls)
	if e.Levels.exact == nil {
		t.Fatalf("fine levels not stored exactly")
	}
	if e.Published.Fixed(2) != "2.16" || e.Predicate(r).Name != "Cukup" {
		t.Errorf("scorer: %s %v, want 2.16 Cukup", e.Published.Fixed(2), e.Predicate(r))
	}
	for i := range ls {
		if e.Levels.At(i) != ls[i] {
			t.Errorf("level %d = %s, want %s", i, e.Levels.At(i), ls[i])
		}
	}
	var s Sums
	sc.Sums(e.Levels, &s)
	for a := range want.Aspects {
		if got := sc.Aspect(&s, a); got.Compare(want.Aspects[a].Index) != 0 {
			t.Errorf("aspect %d = %s, want %s", a, got, want.Aspects[a].Index)
		}
	}
	sum := NewSummary(sc, "")
	sum.Add(e)
	sum.Add(NewEval(sc, whole))
	sum.Finish()
	// Means of (2.1641666..., 3): 2.58208... -> 2.58; A2 (1.58333..., 3): 2.29.
	if sum.Mean.Fixed(2) != "2.58" || sum.Aspects[1].Fixed(2) != "2.29" || len(sum.Domains) != 0 {
		t.Errorf("summary mean %s, A2 %s, domains %d; want 2.58, 2.29, 0", sum.Mean.Fixed(2), sum.Aspects[1].Fixed(2), len(sum.Domains))
	}
}
