package result

import (
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// RubricDiff is what `spbe rubric diff` found: the changes from one rubric
// to another and, when evaluations were given, each rescored under both.
type RubricDiff struct {
	Old, New RubricSide
	Changes  *rubric.Changes
	// Evals are the evaluations rescored under both rubrics, in the order
	// given; nil when none were asked for.
	Evals []*EvalDiff
	// Failed are the --fail-on conditions that were met.
	Failed []string
}

// RubricSide is one of the two compared rubrics.
type RubricSide struct {
	Arg    string // as given: an embedded id or a file
	File   string // the file read, "" for an embedded rubric
	Rubric *rubric.Rubric
}

// EvalDiff is one evaluation scored under the old and the new rubric.
type EvalDiff struct {
	Source, Instansi string
	Old, New         *index.Result
	// Ranks among the evaluations given, by published index; ties share
	// a rank.
	OldRank, NewRank int
}

// Change is the published index under the new rubric less the old one.
func (e *EvalDiff) Change() rubric.Decimal { return e.New.Published - e.Old.Published }

// PredicateChanged reports whether the predicate differs.
func (e *EvalDiff) PredicateChanged() bool { return e.Old.Predicate.Name != e.New.Predicate.Name }

// Name is the instansi, or the source when the workbook names none.
func (e *EvalDiff) Name() string {
	if e.Instansi != "" {
		return e.Instansi
	}
	return e.Source
}

// DiffSummary counts the evaluations that moved.
type DiffSummary struct {
	Evaluations      int `json:"evaluations"`
	IndexChanged     int `json:"index_changed"`
	Up               int `json:"up"`
	Down             int `json:"down"`
	PredicateChanged int `json:"predicate_changed"`
	RankChanged      int `json:"rank_changed"`
}

// Summary counts the evaluations that moved.
func (d *RubricDiff) Summary() DiffSummary {
	s := DiffSummary{Evaluations: len(d.Evals)}
	for _, e := range d.Evals {
		switch c := e.Change(); {
		case c > 0:
			s.IndexChanged++
			s.Up++
		case c < 0:
			s.IndexChanged++
			s.Down++
		}
		if e.PredicateChanged() {
			s.PredicateChanged++
		}
		if e.OldRank != e.NewRank {
			s.RankChanged++
		}
	}
	return s
}
