// Package index computes the SPBE index of one evaluation from a rubric and
// the levels reached on its indicators. It is pure: no files, no printing,
// results in rubric order, all arithmetic exact.
//
// Every index is a weighted mean of the levels beneath it: an aspect's and
// a domain's over the weights of their indicators, and the SPBE index over
// the rubric's declared total. This is the regulation's formula (Indeks
// Aspek = 1/BA x sum(level x BI), Indeks Domain = 1/BD x sum(Indeks Aspek x
// BA), Indeks SPBE = 1/100 x sum(Indeks Domain x BD)) without rounding any
// intermediate index; rounding half-up happens only when a value is shown.
//
// Every index, contribution and gain is a Value: an exact fraction that
// Round turns into the rubric.Decimal that is shown.
//
// Errors: Error() is English. The errors a user meets also have a method
// MessageFormat() (format string, args []any), giving their English format
// and arguments, by which a program (spbe's command line) can say them in
// another language from a catalog keyed by the format (docs/messages.md).
package index

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// Result is the scored evaluation.
type Result struct {
	// Rubric is the rubric the levels were scored on.
	Rubric *rubric.Rubric
	// Index is the exact SPBE index; Published is it rounded half-up to
	// the rubric's precision.
	Index     Value
	Published rubric.Decimal
	// Predicate is the band the index earns, judged on the published or
	// the exact value as the rubric says.
	Predicate *rubric.Band
	// Edge is set when the index lies near a band edge or the exact and
	// the published value fall in different bands.
	Edge *Edge
	// Domains, Aspects and Indicators hold the result of every domain,
	// aspect and indicator, in rubric order. Domains is empty for a rubric
	// without domains.
	Domains    []Group
	Aspects    []Group
	Indicators []Item
}

// Group is the result of a domain or an aspect.
type Group struct {
	ID, Name string
	// Domain is the id of an aspect's domain; empty for a domain and for
	// the aspects of a rubric without domains.
	Domain string
	Weight rubric.Decimal
	// Index is the weighted mean of the levels beneath.
	Index Value
	// Contribution is what the group adds to the SPBE index, and
	// Available the points still open below the scale maximum.
	Contribution, Available Value
}

// Item is the result of one indicator.
type Item struct {
	Indicator *rubric.Indicator
	// Level is the level reached, exactly as read; LevelName its name on
	// the indicator's scale: on an integer scale "" for a level between
	// whole levels, on a fractional scale the name of the whole level
	// reached.
	Level     rubric.Level
	LevelName string
	// Contribution is level x weight / total; Available is what raising
	// the level to the scale maximum would add; Step is what one step
	// adds, a step going to the next whole level as pkg/plan counts it
	// (from 1,26 to 2: 0,74 x weight / total; a whole level from a whole
	// level; to the maximum from above the last whole level below it;
	// zero at the maximum).
	Contribution, Available, Step Value
}

// Edge describes an index close to a predicate boundary, where disputes
// start.
type Edge struct {
	// Boundary is the band edge nearest to the exact index.
	Boundary rubric.Decimal
	// ExactBand is the band of the exact index, which differs from the
	// predicate when rounding moved the index across the boundary.
	ExactBand *rubric.Band
}

// Crossed reports whether the exact and the published index fall in
// different bands.
func (e *Edge) Crossed(predicate *rubric.Band) bool { return e.ExactBand != predicate }

// LevelError is an invalid or missing level of one indicator.
type LevelError struct {
	ID  string
	Err error
}

// Error returns "indicator ID: reason".
func (e *LevelError) Error() string { return fmt.Sprintf("indicator %s: %v", e.ID, e.Err) }

// Unwrap returns the reason, for errors.Is and errors.As.
func (e *LevelError) Unwrap() error { return e.Err }

// ErrMissing is wrapped by the error for indicators without a level.
var ErrMissing = messagef("no level")

// ErrUnknown is wrapped by the error for a level of an indicator the
// rubric does not have.
var ErrUnknown = messagef("not an indicator of the rubric")

// Compute scores levels against the rubric r, which must have been built by
// rubric.Parse, rubric.Load or rubric.ByID. Every indicator needs a level
// on its scale; the error lists every problem at once, as *LevelError
// values and an error wrapping ErrMissing (see Check).
func Compute(r *rubric.Rubric, levels Levels) (*Result, error) {
	if err := Check(r, levels); err != nil {
		return nil, err
	}
	aspects := r.Aspects()
	res := &Result{
		Rubric:     r,
		Indicators: make([]Item, len(r.Indicators())),
		Domains:    make([]Group, 0, len(r.Domains)),
		Aspects:    make([]Group, 0, len(aspects)),
	}
	// Sums of level x weight products are kept in 128 bits, in units of a
	// level times rubric.Decimal units of a weight. The unit of a level is
	// a rubric.Decimal unit (10^-6) when every level is a Decimal, as on
	// the SPBE scales, else a rubric.Level unit (10^-16). A valid rubric
	// keeps the sums below 10^18 in the first case (see
	// rubric.MaxWeightSum) and below 10^28 in the second; 128 bits hold
	// them, and the denominators (a weight times one level), with room.
	lv := levelUnits(levels)
	one := lv.one
	total := weightDen(r.Total, one)
	next := 0 // the next of res.Indicators to fill, in rubric order
	aspect := func(a *rubric.Aspect, domain string) (sum, avail i128) {
		for _, ind := range a.Indicators {
			l := levels[ind.ID]
			w := ind.Weight.Units()
			s := ind.LevelScale
			lu, max := lv.of(l), lv.ofDecimal(s.Max)
			isum := mul64(lu, w)
			iavail := mul64(max-lu, w)
			var step Value
			if lu < max {
				frac := lu % one // of a whole level, below it
				if frac < 0 {
					frac += one
				}
				step = ratio(mul64(min(one-frac, max-lu), w), total)
			}
			it := &res.Indicators[next] // filled in place: an Item is large
			next++
			it.Indicator, it.Level, it.LevelName = ind, l, s.LevelName(l)
			it.Contribution, it.Available, it.Step = ratio(isum, total), ratio(iavail, total), step
			sum = sum.add(isum)
			avail = avail.add(iavail)
		}
		res.Aspects = append(res.Aspects, Group{
			ID: a.ID, Name: a.Name, Domain: domain, Weight: a.Weight,
			Index:        ratio(sum, weightDen(a.IndicatorWeight, one)),
			Contribution: ratio(sum, total),
			Available:    ratio(avail, total),
		})
		return sum, avail
	}
	var grand i128
	for _, a := range r.TopAspects {
		if len(r.Domains) > 0 {
			break
		}
		sum, _ := aspect(a, "")
		grand = grand.add(sum)
	}
	for _, d := range r.Domains {
		var dSum, dAvail i128
		for _, a := range d.Aspects {
			aSum, aAvail := aspect(a, d.ID)
			dSum = dSum.add(aSum)
			dAvail = dAvail.add(aAvail)
		}
		res.Domains = append(res.Domains, Group{
			ID: d.ID, Name: d.Name, Weight: d.Weight,
			Index:        ratio(dSum, weightDen(d.IndicatorWeight, one)),
			Contribution: ratio(dSum, total),
			Available:    ratio(dAvail, total),
		})
		grand = grand.add(dSum)
	}
	res.Index = ratio(grand, total)
	res.Published = res.Index.Round(r.Precision)
	res.Predicate, res.Edge = judge(r, res.Index, res.Published)
	return res, nil
}

// weightDen returns the denominator of a weighted mean over a positive
// weight, in the units of the sums: weight units times one, the units in
// one level.
func weightDen(weight rubric.Decimal, one int64) i128 { return mul64(weight.Units(), one) }

// levelUnit is the unit Compute counts levels in: one level is one units.
type levelUnit struct {
	one int64
	// div is the number of rubric.Level units in one unit.
	div int64
}

// levelUnits chooses the unit of levels: a rubric.Decimal unit when every
// level is a Decimal (so that results keep the form they have always had),
// else a rubric.Level unit.
func levelUnits(levels Levels) levelUnit {
	dec := levelUnit{one: unit, div: rubric.NewLevel(1).Units() / unit}
	for _, l := range levels {
		if _, ok := l.Decimal(); !ok {
			return levelUnit{one: rubric.NewLevel(1).Units(), div: 1}
		}
	}
	return dec
}

// of returns l in the unit.
func (u levelUnit) of(l rubric.Level) int64 { return l.Units() / u.div }

// ofDecimal returns a scale bound in the unit (at most rubric.MaxLevel in
// magnitude on a valid rubric, 10^18 Level units).
func (u levelUnit) ofDecimal(d rubric.Decimal) int64 {
	l, _ := rubric.LevelOf(d)
	return l.Units() / u.div
}

// ratio returns the exact Value sum / den for a sum of level x weight
// products and a weightDen: a weighted mean of levels.
func ratio(sum, den i128) Value { return fromWide(sum, den) }

// judge finds the predicate and whether the index is near a band edge:
// within half a unit of the last published decimal, or rounded across it.
func judge(r *rubric.Rubric, exact Value, published rubric.Decimal) (*rubric.Band, *Edge) {
	exactBand := bandOf(r, exact)
	pred := exactBand
	if r.PredicateOn == "rounded" {
		pred = r.Band(published)
	}
	half := halfUnit(r.Precision)
	for _, b := range r.Predicates {
		for _, edge := range []rubric.Decimal{b.From, b.To} {
			if exact.Cmp(edge-half) >= 0 && exact.Cmp(edge+half) < 0 && edge != bandsLow(r) && edge != bandsHigh(r) {
				return pred, &Edge{Boundary: edge, ExactBand: exactBand}
			}
		}
	}
	if exactBand != pred {
		return pred, &Edge{Boundary: pred.From, ExactBand: exactBand}
	}
	return pred, nil
}

func halfUnit(precision int) rubric.Decimal {
	d := rubric.NewDecimal(1)
	for i := 0; i < precision; i++ {
		d /= 10
	}
	return d / 2
}

func bandsLow(r *rubric.Rubric) rubric.Decimal {
	lo := r.Predicates[0].From
	for _, b := range r.Predicates {
		lo = min(lo, b.From)
	}
	return lo
}

func bandsHigh(r *rubric.Rubric) rubric.Decimal {
	hi := r.Predicates[0].To
	for _, b := range r.Predicates {
		hi = max(hi, b.To)
	}
	return hi
}

// bandOf is rubric.Band for an exact value.
func bandOf(r *rubric.Rubric, v Value) *rubric.Band {
	hi := bandsHigh(r)
	for _, b := range r.Predicates {
		if v.Cmp(b.From) >= 0 && (v.Cmp(b.To) < 0 || b.To == hi && v.Cmp(b.To) == 0) {
			return b
		}
	}
	return nil
}

// Check reports every indicator without a valid level and every level for
// an indicator the rubric does not have, as *LevelError values joined.
func Check(r *rubric.Rubric, levels Levels) error {
	var errs []error
	var missing []string
	for _, ind := range r.Indicators() {
		l, ok := levels[ind.ID]
		if !ok {
			missing = append(missing, ind.ID)
			continue
		}
		if err := ind.LevelScale.Check(l); err != nil {
			errs = append(errs, &LevelError{ID: ind.ID, Err: err})
		}
	}
	if len(missing) > 0 {
		errs = append(errs, messagef("indicators without a level: %s: %w", strings.Join(missing, ", "), ErrMissing))
	}
	if len(levels) > len(r.Indicators())-len(missing) {
		var unknown []string
		for id := range levels {
			if r.Indicator(id) == nil {
				unknown = append(unknown, id)
			}
		}
		slices.Sort(unknown)
		for _, id := range unknown {
			errs = append(errs, &LevelError{ID: id, Err: ErrUnknown})
		}
	}
	return errors.Join(errs...)
}
