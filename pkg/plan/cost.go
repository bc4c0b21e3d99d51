package plan

import (
	"cmp"
	"errors"
	"math"
	"math/bits"
	"slices"
)

// maxCells bounds the dynamic programming table (indicators x needed gain
// in units of the gains' greatest common divisor). Rubrics with weights of
// at most four decimals need far fewer cells; beyond the bound the planner
// falls back to branch and bound.
var maxCells = 1 << 22

// ErrTooHard is returned when an exact least-cost plan would take too long
// to find.
var ErrTooHard = messagef("plan: too many combinations to find the cheapest plan exactly")

// cheapest returns how many steps to take on each item so that the gains
// add up to at least need at the least total cost, then with the fewest
// steps, then raising indicators earlier in the rubric as far as possible.
//
// It is a bounded knapsack (a chain's steps are taken in order, so an item
// offers its prefixes: n steps for cost(n) and gain(n)) with a covering constraint, solved by dynamic
// programming over the needed gain. All gains are divided by their greatest
// common divisor d, so the table has ceil(need/d)+1 columns; for the
// 59/2020 rubric d is one level on a weight of 0,05, and the whole range of
// the index (4 levels on a total weight of 100) is 8000 columns. best[i][j] is the least (cost, steps) that gains at least j
// using items i and after; best[i][j] = min over n of n x cost_i +
// best[i+1][max(0, j - gain_i(n))]. Reading the choices back from the first
// item, taking the largest n that still leads to the optimum, gives the
// plan that is lexicographically greatest in rubric order among the
// optimal ones.
func cheapest(items []item, need int64) ([]int, error) {
	var d int64
	for _, it := range items {
		for _, g := range it.gains {
			d = gcd(d, g)
		}
	}
	if d == 0 {
		return nil, errors.New("plan: internal error: nothing to raise")
	}
	cols := (need + d - 1) / d
	if (cols+1)*int64(len(items)+1) > int64(maxCells) {
		if n, ok := cheapestByCost(items, need); ok {
			return n, nil
		}
		return branchAndBound(items, need)
	}
	w := int(cols) + 1
	type cell struct {
		cost  int64
		steps int32
	}
	const inf = math.MaxInt64
	best := make([][]cell, len(items)+1)
	last := make([]cell, w)
	for j := 1; j < w; j++ {
		last[j] = cell{cost: inf}
	}
	best[len(items)] = last
	red := make([][]int64, len(items)) // cumulative reduced gains
	for i := len(items) - 1; i >= 0; i-- {
		it := &items[i]
		red[i] = make([]int64, len(it.gains)+1)
		for n := 1; n <= len(it.gains); n++ {
			red[i][n] = red[i][n-1] + it.gains[n-1]/d
		}
		next := best[i+1]
		cur := make([]cell, w)
		for j := range cur {
			b := cell{cost: inf}
			for n := 0; n <= len(it.gains); n++ {
				nx := next[max(0, int64(j)-red[i][n])]
				if nx.cost == inf {
					continue
				}
				c := cell{cost: nx.cost + it.cost(n), steps: nx.steps + int32(n)}
				if c.cost < b.cost || c.cost == b.cost && c.steps < b.steps {
					b = c
				}
			}
			cur[j] = b
		}
		best[i] = cur
	}
	if best[0][cols].cost == inf {
		return nil, errors.New("plan: internal error: target beyond the maximum")
	}
	n := make([]int, len(items))
	j := cols
	for i := range items {
		it := &items[i]
		want := best[i][j]
		for k := len(it.gains); k >= 0; k-- {
			nj := max(0, j-red[i][k])
			nx := best[i+1][nj]
			if nx.cost != inf && nx.cost+it.cost(k) == want.cost && nx.steps+int32(k) == want.steps {
				n[i], j = k, nj
				break
			}
		}
	}
	return n, nil
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// maxNodes bounds the search of branchAndBound.
var maxNodes = 20_000_000

// branchAndBound is the exact fallback of cheapest for gains too fine for
// its table. It searches the items in rubric order, the most steps first,
// so that among plans of equal cost and steps the first found is the one
// cheapest keeps; it prunes a branch when a lower bound on the cost of
// every completion (the fractional relaxation: the remaining gain bought
// at the best cost per gain, which ignores that an indicator's steps come
// in order and so can only be cheaper) exceeds the best plan found, or
// equals it and the fewest steps that could complete the gain (the largest
// steps first) are not fewer. It gives up with ErrTooHard after maxNodes
// nodes.
func branchAndBound(items []item, need int64) ([]int, error) {
	type step struct {
		item       int
		gain, cost int64
	}
	var byGain, byRatio []step
	suffix := make([]int64, len(items)+1) // gain of all steps of items i and after
	for i := len(items) - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1]
		for k, g := range items[i].gains {
			byGain = append(byGain, step{i, g, items[i].costs[k]})
			suffix[i] += g
		}
	}
	byRatio = slices.Clone(byGain)
	slices.SortStableFunc(byGain, func(a, b step) int { return cmp.Compare(b.gain, a.gain) })
	// a before b when a.cost/a.gain < b.cost/b.gain: a.cost x b.gain < b.cost x a.gain.
	slices.SortStableFunc(byRatio, func(a, b step) int { return cmp128(a.cost, b.gain, b.cost, a.gain) })
	lowerCost := func(from int, rem int64) int64 {
		var c int64
		for _, s := range byRatio {
			if s.item < from {
				continue
			}
			if s.gain >= rem {
				// ceil(s.cost x rem / s.gain); the quotient is below s.cost.
				hi, lo := bits.Mul64(uint64(s.cost), uint64(rem))
				q, r := bits.Div64(hi, lo, uint64(s.gain))
				if r != 0 {
					q++
				}
				return c + int64(q)
			}
			c += s.cost
			rem -= s.gain
		}
		return math.MaxInt64
	}
	lowerSteps := func(from int, rem int64) int {
		n := 0
		for _, s := range byGain {
			if s.item < from {
				continue
			}
			n++
			if rem -= s.gain; rem <= 0 {
				break
			}
		}
		return n
	}
	var (
		best      []int
		bestCost  int64 = math.MaxInt64
		bestSteps int
		nodes     int
		cur       = make([]int, len(items))
		search    func(i int, rem, cost int64, steps int) bool
	)
	search = func(i int, rem, cost int64, steps int) bool {
		if nodes++; nodes > maxNodes {
			return false
		}
		if rem <= 0 {
			if cost < bestCost || cost == bestCost && steps < bestSteps {
				best, bestCost, bestSteps = slices.Clone(cur), cost, steps
			}
			return true
		}
		if i == len(items) || suffix[i] < rem {
			return true
		}
		if best != nil {
			lb := lowerCost(i, rem)
			if lb > bestCost-cost || lb == bestCost-cost && steps+lowerSteps(i, rem) >= bestSteps {
				return true
			}
		}
		it := &items[i]
		for n := len(it.gains); n >= 0; n-- {
			cur[i] = n
			if !search(i+1, rem-it.gain(n), cost+it.cost(n), steps+n) {
				return false
			}
		}
		cur[i] = 0
		return true
	}
	if !search(0, need, 0, 0) {
		return nil, ErrTooHard
	}
	if best == nil {
		return nil, errors.New("plan: internal error: target beyond the maximum")
	}
	return best, nil
}

// cmp128 compares a x b with c x d for non-negative int64s.
func cmp128(a, b, c, d int64) int {
	h1, l1 := bits.Mul64(uint64(a), uint64(b))
	h2, l2 := bits.Mul64(uint64(c), uint64(d))
	if h1 != h2 {
		return cmp.Compare(h1, h2)
	}
	return cmp.Compare(l1, l2)
}
