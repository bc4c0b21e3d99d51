package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/render"
	"github.com/spbe-id/spbe/internal/report"
	"github.com/spbe-id/spbe/pkg/rubric"
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
		Args:              usageArgs(cobra.RangeArgs(1, 2)),
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
	addFormatFlag(cmd, &opts.Format, "text", render.CompareFormats)
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
	if err := checkInputPaths(opts.Lang, opts.Old, opts.New); err != nil {
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
		if err := checkWorkbookOutput(opts.Output, save, render.CompareFormats.Names()); err != nil {
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
		o := opts.batchOptions(r)
		o.Scorer = sc
		if col != "" {
			o.LevelCol = col
		}
		if o.LevelCol != "" {
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
	// Two workbooks: each one's notes; folders: grouped by choice.
	notes := &batch.NoteGroups{Verbose: opts.Verbose || len(olds) == 1 && len(news) == 1}
	for _, in := range both {
		printNotes(opts.io.ErrOut, in, notes, false)
	}
	printSummary(opts.io.ErrOut, notes)
	if opts.Instansi != "" {
		for _, s := range []struct {
			path string
			ins  []*batch.Input
		}{{opts.Old, olds}, {opts.New, news}} {
			if err := batch.Find(s.ins, opts.Instansi, s.path); err != nil {
				return &usageError{fmt.Errorf("--instansi: %w", err)}
			}
		}
	}
	if r == nil {
		if err := sidesOfInstruments(opts.Lang, olds, news); err != nil {
			return err
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
	if err := checkInstruments(opts, r, olds, news); err != nil {
		return err
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
		} else {
			wrote(opts.io, opts.Output, "the comparison workbook", fmt.Sprintf("%d instansi on both sides", len(cs.Pairs)))
		}
	}
	if opts.Output != report.Stdout { // else stdout holds the workbook
		if err := rend(opts.io.Out, cs, render.Options{Lang: opts.Lang, Detail: opts.Detail}); err != nil {
			return err
		}
		if len(cs.Pairs) > 1 && !opts.Detail && opts.Format == "text" {
			or := ""
			if opts.Output == "" {
				or = " (or -o a workbook with a sheet per pair)"
			}
			fmt.Fprintf(opts.io.ErrOut, "spbe: %d pairs: an overview; --detail adds each pair's domains, aspects and indicators%s\n", len(cs.Pairs), or)
		}
	}
	if len(errs) > 0 && !opts.KeepGoing {
		outErr = errors.Join(outErr, fmt.Errorf("%d %s could not be read; the others were compared: add --keep-going to exit 0 in such a case", len(errs), plural(len(errs), "problem", "problems")))
	}
	return outErr
}

// checkInstruments refuses, with the reason, to compare two sides when one
// of them failed to read under the rubric but is an evaluation of another
// embedded rubric (an SPBE 2025 workbook against a Pemdi 2026 one).
func checkInstruments(opts *compareOptions, r *rubric.Rubric, olds, news []*batch.Input) error {
	var others []*rubric.Rubric
	for _, id := range rubric.EmbeddedIDs() {
		if o, err := rubric.ByID(id); err == nil {
			others = append(others, o)
		}
	}
	reread := func(path string, other *rubric.Rubric) bool {
		col := opts.NewCol
		if slices.ContainsFunc(olds, func(in *batch.Input) bool { return in.Path == path }) {
			col = opts.OldCol
		}
		o := &batch.Options{Rubric: other, Scorer: batch.NewScorer(other), Sheet: opts.Sheet, AllSheets: opts.AllSheets, LevelCol: col, Password: opts.Password}
		if col != "" {
			o.Layout = batch.LayoutLong
		}
		in := batch.Read(path, o)
		return len(in.Errs) == 0 && len(in.Evals) > 0
	}
	return batch.CheckInstruments(r, opts.Old, olds, opts.New, news, others, reread)
}

// sidesOfInstruments refuses two sides whose inputs were read with
// different instruments (rubrics chosen by their indicators: an SPBE 2024
// workbook against a Pemdi 2026 one), saying why no --rubric can compare
// them and what can be compared instead: each side's index, and the
// aspects that the two instruments name alike. It is nil when each side is
// of one rubric and it is the same one (or a side has none: the reading
// errors say why).
func sidesOfInstruments(lang string, olds, news []*batch.Input) error {
	of := func(ins []*batch.Input) (*rubric.Rubric, string) {
		var r *rubric.Rubric
		for _, in := range ins {
			for _, x := range in.Rubrics {
				if r != nil && x != r {
					return nil, ""
				}
				r = x
			}
		}
		if r == nil {
			return nil, ""
		}
		return r, ins[0].Path
	}
	oldR, oldPath := of(olds)
	newR, newPath := of(news)
	if oldR == nil || newR == nil || oldR == newR || oldR.SHA256() == newR.SHA256() {
		return nil
	}
	if len(olds) > 1 {
		oldPath = say(lang, "masukan lama", "the old inputs")
	}
	if len(news) > 1 {
		newPath = say(lang, "masukan baru", "the new inputs")
	}
	side := func(r *rubric.Rubric) string {
		return fmt.Sprintf("%s (%d %s)", batch.Describe(r), len(r.Indicators()), say(lang, "indikator", "indicators"))
	}
	var common []string
	for _, a := range oldR.Aspects() {
		for _, b := range newR.Aspects() {
			if strings.EqualFold(strings.TrimSpace(a.Name), strings.TrimSpace(b.Name)) {
				common = append(common, fmt.Sprintf("%q (%s %s, %s %s)", a.Name, oldR.ID, a.ID, newR.ID, b.ID))
			}
		}
	}
	aspects := say(lang,
		"kedua instrumen tidak memiliki aspek yang bernama sama; aspek masing-masing dapat dibaca berdampingan dengan spbe score --detail",
		"the two instruments have no aspect of the same name; each one's aspects can be read side by side with spbe score --detail")
	if len(common) > 0 {
		aspects = say(lang, "aspek yang bernama sama di kedua instrumen: ", "the aspects of the same name in both instruments: ") + strings.Join(common, ", ")
	}
	return fmt.Errorf("%s", say(lang,
		fmt.Sprintf("%s tidak dapat dibandingkan dengan %s: %s dinilai dengan %s dan %s dengan %s, dua instrumen dengan indikator, bobot dan batas predikat yang berbeda, "+
			"sehingga selisih kedua indeks tidak bermakna, dan tidak ada --rubric yang dapat membaca keduanya. Yang dapat dibandingkan: indeks masing-masing "+
			"(spbe score %s; spbe score %s), dan %s",
			oldPath, newPath, oldPath, side(oldR), newPath, side(newR), olds[0].Path, news[0].Path, aspects),
		fmt.Sprintf("%s cannot be compared with %s: %s is read with %s and %s with %s, two instruments with different indicators, weights and predicate bands, "+
			"so the difference of the two indices means nothing, and no --rubric can read both. What can be compared: each one's index "+
			"(spbe score %s; spbe score %s), and %s",
			oldPath, newPath, oldPath, side(oldR), newPath, side(newR), olds[0].Path, news[0].Path, aspects)))
}
