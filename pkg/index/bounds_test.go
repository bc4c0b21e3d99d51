package index_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// boundRubric is a largest valid rubric: the total and the indicators'
// weights add up to rubric.MaxWeightSum (10000), with the finest weights a
// Decimal holds and children_weight both above and below an aspect's
// weight, on a scale from -rubric.MaxLevel to +rubric.MaxLevel.
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

// oracle computes the SPBE index and the aspect indices with math/big,
// from the rubric's text values, independently of Compute.
func oracle(r *rubric.Rubric, levels index.Levels) (*big.Rat, []*big.Rat) {
	dec := func(d rubric.Decimal) *big.Rat {
		x, _ := new(big.Rat).SetString(d.String())
		return x
	}
	grand := new(big.Rat)
	var aspects []*big.Rat
	for _, a := range r.Aspects() {
		sum, weights := new(big.Rat), new(big.Rat)
		for _, ind := range a.Indicators {
			l, _ := new(big.Rat).SetString(levels[ind.ID].String())
			sum.Add(sum, new(big.Rat).Mul(l, dec(ind.Weight)))
			weights.Add(weights, dec(ind.Weight))
		}
		grand.Add(grand, sum)
		aspects = append(aspects, sum.Quo(sum, weights))
	}
	return grand.Quo(grand, dec(r.Total)), aspects
}

func checkOracle(t *testing.T, r *rubric.Rubric, levels index.Levels) *index.Result {
	t.Helper()
	res, err := index.Compute(r, levels)
	if err != nil {
		t.Fatal(err)
	}
	want, aspects := oracle(r, levels)
	if res.Index.Rat().Cmp(want) != 0 {
		t.Errorf("index = %s, want %s", res.Index.Exact(), want.FloatString(12))
	}
	for i, a := range res.Aspects {
		if a.Index.Rat().Cmp(aspects[i]) != 0 {
			t.Errorf("aspect %s = %s, want %s", a.ID, a.Index.Exact(), aspects[i].FloatString(12))
		}
	}
	var sum index.Value
	for _, it := range res.Indicators {
		sum = sum.Add(it.Contribution)
	}
	if sum.Compare(res.Index) != 0 {
		t.Errorf("contributions add up to %s, index %s", sum, res.Index)
	}
	return res
}

// At the bounds of validation, all levels at the top or the bottom of the
// scale, the index is exact.
func TestComputeAtTheBounds(t *testing.T) {
	r, err := rubric.Parse("bound.yaml", []byte(boundRubric))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		level rubric.Decimal
		want  string
		band  string
	}{
		{rubric.MaxLevel, "100.0000", "High"},
		{-rubric.MaxLevel, "-100.0000", "Low"},
	} {
		levels := index.Levels{}
		for _, ind := range r.Indicators() {
			levels[ind.ID] = level(tt.level)
		}
		res := checkOracle(t, r, levels)
		if got := res.Published.Fixed(r.Precision); got != tt.want || res.Predicate.Name != tt.band {
			t.Errorf("all levels %s: index %s %s, want %s %s", tt.level, got, res.Predicate.Name, tt.want, tt.band)
		}
	}
	// Mixed levels, the finest a Decimal holds.
	levels := index.Levels{"1": level(rubric.MaxLevel), "2": level(-rubric.MaxLevel), "3": lvl(t, "-99.999999"), "4": lvl(t, "0.000001"), "5": level(rubric.MaxLevel), "6": lvl(t, "-33.333333")}
	checkOracle(t, r, levels)
	// Mixed levels, the finest a Level holds.
	levels = index.Levels{"1": level(rubric.MaxLevel), "2": level(-rubric.MaxLevel), "3": lvl(t, "-99.9999999999999999"), "4": lvl(t, "0.0000000000000001"), "5": lvl(t, "1.1666666666666667"), "6": lvl(t, "-33.3333333333333333")}
	checkOracle(t, r, levels)
}

// The rubric of issue 12, which spbe score once scored -84467,44: an
// aspect whose children_weight let its indicators' weights add up to
// 10^6. Validation now refuses it, at the line of the weight.
func TestIssue12Overflow(t *testing.T) {
	src := `id: t
name: T
total: 100
precision: 2
rounding: half-up
predicate_on: rounded
scales: [{id: s, min: 1, max: 5, integer: true, levels: {1: a, 2: b, 3: c, 4: d, 5: e}}]
predicates:
  - {name: Low, from: 1, to: 3}
  - {name: High, from: 3, to: 5}
domains:
  - id: D1
    name: D1
    weight: 100
    aspects:
      - {id: A1, name: A1, weight: 50, children_weight: 1000000, indicators: [{id: "1", name: i, weight: 500000}, {id: "2", name: i, weight: 500000}]}
      - {id: A2, name: A2, weight: 50, children_weight: 1000000, indicators: [{id: "3", name: i, weight: 500000}, {id: "4", name: i, weight: 500000}]}
`
	_, err := rubric.Parse("issue12.yaml", []byte(src))
	if err == nil || !strings.Contains(err.Error(), "issue12.yaml:16:57: aspect A1: children_weight 1000000 is more than 10000, the most supported") {
		t.Fatalf("error = %v, want the children_weight of A1 refused at line 16", err)
	}
	// With the weights divided by 200 it is valid, and exact.
	small := strings.ReplaceAll(strings.ReplaceAll(src, "1000000", "5000"), "500000", "2500")
	r, err := rubric.Parse("issue12.yaml", []byte(small))
	if err != nil {
		t.Fatal(err)
	}
	levels := index.Levels{"1": rubric.NewLevel(5), "2": rubric.NewLevel(5), "3": rubric.NewLevel(5), "4": rubric.NewLevel(5)}
	res := checkOracle(t, r, levels)
	if got := res.Published.Fixed(2); got != "500.00" {
		t.Errorf("index = %s, want 500.00", got)
	}
	// Beyond the limits (weights set by hand, as no valid rubric has
	// them), Compute still computes in wide arithmetic: 5 x 2 x 10^6 /
	// 100 = 100000, not -84467,44: the sums pass 2^63.
	for _, a := range r.Aspects() {
		for _, ind := range a.Indicators {
			ind.Weight *= 200
		}
		a.IndicatorWeight *= 200
		a.Domain.IndicatorWeight = 0
	}
	for _, a := range r.Aspects() {
		a.Domain.IndicatorWeight += a.IndicatorWeight
	}
	res = checkOracle(t, r, levels)
	if got := res.Published.Fixed(2); got != "100000.00" {
		t.Errorf("index beyond the limits = %s, want 100000.00", got)
	}
}
