package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/render"
	"github.com/spbe-id/spbe/pkg/rubric"
)

type rubricDiffOptions struct {
	io       *streams
	Old, New string   // embedded ids or files
	Evals    []string // workbooks, CSV files or folders
	FailOn   []string
	Format   string
	// StdinName names the rubric read from stdin ("-") in the output.
	StdinName string
	// How to read the evaluations, as for spbe score.
	Sheet, IDCol, LevelCol, Password string
	AllSheets                        bool
	MaxUnzipMiB                      int
}

func newRubricDiffCmd(s *streams, runF func(*rubricDiffOptions) error) *cobra.Command {
	opts := &rubricDiffOptions{io: s}
	cmd := &cobra.Command{
		Use:   "diff <old> <new> [--evals <path>...]",
		Short: "Show what changes from one rubric to another, and what it does to evaluations",
		Long: `Compares two rubrics (embedded ids or files) and lists the domains, aspects and
indicators added, removed, moved or renamed (matched by id), the weights that
changed, and changes of the scales and predicate bands.

--evals rescores evaluations (workbooks or CSV files, read as spbe score reads
them: every row of a wide workbook; a folder means every .xlsx, .xlsm and .csv
file in it, by name) under both rubrics and shows, per instansi,
the old and the new published index, the change, and any change of predicate
or of rank (by published index among the evaluations given; ties share a
rank). Paths after --evals may follow without repeating the flag.

--fail-on makes the command exit 1 when a condition is met, so that a CI job
can stop a rubric change that would silently move an instansi:
  predicate-change    an evaluation's predicate changes
  index-change=X      an evaluation's published index moves by X or more
  rank-change         an evaluation's rank changes
  change              the rubrics differ at all
The first three need --evals. Evaluations that cannot be read are reported on
stderr and make the command exit 3.

Either rubric may be "-" to read it from stdin, named in the output by
--stdin-name: git show main:rubrics/daerah.yaml | spbe rubric diff - ...

Formats: text, json, markdown (a pull-request comment) and github (GitHub
Actions workflow commands: a notice on each changed line of the new file).`,
		Example: `  $ spbe rubric diff permenpanrb-5-2018 permenpanrb-59-2020
  $ spbe rubric diff permenpanrb-59-2020 my-rubric.yaml --evals evaluasi/ --fail-on predicate-change
  $ git show main:rubrics/daerah.yaml |
      spbe rubric diff - rubrics/daerah.yaml --stdin-name main:rubrics/daerah.yaml --evals evaluasi/ --format markdown`,
		Args: usageArgs(cobra.MinimumNArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if len(args) > 2 {
				if !cmd.Flags().Changed("evals") {
					return usagef("rubric diff takes two rubrics, got %d arguments (evaluations go after --evals)", len(args))
				}
				opts.Evals = append(opts.Evals, args[2:]...)
			}
			if runF != nil {
				return runF(opts)
			}
			return runRubricDiff(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Evals, "evals", nil, "rescore these workbooks, CSV files or folders under both rubrics")
	f.StringArrayVar(&opts.FailOn, "fail-on", nil, "exit 1 when met: predicate-change, index-change=X, rank-change or change (repeatable)")
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: "+strings.Join(render.DiffFormatNames(), ", "))
	f.StringVar(&opts.StdinName, "stdin-name", "", `name of the rubric read from stdin ("-") in the output, such as main:rubrics/daerah.yaml`)
	f.StringVar(&opts.Sheet, "sheet", "", "sheet of the evaluations to read (default: the first with a table of levels)")
	addAllSheetsFlag(cmd, &opts.Sheet, &opts.AllSheets)
	f.StringVar(&opts.IDCol, "id-col", "", "indicator column of the evaluations: header text or letter (default: detected)")
	f.StringVar(&opts.LevelCol, "level-col", "", "level column of the evaluations: header text or letter (default: detected)")
	f.StringVar(&opts.Password, "password", "", "password of encrypted evaluation workbooks")
	f.IntVar(&opts.MaxUnzipMiB, "max-unzip-size", 0, "the most a workbook may unpack to, in MiB (default 256)")
	return cmd
}

// failOn are the parsed --fail-on conditions.
type failOn struct {
	predicate, rank, change bool
	index                   *rubric.Decimal
}

func parseFailOn(conds []string, evals bool) (failOn, error) {
	var f failOn
	for _, c := range conds {
		name, val, hasVal := strings.Cut(strings.TrimSpace(c), "=")
		switch {
		case name == "predicate-change" && !hasVal:
			f.predicate = true
		case name == "rank-change" && !hasVal:
			f.rank = true
		case name == "change" && !hasVal:
			f.change = true
		case name == "index-change" && hasVal:
			d, err := rubric.ParseDecimal(val)
			if err != nil || d <= 0 {
				return f, usagef("--fail-on %s: want a positive number such as index-change=0.05", c)
			}
			f.index = &d
		default:
			return f, usagef("--fail-on %q: want predicate-change, index-change=X, rank-change or change", c)
		}
		if name != "change" && !evals {
			return f, usagef("--fail-on %s needs evaluations to rescore (--evals)", c)
		}
	}
	return f, nil
}

// check returns the conditions met, one message each.
func (f failOn) check(d *render.RubricDiff) []string {
	var out []string
	if f.change && d.Changes.Len() > 0 {
		out = append(out, fmt.Sprintf("the rubrics differ (%d %s) (--fail-on change)", d.Changes.Len(), plural(d.Changes.Len(), "change", "changes")))
	}
	for _, e := range d.Evals {
		p := max(e.Old.Rubric.Precision, e.New.Rubric.Precision)
		if f.predicate && e.PredicateChanged() {
			out = append(out, fmt.Sprintf("%s: predicate changes from %s to %s (--fail-on predicate-change)", e.Source, e.Old.Predicate.Name, e.New.Predicate.Name))
		}
		if c := e.Change(); f.index != nil && max(c, -c) >= *f.index {
			out = append(out, fmt.Sprintf("%s: index moves by %s, from %s to %s (--fail-on index-change=%s)", e.Source, signedFixed(c, p),
				e.Old.Published.Fixed(e.Old.Rubric.Precision), e.New.Published.Fixed(e.New.Rubric.Precision), f.index))
		}
		if f.rank && e.OldRank != e.NewRank {
			out = append(out, fmt.Sprintf("%s: rank changes from %d to %d (--fail-on rank-change)", e.Source, e.OldRank, e.NewRank))
		}
	}
	return out
}

func signedFixed(d rubric.Decimal, places int) string {
	if d > 0 {
		return "+" + d.Fixed(places)
	}
	return d.Fixed(places)
}

func runRubricDiff(opts *rubricDiffOptions) error {
	rend, ok := render.DiffFormats[opts.Format]
	if !ok {
		return usagef("unknown format %q (want %s)", opts.Format, strings.Join(render.DiffFormatNames(), ", "))
	}
	gates, err := parseFailOn(opts.FailOn, len(opts.Evals) > 0)
	if err != nil {
		return err
	}
	if opts.Old == "-" && opts.New == "-" {
		return usagef("only one of the rubrics can be read from stdin")
	}
	oldSide, err := loadSide(opts, opts.Old)
	if err != nil {
		return err
	}
	newSide, err := loadSide(opts, opts.New)
	if err != nil {
		return err
	}
	d := &render.RubricDiff{Old: oldSide, New: newSide, Changes: rubric.Diff(oldSide.Rubric, newSide.Rubric)}
	var unread []string
	inputs := 0
	if len(opts.Evals) > 0 {
		d.Evals, unread, inputs = rescore(opts, oldSide.Rubric, newSide.Rubric)
	}
	d.Failed = gates.check(d)
	if err := rend(opts.io.Out, d); err != nil {
		return err
	}
	if len(unread) > 0 {
		msg := fmt.Sprintf("%d of %d %s could not be read in full: %s", len(unread), inputs,
			plural(inputs, "input", "inputs"), strings.Join(unread, ", "))
		if len(d.Failed) > 0 {
			msg += "\n" + strings.Join(d.Failed, "\n")
		}
		return errors.New(msg)
	}
	if len(d.Failed) > 0 {
		return &gateError{strings.Join(d.Failed, "\n")}
	}
	return nil
}

func loadSide(opts *rubricDiffOptions, arg string) (render.RubricSide, error) {
	if arg == "-" {
		name := opts.StdinName
		if name == "" {
			name = "<stdin>"
		}
		data, err := io.ReadAll(opts.io.In)
		if err != nil {
			return render.RubricSide{}, fmt.Errorf("%s: %w", name, err)
		}
		r, err := rubric.Parse(name, data)
		return render.RubricSide{Arg: name, Rubric: r}, err
	}
	s := render.RubricSide{Arg: arg}
	if _, ok := rubric.EmbeddedSource(arg); !ok {
		s.File = arg
	}
	r, err := rubric.Load(arg)
	s.Rubric = r
	return s, err
}

// evalPaths expands folders into their workbooks as spbe score does
// (batch.Expand); a folder without one is an error.
func evalPaths(args []string) ([]string, []error) {
	var paths []string
	var errs []error
	for _, a := range args {
		files, err := batch.Expand([]string{a}, false)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %w", a, err))
		case len(files) == 0:
			errs = append(errs, fmt.Errorf("%s: no .xlsx, .xlsm or .csv file in this folder", a))
		}
		paths = append(paths, files...)
	}
	return paths, errs
}

// rescore scores every evaluation under both rubrics and ranks them: a
// workbook of one instansi, or every row of a wide workbook. The notes of
// reading go to stderr once; inputs with problems are reported there and
// returned by path (the rows of a wide workbook that could be read are
// still rescored), with the number of inputs.
func rescore(opts *rubricDiffOptions, old, new *rubric.Rubric) (evals []*render.EvalDiff, unread []string, inputs int) {
	paths, errs := evalPaths(opts.Evals)
	for _, err := range errs {
		fmt.Fprintf(opts.io.ErrOut, "spbe: %v\n", err)
		unread = append(unread, strings.SplitN(err.Error(), ":", 2)[0])
	}
	var notes bytes.Buffer
	so := &scoreOptions{
		io:    &streams{Out: io.Discard, ErrOut: &notes},
		Sheet: opts.Sheet, AllSheets: opts.AllSheets, IDCol: opts.IDCol, LevelCol: opts.LevelCol, Password: opts.Password,
		MaxUnzipMiB: opts.MaxUnzipMiB,
	}
	oldRead, newRead := so.batchOptions(old), so.batchOptions(new)
	for _, path := range paths {
		notes.Reset()
		oi, ni := batch.Read(path, oldRead), batch.Read(path, newRead)
		printNotes(so, oi, nil)
		printNotes(so, ni, nil)
		printNotesOnce(opts.io.ErrOut, notes.String())
		oerr, nerr := errors.Join(oi.Errs...), errors.Join(ni.Errs...)
		err := errors.Join(labelled("old rubric "+old.ID, oerr), labelled("new rubric "+new.ID, nerr))
		if oerr != nil && nerr != nil && oerr.Error() == nerr.Error() {
			err = oerr // the same problem under both rubrics: say it once
		}
		if err != nil {
			fmt.Fprintf(opts.io.ErrOut, "spbe: %s\n", strings.ReplaceAll(err.Error(), "\n", "\nspbe: "))
			unread = append(unread, path)
		}
		// Pair the evaluations read under both rubrics: by sheet and row
		// (a wide row that failed under one rubric has no pair).
		type key struct {
			sheet string
			row   int
		}
		news := map[key]*batch.Eval{}
		for _, e := range ni.Evals {
			news[key{e.Sheet, e.Row()}] = e
		}
		for _, o := range oi.Evals {
			n := news[key{o.Sheet, o.Row()}]
			if n == nil {
				continue
			}
			of, oerr := o.Full(old)
			nf, nerr := n.Full(new)
			if err := errors.Join(oerr, nerr); err != nil {
				fmt.Fprintf(opts.io.ErrOut, "spbe: %s: %v\n", path, err)
				unread = append(unread, path)
				continue
			}
			src := path
			if ni.Wide {
				src = fmt.Sprintf("%s (row %d)", path, n.Row())
				if n.Sheet != "" {
					src = fmt.Sprintf("%s (%s, row %d)", path, n.Sheet, n.Row())
				}
			}
			evals = append(evals, &render.EvalDiff{Source: src, Instansi: nf.Instansi, Old: of.Result, New: nf.Result})
		}
	}
	rank(evals, func(e *render.EvalDiff) rubric.Decimal { return e.Old.Published }, func(e *render.EvalDiff, r int) { e.OldRank = r })
	rank(evals, func(e *render.EvalDiff) rubric.Decimal { return e.New.Published }, func(e *render.EvalDiff, r int) { e.NewRank = r })
	if evals == nil {
		evals = []*render.EvalDiff{}
	}
	return evals, slices.Compact(unread), len(paths) + len(errs)
}

func labelled(label string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", label, err)
}

// printNotesOnce writes each line of notes once, in order.
func printNotesOnce(w io.Writer, notes string) {
	seen := map[string]bool{}
	for _, l := range strings.SplitAfter(notes, "\n") {
		if l != "" && !seen[l] {
			seen[l] = true
			io.WriteString(w, l)
		}
	}
}

// rank gives each evaluation its rank by value, highest first; equal values
// share the rank of the first of them (1, 2, 2, 4).
func rank(evals []*render.EvalDiff, value func(*render.EvalDiff) rubric.Decimal, set func(*render.EvalDiff, int)) {
	vals := make([]rubric.Decimal, len(evals))
	for i, e := range evals {
		vals[i] = value(e)
	}
	sorted := slices.Clone(vals)
	slices.SortFunc(sorted, func(a, b rubric.Decimal) int { return cmp.Compare(b, a) })
	for i, e := range evals {
		set(e, 1+slices.IndexFunc(sorted, func(v rubric.Decimal) bool { return v == vals[i] }))
	}
}
