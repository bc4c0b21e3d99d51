package plan

import (
	"errors"
	"fmt"
	"math"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Chain is the ordered steps one indicator may take: a plan takes a prefix
// of every chain (the first k steps, k from 0 to all). Level steps (Make)
// are one kind of chain: to the next whole level, then one level at a
// time; evidence items (butir) accepted one by one, lower levels first,
// are another. A step's gain is exact: (To - level before) x weight /
// total, the very sum index.Compute makes of the planned levels, so that
// a plan and a score of its levels always agree.
type Chain struct {
	Indicator *rubric.Indicator
	// Steps rise: each To is on the indicator's scale and not below the
	// level before (the indicator's current level for the first).
	Steps []Link
}

// Link is one step of a chain.
type Link struct {
	// To is the indicator's level once the step is taken.
	To rubric.Level
	// Cost is what the step costs; not negative.
	Cost rubric.Decimal
	// Label names the step for the caller (a butir code); the planner
	// does not read it.
	Label string
}

// ChainPlan is the answer of Cheapest and MostFor.
type ChainPlan struct {
	// Target is what the plan reaches: the target asked of Cheapest, the
	// published index bought by MostFor.
	Target    Target
	Reachable bool
	// Before is the current result, After the result of the plan, Max the
	// result of every chain taken whole.
	Before, After, Max *index.Result
	// Taken is the number of steps taken on each chain, in the order of
	// the chains given.
	Taken []int
	// Steps lists every step taken, chain by chain, each in chain order.
	Steps     []ChainStep
	TotalCost rubric.Decimal
	// Budget is the budget given to MostFor (nil for Cheapest); Left is
	// Budget - TotalCost.
	Budget *rubric.Decimal
	Left   rubric.Decimal
}

// ChainStep is one step taken.
type ChainStep struct {
	// Chain is the index of the chain in the chains given, Index the step's
	// index in it.
	Chain, Index int
	Indicator    *rubric.Indicator
	Link         Link
	// From and To are the indicator's levels before and after the step.
	From, To rubric.Level
	// Gain is what the step adds to the index, exactly.
	Gain index.Value
}

// Cheapest returns the plan of least total cost that meets t from levels,
// each chain taken as a prefix; among plans of equal cost, the one with the
// fewest steps. When every step costs the same, the plan has the fewest
// steps and, among those, the most gain (the greedy choice when every
// chain's gains fall, else dynamic programming over the number of steps).
// Otherwise it is a knapsack with a covering constraint: dynamic
// programming over the gain when the gains are coarse, else over the cost
// when the costs are, else an exact branch and bound (ErrTooHard when that
// is too long). The target is judged with the rounding of index.Compute (a
// threshold on the weighted sum, see the package comment). When t is out
// of reach, Reachable is false and the plan is the cheapest that reaches
// the best published index, Max.Published.
func Cheapest(r *rubric.Rubric, levels index.Levels, chains []Chain, t Target) (*ChainPlan, error) {
	pb, err := chainProblem(r, levels, chains)
	if err != nil {
		return nil, err
	}
	n, reachable, err := pb.reach(t, uniformCost(chains))
	if err != nil {
		return nil, err
	}
	p, err := pb.chainPlan(n)
	if err != nil {
		return nil, err
	}
	p.Target, p.Reachable = t, reachable
	return p, nil
}

// MostFor returns the plan that reaches the highest published index whose
// cost is at most budget and, among those, the cheapest (as Cheapest finds
// it for that index as a target); Left is the money left. The highest
// index is found by dynamic programming over the cost when the costs are
// coarse (the budget in units of the greatest common divisor of the costs
// times the chains, at most a few million cells), else over the gain; else
// MostFor gives ErrTooHard. A plan with no steps (nothing the budget buys
// raises the published index) is Reachable too.
func MostFor(r *rubric.Rubric, levels index.Levels, chains []Chain, budget rubric.Decimal) (*ChainPlan, error) {
	if budget < 0 {
		return nil, messagef("plan: budget %s is negative", budget)
	}
	pb, err := chainProblem(r, levels, chains)
	if err != nil {
		return nil, err
	}
	g, err := maxGain(pb.items, budget.Units())
	if err != nil {
		return nil, err
	}
	v, err := index.NewValue(pb.s0+g, pb.u.den)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	t := Target{Index: v.Round(r.Precision)}
	n, _, err := pb.reach(t, uniformCost(chains))
	if err != nil {
		return nil, err
	}
	p, err := pb.chainPlan(n)
	if err != nil {
		return nil, err
	}
	if p.TotalCost > budget {
		return nil, fmt.Errorf("plan: internal error: the plan for %s costs %s, over the budget %s", t, p.TotalCost, budget)
	}
	p.Target, p.Reachable = t, true
	p.Budget, p.Left = &budget, budget-p.TotalCost
	return p, nil
}

// uniformCost reports whether every step of every chain costs the same.
func uniformCost(chains []Chain) bool {
	first := true
	var c rubric.Decimal
	for _, ch := range chains {
		for _, s := range ch.Steps {
			if first {
				c, first = s.Cost, false
			} else if s.Cost != c {
				return false
			}
		}
	}
	return true
}

// problem is a planning problem in the planner's units: the items are the
// chains with at least one step, in the order given.
type problem struct {
	r        *rubric.Rubric
	levels   index.Levels
	u        units
	chains   []Chain
	items    []item
	chainOf  []int // chainOf[i] is the chain of items[i]
	before   *index.Result
	max      *index.Result
	s0, sMax int64
}

// chainProblem checks the levels and the chains and builds the problem.
func chainProblem(r *rubric.Rubric, levels index.Levels, chains []Chain) (*problem, error) {
	before, err := index.Compute(r, levels)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	var errs []error
	seen := map[string]bool{}
	for i, ch := range chains {
		ind := ch.Indicator
		switch {
		case ind == nil:
			errs = append(errs, messagef("plan: chain %d has no indicator", i+1))
			continue
		case r.Indicator(ind.ID) != ind:
			errs = append(errs, messagef("plan: chain of indicator %s: %w", ind.ID, index.ErrUnknown))
			continue
		case seen[ind.ID]:
			errs = append(errs, messagef("plan: indicator %s has two chains", ind.ID))
			continue
		}
		seen[ind.ID] = true
		prev := levels[ind.ID]
		var total rubric.Decimal
		for k, s := range ch.Steps {
			switch {
			case s.To < prev:
				errs = append(errs, messagef("plan: indicator %s: step %d goes down, from %s to %s", ind.ID, k+1, prev, s.To))
			case ind.LevelScale.Check(s.To) != nil:
				errs = append(errs, messagef("plan: indicator %s: step %d: %w", ind.ID, k+1, ind.LevelScale.Check(s.To)))
			case s.Cost < 0:
				errs = append(errs, messagef("plan: indicator %s: step %d: cost %s is negative", ind.ID, k+1, s.Cost))
			case s.Cost > math.MaxInt64/4-total:
				errs = append(errs, messagef("plan: indicator %s: the costs add up beyond %s", ind.ID, rubric.Decimal(math.MaxInt64/4)))
			}
			total += s.Cost
			prev = s.To
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return newProblem(r, levels, before, chains)
}

// newProblem builds the problem of valid chains.
func newProblem(r *rubric.Rubric, levels index.Levels, before *index.Result, chains []Chain) (*problem, error) {
	u, err := unitsFor(r, levels, chains...)
	if err != nil {
		return nil, err
	}
	pb := &problem{r: r, levels: levels, u: u, chains: chains, before: before}
	pb.s0 = weightedSum(before, u)
	pb.sMax = pb.s0
	maxLevels := copyLevels(levels)
	var costSum int64
	for c, ch := range chains {
		if len(ch.Steps) == 0 {
			continue
		}
		it := item{ind: ch.Indicator, from: u.level(levels[ch.Indicator.ID]), w: u.weight(ch.Indicator), cum: []int64{0}}
		l := it.from
		for _, s := range ch.Steps {
			to := u.level(s.To)
			it.tos = append(it.tos, to)
			it.gains = append(it.gains, (to-l)*it.w)
			it.costs = append(it.costs, s.Cost.Units())
			it.cum = append(it.cum, it.cum[len(it.cum)-1]+s.Cost.Units())
			l = to
		}
		if costSum += it.cum[len(it.cum)-1]; costSum > math.MaxInt64/4 {
			return nil, messagef("plan: the costs add up beyond the planner's range")
		}
		pb.items = append(pb.items, it)
		pb.chainOf = append(pb.chainOf, c)
		pb.sMax += it.gain(len(it.tos))
		maxLevels[ch.Indicator.ID] = ch.Steps[len(ch.Steps)-1].To
	}
	if pb.max, err = index.Compute(r, maxLevels); err != nil {
		return nil, messagef("plan: levels at the end of every chain: %w", err)
	}
	return pb, nil
}

// reach returns how many steps to take on each item to meet t (see Make
// and Cheapest), and whether t is reachable at all. fewest asks for the
// fewest steps (every step costs the same).
func (pb *problem) reach(t Target, fewest bool) ([]int, bool, error) {
	n := make([]int, len(pb.items))
	met := metFunc(pb.r, t, pb.u.den)
	if met(pb.s0) {
		return n, true, nil
	}
	reachable := met(pb.sMax)
	if !reachable {
		// Reach the best published index instead.
		met = metFunc(pb.r, Target{Index: pb.max.Published}, pb.u.den)
		if met(pb.s0) {
			return n, false, nil
		}
	}
	need := threshold(met, pb.s0, pb.sMax) - pb.s0
	var err error
	if fewest {
		n, err = fewestSteps(pb.items, need)
	} else {
		n, err = cheapest(pb.items, need)
	}
	if err != nil {
		return nil, false, err
	}
	s := pb.s0
	for i := range pb.items {
		s += pb.items[i].gain(n[i])
	}
	if !met(s) {
		return nil, false, fmt.Errorf("plan: internal error: planned sum %d misses %s", s, t)
	}
	return n, reachable, nil
}

// result returns the result of taking n[i] steps on every item.
func (pb *problem) result(n []int) (*index.Result, error) {
	after := copyLevels(pb.levels)
	changed := false
	for i, it := range pb.items {
		if n[i] > 0 {
			after[it.ind.ID] = pb.u.toLevel(it.to(n[i]))
			changed = true
		}
	}
	if !changed {
		return pb.before, nil
	}
	res, err := index.Compute(pb.r, after)
	if err != nil {
		return nil, messagef("plan: planned levels: %w", err)
	}
	return res, nil
}

// chainPlan builds the ChainPlan of n steps on every item.
func (pb *problem) chainPlan(n []int) (*ChainPlan, error) {
	p := &ChainPlan{Before: pb.before, Max: pb.max, Taken: make([]int, len(pb.chains))}
	var err error
	if p.After, err = pb.result(n); err != nil {
		return nil, err
	}
	for i, it := range pb.items {
		c := pb.chainOf[i]
		p.Taken[c] = n[i]
		for k := 0; k < n[i]; k++ {
			gain, err := index.NewValue(it.gain(k+1)-it.gain(k), pb.u.den)
			if err != nil {
				return nil, messagef("plan: gain of indicator %s: %w", it.ind.ID, err)
			}
			link := pb.chains[c].Steps[k]
			p.Steps = append(p.Steps, ChainStep{
				Chain: c, Index: k, Indicator: it.ind, Link: link,
				From: pb.u.toLevel(it.to(k)), To: pb.u.toLevel(it.to(k + 1)), Gain: gain,
			})
			p.TotalCost += link.Cost
		}
	}
	return p, nil
}
