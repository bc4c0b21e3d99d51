package result

import (
	"github.com/spbe-id/spbe/pkg/butir"
	"slices"

	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Comparison is an evaluation against an earlier one (or a
// self-assessment against the evaluator's levels): Old and New are
// evaluations on the same rubric.
type Comparison struct {
	Old, New *Evaluation
	// OldLabel and NewLabel say where each side's levels came from
	// (file, sheet, level column).
	OldLabel, NewLabel string
	// Moved are the indicators whose level changed, by effect on the
	// index: the largest rise first, the largest fall last.
	Moved []Move
	// ButirChanges are the butir whose status changed, when both sides
	// were read with butir lists (pkg/butir.Diff).
	ButirChanges []butir.Change
	// SameInstansi says whether the two sides are evaluations of one
	// instansi, their names matched by the key of batch.Key: true for
	// pairs matched by name, false for one workbook against a workbook of
	// another instansi (a comparison with a peer, which is legitimate but
	// said); nil when a side's name is only its file's, which says
	// nothing of the instansi.
	SameInstansi *bool
}

// Move is one indicator whose level changed.
type Move struct {
	Indicator *rubric.Indicator
	Old, New  rubric.Level
	// Effect is what the change adds to the SPBE index (negative for a
	// fall).
	Effect index.Value
}

// Comparisons are the comparisons of two batches matched by instansi,
// with the instansi found on one side only.
type Comparisons struct {
	Pairs            []*Comparison
	OnlyOld, OnlyNew []string
	// Closest maps a name of OnlyOld or OnlyNew to the closest name among
	// the unpaired of the other side (a misspelling, another spelling),
	// when one is close enough; nil when none is.
	Closest map[string]string
	Errors  []InputError
}

// SplitMoves splits the moves as spbe compare lists them: the rises in
// their order (largest effect first), then the falls, largest first, ties
// in rubric order.
func SplitMoves(ms []Move) (up, down []Move) {
	for _, m := range ms {
		if m.New > m.Old {
			up = append(up, m)
		} else {
			down = append(down, m)
		}
	}
	slices.SortStableFunc(down, func(a, b Move) int { return a.Effect.Compare(b.Effect) })
	return up, down
}
