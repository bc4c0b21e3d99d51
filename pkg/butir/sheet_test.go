package butir

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

func TestScoreErrors(t *testing.T) {
	r := pemdi(t)
	items := append(list("13", "A"), &Item{Code: "i13-l1-01", Indicator: "13", Level: 1, Status: Accepted, Where: "row 30"},
		&Item{Code: "I99-L1-01", Indicator: "99", Level: 1, Status: Accepted, Where: "row 31"})
	_, err := Score(r, items)
	if err == nil || !strings.Contains(err.Error(), "row 30: butir i13-l1-01 appears twice (first at row 2)") || !strings.Contains(err.Error(), "row 31: butir I99-L1-01: indicator 99 is not in the rubric") {
		t.Errorf("error = %v", err)
	}
	s, err := Score(r, list("13", "A"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Missing) != 19 || len(s.Progress) != 1 || s.Levels()["13"].String() != "1.5" {
		t.Errorf("missing %d, progress %d, levels %v", len(s.Missing), len(s.Progress), s.Levels())
	}
}

func TestAccept(t *testing.T) {
	items := list("13", "RR")
	got, err := Accept(items, []string{"i13-l1-01", " I13-L1-02"})
	if err != nil {
		t.Fatal(err)
	}
	if !got[0].Status.IsAccepted() || !got[1].Status.IsAccepted() || items[0].Status.IsAccepted() {
		t.Errorf("accepted %v %v, original %v", got[0].Status, got[1].Status, items[0].Status)
	}
	if _, err := Accept(items, []string{"I13-L1-09", "I13-L1-01", "i13-l1-01"}); err == nil ||
		!strings.Contains(err.Error(), "butir I13-L1-09 is not in the list") || !strings.Contains(err.Error(), "butir i13-l1-01 is given twice") {
		t.Errorf("error = %v", err)
	}
}

// randomSheet lists butir of up to three indicators of the Pemdi rubric,
// one to two per level, random statuses and costs; the other indicators
// are at level 1.
func randomSheet(t testing.TB, rng *rand.Rand) (*rubric.Rubric, []*Item, index.Levels) {
	r := pemdi(t)
	ids := []string{"1", "8", "13", "6"}
	var items []*Item
	costs := []string{"0", "1", "1", "2", "3.5"}
	for _, id := range ids[:1+rng.IntN(3)] {
		for l := 1; l <= 5; l++ {
			for k := range 1 + rng.IntN(2) {
				st := Accepted
				if rng.IntN(2) == 0 {
					st = []Status{Revise, Wrong, NotUploaded, AutoRejected}[rng.IntN(4)]
				}
				c, _ := rubric.ParseDecimal(costs[rng.IntN(len(costs))])
				items = append(items, &Item{Code: fmt.Sprintf("I%s-L%d-%02d", id, l, k+1), Indicator: id, Level: l, Status: st, Cost: &c})
			}
		}
	}
	base := index.Levels{}
	for _, ind := range r.Indicators() {
		base[ind.ID] = rubric.NewLevel(1)
	}
	return r, items, base
}

func levelsOf(t testing.TB, r *rubric.Rubric, items []*Item, base index.Levels) index.Levels {
	s, err := Score(r, items)
	if err != nil {
		t.Fatal(err)
	}
	out := index.Levels{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range s.Levels() {
		out[k] = v
	}
	return out
}

// The chains of a sheet lose nothing: over every subset of the open butir
// (not only prefixes of the chains), the least cost that reaches a target
// and the highest published index a budget buys are what plan.Cheapest and
// plan.MostFor find on the chains.
func TestChainsBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	ran, n := 0, 300
	if testing.Short() {
		n = 60
	}
	defer func() {
		if ran < n/2 {
			t.Errorf("only %d of %d trials had few enough open butir", ran, n)
		}
	}()
	for trial := range n {
		r, items, base := randomSheet(t, rng)
		var open []*Item
		for _, it := range items {
			if !it.Status.IsAccepted() {
				open = append(open, it)
			}
		}
		if len(open) > 12 {
			continue
		}
		ran++
		s, err := Score(r, items)
		if err != nil {
			t.Fatal(err)
		}
		ls := levelsOf(t, r, items, base)
		before, _ := index.Compute(r, ls)
		target := plan.Target{Index: before.Published + rubric.Decimal(rng.IntN(30))*10_000}
		budget := rubric.NewDecimal(int64(rng.IntN(6)))
		type sub struct {
			pub  rubric.Decimal
			cost rubric.Decimal
		}
		var subs []sub
		for mask := 0; mask < 1<<len(open); mask++ {
			var codes []string
			var cost rubric.Decimal
			for i, it := range open {
				if mask&(1<<i) != 0 {
					codes = append(codes, it.Code)
					cost += *it.Cost
				}
			}
			acc, err := Accept(items, codes)
			if err != nil {
				t.Fatal(err)
			}
			res, _ := index.Compute(r, levelsOf(t, r, acc, base))
			subs = append(subs, sub{res.Published, cost})
		}
		costOf := func(it *Item) rubric.Decimal { return *it.Cost }
		chains, _ := s.Chains(costOf)
		p, err := plan.Cheapest(r, ls, chains, target)
		if err != nil {
			t.Fatal(err)
		}
		least, best := rubric.Decimal(-1), rubric.Decimal(0)
		for _, x := range subs {
			best = max(best, x.pub)
		}
		goal := min(target.Index, best)
		for _, x := range subs {
			if x.pub >= goal && (least < 0 || x.cost < least) {
				least = x.cost
			}
		}
		if p.TotalCost != least || p.After.Published < goal {
			t.Fatalf("trial %d: target %s: plan costs %s for %s, want %s for %s", trial, target, p.TotalCost, p.After.Published, least, goal)
		}
		m, err := plan.MostFor(r, ls, chains, budget)
		if err != nil {
			t.Fatal(err)
		}
		var pub rubric.Decimal
		for _, x := range subs {
			if x.cost <= budget {
				pub = max(pub, x.pub)
			}
		}
		if m.After.Published != pub {
			t.Fatalf("trial %d: budget %s buys %s, want %s", trial, budget, m.After.Published, pub)
		}
	}
}

// The gains of the open butir add up, per indicator, to the indicator at
// the top of its chain: every gain is (to - from) x weight / total.
func TestOpen(t *testing.T) {
	r := pemdi(t)
	s, err := Score(r, list("13", "AR", "AA", "R"))
	if err != nil {
		t.Fatal(err)
	}
	open := s.Open(nil)
	// I13-L1-02 completes L1: 1,25 -> 2,5 + ... L2 complete, L3 0/1 = 2,5:
	// +1,25 x 5 / 100 = 0,0625; then L3, L4, L5: +1, +0,5, +1 (x 0,05).
	// Runs: [L1-02] 0,0625, [L3-01] 0,05, [L4-01 L5-01] 0,0375 per butir.
	want := []string{"I13-L1-02 0.0625/0.0625", "I13-L3-01 0.05/0.05", "I13-L4-01 0.025/0.0375", "I13-L5-01 0.05/0.0375"}
	var got []string
	for _, o := range open {
		got = append(got, o.Item.Code+" "+o.Gain.Exact()+"/"+o.PerButir.Exact())
	}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("open %v, want %v", got, want)
	}
}

// Open never puts a butir before one it needs, and its runs fall in gain
// per butir: on random sheets, the butir of each indicator keep chain
// order and PerButir never rises.
func TestOpenOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		r, items, _ := randomSheet(t, rng)
		s, err := Score(r, items)
		if err != nil {
			t.Fatal(err)
		}
		chains, steps := s.Chains(nil)
		pos := map[*Item]int{}
		for i := range chains {
			for k, it := range steps[i] {
				pos[it] = k
			}
		}
		next := map[string]int{}
		open := s.Open(nil)
		for i, o := range open {
			if pos[o.Item] != next[o.Item.Indicator] {
				t.Fatalf("%s out of chain order", o.Item.Code)
			}
			next[o.Item.Indicator]++
			if i > 0 && o.PerButir.Compare(open[i-1].PerButir) > 0 {
				t.Fatalf("%s: gain per butir rises", o.Item.Code)
			}
		}
	}
}
