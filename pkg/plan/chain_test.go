package plan_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// randomChains gives each indicator of a random instance a chain of zero
// to four rising steps with random costs: on a decimal scale the steps
// land anywhere above the level (as accepted butir do, in uneven
// strides, a fine 7/6-like level included where the weights allow); on an
// integer scale they go up by whole levels.
func randomChains(t testing.TB, rng *rand.Rand, in instance, costs []string) []plan.Chain {
	quarters := true
	for _, ind := range in.r.Indicators() {
		quarters = quarters && ind.Weight%dec(t, "0.25") == 0
	}
	var chains []plan.Chain
	for _, ind := range in.r.Indicators() {
		ch := plan.Chain{Indicator: ind}
		l := in.levels[ind.ID]
		for range rng.IntN(5) {
			var to rubric.Level
			if ind.LevelScale.Integer {
				to = l + rubric.NewLevel(int64(rng.IntN(2)))
			} else {
				to = l + rubric.Level(rng.Int64N(101)*rubric.NewLevel(1).Units()/100)
				if quarters && rng.IntN(4) == 0 {
					to = l + rubric.Level((rng.Int64N(3)+1)*rubric.NewLevel(1).Units()/3)
				}
			}
			if to.Cmp(ind.LevelScale.Max) > 0 {
				break
			}
			ch.Steps = append(ch.Steps, plan.Link{To: to, Cost: dec(t, costs[rng.IntN(len(costs))])})
			l = to
		}
		if rng.IntN(5) > 0 {
			chains = append(chains, ch)
		}
	}
	return chains
}

// prefixes calls f with every choice of a prefix of each chain: the levels
// it reaches, its cost and its number of steps.
func prefixes(in instance, chains []plan.Chain, f func(n []int, ls index.Levels, cost rubric.Decimal, steps int)) {
	n := make([]int, len(chains))
	var rec func(i int)
	rec = func(i int) {
		if i == len(chains) {
			ls := index.Levels{}
			for k, v := range in.levels {
				ls[k] = v
			}
			var cost rubric.Decimal
			steps := 0
			for c, ch := range chains {
				for k := 0; k < n[c]; k++ {
					ls[ch.Indicator.ID] = ch.Steps[k].To
					cost += ch.Steps[k].Cost
					steps++
				}
			}
			f(slices.Clone(n), ls, cost, steps)
			return
		}
		for k := 0; k <= len(chains[i].Steps); k++ {
			n[i] = k
			rec(i + 1)
		}
	}
	rec(0)
}

// Cheapest has exactly the least cost, then the fewest steps, of every
// choice of prefixes that meets the target (or, out of reach, the best
// published index), found by enumerating them all; with equal costs the
// fewest steps.
func TestCheapestChainsBruteForce(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cells int
		costs []string
	}{
		{"table", 1 << 22, tinyCosts},
		{"fallbacks", 100, tinyCosts},
		{"uniform", 1 << 22, []string{"1"}},
		{"uniform-dp", -1, []string{"2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.cells < 0 {
				defer plan.AlwaysDP()()
				tc.cells = 1 << 22
			}
			defer plan.SetLimits(tc.cells, 20_000_000)()
			rng := rand.New(rand.NewPCG(20, 2026))
			for trial := range trials(1500) {
				in := randomInstance(t, rng, false)
				chains := randomChains(t, rng, in, tc.costs)
				p, err := plan.Cheapest(in.r, in.levels, chains, in.target)
				if err != nil {
					t.Fatalf("trial %d: %s: %v", trial, in, err)
				}
				var maxPub rubric.Decimal
				prefixes(in, chains, func(_ []int, ls index.Levels, _ rubric.Decimal, _ int) {
					res := mustCompute(t, in.r, ls)
					maxPub = max(maxPub, res.Published)
				})
				goal := in.target
				reachable := true
				if !met(p.Max, goal) {
					reachable = false
					goal = plan.Target{Index: maxPub}
				}
				bestCost, bestSteps := rubric.Decimal(-1), 0
				prefixes(in, chains, func(_ []int, ls index.Levels, cost rubric.Decimal, steps int) {
					if !met(mustCompute(t, in.r, ls), goal) {
						return
					}
					if bestCost < 0 || cost < bestCost || cost == bestCost && steps < bestSteps {
						bestCost, bestSteps = cost, steps
					}
				})
				if p.Reachable != reachable || p.TotalCost != bestCost || len(p.Steps) != bestSteps {
					t.Fatalf("trial %d: %s: %s\nreachable %v, cost %s, %d steps; want %v, %s, %d", trial, in, chainsString(chains), p.Reachable, p.TotalCost, len(p.Steps), reachable, bestCost, bestSteps)
				}
				if !met(mustCompute(t, in.r, levelsOf(p.After)), goal) {
					t.Fatalf("trial %d: the plan's levels miss %s", trial, goal)
				}
				checkSteps(t, in, chains, p)
			}
		})
	}
}

// MostFor reaches exactly the highest published index of every choice of
// prefixes within the budget, at the least cost of that index.
func TestMostForBruteForce(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cells int
	}{{"cost-table", 1 << 22}, {"gain-table", 40}} {
		t.Run(tc.name, func(t *testing.T) {
			defer plan.SetLimits(tc.cells, 20_000_000)()
			rng := rand.New(rand.NewPCG(21, 2026))
			for trial := range trials(1500) {
				in := randomInstance(t, rng, false)
				chains := randomChains(t, rng, in, tinyCosts)
				budget := dec(t, tinyCosts[rng.IntN(len(tinyCosts))]) * rubric.Decimal(rng.IntN(4))
				p, err := plan.MostFor(in.r, in.levels, chains, budget)
				if err != nil {
					if tc.cells < 1<<22 {
						continue // ErrTooHard: neither table fits
					}
					t.Fatalf("trial %d: %s: %v", trial, in, err)
				}
				var pub rubric.Decimal
				prefixes(in, chains, func(_ []int, ls index.Levels, cost rubric.Decimal, _ int) {
					if cost <= budget {
						pub = max(pub, mustCompute(t, in.r, ls).Published)
					}
				})
				least := rubric.Decimal(-1)
				prefixes(in, chains, func(_ []int, ls index.Levels, cost rubric.Decimal, _ int) {
					if mustCompute(t, in.r, ls).Published >= pub && (least < 0 || cost < least) {
						least = cost
					}
				})
				if p.After.Published != pub || p.TotalCost != least || p.Left != budget-least {
					t.Fatalf("trial %d: %s: %s budget %s:\nindex %s for %s (left %s); want %s for %s", trial, in, chainsString(chains), budget, p.After.Published, p.TotalCost, p.Left, pub, least)
				}
				checkSteps(t, in, chains, p)
			}
		})
	}
}

// checkSteps checks that a plan's steps are prefixes of the chains, that
// their gains add up to the change of the index, and that the index of
// the plan's levels is After's.
func checkSteps(t *testing.T, in instance, chains []plan.Chain, p *plan.ChainPlan) {
	t.Helper()
	sum := p.Before.Index
	ls := levelsOf(p.Before)
	seen := make([]int, len(chains))
	for _, s := range p.Steps {
		if s.Index != seen[s.Chain] || chains[s.Chain].Steps[s.Index] != s.Link {
			t.Fatalf("step %+v is not the next of its chain", s)
		}
		seen[s.Chain]++
		sum = sum.Add(s.Gain)
		ls[s.Indicator.ID] = s.To
	}
	if !slices.Equal(seen, p.Taken) {
		t.Fatalf("taken %v, steps %v", p.Taken, seen)
	}
	if sum.Compare(p.After.Index) != 0 || mustCompute(t, in.r, ls).Index.Compare(p.After.Index) != 0 {
		t.Fatalf("gains add up to %s, after is %s", sum.Exact(), p.After.Index.Exact())
	}
}

func mustCompute(t testing.TB, r *rubric.Rubric, ls index.Levels) *index.Result {
	t.Helper()
	res, err := index.Compute(r, ls)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func chainsString(chains []plan.Chain) string {
	s := ""
	for _, ch := range chains {
		s += " " + ch.Indicator.ID + ":"
		for _, l := range ch.Steps {
			s += fmt.Sprintf(" %s(%s)", l.To, l.Cost)
		}
	}
	return s
}

func levelsOf(res *index.Result) index.Levels {
	ls := index.Levels{}
	for _, it := range res.Indicators {
		ls[it.Indicator.ID] = it.Level
	}
	return ls
}

func ExampleCheapest() {
	r, _ := rubric.ByID("permenpanrb-8-2026")
	levels := index.Levels{}
	for _, ind := range r.Indicators() {
		levels[ind.ID] = rubric.NewLevel(2)
	}
	lv := func(s string) rubric.Level { l, _ := rubric.ParseLevel(s); return l }
	// Indicator 13 may go to 2,25 then 2,5 (two evidence items of level 2),
	// indicator 1 to 3 for a cost of 5.
	chains := []plan.Chain{
		{Indicator: r.Indicator("1"), Steps: []plan.Link{{To: lv("3"), Cost: rubric.NewDecimal(5), Label: "level 3"}}},
		{Indicator: r.Indicator("13"), Steps: []plan.Link{
			{To: lv("2.25"), Cost: rubric.NewDecimal(1), Label: "I13-L2-01"},
			{To: lv("2.5"), Cost: rubric.NewDecimal(1), Label: "I13-L2-02"},
		}},
	}
	target, _ := rubric.ParseDecimal("2.02")
	p, _ := plan.Cheapest(r, levels, chains, plan.Target{Index: target})
	for _, s := range p.Steps {
		fmt.Println(s.Link.Label, s.From, "->", s.To, "gain", s.Gain.Round(4))
	}
	fmt.Println("cost", p.TotalCost, "index", p.After.Published.Fixed(2))
	b, _ := plan.MostFor(r, levels, chains, rubric.NewDecimal(6))
	fmt.Println("budget 6 buys", b.After.Published.Fixed(2), "for", b.TotalCost, "left", b.Left)
	// Output:
	// I13-L2-01 2 -> 2.25 gain 0.0125
	// I13-L2-02 2.25 -> 2.5 gain 0.0125
	// cost 2 index 2.03
	// budget 6 buys 2.06 for 6 left 0
}
