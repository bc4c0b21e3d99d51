package batch

import (
	"fmt"
	"github.com/spbe-id/spbe/pkg/butir"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
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
	if old.Butir != nil && new.Butir != nil {
		c.ButirChanges = butir.Diff(old.Butir.Scored.Items, new.Butir.Scored.Items)
	}
	return c
}

// OneAgainstOne reports whether two sides read for spbe compare are one
// input each with at most one evaluation: one workbook against another.
func OneAgainstOne(olds, news []*Input) bool {
	return len(olds) == 1 && len(news) == 1 && len(olds[0].Evals) <= 1 && len(news[0].Evals) <= 1
}

// CompareSides compares what Read gave of the two sides of spbe compare:
// one evaluation against the other when each side is one workbook of one
// instansi (OneAgainstOne), else the evaluations matched by instansi
// (Key; the first of a name on the new side), with the instansi found
// on one side only. Each pair says whether its sides are of one instansi
// (result.Comparison.SameInstansi): one workbook against another may be
// of two. label says where an evaluation's levels came from.
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
		c := Compare(of, nf, label(o, true), label(n, false))
		if o.Named && n.Named {
			same := Key(o.Instansi) == Key(n.Instansi)
			c.SameInstansi = &same
		}
		cs.Pairs = append(cs.Pairs, c)
		return nil
	}
	if OneAgainstOne(olds, news) && len(oe) == 1 && len(ne) == 1 {
		return cs, errs, pair(oe[0], ne[0])
	}
	byKey := map[string]*Eval{}
	for _, e := range ne {
		if k := Key(e.Instansi); byKey[k] == nil {
			byKey[k] = e
		}
	}
	used := map[*Eval]bool{}
	for _, o := range oe {
		n := byKey[Key(o.Instansi)]
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
	closest := func(names, others []string) {
		for _, n := range names {
			if c := Closest(n, others, 1); len(c) > 0 {
				if cs.Closest == nil {
					cs.Closest = map[string]string{}
				}
				cs.Closest[n] = c[0]
			}
		}
	}
	closest(cs.OnlyOld, cs.OnlyNew)
	closest(cs.OnlyNew, cs.OnlyOld)
	return cs, errs, nil
}

// PeerWarning says, in lang, that the two sides of c are evaluations of
// different instansi (SameInstansi false), naming both; "" otherwise. The
// comparison stands: comparing with a peer is legitimate, but a
// comparison is mostly of one instansi over time, and two names that
// differ may be a wrong file.
func PeerWarning(c *result.Comparison, lang label.Lang) string {
	if c.SameInstansi == nil || *c.SameInstansi {
		return ""
	}
	return msg.Sprintf(lang, "warning: %s is an evaluation of %s and %s of %s, two different instansi: compared as given (a comparison with a peer, not of one instansi over time)",
		c.OldLabel, c.Old.Instansi, c.NewLabel, c.New.Instansi)
}

// IncomparableError says that two evaluations were made with different
// rubrics (an Indeks SPBE under 59/2020 and an Indeks Pemdi under 8/2026,
// or 5/2018 and 59/2020), whose indices cannot be compared: the
// indicators, and the predicate bands, differ.
type IncomparableError struct {
	OldName, NewName     string // the inputs, as given
	OldRubric, NewRubric *rubric.Rubric
}

func (e *IncomparableError) Error() string { return e.Message().String() }

// Message is the error's message, in the language of messages (msg.Text).
func (e *IncomparableError) Message() msg.Message {
	o, n := e.OldRubric, e.NewRubric
	var why []fmt.Stringer
	if !sameIndicators(o, n) {
		why = append(why, msg.Word("different indicators"))
	}
	if !sameBands(o, n) {
		why = append(why, msg.Word("different predicate bands"))
	}
	if len(why) == 0 {
		why = append(why, msg.Word("different weights or rules"))
	}
	return msg.New("cannot compare %s with %s: %s is an evaluation of %s and %s of %s: %s, so the two indices do not measure the same thing; "+
		"score each with its own rubric (spbe score %s --rubric %s; spbe score %s --rubric %s) and compare each with an evaluation of the same rubric",
		e.OldName, e.NewName, e.OldName, describe(o), e.NewName, describe(n), msg.List(why), e.OldName, o.ID, e.NewName, n.ID)
}

// describe names a rubric with what tells it apart: its index, the number
// of indicators and the lower bounds of its predicate bands.
func describe(r *rubric.Rubric) msg.Message {
	var from []string
	for _, b := range r.Predicates {
		from = append(from, b.From.String())
	}
	slices.Reverse(from)
	return msg.New("%s (%s, %d indicators, bands from %s)", r.ID, r.IndexName("id"), len(r.Indicators()), strings.Join(from, ", "))
}

func sameIndicators(a, b *rubric.Rubric) bool {
	x, y := a.Indicators(), b.Indicators()
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i].ID != y[i].ID || x[i].Weight != y[i].Weight {
			return false
		}
	}
	return true
}

func sameBands(a, b *rubric.Rubric) bool {
	if len(a.Predicates) != len(b.Predicates) {
		return false
	}
	for i, p := range a.Predicates {
		q := b.Predicates[i]
		if p.Name != q.Name || p.From != q.From || p.To != q.To {
			return false
		}
	}
	return true
}

// Comparable returns an *IncomparableError when the evaluations named
// oldName and newName were scored with rubrics that differ (by their
// canonical form), else nil.
func Comparable(oldName string, oldR *rubric.Rubric, newName string, newR *rubric.Rubric) error {
	if oldR == newR || oldR.SHA256() == newR.SHA256() {
		return nil
	}
	return &IncomparableError{OldName: oldName, NewName: newName, OldRubric: oldR, NewRubric: newR}
}

// CheckInstruments explains why a side of spbe compare, read with rubric
// r, gave no evaluation: when all of a side's inputs failed but its first
// one reads cleanly with one of others (reread), that side is an
// evaluation of that rubric, and the comparison is refused with an
// *IncomparableError when the two sides' rubrics then differ. It returns
// nil when both sides read (or neither fits another rubric), leaving the
// reading errors to speak.
func CheckInstruments(r *rubric.Rubric, oldName string, olds []*Input, newName string, news []*Input, others []*rubric.Rubric, reread func(path string, other *rubric.Rubric) bool) error {
	rubricOf := func(ins []*Input) *rubric.Rubric {
		var first string
		for _, in := range ins {
			if len(in.Evals) > 0 {
				return r
			}
			if first == "" && len(in.Errs) > 0 {
				first = in.Path
			}
		}
		if first == "" {
			return r
		}
		for _, o := range others {
			if o.SHA256() != r.SHA256() && reread(first, o) {
				return o
			}
		}
		return nil
	}
	oldR, newR := rubricOf(olds), rubricOf(news)
	if oldR == nil || newR == nil {
		return nil
	}
	return Comparable(oldName, oldR, newName, newR)
}
