package index

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// FromGroups computes the index of an evaluation published only as the
// indices of its domains (aspects false) or of its aspects (aspects true),
// given in rubric order: the regulation's last step, Indeks = sum(Indeks
// Domain x BD) / sum(BD), exactly. Domains 3,50 2,70 2,73 4,01 under
// PermenPANRB 59/2020 give 3,405, published 3,41 (Round; a binary float
// rounds it to 3,40).
//
// A rubric without domains has only aspects. Every value must be given; a
// value outside the rubric's scales is not refused here (a published
// value is what it is), but a negative one is.
func FromGroups(r *rubric.Rubric, values []Value, aspects bool) (Value, error) {
	var weights []rubric.Decimal
	switch {
	case aspects:
		for _, a := range r.Aspects() {
			weights = append(weights, a.Weight)
		}
	case len(r.Domains) == 0:
		return Value{}, fmt.Errorf("%s has no domains: give the values of its aspects", r.ID)
	default:
		for _, d := range r.Domains {
			weights = append(weights, d.Weight)
		}
	}
	if len(values) != len(weights) {
		return Value{}, fmt.Errorf("%d values for the %d %s of %s", len(values), len(weights), groupWord(aspects), r.ID)
	}
	num, den := new(big.Rat), new(big.Int)
	var p big.Rat
	for i, v := range values {
		if v.Sign() < 0 {
			return Value{}, fmt.Errorf("%s %d: negative value %s", groupWord(aspects), i+1, v)
		}
		w := big.NewInt(weights[i].Units()) // in units of 10^-6, as den
		num.Add(num, p.Mul(v.Rat(), new(big.Rat).SetInt(w)))
		den.Add(den, w)
	}
	if den.Sign() == 0 {
		return Value{}, errors.New("the weights add up to zero")
	}
	return RatValue(num.Quo(num, new(big.Rat).SetInt(den))), nil
}

func groupWord(aspects bool) string {
	if aspects {
		return "aspects"
	}
	return "domains"
}

// Judge returns the published index of an exact one (rounded half-up to
// the rubric's precision) and the predicate it earns, judged on the
// published or the exact value as the rubric says; nil when it is in no
// band.
func Judge(r *rubric.Rubric, exact Value) (rubric.Decimal, *rubric.Band) {
	pub := exact.Round(r.Precision)
	band, _ := judge(r, exact, pub)
	return pub, band
}
