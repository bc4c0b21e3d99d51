package butir

import (
	"cmp"
	"errors"
	"math/big"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Sheet is a butir list scored against a rubric.
type Sheet struct {
	Rubric *rubric.Rubric
	// Items are the butir in list order.
	Items []*Item
	// Progress has one entry per indicator with butir, in rubric order.
	Progress []*Progress
	// Missing lists the indicators without butir, in rubric order.
	Missing []*rubric.Indicator
}

// Score scores every indicator that has butir. Items on an indicator not
// in the rubric and codes that appear twice are errors (naming the rows);
// indicators without butir are listed in Missing, for the caller to refuse
// or to assume.
func Score(r *rubric.Rubric, items []*Item) (*Sheet, error) {
	var errs []error
	by := map[string][]*Item{}
	codes := map[string]*Item{}
	for _, it := range items {
		if r.Indicator(it.Indicator) == nil {
			errs = append(errs, messagef("%s: butir %s: indicator %s is not in the rubric %s", it.Where, it.Name(), it.Indicator, r.ID))
			continue
		}
		if it.Code != "" {
			k := CodeKey(it.Code)
			if first, dup := codes[k]; dup {
				errs = append(errs, messagef("%s: butir %s appears twice (first at %s)", it.Where, it.Code, first.Where))
				continue
			}
			codes[k] = it
		}
		by[it.Indicator] = append(by[it.Indicator], it)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	s := &Sheet{Rubric: r, Items: items}
	for _, ind := range r.Indicators() {
		its := by[ind.ID]
		if len(its) == 0 {
			s.Missing = append(s.Missing, ind)
			continue
		}
		p, err := Evaluate(ind, its)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s.Progress = append(s.Progress, p)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// Of returns the progress of the indicator id, or nil when it has no butir.
func (s *Sheet) Of(id string) *Progress {
	for _, p := range s.Progress {
		if p.Indicator.ID == id {
			return p
		}
	}
	return nil
}

// Levels returns the value of every indicator with butir, as Levels for
// index.Compute.
func (s *Sheet) Levels() index.Levels {
	out := index.Levels{}
	for _, p := range s.Progress {
		out[p.Indicator.ID] = p.Rounded
	}
	return out
}

// Ignored returns the accepted butir that count for nothing, in rubric
// order.
func (s *Sheet) Ignored() []*Item {
	var out []*Item
	for _, p := range s.Progress {
		out = append(out, p.Ignored...)
	}
	return out
}

// Accept returns a copy of items with the butir of the given codes
// accepted (case-blind). A code that is in no item is an error, as is a
// code given twice.
func Accept(items []*Item, codes []string) ([]*Item, error) {
	want := map[string]bool{}
	var errs []error
	for _, c := range codes {
		k := CodeKey(c)
		if want[k] {
			errs = append(errs, messagef("butir %s is given twice", c))
		}
		want[k] = true
	}
	out := make([]*Item, len(items))
	for i, it := range items {
		c := *it
		k := CodeKey(it.Code)
		if it.Code != "" && want[k] {
			c.Status = Accepted
			delete(want, k)
		}
		out[i] = &c
	}
	for _, c := range codes {
		if want[CodeKey(c)] {
			errs = append(errs, messagef("butir %s is not in the list", strings.TrimSpace(c)))
			delete(want, CodeKey(c))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// Chains returns, for every indicator with butir not accepted, the chain
// of accepting them one by one, lower levels first (a butir above an
// incomplete level gains nothing until the levels below are complete), and
// within a level the cheapest first, then in list order. Prefixes of
// these chains are the only plans worth weighing: an indicator's value
// depends only on its lowest incomplete level L and the count accepted on
// L, so of any set of butir accepted on it, the part that counts is every
// open butir below L and some a of L's; the open butir below L and the a
// cheapest of L's (a prefix of the chain) give the same value for no more
// cost (TestChainsBruteForce checks this against every subset). Each link's To is the value with the butir accepted (rounded
// as Progress.Rounded), its Cost costOf(item) (1 when costOf is nil), its
// Label the butir's code; steps[i][k] is the item of chains[i].Steps[k].
func (s *Sheet) Chains(costOf func(*Item) rubric.Decimal) (chains []plan.Chain, steps [][]*Item) {
	if costOf == nil {
		costOf = func(*Item) rubric.Decimal { return rubric.NewDecimal(1) }
	}
	for _, p := range s.Progress {
		bands := p.Indicator.LevelScale.Bands
		counts := map[int][2]int{}
		var open []*Item
		for _, it := range p.Items {
			c := counts[it.Level]
			c[1]++
			if it.Status.IsAccepted() {
				c[0]++
			} else {
				open = append(open, it)
			}
			counts[it.Level] = c
		}
		if len(open) == 0 {
			continue
		}
		slices.SortStableFunc(open, func(a, b *Item) int {
			if a.Level != b.Level {
				return a.Level - b.Level
			}
			return cmp.Compare(costOf(a), costOf(b))
		})
		ch := plan.Chain{Indicator: p.Indicator}
		for _, it := range open {
			c := counts[it.Level]
			c[0]++
			counts[it.Level] = c
			l, a, n := stage(bands, counts)
			_, to := value(bands, l, a, n)
			ch.Steps = append(ch.Steps, plan.Link{To: to, Cost: costOf(it), Label: it.Code})
		}
		chains = append(chains, ch)
		steps = append(steps, open)
	}
	return chains, steps
}

// OpenStep is a butir not yet accepted with what accepting it adds to the
// index, the butir before it on its indicator (Sheet.Chains: lower levels
// first) accepted.
type OpenStep struct {
	Item     *Item
	From, To rubric.Level
	// Gain is what the butir adds; PerButir the gain per butir of the run
	// of butir it belongs to (see Open).
	Gain, PerButir index.Value
}

// Open returns every butir not accepted, in the order a team can work
// down them: the most gain per butir first. On each indicator the butir
// come in chain order (lower levels first), cut into runs: the first run
// is the shortest prefix with the most gain per butir (a butir that only
// opens the way, such as the last of an incomplete level whose next
// level's butir are accepted already, goes together with what it opens),
// then the same on what is left. The runs of every indicator are merged,
// the most gain per butir first (ties in rubric order), so a butir never
// comes before the butir it needs.
func (s *Sheet) Open(costOf func(*Item) rubric.Decimal) []OpenStep {
	chains, items := s.Chains(costOf)
	total := big.NewRat(s.Rubric.Total.Units(), 1)
	type run struct {
		steps []OpenStep
		avg   index.Value
	}
	var runs [][]run // per chain, in order
	for i, ch := range chains {
		from := s.Of(ch.Indicator.ID).Rounded
		w := big.NewRat(ch.Indicator.Weight.Units(), 1)
		var steps []OpenStep
		for k, l := range ch.Steps {
			d := big.NewRat(int64(l.To-from), rubric.NewLevel(1).Units())
			g := new(big.Rat).Mul(d, w)
			g.Quo(g, total)
			steps = append(steps, OpenStep{Item: items[i][k], From: from, To: l.To, Gain: index.RatValue(g)})
			from = l.To
		}
		var rs []run
		for len(steps) > 0 {
			best, bestAvg := 0, index.Value{}
			sum := index.Value{}
			for k := range steps {
				sum = sum.Add(steps[k].Gain)
				avg := index.RatValue(new(big.Rat).Quo(sum.Rat(), big.NewRat(int64(k+1), 1)))
				if k == 0 || avg.Compare(bestAvg) > 0 {
					best, bestAvg = k, avg
				}
			}
			r := run{steps: steps[:best+1], avg: bestAvg}
			for j := range r.steps {
				r.steps[j].PerButir = bestAvg
			}
			rs = append(rs, r)
			steps = steps[best+1:]
		}
		runs = append(runs, rs)
	}
	var out []OpenStep
	for {
		pick := -1
		for i, rs := range runs {
			if len(rs) > 0 && (pick < 0 || rs[0].avg.Compare(runs[pick][0].avg) > 0) {
				pick = i
			}
		}
		if pick < 0 {
			return out
		}
		out = append(out, runs[pick][0].steps...)
		runs[pick] = runs[pick][1:]
	}
}
