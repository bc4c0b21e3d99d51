package plan

import "slices"

// costTable returns, when the costs are coarse enough, the table of
// dynamic programming over the cost: best[i][c] is the most gain items i
// and after make for at most c x d cost units, where d is the greatest
// common divisor of the step costs; c runs to limit / d (limit in cost
// units). ok is false when the table would pass maxCells. With no cost at
// all (every step free) d is 0 and the table has one column.
func costTable(items []item, limit int64) (best [][]int64, d int64, ok bool) {
	for _, it := range items {
		for _, c := range it.costs {
			d = gcd(d, c)
		}
	}
	cols := int64(0)
	if d > 0 {
		var total int64
		for _, it := range items {
			total += it.cost(len(it.costs))
		}
		cols = min(limit, total) / d
	}
	if (cols+1)*int64(len(items)+1) > int64(maxCells) {
		return nil, 0, false
	}
	w := int(cols) + 1
	best = make([][]int64, len(items)+1)
	best[len(items)] = make([]int64, w)
	for i := len(items) - 1; i >= 0; i-- {
		it := &items[i]
		next, cur := best[i+1], make([]int64, w)
		for c := range cur {
			b := next[c]
			for n := 1; n <= len(it.gains); n++ {
				k := int64(0)
				if d > 0 {
					k = it.cost(n) / d
				}
				if k > int64(c) {
					break // costs are not negative: later prefixes cost no less
				}
				b = max(b, it.gain(n)+next[int64(c)-k])
			}
			cur[c] = b
		}
		best[i] = cur
	}
	return best, d, true
}

// cheapestByCost is cheapest by dynamic programming over the cost, for
// gains too fine for a table over the gain. The least cost is the least c
// whose best gain (costTable) reaches need; then a table over the cost up
// to c and the number of steps, best[i][c][k] the most gain of items i and
// after for at most c cost columns and k steps, gives the fewest steps at
// that cost, and reading back the most steps on each item in turn that
// still reach need gives the plan cheapest gives. ok is false when either
// table would pass maxCells.
func cheapestByCost(items []item, need int64) ([]int, bool) {
	first, d, ok := costTable(items, 1<<62)
	if !ok {
		return nil, false
	}
	cs := slices.IndexFunc(first[0], func(g int64) bool { return g >= need })
	if cs < 0 {
		return nil, false
	}
	steps := 0
	for _, it := range items {
		steps += len(it.gains)
	}
	c1, s1 := cs+1, steps+1
	if int64(c1)*int64(s1)*int64(len(items)+1) > int64(maxCells) {
		return nil, false
	}
	col := func(it *item, n int) int {
		if d == 0 {
			return 0
		}
		return int(it.cost(n) / d)
	}
	best := make([][]int64, len(items)+1) // best[i][c*s1+k]
	best[len(items)] = make([]int64, c1*s1)
	for i := len(items) - 1; i >= 0; i-- {
		it := &items[i]
		next, cur := best[i+1], make([]int64, c1*s1)
		for c := 0; c < c1; c++ {
			for k := 0; k < s1; k++ {
				b := next[c*s1+k]
				for n := 1; n <= min(k, len(it.gains)); n++ {
					kc := col(it, n)
					if kc > c {
						break
					}
					b = max(b, it.gain(n)+next[(c-kc)*s1+k-n])
				}
				cur[c*s1+k] = b
			}
		}
		best[i] = cur
	}
	k := -1
	for j := 0; j < s1; j++ {
		if best[0][cs*s1+j] >= need {
			k = j
			break
		}
	}
	if k < 0 {
		return nil, false
	}
	n := make([]int, len(items))
	c, rem := cs, need
	for i := range items {
		it := &items[i]
		for m := min(k, len(it.gains)); m >= 0; m-- {
			kc := col(it, m)
			if kc <= c && it.gain(m)+best[i+1][(c-kc)*s1+k-m] >= rem {
				n[i], c, k, rem = m, c-kc, k-m, rem-it.gain(m)
				break
			}
		}
	}
	return n, true
}

// maxGain returns the most gain the items make for at most budget cost
// units: by dynamic programming over the cost when the costs are coarse,
// else over the gain (the least cost of each gain, as cheapest tables
// it); else ErrTooHard.
func maxGain(items []item, budget int64) (int64, error) {
	if best, _, ok := costTable(items, budget); ok {
		return best[0][len(best[0])-1], nil
	}
	var total int64
	for _, it := range items {
		total += it.gain(len(it.gains))
	}
	costs, d, ok := gainTable(items, total)
	if !ok {
		return 0, ErrTooHard
	}
	for j := len(costs) - 1; j >= 0; j-- {
		if costs[j] <= budget {
			return int64(j) * d, nil
		}
	}
	return 0, nil
}

// gainTable returns, when the gains are coarse enough, the least cost of
// a plan that gains at least j x d, for j from 0 to ceil(need / d), where d
// is the greatest common divisor of the gains (math.MaxInt64 where none
// does). ok is false when the table would pass maxCells.
func gainTable(items []item, need int64) (costs []int64, d int64, ok bool) {
	for _, it := range items {
		for _, g := range it.gains {
			d = gcd(d, g)
		}
	}
	if d == 0 {
		return []int64{0}, 1, true
	}
	cols := (need + d - 1) / d
	if (cols+1)*int64(len(items)+1) > int64(maxCells) {
		return nil, 0, false
	}
	const inf = int64(1<<63 - 1)
	w := int(cols) + 1
	next := make([]int64, w)
	for j := 1; j < w; j++ {
		next[j] = inf
	}
	for i := len(items) - 1; i >= 0; i-- {
		it := &items[i]
		cur := make([]int64, w)
		for j := range cur {
			b := inf
			for n := 0; n <= len(it.gains); n++ {
				nx := next[max(0, int64(j)-it.gain(n)/d)]
				if nx != inf {
					b = min(b, nx+it.cost(n))
				}
			}
			cur[j] = b
		}
		next = cur
	}
	return next, d, true
}
