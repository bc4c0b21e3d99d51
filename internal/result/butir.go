package result

import (
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Butir is the evidence behind an evaluation: a butir list (evidence items
// with the assessor's statuses) scored by the rule of pkg/butir.
type Butir struct {
	// Source and Sheet say where the list was read ("" for CSV).
	Source, Sheet string
	// Sheet is the list scored against the rubric.
	Scored *butir.Sheet
	// Simulated is set when the evaluation's levels are the butir's values
	// (a simulation: the rule is observed, not published); unset when a
	// table of indicator values in the same workbook stands, the
	// assessor's.
	Simulated bool
	// Differ lists, when a table stands, the indicators whose butir give
	// another value than the table, in rubric order.
	Differ []ButirDiff
	// HasCost is set when the list has a cost column.
	HasCost bool
}

// ButirDiff is an indicator whose butir give another value than the
// table of indicator values.
type ButirDiff struct {
	Indicator    *rubric.Indicator
	Table, Butir rubric.Level
}
