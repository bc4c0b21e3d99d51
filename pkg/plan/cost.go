package plan

import (
	"errors"
	"math"
)

// maxCells bounds the dynamic programming table (indicators x needed gain
// in units of the gains' greatest common divisor). Rubrics with weights of
// at most four decimals need far fewer cells; beyond the bound the planner
// falls back to branch and bound.
var maxCells = 1 << 23

// ErrTooHard is returned when an exact least-cost plan would take too long
// to find.
var ErrTooHard = errors.New("plan: too many combinations to find the cheapest plan exactly")

// cheapest returns how many steps to take on each item so that the gains
// add up to at least need at the least total cost, then with the fewest
// steps, then raising indicators earlier in the rubric as far as possible.
//
// It is a bounded knapsack with a covering constraint, solved by dynamic
// programming over the needed gain. All gains are divided by their greatest
// common divisor d, so the table has ceil(need/d)+1 columns; for the
// 59/2020 rubric d is 0,05 x 10^6 and the whole range of the index is 8000
// columns. best[i][j] is the least (cost, steps) that gains at least j
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
				c := cell{cost: nx.cost + int64(n)*it.cost, steps: nx.steps + int32(n)}
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
			if nx.cost != inf && nx.cost+int64(k)*it.cost == want.cost && nx.steps+int32(k) == want.steps {
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

// branchAndBound is the exact fallback of cheapest for gains too fine for
// the table. Not yet implemented.
func branchAndBound(items []item, need int64) ([]int, error) {
	return nil, ErrTooHard
}
