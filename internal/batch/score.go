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
// For levels that are rubric.Decimals (whole levels, as on the SPBE
// scales, or up to six decimals) the sums are int64s, and cannot
// overflow: a valid rubric has levels within ±rubric.MaxLevel (10^8 units)
// and indicator weights, each positive, adding up to at most
// rubric.MaxWeightSum (10^10 units) over the whole rubric, so every
// partial sum of level x weight, in units², is at most 10^8 x 10^10 =
// 10^18 in magnitude, below 2^63 ≈ 9.22 x 10^18. The denominators, a sum
// of weights times 10^6, are at most 10^16. TestScorerAtTheBounds checks
// the largest valid rubric. Finer levels (1.1666666666666667, in units of
// 10^-16) would pass an int64; for them Sums falls back to index.Compute,
// which sums in 128 bits, so every result stays exact.
type Scorer struct {
	R         *rubric.Rubric
	weight    []int64 // per indicator, in units
	aspectOf  []int   // per indicator: index of its aspect
	domainOf  []int   // per aspect: index of its domain, -1 for none
	aspectDen []int64 // per aspect: the divisor of its index
	domainDen []int64 // per domain
	totalDen  int64
	bandHi    rubric.Decimal
}

// NewScorer prepares the weights of r.
func NewScorer(r *rubric.Rubric) *Scorer {
	s := &Scorer{R: r, totalDen: r.Total.Units() * unit}
	for _, a := range r.TopAspects {
		if len(r.Domains) > 0 {
			break
		}
		ai := len(s.aspectDen)
		s.aspectDen = append(s.aspectDen, a.IndicatorWeight.Units()*unit)
		s.domainOf = append(s.domainOf, -1)
		for _, ind := range a.Indicators {
			s.weight = append(s.weight, ind.Weight.Units())
			s.aspectOf = append(s.aspectOf, ai)
		}
	}
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
// units squared, per aspect and domain and in all; or, for levels finer
// than a rubric.Decimal, the exact result they come from.
type Sums struct {
	Aspects, Domains []int64
	Total            int64
	// res is the result of levels finer than a Decimal, else nil.
	res *index.Result
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
	s.res = nil
	if levels.exact != nil {
		s.res = sc.exact(levels)
		s.Total = 0
		return
	}
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
		if d := sc.domainOf[a]; d >= 0 {
			s.Domains[d] += v
		}
		s.Total += v
	}
}

// exact scores levels finer than a Decimal with index.Compute. The levels
// were checked on their scales when they were read, so Compute does not
// fail; should it, the zero Result stands in.
func (sc *Scorer) exact(levels Levels) *index.Result {
	inds := sc.R.Indicators()
	ls := make(index.Levels, len(inds))
	for i, ind := range inds {
		ls[ind.ID] = levels.At(i)
	}
	res, err := index.Compute(sc.R, ls)
	if err != nil {
		return &index.Result{Domains: make([]index.Group, len(sc.domainDen)), Aspects: make([]index.Group, len(sc.aspectDen))}
	}
	return res
}

// Index returns the exact index of sums.
func (sc *Scorer) Index(s *Sums) index.Value {
	if s.res != nil {
		return s.res.Index
	}
	return value(s.Total, sc.totalDen)
}

// Domain returns the exact index of domain d.
func (sc *Scorer) Domain(s *Sums, d int) index.Value {
	if s.res != nil {
		return s.res.Domains[d].Index
	}
	return value(s.Domains[d], sc.domainDen[d])
}

// Aspect returns the exact index of aspect a.
func (sc *Scorer) Aspect(s *Sums, a int) index.Value {
	if s.res != nil {
		return s.res.Aspects[a].Index
	}
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
