package plan

import (
	"fmt"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Budget plans level steps for a budget: the highest published index that
// steps costing at most budget in all reach from levels under the options
// o, and among the plans that reach it the cheapest, then the one with the
// fewest steps (MostFor over the level chains Make plans, so that the two
// agree). Plan.Target is the index bought, Plan.Budget the budget and
// Plan.Left what is left of it. Without costs (o.Costs and o.StepCosts nil)
// every step costs 1 and the budget is a number of steps.
func Budget(r *rubric.Rubric, levels index.Levels, budget rubric.Decimal, o Options) (*Plan, error) {
	if budget < 0 {
		return nil, messagef("plan: budget %s is negative", budget)
	}
	if _, err := index.Compute(r, levels); err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	chains, err := levelChains(r, levels, o)
	if err != nil {
		return nil, err
	}
	cp, err := MostFor(r, levels, chains, budget)
	if err != nil {
		return nil, err
	}
	p := &Plan{
		Target: cp.Target, Reachable: true,
		Before: cp.Before, After: cp.After, Max: cp.Max,
		TotalCost: cp.TotalCost, Budget: &budget, Left: cp.Left,
		External: externals(r, o),
	}
	// One Step per indicator raised, in rubric order (the chains are).
	for _, cs := range cp.Steps {
		n := len(p.Steps)
		if n == 0 || p.Steps[n-1].Indicator != cs.Indicator {
			p.Steps = append(p.Steps, Step{Indicator: cs.Indicator, From: cs.From})
			n++
		}
		st := &p.Steps[n-1]
		st.To = cs.To
		st.Gain = st.Gain.Add(cs.Gain)
		st.Cost += cs.Link.Cost
		p.TotalSteps++
	}
	return p, nil
}
