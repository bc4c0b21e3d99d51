package plan_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// instance is a small random planning problem.
type instance struct {
	r      *rubric.Rubric
	levels index.Levels
	target plan.Target
	opts   plan.Options
}

func (in instance) String() string {
	var s []string
	for _, ind := range in.r.Indicators() {
		c := ""
		if cost, ok := in.opts.Costs[ind.ID]; ok {
			c = " cost " + cost.String()
		}
		f := ""
		if in.opts.Fixed[ind.ID] {
			f = " fixed"
		}
		s = append(s, fmt.Sprintf("%s(w %s, %s, int %v)=%s%s%s", ind.ID, ind.Weight, ind.LevelScale.ID, ind.LevelScale.Integer, in.levels[ind.ID], c, f))
	}
	cap := "none"
	if in.opts.MaxLevel != nil {
		cap = in.opts.MaxLevel.String()
	}
	return fmt.Sprintf("%s precision %d on %s, cap %s, target %s", strings.Join(s, " "), in.r.Precision, in.r.PredicateOn, cap, in.target)
}

var (
	tinyWeights = []string{"0.25", "0.5", "1.3", "1.5", "2.5", "2.75", "3", "3.3"}
	tinyDecimal = []string{"1", "1.5", "2.25", "3", "3.7", "4.5", "5", "1.26"}
	// tinyFine are levels finer than a Decimal, as a spreadsheet stores 7/6
	// and 7/3: drawn only where every weight is a multiple of 0,25, else
	// the sums pass the planner's exact range (ErrTooFine).
	tinyFine  = []string{"1.1666666666666667", "2.3333333333333335"}
	tinyCaps  = []string{"2", "3", "3.5", "4", "4.8"}
	tinyCosts = []string{"0", "0.5", "1", "1", "1.25", "2", "3"}
)

// randomInstance builds a rubric of two to four indicators on integer and
// decimal 1..5 scales with the 59/2020 bands, and random levels, cap,
// fixed indicators, costs and target.
func randomInstance(t testing.TB, rng *rand.Rand, withCosts bool) instance {
	t.Helper()
	n := 2 + rng.IntN(3)
	var total rubric.Decimal
	var inds []string
	var scales []string
	quarters := true
	for i := range n {
		w := dec(t, tinyWeights[rng.IntN(len(tinyWeights))])
		total += w
		quarters = quarters && w%dec(t, "0.25") == 0
		sc := "int"
		if rng.IntN(3) == 0 {
			sc = "dec"
		}
		scales = append(scales, sc)
		inds = append(inds, fmt.Sprintf(`{id: "%d", name: i, weight: %s, scale: %s}`, i+1, w, sc))
	}
	on := "rounded"
	if rng.IntN(3) == 0 {
		on = "exact"
	}
	src := fmt.Sprintf(`id: tiny
name: Tiny
total: %[1]s
precision: %[2]d
rounding: half-up
predicate_on: %[3]s
scales:
  - {id: int, min: 1, max: 5, integer: true, levels: {1: a, 2: b, 3: c, 4: d, 5: e}}
  - {id: dec, min: 1, max: 5, integer: false, levels: {1: a, 2: b, 3: c, 4: d, 5: e}}
predicates:
  - {name: Memuaskan, from: 4.2, to: 5}
  - {name: Sangat Baik, from: 3.5, to: 4.2}
  - {name: Baik, from: 2.6, to: 3.5}
  - {name: Cukup, from: 1.8, to: 2.6}
  - {name: Kurang, from: 1, to: 1.8}
domains: [{id: D1, name: D, weight: %[1]s, aspects: [{id: A1, name: A, weight: %[1]s, indicators: [%[4]s]}]}]
`, total, 1+rng.IntN(2), on, strings.Join(inds, ", "))
	r, err := rubric.Parse("tiny.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	in := instance{r: r, levels: index.Levels{}}
	for i, ind := range r.Indicators() {
		if scales[i] == "int" {
			in.levels[ind.ID] = rubric.NewLevel(int64(1 + rng.IntN(5)))
		} else {
			vals := tinyDecimal
			if quarters {
				vals = append(slices.Clone(vals), tinyFine...)
			}
			in.levels[ind.ID] = lvl(t, vals[rng.IntN(len(vals))])
		}
		if rng.IntN(6) == 0 {
			if in.opts.Fixed == nil {
				in.opts.Fixed = map[string]bool{}
			}
			in.opts.Fixed[ind.ID] = true
		}
		if withCosts && rng.IntN(5) > 0 {
			if in.opts.Costs == nil {
				in.opts.Costs = map[string]rubric.Decimal{}
			}
			in.opts.Costs[ind.ID] = dec(t, tinyCosts[rng.IntN(len(tinyCosts))])
		}
	}
	if withCosts && in.opts.Costs == nil {
		in.opts.Costs = map[string]rubric.Decimal{}
	}
	if rng.IntN(2) == 0 {
		c := dec(t, tinyCaps[rng.IntN(len(tinyCaps))])
		in.opts.MaxLevel = &c
	}
	if rng.IntN(3) == 0 {
		in.target = plan.Target{Index: 0, Band: r.Predicates[rng.IntN(len(r.Predicates))]}
		in.target.Index = in.target.Band.From
	} else {
		in.target = plan.Target{Index: rubric.NewDecimal(1) + rubric.Decimal(rng.IntN(401))*10_000}
	}
	return in
}

// choices lists, independently of the planner, the levels each indicator
// may take: its own, then each whole level above it up to the cap (from
// 1.5 the first step goes to 2), the last perhaps a partial step to a cap
// between whole levels on a decimal scale.
func choices(in instance) [][]rubric.Level {
	var out [][]rubric.Level
	for _, ind := range in.r.Indicators() {
		from := in.levels[ind.ID]
		ls := []rubric.Level{from}
		if !in.opts.Fixed[ind.ID] {
			capL := ind.LevelScale.Max
			if in.opts.MaxLevel != nil && *in.opts.MaxLevel < capL {
				capL = *in.opts.MaxLevel
			}
			if ind.LevelScale.Integer {
				capL = rubric.NewDecimal(capL.Int())
			}
			for w := int64(1); w <= 5; w++ {
				if l := rubric.NewLevel(w); l > from && l.Cmp(capL) <= 0 {
					ls = append(ls, l)
				}
			}
			if last := ls[len(ls)-1]; !ind.LevelScale.Integer && last.Cmp(capL) < 0 {
				ls = append(ls, asLevel(capL))
			}
		}
		out = append(out, ls)
	}
	return out
}

// bruteForce tries every combination of levels and returns the best
// choice (index into choices per indicator): the least cost, then the
// fewest steps, then the most steps on earlier indicators; and whether the
// target was reachable. When it is not, the goal becomes the published
// index with every indicator at its cap.
func bruteForce(t testing.TB, in instance) (best []int, cost rubric.Decimal, steps int, reachable bool) {
	t.Helper()
	ch := choices(in)
	score := func(pick []int) *index.Result {
		ls := index.Levels{}
		for i, ind := range in.r.Indicators() {
			ls[ind.ID] = ch[i][pick[i]]
		}
		res, err := index.Compute(in.r, ls)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	top := make([]int, len(ch))
	for i := range ch {
		top[i] = len(ch[i]) - 1
	}
	goal := in.target
	reachable = met(score(top), goal)
	if !reachable {
		goal = plan.Target{Index: score(top).Published}
	}
	pick := make([]int, len(ch))
	for {
		if met(score(pick), goal) {
			var c rubric.Decimal
			s := 0
			for i, ind := range in.r.Indicators() {
				unitCost := rubric.NewDecimal(1)
				if v, ok := in.opts.Costs[ind.ID]; ok {
					unitCost = v
				}
				c += rubric.Decimal(int64(pick[i])) * unitCost
				s += pick[i]
			}
			better := best == nil || c < cost || c == cost && s < steps
			if !better && c == cost && s == steps {
				for i := range pick {
					if pick[i] != best[i] {
						better = pick[i] > best[i]
						break
					}
				}
			}
			if better {
				best, cost, steps = append([]int(nil), pick...), c, s
			}
		}
		i := 0
		for i < len(pick) && pick[i] == len(ch[i])-1 {
			pick[i] = 0
			i++
		}
		if i == len(pick) {
			return best, cost, steps, reachable
		}
		pick[i]++
	}
}

// planned returns the number of steps the plan takes on each indicator.
func planned(in instance, p *plan.Plan) []int {
	n := make([]int, len(in.r.Indicators()))
	for _, s := range p.Steps {
		for i, ind := range in.r.Indicators() {
			if ind == s.Indicator {
				n[i] = s.Levels()
			}
		}
	}
	return n
}

// trials is the number of random instances a brute-force test checks: n
// in the full tier, a tenth of them (the first, from the same seed) in the
// fast tier (go test -short).
func trials(n int) int {
	if testing.Short() {
		return max(n/10, 1)
	}
	return n
}

// Without costs the plan has exactly the fewest steps of any plan.
func TestFewestStepsExhaustive(t *testing.T) {
	rng := rand.New(rand.NewPCG(59, 2020))
	for trial := range trials(3000) {
		in := randomInstance(t, rng, false)
		p, err := plan.Make(in.r, in.levels, in.target, in.opts)
		if err != nil {
			t.Fatalf("trial %d: %s: %v", trial, in, err)
		}
		_, _, steps, reachable := bruteForce(t, in)
		if p.Reachable != reachable || p.TotalSteps != steps {
			t.Fatalf("trial %d: %s:\nreachable %v in %d steps, want %v in %d", trial, in, p.Reachable, p.TotalSteps, reachable, steps)
		}
		checkPlan(t, in, p)
	}
}

// Where the greedy choice is optimal (every indicator at a whole level),
// the dynamic programming finds the very same plan.
func TestFewestStepsGreedyIsDP(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 2026))
	for trial := 0; trial < trials(2000); {
		in := randomInstance(t, rng, false)
		whole := true
		for _, l := range in.levels {
			whole = whole && l.IsInteger()
		}
		if !whole {
			continue
		}
		trial++
		greedy, err := plan.Make(in.r, in.levels, in.target, in.opts)
		if err != nil {
			t.Fatalf("trial %d: %s: %v", trial, in, err)
		}
		restore := plan.AlwaysDP()
		dp, err := plan.Make(in.r, in.levels, in.target, in.opts)
		restore()
		if err != nil {
			t.Fatalf("trial %d: %s: %v", trial, in, err)
		}
		if g, d := fmt.Sprint(planned(in, greedy)), fmt.Sprint(planned(in, dp)); g != d {
			t.Fatalf("trial %d: %s:\ngreedy %s, dynamic programming %s", trial, in, g, d)
		}
	}
}

// With costs the plan has exactly the least cost, then the fewest steps,
// and breaks ties toward earlier indicators, whether the table or the
// branch and bound finds it.
func TestCheapestBruteForce(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cells int
	}{{"table", 1 << 22}, {"branch-and-bound", 0}} {
		t.Run(tc.name, func(t *testing.T) {
			defer plan.SetLimits(tc.cells, 20_000_000)()
			rng := rand.New(rand.NewPCG(5, 2018))
			for trial := range trials(3000) {
				in := randomInstance(t, rng, true)
				p, err := plan.Make(in.r, in.levels, in.target, in.opts)
				if err != nil {
					t.Fatalf("trial %d: %s: %v", trial, in, err)
				}
				best, cost, steps, reachable := bruteForce(t, in)
				if p.Reachable != reachable || p.TotalCost != cost || p.TotalSteps != steps {
					t.Fatalf("trial %d: %s:\nreachable %v, cost %s, %d steps; want %v, %s, %d", trial, in, p.Reachable, p.TotalCost, p.TotalSteps, reachable, cost, steps)
				}
				if got := planned(in, p); fmt.Sprint(got) != fmt.Sprint(best) {
					t.Fatalf("trial %d: %s:\nsteps per indicator %v, want %v", trial, in, got, best)
				}
				checkPlan(t, in, p)
			}
		})
	}
}

// On the full 59/2020 rubric the table and the branch and bound agree.
func TestCheapestMethodsAgree(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	rng := rand.New(rand.NewPCG(47, 47))
	costs := []string{"0.5", "1", "1.5", "2", "2.75", "4", "10"}
	for trial := range trials(40) {
		ls := index.Levels{}
		o := plan.Options{Costs: map[string]rubric.Decimal{}}
		for _, ind := range r.Indicators() {
			ls[ind.ID] = rubric.NewLevel(int64(1 + rng.IntN(4)))
			o.Costs[ind.ID] = dec(t, costs[rng.IntN(len(costs))])
		}
		if rng.IntN(2) == 0 {
			c := rubric.NewDecimal(4)
			o.MaxLevel = &c
		}
		target := plan.Target{Index: rubric.NewDecimal(2) + rubric.Decimal(rng.IntN(251))*10_000}
		table, err := plan.Make(r, ls, target, o)
		if err != nil {
			t.Fatal(err)
		}
		restore := plan.SetLimits(0, 20_000_000)
		bb, err := plan.Make(r, ls, target, o)
		restore()
		if err != nil {
			t.Fatalf("trial %d: branch and bound: %v", trial, err)
		}
		if fmt.Sprint(table.Levels()) != fmt.Sprint(bb.Levels()) || table.TotalCost != bb.TotalCost {
			t.Fatalf("trial %d: table cost %s in %d steps, branch and bound %s in %d", trial, table.TotalCost, table.TotalSteps, bb.TotalCost, bb.TotalSteps)
		}
	}
}

func TestCheapestTooHard(t *testing.T) {
	defer plan.SetLimits(0, 10)()
	r := mustRubric(t, "permenpanrb-59-2020")
	_, err := plan.Make(r, uniform(r, 1), plan.Target{Index: rubric.NewDecimal(4)}, plan.Options{Costs: map[string]rubric.Decimal{}})
	if !errors.Is(err, plan.ErrTooHard) {
		t.Errorf("error = %v, want ErrTooHard", err)
	}
}

// checkPlan checks what every plan promises.
func checkPlan(t *testing.T, in instance, p *plan.Plan) {
	t.Helper()
	goal := in.target
	if !p.Reachable {
		goal = plan.Target{Index: p.Max.Published}
		if p.After.Published != p.Max.Published {
			t.Fatalf("%s: after %s, max %s", in, p.After.Published, p.Max.Published)
		}
	}
	if !met(p.After, goal) {
		t.Fatalf("%s: after %s does not meet %s", in, p.After.Published, goal)
	}
	want, err := plan.WhatIf(in.r, in.levels, p.Levels())
	if err != nil {
		t.Fatal(err)
	}
	if want.Index.Compare(p.After.Index) != 0 {
		t.Fatalf("%s: after %s, levels score %s", in, p.After.Index.Exact(), want.Index.Exact())
	}
	var gain index.Value
	for _, s := range p.Steps {
		if in.opts.Fixed[s.Indicator.ID] {
			t.Fatalf("%s: raised fixed %s", in, s.Indicator.ID)
		}
		gain = gain.Add(s.Gain)
	}
	if p.Before.Index.Add(gain).Compare(p.After.Index) != 0 {
		t.Fatalf("%s: gains do not add up", in)
	}
	if in.opts.Costs == nil {
		checkMinimal(t, in.r, p)
	}
}
