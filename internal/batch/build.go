package batch

import (
	"errors"
	"slices"

	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// InputError is a problem of one input: the error, with the path of
// the input it belongs to, so that no one needs to find the path in the
// message. Err names the place itself (a *workbook.Error, or an error
// that starts with the path).
type InputError struct {
	Path string
	Err  error
	// Lang is the language the results say Err in (View).
	Lang label.Lang
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Build ranks evals (in input order) and summarises them as a
// result.Batch; with groupBy, per category too. errs are the problems of
// the inputs, in input order.
// workers is the number of goroutines that encode results (0: the
// number of CPUs).
func Build(sc *Scorer, evals []*Eval, errs []*InputError, groupBy bool, workers int) *result.Batch {
	r := sc.R
	byRank := Rank(evals)
	all := NewSummary(sc, "")
	provisional, simulated := 0, 0
	for _, e := range evals {
		all.Add(e)
		if len(e.Assumed) > 0 {
			provisional++
		}
		if e.butir != nil && e.butir.Simulated {
			simulated++
		}
	}
	all.Finish()
	b := &result.Batch{Rubric: r, Len: len(evals), Summary: &all.Summary, Provisional: provisional, Simulated: simulated}
	b.Each = func(n int, work func(int) []byte, emit func(int, []byte)) { Ordered(n, workers, work, emit) }
	b.Row = func(i int, rankOrder bool) *result.RankRow {
		e := evals[i]
		if rankOrder {
			e = byRank[i]
		}
		var sums Sums
		sc.Sums(e.Levels, &sums)
		p := r.Precision
		row := &result.RankRow{Rank: int(e.Rank), Source: e.Source, Sheet: e.Sheet, Instansi: e.Instansi, Category: e.Category,
			Index: e.Published, Predicate: e.Predicate(r), Assumed: e.Assumed, Simulated: e.butir != nil && e.butir.Simulated,
			Domains: make([]rubric.Decimal, len(sums.Domains)), Aspects: make([]rubric.Decimal, len(sums.Aspects))}
		for d := range sums.Domains {
			row.Domains[d] = sc.Domain(&sums, d).Round(p)
		}
		for a := range sums.Aspects {
			row.Aspects[a] = sc.Aspect(&sums, a).Round(p)
		}
		row.Full = func() (*result.Evaluation, error) { return e.Full(r) }
		return row
	}
	for _, e := range errs {
		b.Errors = append(b.Errors, e.View())
	}
	if groupBy {
		key := func(e *Eval) string { return e.Category }
		ranks := GroupRanks(byRank, key)
		groups := map[string]*result.Group{}
		accs := map[string]*Summary{}
		var names []string
		for i, e := range byRank {
			k := key(e)
			g := groups[k]
			if g == nil {
				g = &result.Group{}
				groups[k] = g
				accs[k] = NewSummary(sc, k)
				names = append(names, k)
			}
			g.Rows = append(g.Rows, i)
			g.Ranks = append(g.Ranks, ranks[i])
			accs[k].Add(e)
		}
		slices.SortFunc(names, compareCategories)
		for _, k := range names {
			accs[k].Finish()
			groups[k].Summary = &accs[k].Summary
			b.Groups = append(b.Groups, groups[k])
		}
	}
	return b
}

// compareCategories orders the canonical categories first (Kementerian,
// Lembaga, Provinsi, Kabupaten, Kota), then others by name, then none.
func compareCategories(a, b string) int {
	rank := func(s string) int {
		if s == "" {
			return len(workbook.Categories) + 1
		}
		if i := slices.Index(workbook.Categories[:], s); i >= 0 {
			return i
		}
		return len(workbook.Categories)
	}
	if ra, rb := rank(a), rank(b); ra != rb {
		return ra - rb
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// View returns the error as the results hold it, in e.Lang: the file,
// sheet and cell of a *workbook.Error, else the input's path.
func (e *InputError) View() result.InputError {
	text := msg.Text(e.Lang, e.Err)
	var we *workbook.Error
	if errors.As(e.Err, &we) {
		return result.InputError{Source: we.File, Sheet: we.Sheet, Cell: we.Cell, Message: text}
	}
	return result.InputError{Source: e.Path, Message: text}
}

// Collect gathers the evaluations of inputs in input order and their
// problems, each with its input's path; failed counts the inputs with a
// problem.
func Collect(ins []*Input) (evals []*Eval, errs []*InputError, failed int) {
	for _, in := range ins {
		evals = append(evals, in.Evals...)
		for _, err := range in.Errs {
			errs = append(errs, &InputError{Path: in.Path, Err: err, Lang: in.Lang})
		}
		if len(in.Errs) > 0 {
			failed++
		}
	}
	return evals, errs, failed
}

// FullAll computes the complete result of every evaluation (Eval.Full).
func FullAll(r *rubric.Rubric, evals []*Eval) ([]*result.Evaluation, error) {
	full := make([]*result.Evaluation, len(evals))
	for i, e := range evals {
		f, err := e.Full(r)
		if err != nil {
			return nil, err
		}
		full[i] = f
	}
	return full, nil
}

// ScoredAll returns what the gates look at of every evaluation
// (Eval.Scored).
func ScoredAll(r *rubric.Rubric, evals []*Eval) []result.Scored {
	scored := make([]result.Scored, len(evals))
	for i, e := range evals {
		scored[i] = e.Scored(r)
	}
	return scored
}
