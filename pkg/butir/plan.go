package butir

import (
	"cmp"
	"slices"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// PlanOptions constrain a plan by butir.
type PlanOptions struct {
	// Fixed lists indicator ids whose butir may not change.
	Fixed map[string]bool
	// MaxLevel caps the value the plan may reach on any indicator; nil
	// for none.
	MaxLevel *rubric.Decimal
	// Cost is the cost of getting a butir accepted; nil costs 1 each, and
	// the plan has the fewest butir.
	Cost func(*Item) rubric.Decimal
	// Budget, when not nil, asks for the highest index the budget buys
	// (plan.MostFor) instead of the least cost of a target.
	Budget *rubric.Decimal
}

// Plan is a plan by butir: which butir to get accepted.
type Plan struct {
	*plan.ChainPlan
	// Butir are the butir to get accepted, lower levels first (then in
	// rubric order, then in the order each indicator takes them), each
	// with its gain.
	Butir []Step
}

// Step is one butir of a plan.
type Step struct {
	Item *Item
	plan.ChainStep
}

// MakePlan plans which butir of the sheet to get accepted, from the
// levels of the evaluation (the sheet's values, and the rubric's
// assumption for indicators without butir): the least cost (the fewest
// butir without costs) that reaches t, or with o.Budget the highest index
// the budget buys. The plan is optimal over every set of butir, not only
// over the orders Sheet.Chains takes (see there), and exact.
func MakePlan(s *Sheet, levels index.Levels, t plan.Target, o PlanOptions) (*Plan, error) {
	for id := range o.Fixed {
		if s.Rubric.Indicator(id) == nil {
			return nil, messagef("butir: fixed indicator %s: %w", id, index.ErrUnknown)
		}
	}
	cost := o.Cost
	if cost == nil {
		cost = func(*Item) rubric.Decimal { return rubric.NewDecimal(1) }
	}
	for _, it := range s.Items {
		if c := cost(it); c < 0 {
			return nil, messagef("butir %s: cost %s is negative", it.Name(), c)
		}
	}
	chains, items := s.Chains(cost)
	var keptChains []plan.Chain
	var keptItems [][]*Item
	for i, ch := range chains {
		if o.Fixed[ch.Indicator.ID] {
			continue
		}
		if o.MaxLevel != nil {
			k := slices.IndexFunc(ch.Steps, func(l plan.Link) bool { return l.To.Cmp(*o.MaxLevel) > 0 })
			if k >= 0 {
				ch.Steps = ch.Steps[:k]
			}
		}
		keptChains = append(keptChains, ch)
		keptItems = append(keptItems, items[i])
	}
	var cp *plan.ChainPlan
	var err error
	if o.Budget != nil {
		cp, err = plan.MostFor(s.Rubric, levels, keptChains, *o.Budget)
	} else {
		cp, err = plan.Cheapest(s.Rubric, levels, keptChains, t)
	}
	if err != nil {
		return nil, err
	}
	p := &Plan{ChainPlan: cp}
	pos := map[*rubric.Indicator]int{}
	for i, ind := range s.Rubric.Indicators() {
		pos[ind] = i
	}
	for _, st := range cp.Steps {
		p.Butir = append(p.Butir, Step{Item: keptItems[st.Chain][st.Index], ChainStep: st})
	}
	slices.SortStableFunc(p.Butir, func(a, b Step) int {
		if c := cmp.Compare(a.Item.Level, b.Item.Level); c != 0 {
			return c
		}
		return cmp.Compare(pos[a.Indicator], pos[b.Indicator])
	})
	return p, nil
}
