package result

import (
	"fmt"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// Gates are the CI conditions of spbe score: --fail-under (a published
// index below a value) and --min-predicate (a predicate below a band).
// A nil gate is not checked.
type Gates struct {
	FailUnder    *rubric.Decimal
	MinPredicate *rubric.Band
}

// Scored is what the gates look at of one evaluation.
type Scored struct {
	Name      string // how the failures name it
	Published rubric.Decimal
	Precision int
	Predicate *rubric.Band // nil when no band holds the index
}

// Check returns one message for every gate that an evaluation misses, in
// the order of the evaluations.
func (g Gates) Check(evals ...Scored) []string {
	var failed []string
	for _, e := range evals {
		if g.FailUnder != nil && e.Published < *g.FailUnder {
			failed = append(failed, fmt.Sprintf("%s: index %s is below --fail-under %s", e.Name, e.Published.Fixed(e.Precision), g.FailUnder.String()))
		}
		if g.MinPredicate != nil && e.Predicate != nil && e.Predicate.From < g.MinPredicate.From {
			failed = append(failed, fmt.Sprintf("%s: predicate %s is below --min-predicate %s", e.Name, e.Predicate.Name, g.MinPredicate.Name))
		}
	}
	return failed
}

// Scored returns what the gates look at, named by the evaluation's source.
func (e *Evaluation) Scored() Scored {
	r := e.Result
	return Scored{Name: e.Source, Published: r.Published, Precision: r.Rubric.Precision, Predicate: r.Predicate}
}

// DiffGates are the --fail-on conditions of spbe rubric diff.
type DiffGates struct {
	// Predicate, Rank: an evaluation's predicate or rank changes;
	// Change: the rubrics differ at all.
	Predicate, Rank, Change bool
	// Index, when set: an evaluation's published index moves by this
	// much or more.
	Index *rubric.Decimal
}

// Check returns the conditions met, one message each.
func (f DiffGates) Check(d *RubricDiff) []string {
	var out []string
	if n := d.Changes.Len(); f.Change && n > 0 {
		changes := "changes"
		if n == 1 {
			changes = "change"
		}
		out = append(out, fmt.Sprintf("the rubrics differ (%d %s) (--fail-on change)", n, changes))
	}
	for _, e := range d.Evals {
		p := max(e.Old.Rubric.Precision, e.New.Rubric.Precision)
		if f.Predicate && e.PredicateChanged() {
			out = append(out, fmt.Sprintf("%s: predicate changes from %s to %s (--fail-on predicate-change)", e.Source, e.Old.Predicate.Name, e.New.Predicate.Name))
		}
		if c := e.Change(); f.Index != nil && max(c, -c) >= *f.Index {
			out = append(out, fmt.Sprintf("%s: index moves by %s, from %s to %s (--fail-on index-change=%s)", e.Source, Signed(c, p),
				e.Old.Published.Fixed(e.Old.Rubric.Precision), e.New.Published.Fixed(e.New.Rubric.Precision), f.Index))
		}
		if f.Rank && e.OldRank != e.NewRank {
			out = append(out, fmt.Sprintf("%s: rank changes from %d to %d (--fail-on rank-change)", e.Source, e.OldRank, e.NewRank))
		}
	}
	return out
}

// Signed writes d with places decimals and a + when it is positive.
func Signed(d rubric.Decimal, places int) string {
	if d > 0 {
		return "+" + d.Fixed(places)
	}
	return d.Fixed(places)
}
