package plan_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// withStepCosts gives some indicators of in a cost per step of their
// scale (4 steps, 1→2 .. 4→5), drawn so that later steps often cost more.
func withStepCosts(t testing.TB, rng *rand.Rand, in instance) instance {
	in.opts.StepCosts = map[string][]rubric.Decimal{}
	for _, ind := range in.r.Indicators() {
		if rng.IntN(3) == 0 {
			continue // keeps its cost per step, or 1
		}
		var cs []rubric.Decimal
		for range 4 {
			cs = append(cs, dec(t, tinyCosts[rng.IntN(len(tinyCosts))]))
		}
		in.opts.StepCosts[ind.ID] = cs
	}
	return in
}

// stepCost is, independently of the planner, what raising ind from one
// level to another costs under in: each step from a level l costs the
// step of the scale from the whole level at or below l (1,26 → 2 costs
// 1→2), or the indicator's cost per step, or 1.
func stepCost(t testing.TB, in instance, ind *rubric.Indicator, path []rubric.Level) rubric.Decimal {
	var c rubric.Decimal
	for _, from := range path[:len(path)-1] {
		if steps := in.opts.StepCosts[ind.ID]; steps != nil {
			whole := from.Units() / rubric.NewLevel(1).Units() // 1 for 1,26
			c += steps[whole-1]
		} else if v, ok := in.opts.Costs[ind.ID]; ok {
			c += v
		} else {
			c += rubric.NewDecimal(1)
		}
	}
	return c
}

// enumerate calls f with every combination of levels the choices allow,
// with its cost and number of steps.
func enumerate(t testing.TB, in instance, f func(res *index.Result, cost rubric.Decimal, steps int)) {
	ch := choices(in)
	inds := in.r.Indicators()
	pick := make([]int, len(ch))
	for {
		ls := index.Levels{}
		var cost rubric.Decimal
		steps := 0
		for i, ind := range inds {
			ls[ind.ID] = ch[i][pick[i]]
			cost += stepCost(t, in, ind, ch[i][:pick[i]+1])
			steps += pick[i]
		}
		res, err := index.Compute(in.r, ls)
		if err != nil {
			t.Fatal(err)
		}
		f(res, cost, steps)
		i := 0
		for i < len(pick) && pick[i] == len(ch[i])-1 {
			pick[i] = 0
			i++
		}
		if i == len(pick) {
			return
		}
		pick[i]++
	}
}

// Per-step costs: Make's plan costs exactly the least that any
// combination of levels reaching the target costs (brute force over every
// combination), and when the target is out of reach, the least that
// reaches the best published index.
func TestStepCostsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 4))
	runs := 400
	if testing.Short() {
		runs = 120
	}
	for range runs {
		in := withStepCosts(t, rng, randomInstance(t, rng, true))
		p, err := plan.Make(in.r, in.levels, in.target, in.opts)
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		var best *rubric.Decimal
		var top rubric.Decimal
		enumerate(t, in, func(res *index.Result, _ rubric.Decimal, _ int) { top = max(top, res.Published) })
		goal := in.target
		reachable := false
		enumerate(t, in, func(res *index.Result, _ rubric.Decimal, _ int) { reachable = reachable || met(res, goal) })
		if !reachable {
			goal = plan.Target{Index: top}
		}
		enumerate(t, in, func(res *index.Result, cost rubric.Decimal, _ int) {
			if met(res, goal) && (best == nil || cost < *best) {
				c := cost
				best = &c
			}
		})
		if p.Reachable != reachable || best == nil || p.TotalCost != *best {
			t.Fatalf("%s step costs %v: plan reachable %v cost %s; brute force reachable %v cost %v", in, in.opts.StepCosts, p.Reachable, p.TotalCost, reachable, best)
		}
		// The plan's steps cost what they say, by the independent rule.
		var sum rubric.Decimal
		for _, s := range p.Steps {
			path := []rubric.Level{s.From}
			for _, l := range choicesOf(in, s.Indicator) {
				if l > s.From && l <= s.To {
					path = append(path, l)
				}
			}
			if c := stepCost(t, in, s.Indicator, path); c != s.Cost {
				t.Fatalf("%s: step %s %s→%s costs %s, want %s", in, s.Indicator.ID, s.From, s.To, s.Cost, c)
			}
			sum += s.Cost
		}
		if sum != p.TotalCost || !met(p.After, goal) {
			t.Fatalf("%s: steps add to %s, total %s; after %s meets %s: %v", in, sum, p.TotalCost, p.After.Published, goal, met(p.After, goal))
		}
	}
}

// choicesOf is choices for one indicator.
func choicesOf(in instance, ind *rubric.Indicator) []rubric.Level {
	for i, x := range in.r.Indicators() {
		if x == ind {
			return choices(in)[i]
		}
	}
	return nil
}

// Budget: the plan buys the highest published index that any combination
// of levels costing at most the budget reaches (brute force), as cheaply
// as any combination that reaches it, and says what is left.
func TestBudgetBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 5))
	runs := 400
	if testing.Short() {
		runs = 120
	}
	budgets := []string{"0", "0.5", "1", "2", "3.25", "5", "8", "40"}
	for k := range runs {
		in := randomInstance(t, rng, k%3 != 0)
		if k%2 == 0 {
			in = withStepCosts(t, rng, in)
		}
		budget := dec(t, budgets[rng.IntN(len(budgets))])
		p, err := plan.Budget(in.r, in.levels, budget, in.opts)
		if err != nil {
			t.Fatalf("%s budget %s: %v", in, budget, err)
		}
		var bestIndex rubric.Decimal
		enumerate(t, in, func(res *index.Result, cost rubric.Decimal, _ int) {
			if cost <= budget {
				bestIndex = max(bestIndex, res.Published)
			}
		})
		var least *rubric.Decimal
		enumerate(t, in, func(res *index.Result, cost rubric.Decimal, _ int) {
			if cost <= budget && res.Published == bestIndex && (least == nil || cost < *least) {
				c := cost
				least = &c
			}
		})
		if p.After.Published != bestIndex || least == nil || p.TotalCost != *least {
			t.Fatalf("%s budget %s: plan buys %s for %s; brute force %s for %v", in, budget, p.After.Published, p.TotalCost, bestIndex, least)
		}
		if p.Budget == nil || *p.Budget != budget || p.Left != budget-p.TotalCost || p.Left < 0 {
			t.Fatalf("%s budget %s: Budget %v Left %s, cost %s", in, budget, p.Budget, p.Left, p.TotalCost)
		}
	}
}

// External indicators (scored by another agency) stay as they are unless
// IncludeExternal: a Pemdi plan for Memuaskan from all 2s never raises
// indicators 5, 6, 7 and 18, and lists them.
func TestExternalFixed(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	levels := index.Levels{}
	for _, ind := range r.Indicators() {
		levels[ind.ID] = rubric.NewLevel(2)
	}
	tg, err := plan.ParseTarget(r, "Sangat Baik")
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Make(r, levels, tg, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ext []string
	for _, ind := range p.External {
		ext = append(ext, ind.ID)
	}
	if got := strings.Join(ext, ","); got != "5,6,7,18" {
		t.Errorf("External = %s, want 5,6,7,18", got)
	}
	for _, s := range p.Steps {
		if s.Indicator.External != nil {
			t.Errorf("the plan raises external indicator %s", s.Indicator.ID)
		}
	}
	if !p.Reachable || p.Max.Index.Cmp(rubric.NewDecimal(5)) >= 0 {
		t.Errorf("Max %s: want below 5 with the external indicators at 2", p.Max.Published)
	}
	all, err := plan.Make(r, levels, tg, plan.Options{IncludeExternal: true})
	if err != nil {
		t.Fatal(err)
	}
	if all.External != nil || all.Max.Published != rubric.NewDecimal(5) {
		t.Errorf("IncludeExternal: External %v, Max %s; want none and 5", all.External, all.Max.Published)
	}
}

// A target met only by rounding half-up: from 4, 4, 4 (weights 1, 1, 1)
// the target 4,67 is reached by 5, 5, 4 = 14/3 = 4,666..., published 4,67:
// no margin. 4,66 is met with a margin.
func TestOnlyByRounding(t *testing.T) {
	r, err := rubric.Parse("t.yaml", []byte(`id: t
name: T
total: 3
precision: 2
rounding: half-up
predicate_on: rounded
scales: [{id: s, min: 1, max: 5, integer: true, levels: {1: a, 2: b, 3: c, 4: d, 5: e}}]
predicates: [{name: Atas, from: 4.67, to: 5}, {name: Bawah, from: 1, to: 4.67}]
domains: [{id: D1, name: D, weight: 3, aspects: [{id: A1, name: A, weight: 3, indicators: [{id: "1", name: a, weight: 1}, {id: "2", name: b, weight: 1}, {id: "3", name: c, weight: 1}]}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	levels := index.Levels{"1": rubric.NewLevel(4), "2": rubric.NewLevel(4), "3": rubric.NewLevel(4)}
	for _, c := range []struct {
		target string
		want   bool
	}{{"4.67", true}, {"Atas", true}, {"4.66", false}, {"4", false}} {
		tg, err := plan.ParseTarget(r, c.target)
		if err != nil {
			t.Fatal(err)
		}
		p, err := plan.Make(r, levels, tg, plan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := p.OnlyByRounding(); got != c.want {
			t.Errorf("target %s: after %s (exact %s): OnlyByRounding %v, want %v", c.target, p.After.Published, p.After.Index.Exact(), got, c.want)
		}
	}
}

// A budget has no target to be met by rounding: the index it buys is
// 14/3 (5, 5, 4 with two steps), published 4,67, and Plan.Target is that
// published index; OnlyByRounding must not call it a target met only by
// rounding (the plan workbook and JSON said so).
func TestOnlyByRoundingBudget(t *testing.T) {
	r, err := rubric.Parse("t.yaml", []byte(`id: t
name: T
total: 3
precision: 2
rounding: half-up
predicate_on: rounded
scales: [{id: s, min: 1, max: 5, integer: true, levels: {1: a, 2: b, 3: c, 4: d, 5: e}}]
predicates: [{name: Atas, from: 4.67, to: 5}, {name: Bawah, from: 1, to: 4.67}]
domains: [{id: D1, name: D, weight: 3, aspects: [{id: A1, name: A, weight: 3, indicators: [{id: "1", name: a, weight: 1}, {id: "2", name: b, weight: 1}, {id: "3", name: c, weight: 1}]}]}]
`))
	if err != nil {
		t.Fatal(err)
	}
	levels := index.Levels{"1": rubric.NewLevel(4), "2": rubric.NewLevel(4), "3": rubric.NewLevel(4)}
	p, err := plan.Budget(r, levels, rubric.NewDecimal(2), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.After.Index.Exact() == p.After.Published.String() {
		t.Fatalf("after %s (exact %s): the case needs an index that rounds", p.After.Published, p.After.Index.Exact())
	}
	if p.OnlyByRounding() {
		t.Errorf("budget 2: after %s (exact %s): OnlyByRounding true, want false (a budget has no target)", p.After.Published, p.After.Index.Exact())
	}
}

func TestParseCosts(t *testing.T) {
	r, err := rubric.ByID("permenpanrb-8-2026")
	if err != nil {
		t.Fatal(err)
	}
	c, err := plan.ParseCosts(r, "c.yaml", []byte("\"1\": 5\n3.1: [1, 1, 2, 5]\n\"20\": [0,5; 1; 1; 2]\n"))
	if err == nil {
		t.Fatalf("a list of one text was accepted: %v", c)
	}
	c, err = plan.ParseCosts(r, "c.yaml", []byte("\"1\": 5\n3.1: [1, 1, 2, 5]\n\"20\": [\"0,5\", 1, 1, 2.5]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Each["1"] != rubric.NewDecimal(5) || len(c.Steps["5"]) != 4 || c.Steps["5"][3] != rubric.NewDecimal(5) ||
		c.Steps["20"][0] != dec(t, "0.5") || c.Steps["20"][3] != dec(t, "2.5") {
		t.Errorf("ParseCosts = %+v", c)
	}
	for _, bad := range []struct{ src, want string }{
		{"\"1\": [1, 2]\n", "c.yaml:1:6: indicator 1: 2 costs, want 4, one for each step of its scale (1→2, 2→3, 3→4, 4→5)"},
		{"\"1\": -1\n", "c.yaml:1:6: indicator 1: cost -1 is negative"},
		{"\"99\": 1\n", `c.yaml:1:1: "99" is not an indicator of rubric permenpanrb-8-2026`},
		{"\"1\": 1\n1.1: 2\n", "c.yaml:2:1: indicator 1 has a cost already (by its id or its code)"},
		{"\"1\": [1, x, 1, 1]\n", `c.yaml:1:10: indicator 1: cost "x" is not a number`},
		{"- 1\n", "c.yaml:1:1: want a mapping"},
	} {
		_, err := plan.ParseCosts(r, "c.yaml", []byte(bad.src))
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("ParseCosts(%q) = %v, want %q", bad.src, err, bad.want)
		}
	}
}
