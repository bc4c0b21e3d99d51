// Package plan finds the cheapest way to raise an SPBE index to a target:
// which indicators to raise, by how many levels, so that the published
// index (or the predicate) reaches a wanted value. It also answers what-if
// questions and the marginal value of one more level on each indicator.
//
// Underneath, every plan is a choice of prefixes of chains (see Chain): per
// indicator an ordered sequence of steps, each with its exact gain and its
// cost. Make plans level steps; Cheapest and MostFor take any chains (evidence
// items accepted one by one, level steps priced one by one) and answer the
// two questions of a plan: the least cost that reaches a target, and the
// highest index a budget buys.
//
// Like pkg/index it is pure computation: no I/O, deterministic results in
// rubric order, and exact integer arithmetic in every decision (never
// float64).
//
// # Units
//
// The SPBE index is S / (Total x 10^6), where S is the sum over indicators
// of level x weight, both in rubric.Decimal millionths ("units²"). A step
// raises an indicator to its next whole level (1 to 2, 1,26 to 2), and a
// whole step on an indicator of weight w adds exactly 10^6 x w to S,
// whatever the level, so a plan is a choice of how many steps n_i to take
// on each indicator, and the target becomes a threshold S* on S: because
// rounding half-up is monotone, "the published index is at least x" holds
// exactly when S >= S*. The planner finds S* by binary search with the very
// rounding and comparison pkg/index uses, so plan and score always agree.
//
// Levels finer than a Decimal (1.1666666666666667, as a spreadsheet stores
// 7/6) are counted in rubric.Level units (10^-16) instead, and the weights
// in units of their greatest common divisor with the total, so that S
// still fits an int64; a rubric whose weights are too fine for that gives
// ErrTooFine (see unitsFor).
//
// Errors: Error() is English. The errors a user meets also have a method
// MessageFormat() (format string, args []any), giving their English format
// and arguments, by which a program (spbe's command line) can say them in
// another language from a catalog keyed by the format (docs/messages.md).
package plan

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// unit is the number of rubric.Decimal units in one level.
var unit = rubric.NewDecimal(1).Units()

// ErrTooFine is returned when levels finer than a rubric.Decimal meet
// weights too fine for the planner's exact int64 sums.
var ErrTooFine = messagef("plan: levels with more than 6 decimals on weights this fine are beyond the planner's exact range")

// units are the units the planner counts levels and weights in: one level
// is one units of a level, a level's units are its rubric.Level units /
// div, and a weight's units its rubric.Decimal units / wdiv. The index is
// S / den.
type units struct {
	one, div, wdiv, den int64
}

func (u units) level(l rubric.Level) int64 { return l.Units() / u.div }

func (u units) bound(d rubric.Decimal) int64 {
	l, _ := rubric.LevelOf(d)
	return u.level(l)
}

func (u units) toLevel(x int64) rubric.Level { return rubric.Level(x * u.div) }

func (u units) weight(ind *rubric.Indicator) int64 { return ind.Weight.Units() / u.wdiv }

// unitsFor chooses the units for levels: rubric.Decimal millionths and
// weight units, as always, when every level is a Decimal; else rubric.Level
// units and weights divided by the greatest common divisor g of the
// weights and the total. With fine levels, every sum S a plan meets and
// every difference of two lies within the sums of the scale minima and
// maxima; unitsFor checks, with math/big, that these fit an int64, and
// that the denominator Total / g x 10^16 does, else it returns ErrTooFine.
// (PermenPANRB 8/2026: whole weights adding up to 100, so g = 10^6 and S is
// at most 5 x 10^16 x 100 = 5 x 10^18.)
func unitsFor(r *rubric.Rubric, levels index.Levels, chains ...Chain) (units, error) {
	dec := units{one: unit, div: rubric.NewLevel(1).Units() / unit, wdiv: 1, den: r.Total.Units() * unit}
	fine := false
	for _, l := range levels {
		if _, ok := l.Decimal(); !ok {
			fine = true
			break
		}
	}
	for _, c := range chains {
		for _, s := range c.Steps {
			if _, ok := s.To.Decimal(); !ok {
				fine = true
			}
		}
	}
	if !fine {
		return dec, nil
	}
	g := r.Total.Units()
	for _, ind := range r.Indicators() {
		g = gcd(g, ind.Weight.Units())
	}
	u := units{one: rubric.NewLevel(1).Units(), div: 1, wdiv: g}
	lo, hi := new(big.Int), new(big.Int)
	for _, ind := range r.Indicators() {
		w := big.NewInt(u.weight(ind))
		lo.Add(lo, new(big.Int).Mul(big.NewInt(u.bound(ind.LevelScale.Min)), w))
		hi.Add(hi, new(big.Int).Mul(big.NewInt(u.bound(ind.LevelScale.Max)), w))
	}
	den := new(big.Int).Mul(big.NewInt(r.Total.Units()/g), big.NewInt(u.one))
	span := new(big.Int).Sub(hi, lo)
	if !lo.IsInt64() || !hi.IsInt64() || !span.IsInt64() || !den.IsInt64() {
		return units{}, ErrTooFine
	}
	u.den = den.Int64()
	return u, nil
}

// Target is what a plan aims for: a published index, or a predicate band.
//
// A band target is met the way the rubric judges predicates: the index,
// rounded half-up to the rubric's precision when its PredicateOn is
// "rounded" and exact otherwise, is at least the band's From. An index
// target is met when the published (rounded) index is at least Index,
// whatever PredicateOn says, since a published figure is what it names.
type Target struct {
	// Index is the published index to reach; ParseTarget sets it to the
	// band's lower bound for a band target, where it is not used.
	Index rubric.Decimal
	// Band is the predicate band to reach, or nil for an index target.
	Band *rubric.Band
}

// String returns the band name, or the index as written ("4.2").
func (t Target) String() string {
	if t.Band != nil {
		return t.Band.Name
	}
	return t.Index.String()
}

// Options constrain a plan.
type Options struct {
	// MaxLevel caps the level planning may assume on every indicator (4:
	// "we can reach Terpadu dan Terukur but not Optimum"); nil means the
	// maximum of each indicator's scale. Levels already above the cap are
	// kept, never lowered.
	MaxLevel *rubric.Decimal
	// Fixed lists indicator ids whose level may not change.
	Fixed map[string]bool
	// Costs gives the cost of one level step on an indicator. Nil means
	// every step costs 1, and the plan has the fewest steps. When Costs is
	// not nil, an indicator missing from it costs 1 per step. Costs may
	// not be negative.
	Costs map[string]rubric.Decimal
	// StepCosts gives an indicator the cost of each level step of its
	// scale, in order: on a scale from 1 to 5, [1→2, 2→3, 3→4, 4→5]. A step
	// from a level between whole levels (1,26 to 2) costs what the step
	// from the whole level below it does (1→2), and so does a last step
	// that ends between them (4 to 4,5 costs 4→5). It wins over Costs for
	// the indicators it names; ParseCosts checks its lengths.
	StepCosts map[string][]rubric.Decimal
	// IncludeExternal lets the plan raise indicators scored by another
	// agency (rubric.Indicator.External: Pemdi's Tata Kelola Data from
	// Bappenas, for one). By default they are fixed: the instansi cannot
	// raise them by its own work, so a plan that counts on them would not
	// be believed.
	IncludeExternal bool
}

// uniform reports whether every step of a plan under o costs the same:
// then the plan has the fewest steps.
func (o Options) uniform() bool { return o.Costs == nil && o.StepCosts == nil }

// Step raises one indicator.
type Step struct {
	Indicator *rubric.Indicator
	// From and To are the levels before and after.
	From, To rubric.Level
	// Gain is what the step adds to the SPBE index: (To-From) x weight /
	// total, exactly.
	Gain index.Value
	// Cost is the number of level steps times the indicator's cost per
	// step; a partial step (non-integer scales) costs a whole step.
	Cost rubric.Decimal
}

// Levels returns the number of level steps the step takes: one to each
// whole level after From up to To, and one more to To when To is not
// whole (1,26 to 2 is one step, 1,26 to 3 two, 4,2 to 4,5 one).
func (s Step) Levels() int { return StepsBetween(s.From, s.To) }

// StepsBetween returns the number of level steps from one level up to
// another: a step goes to the next whole level (from 1,26 to 2, then 3),
// and a last step may end between whole levels (at a cap of 4,5). It is 0
// when to is not above from.
func StepsBetween(from, to rubric.Level) int {
	if to <= from {
		return 0
	}
	n := to.Floor() - from.Ceil()
	if !from.IsInteger() {
		n++
	}
	if !to.IsInteger() {
		n++
	}
	return int(n)
}

// Plan is the answer of Make.
type Plan struct {
	Target    Target
	Reachable bool
	// Before is the current result. After is the result with the planned
	// levels; when the target is not reachable, the plan instead reaches
	// the best published index possible (After.Published ==
	// Max.Published) as cheaply as possible.
	Before, After *index.Result
	// Max is the best result reachable under the constraints: every
	// allowed indicator raised to its cap.
	Max *index.Result
	// Steps has one entry per indicator raised, in rubric order.
	Steps []Step
	// TotalSteps counts level steps (a partial step counts as one);
	// TotalCost adds the steps' costs.
	TotalSteps int
	TotalCost  rubric.Decimal
	// Budget is the budget of a plan made by Budget (nil for Make), and
	// Left what the plan leaves of it.
	Budget *rubric.Decimal
	Left   rubric.Decimal
	// External lists the indicators scored by another agency that the plan
	// kept fixed (Options.IncludeExternal not set), in rubric order.
	External []*rubric.Indicator
}

// OnlyByRounding reports whether the plan meets its target only because
// the index is rounded half-up when it is published: the exact index after
// the plan is below the target (4,735 for a target of 4,74), so there is
// no margin at all. For a band target judged on the exact index it is
// always false, and for a plan of a budget, which has no target (its
// Target is the index it buys).
func (p *Plan) OnlyByRounding() bool {
	// A plan for a budget has no target asked: its Target is the index
	// it buys, published (rounded) by definition.
	if !p.Reachable || p.After == nil || p.Budget != nil {
		return false
	}
	want := p.Target.Index
	if p.Target.Band != nil {
		if p.After.Rubric.PredicateOn == "exact" {
			return false
		}
		want = p.Target.Band.From
	}
	return p.After.Index.Cmp(want) < 0
}

// Levels returns the planned levels: the current levels with every step
// applied.
func (p *Plan) Levels() index.Levels {
	out := index.Levels{}
	for _, it := range p.Before.Indicators {
		out[it.Indicator.ID] = it.Level
	}
	for _, s := range p.Steps {
		out[s.Indicator.ID] = s.To
	}
	return out
}

// item is an indicator that may be raised: its position in rubric order,
// its level, and the levels each step it allows reaches: a step goes to
// the next whole level (1,26 to 2, then 3), the last perhaps to a cap
// between whole levels. Levels are in the plan's units (see units).
type item struct {
	ind   *rubric.Indicator
	from  int64
	w     int64   // the weight, in the plan's units
	tos   []int64 // the level after each step, rising
	gains []int64 // the gain in units² of each step
	costs []int64 // the cost of each step, in rubric.Decimal units
	cum   []int64 // cum[n] is the cost of the first n steps
}

// cost returns the cost of the first n steps.
func (it *item) cost(n int) int64 { return it.cum[n] }

// to returns the level after n steps.
func (it *item) to(n int) int64 {
	if n == 0 {
		return it.from
	}
	return it.tos[n-1]
}

// gain returns the gain in units² of the first n steps.
func (it *item) gain(n int) int64 { return (it.to(n) - it.from) * it.w }

// Make plans how to reach target t from levels under the options o. It
// returns an error for invalid levels, unknown ids in o.Fixed or o.Costs,
// and negative costs; an unreachable target is not an error (see
// Plan.Reachable).
//
// Without costs (o.Costs nil) the plan has the fewest level steps, taken on
// the heaviest indicators, equal weights in rubric order. This greedy
// choice is minimal: the target is a threshold on the sum S (see the
// package comment), every whole level step on an indicator of weight w
// adds the same 10^6 x w to S, and so no k steps gain more than the k
// largest. With costs it
// has the least total cost, then the fewest steps, then as many steps as
// possible on the indicators earliest in the rubric (found by dynamic
// programming, or an exact branch and bound when the gains are too fine
// for the table; ErrTooHard if that search is too long). A step goes to
// the next whole level up to the cap: from 1,26 to 2, then 3; on a
// non-integer scale a last partial step may end at a cap between whole
// levels (4,5).
//
// When the target is out of reach, Reachable is false, Max is the best
// result possible, and the plan is the cheapest one that reaches Max's
// published index.
func Make(r *rubric.Rubric, levels index.Levels, t Target, o Options) (*Plan, error) {
	before, err := index.Compute(r, levels)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	chains, err := levelChains(r, levels, o)
	if err != nil {
		return nil, err
	}
	pb, err := newProblem(r, levels, before, chains)
	if err != nil {
		return nil, err
	}
	p := &Plan{Target: t, Before: before, Max: pb.max}
	p.External = externals(r, o)
	n, reachable, err := pb.reach(t, o.uniform())
	if err != nil {
		return nil, err
	}
	p.Reachable = reachable
	if p.After, err = pb.result(n); err != nil {
		return nil, err
	}
	for i, it := range pb.items {
		if n[i] == 0 {
			continue
		}
		gain, err := index.NewValue(it.gain(n[i]), pb.u.den)
		if err != nil {
			return nil, messagef("plan: gain of indicator %s: %w", it.ind.ID, err)
		}
		st := Step{
			Indicator: it.ind,
			From:      pb.u.toLevel(it.from),
			To:        pb.u.toLevel(it.to(n[i])),
			Gain:      gain,
			Cost:      rubric.Decimal(it.cost(n[i])),
		}
		p.Steps = append(p.Steps, st)
		p.TotalSteps += n[i]
		p.TotalCost += st.Cost
	}
	return p, nil
}

// levelChains lists, in rubric order, the indicators that may be raised,
// each with its level steps: to the next whole level above its level (one
// more when it is whole), then one level at a time, the last step ending
// at the cap.
func levelChains(r *rubric.Rubric, levels index.Levels, o Options) ([]Chain, error) {
	var errs []error
	for _, id := range sortedKeys(o.Fixed) {
		if r.Indicator(id) == nil {
			errs = append(errs, messagef("plan: fixed indicator %s: %w", id, index.ErrUnknown))
		}
	}
	for _, id := range sortedKeys(o.StepCosts) {
		ind := r.Indicator(id)
		if ind == nil {
			errs = append(errs, messagef("plan: step costs of indicator %s: %w", id, index.ErrUnknown))
			continue
		}
		if want := scaleSteps(ind.LevelScale); len(o.StepCosts[id]) != want {
			errs = append(errs, messagef("plan: step costs of indicator %s: %d costs, want %d (one per step of its scale)", id, len(o.StepCosts[id]), want))
		}
		for _, c := range o.StepCosts[id] {
			if c < 0 {
				errs = append(errs, messagef("plan: step costs of indicator %s: %s is negative", id, c))
			}
		}
	}
	for _, id := range sortedKeys(o.Costs) {
		switch {
		case r.Indicator(id) == nil:
			errs = append(errs, messagef("plan: cost of indicator %s: %w", id, index.ErrUnknown))
		case o.Costs[id] < 0:
			errs = append(errs, messagef("plan: cost of indicator %s: %s is negative", id, o.Costs[id]))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	one := rubric.NewLevel(1).Units()
	var chains []Chain
	for _, ind := range r.Indicators() {
		if o.Fixed[ind.ID] || ind.External != nil && !o.IncludeExternal {
			continue
		}
		s := ind.LevelScale
		capD := s.Max
		if o.MaxLevel != nil {
			capD = min(capD, *o.MaxLevel)
		}
		if s.Integer {
			capD = floor(capD)
		}
		capL, _ := rubric.LevelOf(capD)
		from := levels[ind.ID]
		if capL <= from {
			continue
		}
		cost := rubric.NewDecimal(1)
		if c, ok := o.Costs[ind.ID]; ok {
			cost = c
		}
		ch := Chain{Indicator: ind}
		next := from.Units() - mod(from.Units(), one) + one
		steps := o.StepCosts[ind.ID]
		lowest := floor(s.Min).Int()
		for l := from; l < capL; next += one {
			to := min(rubric.Level(next), capL)
			c := cost
			if steps != nil {
				// The step from l belongs to the step of the scale
				// from the whole level at or below l.
				k := (next-one)/one - lowest
				if k < 0 || k >= int64(len(steps)) {
					return nil, messagef("plan: step costs of indicator %s: no cost for the step from %s", ind.ID, l)
				}
				c = steps[k]
			}
			ch.Steps = append(ch.Steps, Link{To: to, Cost: c})
			l = to
		}
		chains = append(chains, ch)
	}
	return chains, nil
}

// mod returns x modulo m in [0, m), for m > 0.
func mod(x, m int64) int64 {
	r := x % m
	if r < 0 {
		r += m
	}
	return r
}

// floor rounds d down to a whole number.
func floor(d rubric.Decimal) rubric.Decimal {
	u := d.Units()
	q := u / unit
	if u%unit < 0 {
		q--
	}
	return rubric.NewDecimal(q)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func copyLevels(l index.Levels) index.Levels {
	out := make(index.Levels, len(l))
	for k, v := range l {
		out[k] = v
	}
	return out
}

// weightedSum returns S, the sum over the indicators of level x weight in
// the units u (see the package comment). For a valid rubric and levels on
// their scales in Decimal units |S| <= rubric.MaxLevel x
// rubric.MaxWeightSum = 10^18 (in units²), within an int64, and so is
// every S between the current and the maximum levels that the planner
// tries; unitsFor checks the same for finer levels.
func weightedSum(res *index.Result, u units) int64 {
	var s int64
	for _, it := range res.Indicators {
		s += u.level(it.Level) * u.weight(it.Indicator)
	}
	return s
}

// metFunc returns whether a weighted sum S (units², over the denominator
// den of the index) meets the target: a band on the value the rubric judges
// predicates on, an index on the published value. den is positive (a valid
// rubric's total is); were it not, nothing would be met and Make would
// report an internal error.
func metFunc(r *rubric.Rubric, t Target, den int64) func(s int64) bool {
	goal := t.Index
	exact := false
	if t.Band != nil {
		goal = t.Band.From
		exact = r.PredicateOn == "exact"
	}
	return func(s int64) bool {
		v, err := index.NewValue(s, den)
		switch {
		case err != nil:
			return false
		case exact:
			return v.Cmp(goal) >= 0
		}
		return v.Round(r.Precision) >= goal
	}
}

// threshold returns the least S in (lo, hi] with met(S), given that met is
// monotone, false at lo and true at hi.
func threshold(met func(int64) bool, lo, hi int64) int64 {
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if met(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// fewestSteps returns how many steps to take on each item so that the
// gains add up to at least need with the fewest steps: by greedy choice
// when every item's steps gain less and less (prefixOrdered), else by
// dynamic programming (fewestStepsDP).
//
// Proof that the greedy count is minimal (exchange argument). The target
// is a threshold on the sum S (see the package comment), so a plan meets
// it exactly when its gain is at least need. Every level step is an
// element of the multiset of allowed steps, each with a gain > 0: an
// indicator at a whole level with weight w offers whole steps of gain
// 10^6 x w each, then perhaps one partial step of smaller gain up to the
// cap, to be taken in that order. Sort all steps by gain, largest first,
// ties by rubric order and then by step order, and let G(k) be the gain of
// the k first. A plan of k steps takes k distinct elements of the
// multiset; exchanging each for a larger one not taken never lowers the
// gain, so its gain is at most G(k). The k first steps are themselves a
// valid plan: for each indicator they form a prefix of its steps, since
// its steps gain less and less. So if k* is the least k with G(k) >= need,
// every plan of fewer steps gains at most G(k*-1) < need and fails, while
// the k* first steps succeed: the greedy plan is optimal, and removing any
// one of its steps makes it fail. (With weights all different the
// heaviest-first order is forced; equal weights are broken by rubric
// order, which does not change G.)
//
// An indicator between whole levels (1,26) breaks the premise: its first
// step, to the next whole level, gains less than the whole steps after
// it, so the k largest gains need not be a prefix of its steps.
func fewestSteps(items []item, need int64) ([]int, error) {
	if alwaysDP || !prefixOrdered(items) {
		return fewestStepsDP(items, need)
	}
	type step struct {
		item int
		gain int64
	}
	var steps []step
	for i, it := range items {
		for _, g := range it.gains {
			steps = append(steps, step{i, g})
		}
	}
	// Stable: equal gains keep rubric order, then step order.
	slices.SortStableFunc(steps, func(a, b step) int {
		switch {
		case a.gain > b.gain:
			return -1
		case a.gain < b.gain:
			return 1
		}
		return 0
	})
	n := make([]int, len(items))
	var got int64
	for _, s := range steps {
		if got >= need {
			break
		}
		got += s.gain
		n[s.item]++
	}
	return n, nil
}

// alwaysDP makes fewestSteps use its dynamic programming even where the
// greedy choice is optimal: for tests that the two agree.
var alwaysDP bool

// prefixOrdered reports whether every item's steps gain no more than the
// step before.
func prefixOrdered(items []item) bool {
	for _, it := range items {
		for k := 1; k < len(it.gains); k++ {
			if it.gains[k] > it.gains[k-1] {
				return false
			}
		}
	}
	return true
}

// fewestStepsDP is fewestSteps for any gains, by dynamic programming over
// the number of steps: best[i][k] is the most gain that at most k steps on
// items i and after can make, best[i][k] = max over n <= k of gain_i(n) +
// best[i+1][k-n]. The least k with best[0][k] >= need is the fewest steps
// of any plan; the plan read back from the first item, taking the largest
// n that still leads to best[0][k], gains the most among the plans of k
// steps and raises indicators earlier in the rubric as far as possible
// (the plan the greedy choice gives when its premise holds). Gains add up
// within an int64: their sum is at most the span unitsFor checks.
func fewestStepsDP(items []item, need int64) ([]int, error) {
	total := 0
	for _, it := range items {
		total += len(it.gains)
	}
	if int64(total+1)*int64(len(items)+1) > int64(maxCells) {
		return nil, ErrTooHard
	}
	best := make([][]int64, len(items)+1)
	best[len(items)] = make([]int64, total+1)
	for i := len(items) - 1; i >= 0; i-- {
		it := &items[i]
		next, cur := best[i+1], make([]int64, total+1)
		for k := range cur {
			b := next[k]
			for n := 1; n <= min(k, len(it.gains)); n++ {
				b = max(b, it.gain(n)+next[k-n])
			}
			cur[k] = b
		}
		best[i] = cur
	}
	k := slices.IndexFunc(best[0], func(g int64) bool { return g >= need })
	if k < 0 {
		return nil, errors.New("plan: internal error: target beyond the maximum")
	}
	n := make([]int, len(items))
	for i := range items {
		it := &items[i]
		for m := min(k, len(it.gains)); m >= 0; m-- {
			if it.gain(m)+best[i+1][k-m] == best[i][k] {
				n[i], k = m, k-m
				break
			}
		}
	}
	return n, nil
}

// names lists the bands for messages.
func bandNames(r *rubric.Rubric) string {
	var s []string
	for _, b := range r.Predicates {
		s = append(s, b.Name)
	}
	return strings.Join(s, ", ")
}

// scaleSteps is the number of level steps of a scale: from its lowest
// whole level to its highest (4 on a scale from 1 to 5).
func scaleSteps(s *rubric.Scale) int {
	return int(floor(s.Max).Int() - floor(s.Min).Int())
}

// externals lists the indicators scored by another agency that a plan
// under o keeps fixed, in rubric order.
func externals(r *rubric.Rubric, o Options) []*rubric.Indicator {
	if o.IncludeExternal {
		return nil
	}
	var out []*rubric.Indicator
	for _, ind := range r.Indicators() {
		if ind.External != nil {
			out = append(out, ind)
		}
	}
	return out
}
