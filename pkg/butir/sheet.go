package butir

import (
	"cmp"
	"errors"
	"fmt"
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
			errs = append(errs, fmt.Errorf("%s: butir %s: indicator %s is not in the rubric %s", it.Where, it.Name(), it.Indicator, r.ID))
			continue
		}
		if it.Code != "" {
			k := strings.ToUpper(it.Code)
			if first, dup := codes[k]; dup {
				errs = append(errs, fmt.Errorf("%s: butir %s appears twice (first at %s)", it.Where, it.Code, first.Where))
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
		k := strings.ToUpper(strings.TrimSpace(c))
		if want[k] {
			errs = append(errs, fmt.Errorf("butir %s is given twice", c))
		}
		want[k] = true
	}
	out := make([]*Item, len(items))
	for i, it := range items {
		c := *it
		k := strings.ToUpper(it.Code)
		if it.Code != "" && want[k] {
			c.Status = Accepted
			delete(want, k)
		}
		out[i] = &c
	}
	for _, c := range codes {
		if want[strings.ToUpper(strings.TrimSpace(c))] {
			errs = append(errs, fmt.Errorf("butir %s is not in the list", strings.TrimSpace(c)))
			delete(want, strings.ToUpper(strings.TrimSpace(c)))
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
// within a level the cheapest first, then in list order: any set of butir
// to accept is no better than the same number on each indicator taken in
// this order, so prefixes of these chains are the only plans worth
// weighing. Each link's To is the value with the butir accepted (rounded
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
