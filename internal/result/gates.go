package result

import (
	"fmt"
	"strings"

	"github.com/spbe-id/spbe/pkg/rubric"
)

// Gates are the CI conditions of spbe score: --fail-under (a published
// index below a value) and --min-predicate (a predicate below a band).
// A nil gate is not checked.
type Gates struct {
	FailUnder    *rubric.Decimal
	MinPredicate *rubric.Band
}

// ParseGates reads the gates of spbe score as the command line gives them
// (failUnder: a decimal, "" for none; minPredicate: a band of r by name,
// "" for none). Its errors name the flag and are mistakes of the command
// line.
func ParseGates(r *rubric.Rubric, failUnder, minPredicate string) (Gates, error) {
	var g Gates
	if failUnder != "" {
		d, err := rubric.ParseDecimal(failUnder)
		if err != nil {
			return g, fmt.Errorf("--fail-under: %v", err)
		}
		g.FailUnder = &d
	}
	if minPredicate != "" {
		g.MinPredicate = r.BandNamed(minPredicate)
		if g.MinPredicate == nil {
			var names []string
			for _, b := range r.Predicates {
				names = append(names, fmt.Sprintf("%q", b.Name))
			}
			return g, fmt.Errorf("--min-predicate: %q is not a predicate of rubric %s (want %s)", minPredicate, r.ID, strings.Join(names, ", "))
		}
	}
	return g, nil
}

// CheckGates checks the gates before any work, when the rubric is not
// known yet: they must parse under one of the rubrics rs at least (the
// choices of a workbook's rubric); ParseGates checks them again under the
// one chosen. The error is that of the first rubric.
func CheckGates(rs []*rubric.Rubric, failUnder, minPredicate string) error {
	var first error
	for _, r := range rs {
		_, err := ParseGates(r, failUnder, minPredicate)
		if err == nil {
			return nil
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// Scored is what the gates look at of one evaluation.
type Scored struct {
	Name      string // how the failures name it
	Published rubric.Decimal
	Precision int
	Predicate *rubric.Band // nil when no band holds the index
}

// Check returns one message for every gate that an evaluation misses, in
// the order of the evaluations (Failure.String, in English).
func (g Gates) Check(evals ...Scored) []string {
	var failed []string
	for _, f := range g.Failures(evals...) {
		failed = append(failed, f.String())
	}
	return failed
}

// Failure is a gate that an evaluation misses: --fail-under (Index) or
// --min-predicate (Predicate).
type Failure struct {
	Scored
	// Index: the published index is below FailUnder; else the predicate
	// is below MinPredicate.
	Index        bool
	FailUnder    rubric.Decimal
	MinPredicate *rubric.Band
}

// String is the failure's message in English: "a.xlsx: index 3.49 is below
// --fail-under 3.5".
func (f Failure) String() string {
	if f.Index {
		return fmt.Sprintf("%s: index %s is below --fail-under %s", f.Name, f.Published.Fixed(f.Precision), f.FailUnder.String())
	}
	return fmt.Sprintf("%s: predicate %s is below --min-predicate %s", f.Name, f.Predicate.Name, f.MinPredicate.Name)
}

// Failures returns every gate that an evaluation misses, in the order of
// the evaluations.
func (g Gates) Failures(evals ...Scored) []Failure {
	var failed []Failure
	for _, e := range evals {
		if g.FailUnder != nil && e.Published < *g.FailUnder {
			failed = append(failed, Failure{Scored: e, Index: true, FailUnder: *g.FailUnder})
		}
		if g.MinPredicate != nil && e.Predicate != nil && e.Predicate.From < g.MinPredicate.From {
			failed = append(failed, Failure{Scored: e, MinPredicate: g.MinPredicate})
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

// ParseDiffGates reads the --fail-on conditions of spbe rubric diff:
// predicate-change, index-change=X (X positive), rank-change, change;
// evals says whether there are evaluations to rescore, which every
// condition but change needs. Its errors are mistakes of the command line.
func ParseDiffGates(conds []string, evals bool) (DiffGates, error) {
	var f DiffGates
	for _, c := range conds {
		name, val, hasVal := strings.Cut(strings.TrimSpace(c), "=")
		switch {
		case name == "predicate-change" && !hasVal:
			f.Predicate = true
		case name == "rank-change" && !hasVal:
			f.Rank = true
		case name == "change" && !hasVal:
			f.Change = true
		case name == "index-change" && hasVal:
			d, err := rubric.ParseDecimal(val)
			if err != nil || d <= 0 {
				return f, messagef("--fail-on %s: want a positive number such as index-change=0.05", c)
			}
			f.Index = &d
		default:
			return f, messagef("--fail-on %q: want predicate-change, index-change=X, rank-change or change", c)
		}
		if name != "change" && !evals {
			return f, messagef("--fail-on %s needs evaluations to rescore (--evals)", c)
		}
	}
	return f, nil
}

// Check returns the conditions met, one message each, in English
// (DiffFailure.String).
func (f DiffGates) Check(d *RubricDiff) []string {
	var out []string
	for _, m := range f.Met(d) {
		out = append(out, m.String())
	}
	return out
}

// DiffFailure is a --fail-on condition met: the rubrics differ (Change),
// or an evaluation's predicate, index or rank changes.
type DiffFailure struct {
	// Cond is the condition: "change", "predicate-change",
	// "index-change" or "rank-change".
	Cond string
	// Changes is the number of changes between the rubrics (change).
	Changes int
	// Source names the evaluation.
	Source string
	// OldPredicate, NewPredicate (predicate-change).
	OldPredicate, NewPredicate string
	// Old, New are the published indices, Move the change of the exact
	// index, shown with Precision decimals; Threshold is the condition's
	// (index-change).
	Old, New, Move, Threshold             rubric.Decimal
	OldPrecision, NewPrecision, Precision int
	// OldRank, NewRank (rank-change).
	OldRank, NewRank int
}

// String is the condition's message in English: "a.csv: rank changes from
// 1 to 2 (--fail-on rank-change)".
func (m DiffFailure) String() string {
	switch m.Cond {
	case "change":
		changes := "changes"
		if m.Changes == 1 {
			changes = "change"
		}
		return fmt.Sprintf("the rubrics differ (%d %s) (--fail-on change)", m.Changes, changes)
	case "predicate-change":
		return fmt.Sprintf("%s: predicate changes from %s to %s (--fail-on predicate-change)", m.Source, m.OldPredicate, m.NewPredicate)
	case "index-change":
		return fmt.Sprintf("%s: index moves by %s, from %s to %s (--fail-on index-change=%s)", m.Source, Signed(m.Move, m.Precision),
			m.Old.Fixed(m.OldPrecision), m.New.Fixed(m.NewPrecision), m.Threshold)
	}
	return fmt.Sprintf("%s: rank changes from %d to %d (--fail-on rank-change)", m.Source, m.OldRank, m.NewRank)
}

// Met returns the conditions met, in the order of Check.
func (f DiffGates) Met(d *RubricDiff) []DiffFailure {
	var out []DiffFailure
	if n := d.Changes.Len(); f.Change && n > 0 {
		out = append(out, DiffFailure{Cond: "change", Changes: n})
	}
	for _, e := range d.Evals {
		p := max(e.Old.Rubric.Precision, e.New.Rubric.Precision)
		if f.Predicate && e.PredicateChanged() {
			out = append(out, DiffFailure{Cond: "predicate-change", Source: e.Source, OldPredicate: e.Old.Predicate.Name, NewPredicate: e.New.Predicate.Name})
		}
		if c := e.Change(); f.Index != nil && max(c, -c) >= *f.Index {
			out = append(out, DiffFailure{Cond: "index-change", Source: e.Source, Move: c, Precision: p, Threshold: *f.Index,
				Old: e.Old.Published, OldPrecision: e.Old.Rubric.Precision, New: e.New.Published, NewPrecision: e.New.Rubric.Precision})
		}
		if f.Rank && e.OldRank != e.NewRank {
			out = append(out, DiffFailure{Cond: "rank-change", Source: e.Source, OldRank: e.OldRank, NewRank: e.NewRank})
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
