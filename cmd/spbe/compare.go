package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/excelout"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/textout"
)

type compareOptions struct {
	io *streams

	Old, New string
	Rubric   string
	// How to read the workbooks, as for spbe score; OldCol and NewCol
	// override LevelCol on their side.
	readFlags
	OldCol, NewCol string
	Format         string
	Recursive      bool
	KeepGoing      bool
	Jobs           int
	Output         string
	Force          bool
	// Detail prints every pair's details after the overview of many
	// (--detail); Verbose every input's notes (-v).
	Detail, Verbose bool
}

func newCompareCmd(s *streams, runF func(*compareOptions) error) *cobra.Command {
	opts := &compareOptions{io: s}
	cmd := &cobra.Command{
		Use:   "compare <old> <new> | compare <workbook> --old-col <col> --new-col <col>",
		Short: "Compare two evaluations: year over year, or self-assessment against the evaluator",
		Long: `Compares two evaluations of the same instansi on the same rubric: the index and
predicate change, every domain and aspect with its change, and the indicators
that moved (up and down), by their effect on the index.

The two sides are two workbooks (last year's and this year's), or two level
columns of one workbook with --old-col and --new-col (e.g. Penilaian Mandiri
against Nilai Akhir), or two folders (or wide workbooks) whose instansi are
matched by name, ignoring case, spacing, punctuation, a leading number and the
abbreviations Kab., Prov., Pemkab, Pemkot, Pemprov ("01-pemerintah-kota-a.xlsx"
pairs with "Pemerintah Kota A"); the instansi found on one side only are
listed, each with the closest name of the other side. --instansi compares one
instansi of two wide workbooks (or folders).

For many pairs the text output is an overview, a row per instansi (index old
and new, change, predicates); --detail adds each pair's domains, aspects and
indicators after it. One pair prints its details as they are.

-o also writes the comparison as an Excel workbook: a sheet per pair (index,
predicate, domains and aspects old, new and changed with a column chart, the
indicators that moved), and for several instansi an overview sheet first with
a bar chart of the index changes. It is never written over an input, nor over
an existing file without --force.`,
		Example: `  $ spbe compare kaltim-2023.xlsx kaltim-2024.xlsx
  $ spbe compare kaltim.xlsx --old-col "Penilaian Mandiri" --new-col "Nilai Akhir"
  $ spbe compare hasil-2023/ hasil-2024/
  $ spbe compare hasil-2023/ hasil-2024/ --detail
  $ spbe compare nasional-2023.xlsx nasional.xlsx --instansi "Kota Satu"
  $ spbe compare hasil-2023/ hasil-2024/ --format csv > perubahan.csv
  $ spbe compare hasil-2023/ hasil-2024/ -o perubahan.xlsx --lang en`,
		Args:              usageArgs(rangeArgs(1, 2)),
		ValidArgsFunction: completeWorkbooks,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old = args[0]
			opts.New = args[0]
			if len(args) == 2 {
				opts.New = args[1]
			} else if opts.OldCol == "" || opts.NewCol == "" {
				return usagef("compare: give two inputs, or one workbook with --old-col and --new-col")
			}
			if runF != nil {
				return runF(opts)
			}
			return runCompare(opts)
		},
	}
	f := cmd.Flags()
	addRubricFlag(cmd, &opts.Rubric, "")
	addReadFlags(cmd, &opts.readFlags)
	addAllSheetsFlag(cmd, &opts.Sheet, &opts.AllSheets)
	f.StringVar(&opts.OldCol, "old-col", "", "level column of the old side: header text or letter (default: --level-col, or detected)")
	f.StringVar(&opts.NewCol, "new-col", "", "level column of the new side: header text or letter (default: --level-col, or detected)")
	_ = cmd.RegisterFlagCompletionFunc("old-col", cobra.NoFileCompletions)
	_ = cmd.RegisterFlagCompletionFunc("new-col", cobra.NoFileCompletions)
	addFormatFlag(cmd, &opts.Format, "text", textout.CompareFormats)
	addLangFlag(cmd, &opts.Lang)
	f.StringVarP(&opts.Output, "output", "o", "", "also write the comparison as an Excel workbook (.xlsx) with charts; - writes it to stdout instead")
	addForceFlag(cmd, &opts.Force)
	addBatchFlags(cmd, &opts.Recursive, &opts.KeepGoing, &opts.Jobs)
	addInstansiFlag(cmd, &opts.readFlags)
	f.BoolVar(&opts.Detail, "detail", false, "with many pairs, every pair's domains, aspects and indicators after the overview")
	addVerboseFlag(cmd, &opts.Verbose)
	return cmd
}

func runCompare(opts *compareOptions) error {
	rend, err := textout.CompareFormats.Lookup(opts.Format)
	if err != nil {
		return err
	}
	r, err := givenRubric(opts.io, opts.Rubric)
	if err != nil {
		return err
	}
	if err := checkInputPaths(opts.Old, opts.New); err != nil {
		return err
	}
	save, err := opts.checkOutput()
	if err != nil {
		return err
	}
	sides, err := batch.ReadSides(batch.SidesOptions{
		Old: opts.Old, New: opts.New, OldCol: opts.OldCol, NewCol: opts.NewCol,
		Recursive: opts.Recursive, Jobs: opts.Jobs, Read: opts.batchOptions(opts.io, r), Lang: opts.Lang.String(),
	})
	if sides != nil {
		save.Inputs = append(save.Inputs, sides.Files...) // again: a folder may have changed
	}
	if err != nil {
		return err
	}
	// Two workbooks: each one's notes; folders: grouped by choice.
	notes := &batch.NoteGroups{Verbose: opts.Verbose || len(sides.Olds) == 1 && len(sides.News) == 1, Lang: msgLang(opts.io)}
	for _, in := range sides.All() {
		printNotes(opts.io, in, notes, false)
	}
	printSummary(opts.io, notes)
	cs, errs, err := sides.Compare()
	if err != nil {
		return err
	}
	if len(errs) > 0 && sides.OneAgainstOne() {
		return errors.Join(errs...) // one workbook against another: its error, as score gives it
	}
	for _, err := range errs {
		printError(opts.io.ErrOut, msgLang(opts.io), err)
	}
	for _, c := range cs.Pairs {
		if w := batch.PeerWarning(c, msgLang(opts.io)); w != "" {
			fmt.Fprintln(opts.io.ErrOut, "spbe: "+w)
		}
	}
	outErr, err := opts.writeWorkbook(cs, save)
	if err != nil {
		return err
	}
	if opts.Output != outfile.Stdout { // else stdout holds the workbook
		if err := opts.render(rend, cs); err != nil {
			return err
		}
	}
	if len(errs) > 0 && !opts.KeepGoing {
		outErr = errors.Join(outErr, msg.Errorf("%d %s could not be read; the others were compared: add --keep-going to exit 0 in such a case", len(errs), msg.Plural(len(errs), "problem", "problems")))
	}
	return outErr
}

// checkOutput refuses -o before any work: never over an input (the
// arguments, the workbooks in folder arguments, a rubric file), over an
// existing file only with --force. It returns the rules of the output.
func (opts *compareOptions) checkOutput() (outfile.Options, error) {
	save := saveOptions(opts.io, opts.Force, true, []string{opts.Old, opts.New})
	if src := excelout.RubricSource(opts.Rubric); src != excelout.Embedded {
		save.Inputs = append(save.Inputs, src)
	}
	for _, p := range []string{opts.Old, opts.New} {
		if ins, err := batch.Expand([]string{p}, opts.Recursive); err == nil {
			save.Inputs = append(save.Inputs, ins...)
		}
	}
	if opts.Output != "" {
		if err := checkWorkbookOutput(opts.Output, save, textout.CompareFormats.Names()); err != nil {
			return save, err
		}
	}
	return save, nil
}

// writeWorkbook writes the -o workbook of the comparisons, if asked. A
// comparison without a pair is not written: notWritten says so, and the
// run goes on to print what it has.
func (opts *compareOptions) writeWorkbook(cs *result.Comparisons, save outfile.Options) (notWritten, err error) {
	switch {
	case opts.Output == "":
		return nil, nil
	case len(cs.Pairs) == 0:
		return msg.Errorf("%s: not written: no instansi is on both sides", opts.Output), nil
	}
	if err := excelout.WriteCompare(opts.Output, cs, opts.Lang.String(), save); err != nil {
		return nil, err
	}
	wrote(opts.io, opts.Output, msg.Word("the comparison workbook"), msg.Sprintf(msgLang(opts.io), "%d instansi on both sides", len(cs.Pairs)))
	return nil, nil
}

// render prints the comparisons, and for many pairs in text says how to
// see each pair's details.
func (opts *compareOptions) render(rend func(io.Writer, *result.Comparisons, textout.Options) error, cs *result.Comparisons) error {
	if err := rend(opts.io.Out, cs, textout.Options{Lang: opts.Lang.String(), Detail: opts.Detail}); err != nil {
		return err
	}
	if len(cs.Pairs) > 1 && !opts.Detail && opts.Format == "text" {
		m := msg.Sprintf(msgLang(opts.io), "%d pairs: an overview; --detail adds each pair's domains, aspects and indicators", len(cs.Pairs))
		if opts.Output == "" {
			m = msg.Sprintf(msgLang(opts.io), "%d pairs: an overview; --detail adds each pair's domains, aspects and indicators (or -o a workbook with a sheet per pair)", len(cs.Pairs))
		}
		fmt.Fprintln(opts.io.ErrOut, "spbe: "+m)
	}
	return nil
}
