package batch

import (
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// unit is the number of units in 1 of a rubric.Decimal.
var unit = rubric.NewDecimal(1).Units()

// Scorer computes indices from compact levels with precomputed weights:
// the same exact sums as index.Compute, without building a Result.
//
// The sums are int64s, and cannot overflow: a valid rubric has levels
// within ±rubric.MaxLevel (10^8 units) and indicator weights, each
// positive, adding up to at most rubric.MaxWeightSum (10^10 units) over the
// whole rubric, so every partial sum of level x weight, in units², is at
// most 10^8 x 10^10 = 10^18 in magnitude, below 2^63 ≈ 9.22 x 10^18. The
// denominators, a sum of weights times 10^6, are at most 10^16.
// TestScorerAtTheBounds checks the largest valid rubric.
type Scorer struct {
	R         *rubric.Rubric
	weight    []int64 // per indicator, in units
	aspectOf  []int   // per indicator: index of its aspect
	domainOf  []int   // per aspect: index of its domain
	aspectDen []int64 // per aspect: the divisor of its index
	domainDen []int64 // per domain
	totalDen  int64
	bandHi    rubric.Decimal
}

// NewScorer prepares the weights of r.
func NewScorer(r *rubric.Rubric) *Scorer {
	s := &Scorer{R: r, totalDen: r.Total.Units() * unit}
	for di, d := range r.Domains {
		s.domainDen = append(s.domainDen, d.IndicatorWeight.Units()*unit)
		for _, a := range d.Aspects {
			ai := len(s.aspectDen)
			s.aspectDen = append(s.aspectDen, a.IndicatorWeight.Units()*unit)
			s.domainOf = append(s.domainOf, di)
			for _, ind := range a.Indicators {
				s.weight = append(s.weight, ind.Weight.Units())
				s.aspectOf = append(s.aspectOf, ai)
			}
		}
	}
	for _, b := range r.Predicates {
		s.bandHi = max(s.bandHi, b.To)
	}
	return s
}

// Sums holds the weighted sums of one evaluation: level x weight, in
// units squared, per aspect and domain and in all.
type Sums struct {
	Aspects, Domains []int64
	Total            int64
}

// Sums computes the sums of levels (in rubric order) into s, reusing its
// slices. Every level must be on its indicator's scale, as the workbook
// reader ensures: the bound that keeps the sums from overflowing (see
// Scorer) rests on it.
func (sc *Scorer) Sums(levels Levels, s *Sums) {
	if cap(s.Aspects) < len(sc.aspectDen) {
		s.Aspects = make([]int64, len(sc.aspectDen))
		s.Domains = make([]int64, len(sc.domainDen))
	}
	s.Aspects, s.Domains = s.Aspects[:len(sc.aspectDen)], s.Domains[:len(sc.domainDen)]
	clear(s.Aspects)
	clear(s.Domains)
	if levels.small != nil {
		for i, l := range levels.small {
			s.Aspects[sc.aspectOf[i]] += int64(l) * unit * sc.weight[i]
		}
	} else {
		for i, l := range levels.large {
			s.Aspects[sc.aspectOf[i]] += int64(l) * sc.weight[i]
		}
	}
	s.Total = 0
	for a, v := range s.Aspects {
		s.Domains[sc.domainOf[a]] += v
		s.Total += v
	}
}

// Index returns the exact SPBE index of sums.
func (sc *Scorer) Index(s *Sums) index.Value { return value(s.Total, sc.totalDen) }

// Domain returns the exact index of domain d.
func (sc *Scorer) Domain(s *Sums, d int) index.Value {
	return value(s.Domains[d], sc.domainDen[d])
}

// Aspect returns the exact index of aspect a.
func (sc *Scorer) Aspect(s *Sums, a int) index.Value {
	return value(s.Aspects[a], sc.aspectDen[a])
}

// value returns num/den. The denominators of a Scorer are positive, since
// a valid rubric's weights are, so index.NewValue does not fail; the zero
// Value stands in should it ever.
func value(num, den int64) index.Value {
	v, err := index.NewValue(num, den)
	if err != nil {
		return index.Value{}
	}
	return v
}

// Judge returns the published index and the predicate band (its index in
// R.Predicates, -1 for none), judged as index.Compute does.
func (sc *Scorer) Judge(exact index.Value) (rubric.Decimal, int) {
	r := sc.R
	pub := exact.Round(r.Precision)
	for i, b := range r.Predicates {
		var in bool
		if r.PredicateOn == "rounded" {
			in = pub >= b.From && (pub < b.To || b.To == sc.bandHi && pub == b.To)
		} else {
			in = exact.Cmp(b.From) >= 0 && (exact.Cmp(b.To) < 0 || b.To == sc.bandHi && exact.Cmp(b.To) == 0)
		}
		if in {
			return pub, i
		}
	}
	return pub, -1
}
