package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/textout"
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
	readFlags
}

func newRubricDiffCmd(s *streams, runF func(*rubricDiffOptions) error) *cobra.Command {
	opts := &rubricDiffOptions{io: s}
	cmd := &cobra.Command{
		Use:   "diff <old> <new> [--evals <path>...]",
		Short: "Show what changes from one rubric to another, and what it does to evaluations",
		Long: `Compares two rubrics (embedded ids or files) and lists the domains, aspects and
indicators added, removed, moved or renamed (matched by id), the weights that
changed, and changes of the scales and predicate bands. Rubrics of different
indices (Indeks SPBE and Indeks Pemdi) are different instruments: nothing is
matched by id, and --evals is refused.

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
  $ spbe rubric diff permenpanrb-59-2020 daerah.yaml --evals evaluasi/ --fail-on predicate-change
  $ git show main:rubrics/daerah.yaml |
      spbe rubric diff - rubrics/daerah.yaml --stdin-name main:rubrics/daerah.yaml --evals evaluasi/ --format markdown`,
		Args: usageArgs(minimumNArgs(2)),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) >= 2 {
				return completeWorkbooks(cmd, args, toComplete) // evaluations after --evals
			}
			return completeRubric(cmd, args, toComplete)
		},
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
	addFormatFlag(cmd, &opts.Format, "text", textout.DiffFormats)
	f.StringVar(&opts.StdinName, "stdin-name", "", `name of the rubric read from stdin ("-") in the output, such as main:rubrics/daerah.yaml`)
	addReadFlags(cmd, &opts.readFlags)
	addAllSheetsFlag(cmd, &opts.Sheet, &opts.AllSheets)
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{
		"predicate-change\tan evaluation's predicate changes",
		"index-change=\tan evaluation's published index moves by X or more",
		"rank-change\tan evaluation's rank changes",
		"change\tthe rubrics differ at all"}, cobra.ShellCompDirectiveNoFileComp|cobra.ShellCompDirectiveNoSpace))
	_ = cmd.RegisterFlagCompletionFunc("stdin-name", cobra.NoFileCompletions)
	return cmd
}

func runRubricDiff(opts *rubricDiffOptions) error {
	rend, err := textout.DiffFormats.Lookup(opts.Format)
	if err != nil {
		return err
	}
	gates, err := result.ParseDiffGates(opts.FailOn, len(opts.Evals) > 0)
	if err != nil {
		return &usageError{err}
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
	d := &result.RubricDiff{Old: oldSide, New: newSide, Changes: rubric.Diff(oldSide.Rubric, newSide.Rubric)}
	if len(opts.Evals) > 0 && d.Changes.Unpaired {
		o, n := oldSide.Rubric, newSide.Rubric
		return msg.Errorf("--evals: %s computes the %s and %s the %s: different instruments, with different indicators and different predicate bands, "+
			"so an evaluation of one cannot be rescored under the other; score each evaluation with its own rubric (spbe score --rubric %s, or --rubric %s)",
			o.ID, o.IndexName("id"), n.ID, n.IndexName("id"), o.ID, n.ID)
	}
	var unread []string
	inputs := 0
	if len(opts.Evals) > 0 {
		rs := batch.Rescore(opts.Evals, opts.batchOptions(opts.io, oldSide.Rubric), opts.batchOptions(opts.io, newSide.Rubric),
			func(m string) { printError(opts.io.ErrOut, msgLang(opts.io), errors.New(m)) })
		d.Evals, unread, inputs = rs.Evals, rs.Unread, rs.Inputs
	}
	d.Failed = gates.Check(d)
	failed := diffGatesFailed(msgLang(opts.io), gates.Met(d))
	if err := rend(opts.io.Out, d); err != nil {
		return err
	}
	if len(unread) > 0 {
		err := msg.Errorf("%d of %d %s could not be read in full: %s", len(unread), inputs,
			msg.Plural(inputs, "input", "inputs"), strings.Join(unread, ", "))
		if len(failed) > 0 {
			err = errors.Join(err, errors.New(strings.Join(failed, "\n")))
		}
		return err
	}
	return gateFailed(failed)
}

func loadSide(opts *rubricDiffOptions, arg string) (result.RubricSide, error) {
	if arg == "-" {
		name := opts.StdinName
		if name == "" {
			name = "<stdin>"
		}
		data, err := io.ReadAll(opts.io.In)
		if err != nil {
			return result.RubricSide{}, fmt.Errorf("%s: %w", name, err)
		}
		r, err := rubric.Parse(name, data)
		return result.RubricSide{Arg: name, Rubric: r}, err
	}
	s := result.RubricSide{Arg: arg}
	if _, ok := rubric.EmbeddedSource(arg); !ok {
		s.File = arg
	}
	r, err := rubric.Load(arg)
	s.Rubric = r
	return s, err
}
