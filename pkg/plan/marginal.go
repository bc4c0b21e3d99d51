package plan

import (
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Margin is the value of raising one indicator.
type Margin struct {
	Indicator *rubric.Indicator
	// Gain is what one step adds to the index, a step as a plan takes it:
	// to the next whole level (1 to 2: weight / total; 1,26 to 2: 0,74 x
	// weight / total; 4,5 to the maximum 5: 0,5 x weight / total), zero at
	// the scale maximum. It is index.Item.Step.
	Gain index.Value
	// ToNextBand is the fewest level steps on this indicator alone that
	// reach the next predicate band, counted as a plan counts them (from
	// 1,26 the first step goes to 2), or 0 when that is impossible (or the
	// index is already in the top band).
	ToNextBand int
}

// Marginal returns the margin of every indicator of a result, in rubric
// order.
func Marginal(res *index.Result) []Margin {
	r := res.Rubric
	next := nextBand(r, res.Predicate)
	var met func(int64) bool
	levels := make(index.Levels, len(res.Indicators))
	for _, it := range res.Indicators {
		levels[it.Indicator.ID] = it.Level
	}
	// Levels too fine for the planner's sums on this rubric (ErrTooFine)
	// leave ToNextBand 0.
	u, err := unitsFor(r, levels)
	var s0 int64
	if next != nil && err == nil {
		met = metFunc(r, Target{Index: next.From, Band: next}, u.den)
		s0 = weightedSum(res, u)
	}
	out := make([]Margin, 0, len(res.Indicators))
	for _, it := range res.Indicators {
		m := Margin{Indicator: it.Indicator, Gain: it.Step}
		if met != nil {
			s, max, w := s0, u.bound(it.Indicator.LevelScale.Max), u.weight(it.Indicator)
			for n, l := 1, u.level(it.Level); l < max; n++ {
				nl := min(l-mod(l, u.one)+u.one, max) // the next whole level
				s += (nl - l) * w
				l = nl
				if met(s) {
					m.ToNextBand = n
					break
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// nextBand returns the band just above b, or nil.
func nextBand(r *rubric.Rubric, b *rubric.Band) *rubric.Band {
	var next *rubric.Band
	for _, c := range r.Predicates {
		if (b == nil || c.From > b.From) && (next == nil || c.From < next.From) {
			next = c
		}
	}
	return next
}
