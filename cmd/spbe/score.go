package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/excelout"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// readFlags say how to read workbooks, as the flags of spbe score give
// them; spbe rubric diff reads its evaluations with the same.
type readFlags struct {
	Sheet    string
	IDCol    string
	LevelCol string
	Password string
	// AllSheets reads every sheet that holds a table (--all-sheets).
	AllSheets bool
	// MaxUnzipMiB bounds a workbook's unpacked size (0: the default).
	MaxUnzipMiB int
	// AssumeExternal takes the rubric's assumed level for indicators
	// scored by other agencies that have no value (--assume-external).
	AssumeExternal bool
	// Instansi selects one instansi by name (--instansi): a row of a
	// wide workbook or a sheet; see batch.Options.Instansi.
	Instansi string
	// Lang is the language of results and of the messages of reading
	// (--lang): "id" or "en".
	Lang label.Lang
}

type scoreOptions struct {
	io *streams
	readFlags

	Paths  []string
	Rubric string
	Format string
	Detail bool

	FailUnder    string
	MinPredicate string

	Output string // -o: write an Excel report
	Force  bool   // overwrite an existing report
	// PerInstansi writes a sheet per instansi in the report however many.
	PerInstansi bool
	// Title is the -o report's title (--title).
	Title string
	// inputs are the files that the arguments name (folders expanded),
	// which -o may not replace.
	inputs []string

	// Batches of many inputs.
	Recursive bool
	Layout    string // batch.LayoutAuto, LayoutLong or LayoutWide (--layout)
	GroupBy   string // "" or "category" (--group-by)
	KeepGoing bool
	Jobs      int
	// Verbose prints every input's notes, not grouped (-v).
	Verbose bool
	// progress forces the progress bar on (tests); otherwise it is shown
	// for many inputs when stderr is a terminal.
	progress bool
}

func newScoreCmd(s *streams, runF func(*scoreOptions) error) *cobra.Command {
	opts := &scoreOptions{io: s}
	cmd := &cobra.Command{
		Use:   "score <workbook or folder>...",
		Short: "Compute the Indeks Pemdi or SPBE index of evaluation workbooks",
		Long: `Reads one instansi's levels from an evaluation workbook (.xlsx or .csv), scores
them against the rubric and prints the SPBE index, its predicate, and every
domain and aspect index.

The table is found by itself: below title rows, beside extra columns, with the
indicator column headed No, Nomor, Kode, ID or Indikator and the level column
headed Tingkat Kematangan, Nilai, Level, Nilai Akhir, Penilaian Mandiri, Nilai
Evaluator or Jawaban. Where several level columns exist the final one is used
(evaluator or final, else the latest year, self-assessment last) and stderr says
which. --sheet, --id-col and --level-col override detection.

Many workbooks and folders (every .xlsx, .xlsm and .csv inside, sorted by name;
--recursive descends) are scored in parallel and ranked: a ranking table (ties
share a rank), then the count per predicate, the mean and median index and the
mean of every domain and aspect; --group-by category does the same per category.
A wide workbook, one row per instansi with a name column (Instansi, Nama
Instansi, Pemerintah Daerah, Nama), an optional category column (Kategori,
Jenis) and a column per indicator (1, 2, ... or Indikator 1, ...), is detected
by itself (--layout overrides). --all-sheets scores every sheet; without it,
stderr names the other sheets that hold a table too. --instansi NAME scores one
instansi: a row of a wide workbook, or a sheet, by its name (case, spacing,
punctuation and Kab./Prov./Pemkab/Pemkot aside); a name not found gets the
closest ones. Inputs that fail are reported on stderr and in the JSON "errors";
the others are still scored, and the exit status is 3 unless --keep-going.

A workbook without an "Instansi: ..." cell is named after its file: a leading
number dropped, dashes and underscores as spaces, words capitalised
(44-pemerintah-kota-malang.xlsx: Pemerintah Kota Malang); the source column
keeps the file. In a batch, stderr says once which rubric and level columns
were chosen for the first file of each choice, then names a few of the other
files of each; -v says it for every file.`,
		Example: `  $ spbe score testdata/perekonomian-2021.xlsx
  $ spbe score kaltim.xlsx --detail --lang en
  $ spbe score kaltim.xlsx --format json | jq '.aspects[] | {id, index}'
  $ spbe score testdata/kabupaten-2018.csv --rubric permenpanrb-5-2018
  $ spbe score kaltim.xlsx -o kaltim-report.xlsx
  $ spbe score kaltim.xlsx --min-predicate "Sangat Baik"   # exit 1 when below
  $ spbe score hasil-2024/ --recursive --group-by category
  $ spbe score nasional.xlsx --format csv > peringkat.csv  # wide layout
  $ spbe score nasional.xlsx --instansi "Kota Satu"
  $ spbe score hasil-2024/ -v
  $ spbe score hasil-2024/ --keep-going --format json | jq '.errors'`,
		Args:              usageArgs(minimumNArgs(1)),
		ValidArgsFunction: completeWorkbooks,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runScore(opts)
		},
	}
	addInputFlags(cmd, opts)
	f := cmd.Flags()
	addAllSheetsFlag(cmd, &opts.Sheet, &opts.AllSheets)
	addFormatFlag(cmd, &opts.Format, "text", textout.ScoreFormats)
	f.BoolVar(&opts.Detail, "detail", false, "list every indicator with its level, contribution and points still open")
	f.StringVar(&opts.FailUnder, "fail-under", "", "exit 1 when a published index is below this value")
	f.StringVarP(&opts.Output, "output", "o", "", "also write an Excel report (.xlsx) to this file; - writes it to stdout instead of the result")
	addForceFlag(cmd, &opts.Force)
	f.StringVar(&opts.Title, "title", "", `the -o report's title, at the top of its summaries and on every page ("Indeks SPBE Kabupaten/Kota Kalimantan Timur 2024"); a year in it is shown as the evaluation's year`)
	_ = cmd.RegisterFlagCompletionFunc("title", cobra.NoFileCompletions)
	f.BoolVar(&opts.PerInstansi, "per-instansi", false, fmt.Sprintf("in the -o report of many instansi, a sheet per instansi even beyond %d", excelout.DetailLimit))
	f.StringVar(&opts.MinPredicate, "min-predicate", "", `exit 1 when a predicate is below this one (e.g. "Sangat Baik")`)
	_ = cmd.RegisterFlagCompletionFunc("min-predicate", completePredicate(&opts.readFlags))
	_ = cmd.RegisterFlagCompletionFunc("fail-under", cobra.NoFileCompletions)
	addLayoutFlag(cmd, &opts.Layout)
	addGroupByFlag(cmd, &opts.GroupBy)
	addBatchFlags(cmd, &opts.Recursive, &opts.KeepGoing, &opts.Jobs)
	addVerboseFlag(cmd, &opts.Verbose)
	return cmd
}

func runScore(opts *scoreOptions) error {
	w, err := textout.ScoreFormats.Lookup(opts.Format)
	if err != nil {
		return err
	}
	if opts.Jobs < 0 {
		return usagef("--jobs must be at least 1")
	}
	r, err := givenRubric(opts.io, opts.Rubric)
	if err != nil {
		return err
	}
	if err := checkGates(r, opts.FailUnder, opts.MinPredicate); err != nil {
		return err
	}
	if err := checkInputPaths(opts.Paths...); err != nil {
		return err
	}
	inputs, err := batch.Expand(opts.Paths, opts.Recursive)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return msg.Errorf("no workbooks (.xlsx, .xlsm, .csv) in %s", strings.Join(opts.Paths, ", "))
	}
	opts.inputs = inputs
	if opts.Output != "" {
		if err := checkWorkbookOutput(opts.Output, opts.saveOptions(), textout.ScoreFormats.Names()); err != nil {
			return err // before any work
		}
	}
	bo := opts.batchOptions(opts.io, r)
	bo.Layout = opts.Layout
	if len(inputs) == 1 && inputs[0] == opts.Paths[0] && !opts.AllSheets {
		in := readAsking(opts.io, &opts.readFlags, inputs[0], bo)
		if err := in.OutOfFiles(); err != nil {
			return err
		}
		if opts.Instansi != "" || !in.Wide && !in.AllSheets {
			// One workbook of one instansi, or the one --instansi
			// selects: today's output.
			printNotes(opts.io, in, nil, false)
			e, err := in.One(opts.Instansi)
			if err != nil {
				return err
			}
			return scoreOne(opts, w, in, e)
		}
		printNotes(opts.io, in, nil, true) // a wide workbook: a batch of its rows
		return finishBatch(opts, w.Batch, r, []*batch.Input{in}, len(inputs))
	}
	return scoreBatch(opts, w.Batch, r, bo, inputs)
}

// scoreOne writes the result of one evaluation of input in: today's
// output of one workbook of one instansi.
func scoreOne(opts *scoreOptions, w textout.ScoreWriter, in *batch.Input, ev *batch.Eval) error {
	r := in.Rubrics[0]
	g, err := parseGates(r, opts.FailUnder, opts.MinPredicate)
	if err != nil {
		return err
	}
	e, err := ev.Full(r)
	if err != nil {
		return fmt.Errorf("%s: %w", in.Path, err)
	}
	evals := []*result.Evaluation{e}
	if opts.Output != "" {
		if err := writeReport(opts, r, evals); err != nil {
			return err
		}
	}
	if opts.Output == outfile.Stdout {
		return gatesFailed(msgLang(opts.io), g.Failures(e.Scored())) // stdout holds the report
	}
	o, err := opts.renderOptions(r, []string{in.Path})
	if err != nil {
		return err
	}
	if err := w.One(opts.io.Out, evals, o); err != nil {
		return err
	}
	return gatesFailed(msgLang(opts.io), g.Failures(e.Scored()))
}

// checkGates checks --fail-under and --min-predicate before any work:
// under rubric r, or, when the rubric is chosen per workbook, under one
// of the choices at least (parseGates checks them again under the one
// chosen).
func checkGates(r *rubric.Rubric, failUnder, minPredicate string) error {
	rs := []*rubric.Rubric{r}
	if r == nil && minPredicate != "" {
		// A predicate is looked up in the rubrics; --fail-under needs
		// none, and no rubric is parsed for it.
		rs = nil
		for _, c := range batch.Embedded() {
			rs = append(rs, c.Scorer().R)
		}
	}
	if err := result.CheckGates(rs, failUnder, minPredicate); err != nil {
		return &usageError{err}
	}
	return nil
}

// scoreBatch reads the inputs in parallel, reporting each one's notes and
// problems on stderr in input order, then ranks and renders them.
func scoreBatch(opts *scoreOptions, w textout.BatchRenderer, r *rubric.Rubric, bo *batch.Options, inputs []string) error {
	prog := opts.io.NewProgress(len(inputs), opts.progress)
	notes := &batch.NoteGroups{Verbose: opts.Verbose, Lang: msgLang(opts.io)}
	var ins []*batch.Input
	err := batch.ReadAll(inputs, opts.Jobs, bo, func(in *batch.Input) {
		prog.Clear()
		printNotes(opts.io, in, notes, true)
		ins = append(ins, in)
		prog.Step()
	})
	prog.Clear()
	if err != nil {
		return err // out of file descriptors: the run failed, not the inputs
	}
	printSummary(opts.io, notes)
	if err := batch.FindAll(ins, opts.Instansi, strings.Join(opts.Paths, ", ")); err != nil {
		return err
	}
	return finishBatch(opts, w, r, ins, len(inputs))
}

// printNotes writes an input's notes to w, grouped by notes (nil: all of
// them; see batch.NoteGroups) and, with errs, its problems: one line
// each. A single input's error is returned and printed by run instead.
func printNotes(s *streams, in *batch.Input, notes *batch.NoteGroups, errs bool) {
	for _, n := range notes.Add(in) {
		fmt.Fprintf(s.ErrOut, "spbe: %s\n", n)
	}
	if !errs {
		return
	}
	for _, err := range in.Errs {
		printError(s.ErrOut, msgLang(s), err)
	}
}

// printSummary writes the groups of notes whose inputs were not named
// yet, once every input was read.
func printSummary(s *streams, notes *batch.NoteGroups) {
	for _, n := range notes.Summary() {
		fmt.Fprintf(s.ErrOut, "spbe: %s\n", n)
	}
}

// printError writes an error to w in lang (msg.Text), each of its lines
// after "spbe: ".
func printError(w io.Writer, lang label.Lang, err error) {
	fmt.Fprintf(w, "spbe: %s\n", strings.ReplaceAll(msg.Text(lang, err), "\n", "\nspbe: "))
}

// finishBatch ranks, renders and checks the evaluations of a batch,
// under the rubric given (r) or the one chosen for every input: a batch
// of several instruments is not ranked (batch.SingleRubric).
func finishBatch(opts *scoreOptions, w textout.BatchRenderer, r *rubric.Rubric, ins []*batch.Input, nInputs int) error {
	r, err := batch.SingleRubric(r, ins, "ranked")
	if err != nil {
		return err
	}
	g, err := parseGates(r, opts.FailUnder, opts.MinPredicate)
	if err != nil {
		return err
	}
	sc := batch.NewScorer(r)
	evals, errs, failed := batch.Collect(ins)
	if opts.Detail && opts.Format != "json" {
		fmt.Fprintln(opts.io.ErrOut, "spbe: "+msg.Sprintf(msgLang(opts.io), "--detail lists the indicators of one evaluation; for several, they are in --format json and in the sheets of -o"))
	}
	b := batch.Build(sc, evals, errs, opts.GroupBy != "", opts.Jobs)
	if opts.Output != "" && len(evals) > 0 {
		full, err := batch.FullAll(r, evals)
		if err != nil {
			return err
		}
		if err := writeReport(opts, r, full); err != nil {
			return err
		}
	}
	paths := make([]string, len(ins))
	for i, in := range ins {
		paths[i] = in.Path
	}
	o, err := opts.renderOptions(r, paths)
	if err != nil {
		return err
	}
	if opts.Output != outfile.Stdout { // else stdout holds the report
		if err := w(opts.io.Out, b, o); err != nil {
			return err
		}
	}
	switch {
	case len(evals) == 0:
		return msg.Errorf("no evaluation could be scored (%d %s failed)", nInputs, msg.Plural(nInputs, "input", "inputs"))
	case len(errs) > 0 && !opts.KeepGoing:
		return msg.Errorf("%d %s could not be scored (%d %s); the others were scored: add --keep-going to exit 0 in such a case", failed, msg.Plural(failed, "input", "inputs"),
			len(errs), msg.Plural(len(errs), "problem", "problems"))
	}
	return gatesFailed(msgLang(opts.io), g.Failures(batch.ScoredAll(r, evals)...))
}

// scoreFile reads one instansi of a workbook (Input.One: the workbook's
// only one, or the one --instansi selects) and scores it with r, or the
// rubric chosen by its indicators when r is nil, printing notes on
// stderr: the single-workbook path that other commands share. It returns
// the rubric used.
func scoreFile(opts *scoreOptions, r *rubric.Rubric, path string) (*rubric.Rubric, *result.Evaluation, error) {
	bo := opts.batchOptions(opts.io, r)
	bo.OtherSheetsHint = msg.Sprintf(msgLang(opts.io), "--sheet NAME or --instansi NAME reads another")
	in := readAsking(opts.io, &opts.readFlags, path, bo)
	if err := in.OutOfFiles(); err != nil {
		return nil, nil, err
	}
	printNotes(opts.io, in, nil, false)
	ev, err := in.One(opts.Instansi)
	if err != nil {
		return nil, nil, err
	}
	r = in.Rubrics[0]
	e, err := ev.Full(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, e, nil
}

// batchOptions are the options of the inputs' reader: rubric r, or, when
// r is nil, the rubric chosen per table among the embedded ones; with r,
// a table that is another embedded rubric's gets a hint. Notes are in the
// language of the messages of s (nil: Indonesian).
func (opts *readFlags) batchOptions(s *streams, r *rubric.Rubric) *batch.Options {
	o := &batch.Options{
		Rubric: r, Choices: batch.Embedded(), AssumeExternal: opts.AssumeExternal,
		Sheet: opts.Sheet, AllSheets: opts.AllSheets, IDCol: opts.IDCol, LevelCol: opts.LevelCol, Password: opts.password(),
		MaxUnzipSize: int64(opts.MaxUnzipMiB) << 20, Instansi: opts.Instansi, Lang: msgLang(s),
	}
	if opts.Instansi != "" && opts.Sheet == "" {
		o.AllSheets = true // a sheet is selected by its instansi
	}
	if r != nil {
		o.Scorer = batch.NewScorer(r)
	}
	return o
}

// readSheet reads the table of a workbook for rubric r, its entries' ids
// as r's indicator ids (a code "3.2" becomes "6" under a rubric with
// codes).
func readSheet(opts *readFlags, r *rubric.Rubric, path string) (*workbook.Sheet, error) {
	sh, err := workbook.ReadSheet(path, workbook.Options{
		Sheet: opts.Sheet, IDCol: opts.IDCol, LevelCol: opts.LevelCol, Password: opts.Password,
		MaxUnzipSize: int64(opts.MaxUnzipMiB) << 20,
		Known:        func(id string) bool { return workbook.Indicator(r, id) != nil },
	})
	if sh != nil {
		for i, e := range sh.Entries {
			if ind := workbook.Indicator(r, e.ID); ind != nil {
				sh.Entries[i].ID = ind.ID
			}
		}
	}
	return sh, err
}

// parseGates reads --fail-under and --min-predicate for rubric r
// (result.ParseGates): a usage error.
func parseGates(r *rubric.Rubric, failUnder, minPredicate string) (result.Gates, error) {
	g, err := result.ParseGates(r, failUnder, minPredicate)
	if err != nil {
		return g, &usageError{err}
	}
	return g, nil
}
