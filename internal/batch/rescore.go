package batch

import (
	"errors"
	"fmt"

	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// Notes are the input's notes for stderr, one line each: the rubric
// chosen for each table and why, the level column used when there were
// several, the other sheets that hold a table, and the reader's
// warnings. NoteGroups prints those of many inputs, grouped.
func (in *Input) Notes() []string {
	var out []string
	for _, n := range in.notes() {
		out = append(out, n.text)
	}
	return append(out, in.Warnings...)
}

// ExpandEach expands every argument as Expand does (folders not
// descended into), and returns a problem for an argument that cannot be
// expanded or is a folder without a workbook.
func ExpandEach(args []string) ([]string, []*InputError) {
	var paths []string
	var errs []*InputError
	for _, a := range args {
		files, err := Expand([]string{a}, false)
		switch {
		case err != nil:
			errs = append(errs, &InputError{Path: a, Err: fmt.Errorf("%s: %w", a, err)})
		case len(files) == 0:
			errs = append(errs, &InputError{Path: a, Err: msg.Errorf("%s: no .xlsx, .xlsm or .csv file in this folder", a)})
		}
		paths = append(paths, files...)
	}
	return paths, errs
}

// Rescoring is what Rescore found.
type Rescoring struct {
	// Evals are the evaluations read under both rubrics, in input order,
	// ranked under each rubric; never nil.
	Evals []*result.EvalDiff
	// Unread are the inputs with a problem, in order, each once.
	Unread []string
	// Inputs counts the inputs: the files, and the arguments that gave
	// none.
	Inputs int
}

// Rescore reads the inputs named by args (workbooks or CSV files; a
// folder stands for its workbooks, and a folder without one is a problem)
// under two rubrics, with the options old and new, which differ only by
// rubric: a workbook of one instansi, or every row of a wide workbook. It
// pairs the evaluations read under both (by sheet and row) and ranks them
// under each rubric with the ranking of Rank. The notes of reading (each
// line once per input) and the problems go to diag in the order they are
// met, in old's Lang; the rows of a wide workbook that could be read are still rescored.
func Rescore(args []string, old, new *Options, diag func(msg string)) *Rescoring {
	paths, errs := ExpandEach(args)
	rs := &Rescoring{Evals: []*result.EvalDiff{}, Inputs: len(paths) + len(errs)}
	unread := func(path string) {
		if n := len(rs.Unread); n == 0 || rs.Unread[n-1] != path {
			rs.Unread = append(rs.Unread, path)
		}
	}
	for _, e := range errs {
		diag(msg.Text(old.Lang, e))
		unread(e.Path)
	}
	for _, path := range paths {
		oi, ni := Read(path, old), Read(path, new)
		seen := map[string]bool{}
		for _, n := range append(oi.Notes(), ni.Notes()...) {
			if !seen[n] {
				seen[n] = true
				diag(n)
			}
		}
		if err := pairErrors(oi, ni, old.Rubric, new.Rubric); err != nil {
			diag(msg.Text(old.Lang, err))
			unread(path)
		}
		for _, d := range pair(oi, ni, old.Rubric, new.Rubric) {
			if d.err != nil {
				diag(path + ": " + msg.Text(old.Lang, d.err))
				unread(path)
				continue
			}
			rs.Evals = append(rs.Evals, d.diff)
		}
	}
	rankBy(rs.Evals, func(e *result.EvalDiff) rubric.Decimal { return e.Old.Published }, func(e *result.EvalDiff, r int) { e.OldRank = r })
	rankBy(rs.Evals, func(e *result.EvalDiff) rubric.Decimal { return e.New.Published }, func(e *result.EvalDiff, r int) { e.NewRank = r })
	return rs
}

// pairErrors joins the problems of an input read under the old and the
// new rubric, each labelled with its rubric, or says once a problem that
// both gave.
func pairErrors(oi, ni *Input, old, new *rubric.Rubric) error {
	oerr, nerr := errors.Join(oi.Errs...), errors.Join(ni.Errs...)
	if oerr != nil && nerr != nil && oerr.Error() == nerr.Error() {
		return oerr // the same problem under both rubrics: say it once
	}
	if oerr != nil {
		oerr = msg.Errorf("old rubric %s: %w", old.ID, oerr)
	}
	if nerr != nil {
		nerr = msg.Errorf("new rubric %s: %w", new.ID, nerr)
	}
	return errors.Join(oerr, nerr)
}

type paired struct {
	diff *result.EvalDiff
	err  error
}

// pair pairs the evaluations of an input read under both rubrics by sheet
// and row (a wide row that failed under one rubric has no pair), in the
// order of the old reading.
func pair(oi, ni *Input, old, new *rubric.Rubric) []paired {
	type key struct {
		sheet string
		row   int
	}
	news := map[key]*Eval{}
	for _, e := range ni.Evals {
		news[key{e.Sheet, e.Row()}] = e
	}
	var out []paired
	for _, o := range oi.Evals {
		n := news[key{o.Sheet, o.Row()}]
		if n == nil {
			continue
		}
		of, oerr := o.Full(old)
		nf, nerr := n.Full(new)
		if err := errors.Join(oerr, nerr); err != nil {
			out = append(out, paired{err: err})
			continue
		}
		src := ni.Path
		if ni.Wide {
			src = fmt.Sprintf("%s (row %d)", ni.Path, n.Row())
			if n.Sheet != "" {
				src = fmt.Sprintf("%s (%s, row %d)", ni.Path, n.Sheet, n.Row())
			}
		}
		out = append(out, paired{diff: &result.EvalDiff{Source: src, Instansi: nf.Instansi, Old: of.Result, New: nf.Result}})
	}
	return out
}
