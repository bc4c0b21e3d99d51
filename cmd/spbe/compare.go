package main

import (
	"errors"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/render"
	"github.com/spbe-id/spbe/internal/report"
)

type compareOptions struct {
	io *streams

	Old, New       string
	Rubric         string
	Sheet          string
	AllSheets      bool
	OldCol, NewCol string
	Password       string
	Format         string
	Lang           string
	Recursive      bool
	Jobs           int
	Output         string
	Force          bool
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
matched by name; the instansi found on one side only are listed.

-o also writes the comparison as an Excel workbook: a sheet per pair (index,
predicate, domains and aspects old, new and changed with a column chart, the
indicators that moved), and for several instansi an overview sheet first with
a bar chart of the index changes. It is never written over an input, nor over
an existing file without --force.`,
		Example: `  $ spbe compare kaltim-2023.xlsx kaltim-2024.xlsx
  $ spbe compare kaltim.xlsx --old-col "Penilaian Mandiri" --new-col "Nilai Akhir"
  $ spbe compare hasil-2023/ hasil-2024/ --format csv > perubahan.csv
  $ spbe compare hasil-2023/ hasil-2024/ -o perubahan.xlsx --lang en`,
		Args: usageArgs(cobra.RangeArgs(1, 2)),
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
	f.StringVarP(&opts.Rubric, "rubric", "r", "", "embedded rubric id or YAML file (default: the embedded rubric whose indicators the workbooks have)")
	f.StringVar(&opts.Sheet, "sheet", "", "sheet to read (default: the first with a table of levels)")
	addAllSheetsFlag(cmd, &opts.Sheet, &opts.AllSheets)
	f.StringVar(&opts.OldCol, "old-col", "", "level column of the old side: header text or letter")
	f.StringVar(&opts.NewCol, "new-col", "", "level column of the new side: header text or letter")
	f.StringVar(&opts.Password, "password", "", "password of encrypted workbooks")
	addFormatFlag(cmd, &opts.Format, "text", render.CompareFormats)
	f.StringVar(&opts.Lang, "lang", "id", "language of labels and decimal separator: id or en")
	f.StringVarP(&opts.Output, "output", "o", "", "also write the comparison as an Excel workbook with charts; - writes it to stdout instead")
	f.BoolVar(&opts.Force, "force", false, "overwrite the -o file if it exists")
	f.BoolVar(&opts.Recursive, "recursive", false, "descend into sub-folders of folder arguments")
	f.IntVarP(&opts.Jobs, "jobs", "j", 0, "workbooks read in parallel (default: the number of CPUs)")
	return cmd
}

func runCompare(opts *compareOptions) error {
	rend, err := render.CompareFormats.Lookup(opts.Format)
	if err != nil {
		return err
	}
	if opts.Lang != "id" && opts.Lang != "en" {
		return usagef("unknown language %q (want id or en)", opts.Lang)
	}
	r, err := givenRubric(opts.io, opts.Rubric)
	if err != nil {
		return err
	}
	// -o is refused before any work: never over an input (the arguments,
	// the workbooks in folder arguments, a rubric file), over an existing
	// file only with --force.
	save := opts.io.saveOptions(opts.Force, true, []string{opts.Old, opts.New})
	if src := report.RubricSource(opts.Rubric); src != report.Embedded {
		save.Inputs = append(save.Inputs, src)
	}
	for _, p := range []string{opts.Old, opts.New} {
		if ins, err := batch.Expand([]string{p}, opts.Recursive); err == nil {
			save.Inputs = append(save.Inputs, ins...)
		}
	}
	if opts.Output != "" {
		if err := report.CheckOutput(opts.Output, save); err != nil {
			return err
		}
	}
	var sc *batch.Scorer
	if r != nil {
		sc = batch.NewScorer(r)
	}
	side := func(path, col string) ([]*batch.Input, error) {
		inputs, err := batch.Expand([]string{path}, opts.Recursive)
		if err != nil {
			return nil, err
		}
		save.Inputs = append(save.Inputs, inputs...) // again: the folder may have changed
		if len(inputs) == 0 {
			return nil, fmt.Errorf("no workbooks (.xlsx, .xlsm, .csv) in %s", path)
		}
		o := &batch.Options{Rubric: r, Scorer: sc, Choices: choices(), Sheet: opts.Sheet, AllSheets: opts.AllSheets, LevelCol: col, Password: opts.Password}
		if col != "" {
			o.Layout = batch.LayoutLong
		}
		var ins []*batch.Input
		err = batch.ReadAll(inputs, opts.Jobs, o, func(in *batch.Input) { ins = append(ins, in) })
		return ins, err
	}
	olds, err := side(opts.Old, opts.OldCol)
	if err != nil {
		return err
	}
	news, err := side(opts.New, opts.NewCol)
	if err != nil {
		return err
	}
	both := append(slices.Clone(olds), news...)
	for _, in := range both {
		for _, n := range append(slices.Clone(in.RubricNotes), in.Warnings...) {
			fmt.Fprintf(opts.io.ErrOut, "spbe: %s\n", n)
		}
	}
	if r, err = batchRubric(r, both, "compared"); err != nil {
		return err
	}
	where := func(e *batch.Eval, old bool) string {
		col := opts.NewCol
		if old {
			col = opts.OldCol
		}
		s := e.Source
		if e.Sheet != "" {
			s += ", " + label.SheetWord(opts.Lang) + " " + e.Sheet
		}
		if col != "" {
			s += fmt.Sprintf(", %s %q", label.ColumnWord(opts.Lang), col)
		}
		return s
	}
	cs, errs, err := batch.CompareSides(r, olds, news, where)
	if err != nil {
		return err
	}
	if len(errs) > 0 && batch.OneAgainstOne(olds, news) {
		return errors.Join(errs...) // one workbook against another: its error, as score gives it
	}
	for _, err := range errs {
		printError(opts.io.ErrOut, err)
	}
	var outErr error
	if opts.Output != "" {
		if len(cs.Pairs) == 0 {
			outErr = fmt.Errorf("%s: not written: no instansi is on both sides", opts.Output)
		} else if err := report.WriteCompare(opts.Output, cs, opts.Lang, save); err != nil {
			return err
		}
	}
	if opts.Output != report.Stdout { // else stdout holds the workbook
		if err := rend(opts.io.Out, cs, render.Options{Lang: opts.Lang}); err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		outErr = errors.Join(outErr, fmt.Errorf("%d %s could not be read", len(errs), plural(len(errs), "problem", "problems")))
	}
	return outErr
}
