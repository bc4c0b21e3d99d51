package batch

import (
	"cmp"
	"math/big"
	"slices"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Rank sets every evaluation's Rank by published index, highest first;
// evaluations with the same published index share a rank and the next
// rank skips ("1, 2, 2, 4"). It returns the evaluations in rank order,
// ties in input order; evals itself is not reordered.
func Rank(evals []*Eval) []*Eval {
	return rankBy(evals, func(e *Eval) rubric.Decimal { return e.Published }, func(e *Eval, rank int) { e.Rank = int32(rank) })
}

// rankBy is the one ranking of spbe: it gives every item its rank by
// value, highest first, equal values sharing the rank of the first of
// them ("1, 2, 2, 4"), and returns the items in rank order, ties in input
// order; items itself is not reordered.
func rankBy[T any](items []T, value func(T) rubric.Decimal, set func(T, int)) []T {
	byRank := slices.Clone(items)
	slices.SortStableFunc(byRank, func(a, b T) int { return cmp.Compare(value(b), value(a)) })
	rank := 0
	for i, it := range byRank {
		if i == 0 || value(it) != value(byRank[i-1]) {
			rank = i + 1
		}
		set(it, rank)
	}
	return byRank
}

// GroupRanks returns, for evaluations in rank order, their ranks within
// the group given by key (ties sharing a rank), in the same order.
func GroupRanks(byRank []*Eval, key func(*Eval) string) []int {
	ranks := make([]int, len(byRank))
	type last struct {
		n    int
		pub  rubric.Decimal
		rank int
	}
	seen := map[string]*last{}
	for i, e := range byRank {
		k := key(e)
		l := seen[k]
		if l == nil {
			l = &last{}
			seen[k] = l
		}
		l.n++
		if l.n > 1 && e.Published == l.pub {
			ranks[i] = l.rank
		} else {
			ranks[i] = l.n
		}
		l.pub, l.rank = e.Published, ranks[i]
	}
	return ranks
}

// Summary adds up a group of evaluations into a result.Summary: the count
// per predicate, the mean and median of the published index, and the mean
// of every domain and aspect index (exact means rounded half-up).
type Summary struct {
	result.Summary

	// accumulators
	sc            *Scorer
	total         big.Int
	domains, asps []big.Int
	published     []rubric.Decimal
	sums          Sums
	tmp           big.Int
	// fine* accumulate the sums of evaluations with levels finer than a
	// Decimal, in rubric.Level units times weight units (10^10 times the
	// units of the others); fine says there were any.
	fine                  bool
	fineTotal             big.Int
	fineDomains, fineAsps []big.Int
}

// NewSummary starts an empty summary of group.
func NewSummary(sc *Scorer, group string) *Summary {
	return &Summary{Summary: result.Summary{Group: group, PerBand: make([]int, len(sc.R.Predicates))}, sc: sc,
		domains: make([]big.Int, len(sc.domainDen)), asps: make([]big.Int, len(sc.aspectDen)),
		fineDomains: make([]big.Int, len(sc.domainDen)), fineAsps: make([]big.Int, len(sc.aspectDen))}
}

// Add counts one evaluation.
func (s *Summary) Add(e *Eval) {
	s.Count++
	if e.Band >= 0 {
		s.PerBand[e.Band]++
	}
	s.published = append(s.published, e.Published)
	if e.Levels.exact != nil {
		s.fine = true
		for i := 0; i < e.Levels.Len(); i++ {
			p := new(big.Int).Mul(big.NewInt(e.Levels.At(i).Units()), big.NewInt(s.sc.weight[i]))
			a := s.sc.aspectOf[i]
			s.fineAsps[a].Add(&s.fineAsps[a], p)
			if d := s.sc.domainOf[a]; d >= 0 {
				s.fineDomains[d].Add(&s.fineDomains[d], p)
			}
			s.fineTotal.Add(&s.fineTotal, p)
		}
		return
	}
	s.sc.Sums(e.Levels, &s.sums)
	s.total.Add(&s.total, s.tmp.SetInt64(s.sums.Total))
	for i, v := range s.sums.Domains {
		s.domains[i].Add(&s.domains[i], s.tmp.SetInt64(v))
	}
	for i, v := range s.sums.Aspects {
		s.asps[i].Add(&s.asps[i], s.tmp.SetInt64(v))
	}
}

// Finish computes the means and the median.
func (s *Summary) Finish() {
	if s.Count == 0 {
		return
	}
	p := s.sc.R.Precision
	n := int64(s.Count)
	mean := func(sum, fine *big.Int, den int64) rubric.Decimal {
		if !s.fine {
			return meanOf(sum, big.NewInt(den), n, p)
		}
		// Bring the Decimal sums to the units of the fine ones.
		scale := big.NewInt(rubric.NewLevel(1).Units() / unit)
		all := new(big.Int).Mul(sum, scale)
		all.Add(all, fine)
		return meanOf(all, new(big.Int).Mul(big.NewInt(den), scale), n, p)
	}
	s.Mean = mean(&s.total, &s.fineTotal, s.sc.totalDen)
	s.Domains = make([]rubric.Decimal, len(s.domains))
	for i := range s.domains {
		s.Domains[i] = mean(&s.domains[i], &s.fineDomains[i], s.sc.domainDen[i])
	}
	s.Aspects = make([]rubric.Decimal, len(s.asps))
	for i := range s.asps {
		s.Aspects[i] = mean(&s.asps[i], &s.fineAsps[i], s.sc.aspectDen[i])
	}
	slices.Sort(s.published)
	m := len(s.published)
	if m%2 == 1 {
		s.Median = s.published[m/2]
	} else {
		sum := s.published[m/2-1] + s.published[m/2]
		s.Median = rubric.Decimal((sum.Units() + 1) / 2) // exact: two p-place values, p < 6
		s.Median = roundDecimal(s.Median, p)
	}
	s.published = nil
}

// meanOf returns sum / (den * n) in Decimal units, rounded half-up to
// places decimals.
func meanOf(sum *big.Int, den *big.Int, n int64, places int) rubric.Decimal {
	// units = sum * unit / (den*n); round to places: step = 10^(6-places)
	step := int64(1)
	for i := places; i < rubric.DecimalPlaces; i++ {
		step *= 10
	}
	num := new(big.Int).Mul(sum, big.NewInt(unit/step))
	d := new(big.Int).Mul(den, big.NewInt(n))
	// half-up for non-negative sums: (2*num + d) / (2*d)
	neg := num.Sign() < 0
	num.Abs(num)
	num.Lsh(num, 1).Add(num, d)
	d.Lsh(d, 1)
	q := num.Quo(num, d).Int64() * step
	if neg {
		q = -q
	}
	return rubric.Decimal(q)
}

func roundDecimal(d rubric.Decimal, places int) rubric.Decimal {
	v, _ := rubric.ParseDecimal(d.Fixed(places))
	return v
}
