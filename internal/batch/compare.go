package batch

import (
	"slices"
	"strings"

	"github.com/spbe-id/spbe/internal/render"
)

// Compare sets out what changed from old to new (both full evaluations
// on the same rubric): the indicators whose level moved, the largest
// rise in the index first and the largest fall last, ties in rubric
// order.
func Compare(old, new *render.Evaluation, oldLabel, newLabel string) *render.Comparison {
	c := &render.Comparison{Old: old, New: new, OldLabel: oldLabel, NewLabel: newLabel}
	for i, it := range new.Result.Indicators {
		o := old.Result.Indicators[i]
		if o.Level == it.Level {
			continue
		}
		// Contributions share the denominator (the rubric's total).
		eff := it.Contribution.Sub(o.Contribution)
		c.Moved = append(c.Moved, render.Move{Indicator: it.Indicator, Old: o.Level, New: it.Level, Effect: eff})
	}
	slices.SortStableFunc(c.Moved, func(a, b render.Move) int {
		switch {
		case a.Effect.Compare(b.Effect) > 0:
			return -1
		case a.Effect.Compare(b.Effect) < 0:
			return 1
		}
		return 0
	})
	return c
}

// MatchKey is the key instansi are matched by across two batches: the
// name in lower case with runs of spaces as one.
func MatchKey(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(name)), " ")
}
