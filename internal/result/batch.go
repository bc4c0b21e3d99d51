package result

import "github.com/spbe-id/spbe/pkg/rubric"

// Batch is the outcome of scoring many inputs. Rows are produced on
// demand so that a batch of 100,000 evaluations is never held as full
// results.
type Batch struct {
	Rubric *rubric.Rubric
	// Len is the number of evaluations; Row returns the i-th, in input
	// order (byRank false) or in rank order (true).
	Len int
	Row func(i int, byRank bool) *RankRow
	// Provisional counts the evaluations that are provisional (some
	// levels are the rubric's assumption: RankRow.Assumed).
	Provisional int
	// Simulated counts the evaluations whose levels are simulated from
	// butir (RankRow.Simulated).
	Simulated int
	// Errors are the inputs that could not be scored, one per problem.
	Errors []InputError
	// Summary is of all evaluations; Groups, when grouping was asked
	// for, are per group, each with its rows.
	Summary *Summary
	Groups  []*Group
	// Each, when set, runs work(i) for i < n on several goroutines and
	// calls emit in order of i; Row must then be safe for concurrent use.
	// JSON uses it to encode results in parallel.
	Each func(n int, work func(i int) []byte, emit func(i int, b []byte))
}

// RankRow is one evaluation of a batch.
type RankRow struct {
	Rank                              int
	Source, Sheet, Instansi, Category string
	Index                             rubric.Decimal // published
	Predicate                         *rubric.Band
	Domains, Aspects                  []rubric.Decimal // rounded to the rubric's precision
	// Assumed are the indicators whose levels are the rubric's
	// assumption (Evaluation.Assumed): the evaluation is provisional.
	Assumed []string
	// Simulated is set when the levels are simulated from butir
	// (Evaluation.Simulated).
	Simulated bool
	// Full returns the complete evaluation, for JSON.
	Full func() (*Evaluation, error)
}

// InputError is an input, or a part of one, that could not be scored.
type InputError struct {
	Source, Sheet, Cell string
	Message             string // the full message, location first
}

// Summary is what a group of evaluations adds up to: the count per
// predicate, the mean and median of the published index, and the mean of
// every domain and aspect index (exact means rounded half-up).
type Summary struct {
	Group   string // "" for all
	Count   int
	PerBand []int // per predicate, in the rubric's order
	Mean    rubric.Decimal
	Median  rubric.Decimal
	Domains []rubric.Decimal // mean per domain, rubric order
	Aspects []rubric.Decimal // mean per aspect
}

// Group is one group of a batch: its summary and its rows in rank order
// with their rank within the group.
type Group struct {
	Summary *Summary
	Rows    []int // indices for Batch.Row(i, true)
	Ranks   []int // rank within the group, per row
}
