package batch

import (
	"slices"
	"strings"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Compare sets out what changed from old to new (both full evaluations
// on the same rubric): the indicators whose level moved, the largest
// rise in the index first and the largest fall last, ties in rubric
// order.
func Compare(old, new *result.Evaluation, oldLabel, newLabel string) *result.Comparison {
	c := &result.Comparison{Old: old, New: new, OldLabel: oldLabel, NewLabel: newLabel}
	for i, it := range new.Result.Indicators {
		o := old.Result.Indicators[i]
		if o.Level == it.Level {
			continue
		}
		// Contributions share the denominator (the rubric's total).
		eff := it.Contribution.Sub(o.Contribution)
		c.Moved = append(c.Moved, result.Move{Indicator: it.Indicator, Old: o.Level, New: it.Level, Effect: eff})
	}
	slices.SortStableFunc(c.Moved, func(a, b result.Move) int {
		return b.Effect.Compare(a.Effect)
	})
	return c
}

// MatchKey is the key instansi are matched by across two batches: the
// name in lower case with runs of spaces as one.
func MatchKey(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(name)), " ")
}

// OneAgainstOne reports whether two sides read for spbe compare are one
// input each with at most one evaluation: one workbook against another.
func OneAgainstOne(olds, news []*Input) bool {
	return len(olds) == 1 && len(news) == 1 && len(olds[0].Evals) <= 1 && len(news[0].Evals) <= 1
}

// CompareSides compares what Read gave of the two sides of spbe compare:
// one evaluation against the other when each side is one workbook of one
// instansi (OneAgainstOne), else the evaluations matched by instansi
// (MatchKey; the first of a name on the new side), with the instansi found
// on one side only. label says where an evaluation's levels came from.
// The problems of the inputs are in Comparisons.Errors and returned as
// errors, in input order, old side first; the error is of an evaluation
// that could not be computed.
func CompareSides(r *rubric.Rubric, olds, news []*Input, label func(e *Eval, old bool) string) (*result.Comparisons, []error, error) {
	cs := &result.Comparisons{}
	var errs []error
	collect := func(ins []*Input) []*Eval {
		evals, ies, _ := Collect(ins)
		for _, ie := range ies {
			errs = append(errs, ie.Err)
			cs.Errors = append(cs.Errors, ie.View())
		}
		return evals
	}
	oe, ne := collect(olds), collect(news)
	pair := func(o, n *Eval) error {
		of, err := o.Full(r)
		if err != nil {
			return err
		}
		nf, err := n.Full(r)
		if err != nil {
			return err
		}
		cs.Pairs = append(cs.Pairs, Compare(of, nf, label(o, true), label(n, false)))
		return nil
	}
	if OneAgainstOne(olds, news) && len(oe) == 1 && len(ne) == 1 {
		return cs, errs, pair(oe[0], ne[0])
	}
	byKey := map[string]*Eval{}
	for _, e := range ne {
		if k := MatchKey(e.Instansi); byKey[k] == nil {
			byKey[k] = e
		}
	}
	used := map[*Eval]bool{}
	for _, o := range oe {
		n := byKey[MatchKey(o.Instansi)]
		if n == nil || used[n] {
			cs.OnlyOld = append(cs.OnlyOld, o.Instansi)
			continue
		}
		used[n] = true
		if err := pair(o, n); err != nil {
			return nil, nil, err
		}
	}
	for _, n := range ne {
		if !used[n] {
			cs.OnlyNew = append(cs.OnlyNew, n.Instansi)
		}
	}
	return cs, errs, nil
}
