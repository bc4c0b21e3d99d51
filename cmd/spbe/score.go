package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/render"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/rubric"
)

type scoreOptions struct {
	io *streams

	Paths    []string
	Rubric   string
	Sheet    string
	IDCol    string
	LevelCol string
	Password string
	// AllSheets reads every sheet that holds a table (--all-sheets).
	AllSheets bool
	// MaxUnzipMiB bounds a workbook's unpacked size (0: the default).
	MaxUnzipMiB int
	Format      string
	Lang        string
	Detail      bool

	FailUnder    string
	MinPredicate string

	Output string // -o: write an Excel report
	Force  bool   // overwrite an existing report

	// Batches of many inputs.
	Recursive bool
	Layout    string // auto, long or wide
	GroupBy   string // "" or "category"
	KeepGoing bool
	Jobs      int
	// progress forces the progress bar on (tests); otherwise it is shown
	// for many inputs when stderr is a terminal.
	progress bool
}

func newScoreCmd(s *streams, runF func(*scoreOptions) error) *cobra.Command {
	opts := &scoreOptions{io: s}
	cmd := &cobra.Command{
		Use:   "score <workbook or folder>...",
		Short: "Compute the SPBE index of evaluation workbooks",
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
by itself (--layout overrides). --all-sheets scores every sheet. Inputs that fail
are reported on stderr and in the JSON "errors"; the others are still scored,
and the exit status is 3 unless --keep-going.`,
		Example: `  $ spbe score testdata/perekonomian-2021.xlsx
  $ spbe score kaltim.xlsx --detail --lang en
  $ spbe score kaltim.xlsx --format json | jq '.aspects[] | {id, index}'
  $ spbe score form.csv --rubric permenpanrb-5-2018
  $ spbe score kaltim.xlsx --min-predicate "Sangat Baik"   # exit 1 when below
  $ spbe score hasil-2024/ --recursive --group-by category
  $ spbe score nasional.xlsx --format csv > peringkat.csv  # wide layout
  $ spbe score hasil-2024/ --keep-going --format json | jq '.errors'`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
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
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: "+strings.Join(render.FormatNames(), ", "))
	f.BoolVar(&opts.Detail, "detail", false, "list every indicator with its level, contribution and points still open")
	f.StringVar(&opts.FailUnder, "fail-under", "", "exit 1 when a published index is below this value")
	f.StringVarP(&opts.Output, "output", "o", "", "also write an Excel report (.xlsx) to this file")
	f.BoolVar(&opts.Force, "force", false, "overwrite the report file if it exists")
	f.StringVar(&opts.MinPredicate, "min-predicate", "", `exit 1 when a predicate is below this one (e.g. "Sangat Baik")`)
	f.BoolVar(&opts.Recursive, "recursive", false, "descend into sub-folders of folder arguments")
	f.StringVar(&opts.Layout, "layout", "auto", "workbook layout: auto, long (one instansi, a row per indicator) or wide (a row per instansi)")
	f.StringVar(&opts.GroupBy, "group-by", "", "rank and summarise per group too: category")
	f.BoolVar(&opts.KeepGoing, "keep-going", false, "exit 0 even when some inputs could not be scored (they are still reported)")
	f.IntVarP(&opts.Jobs, "jobs", "j", 0, "workbooks read in parallel (default: the number of CPUs)")
	return cmd
}

func runScore(opts *scoreOptions) error {
	rend, ok := render.Formats[opts.Format]
	if !ok {
		return usagef("unknown format %q (want %s)", opts.Format, strings.Join(render.FormatNames(), ", "))
	}
	if opts.Lang != "id" && opts.Lang != "en" {
		return usagef("unknown language %q (want id or en)", opts.Lang)
	}
	layout := opts.Layout
	switch layout {
	case "auto", "":
		layout = batch.LayoutAuto
	case batch.LayoutLong, batch.LayoutWide:
	default:
		return usagef("unknown layout %q (want auto, long or wide)", opts.Layout)
	}
	if opts.GroupBy != "" && opts.GroupBy != "category" {
		return usagef("unknown --group-by %q (want category)", opts.GroupBy)
	}
	if opts.Jobs < 0 {
		return usagef("--jobs must be at least 1")
	}
	r, err := rubric.Load(opts.Rubric)
	if err != nil {
		return err
	}
	g, err := parseGates(r, opts.FailUnder, opts.MinPredicate)
	if err != nil {
		return err
	}
	inputs, err := batch.Expand(opts.Paths, opts.Recursive)
	if err != nil {
		return err
	}
	if len(inputs) == 0 {
		return fmt.Errorf("no workbooks (.xlsx, .xlsm, .csv) in %s", strings.Join(opts.Paths, ", "))
	}
	bo := opts.batchOptions(r)
	bo.Layout = layout
	if len(inputs) == 1 && inputs[0] == opts.Paths[0] && !opts.AllSheets {
		in := batch.Read(inputs[0], bo)
		if !in.Wide && !in.AllSheets {
			// One workbook of one instansi: today's output.
			printNotes(opts, in, nil)
			if len(in.Errs) > 0 {
				return errors.Join(in.Errs...)
			}
			e, err := in.Evals[0].Full(r)
			if err != nil {
				return fmt.Errorf("%s: %w", in.Path, err)
			}
			evals := []*render.Evaluation{e}
			if opts.Output != "" {
				if err := writeReport(opts, r, evals); err != nil {
					return err
				}
			}
			o, err := opts.renderOptions(r, []string{in.Path})
			if err != nil {
				return err
			}
			if err := rend(opts.io.Out, evals, o); err != nil {
				return err
			}
			return g.check(evals)
		}
		printNotes(opts, in, map[string]int{}) // a wide workbook: a batch of its rows
		return finishBatch(opts, r, bo.Scorer, g, []*batch.Input{in}, len(inputs))
	}
	return scoreBatch(opts, r, bo, g, inputs)
}

// scoreBatch reads the inputs in parallel, reporting each one's notes and
// problems on stderr in input order, then ranks and renders them.
func scoreBatch(opts *scoreOptions, r *rubric.Rubric, bo *batch.Options, g gates, inputs []string) error {
	prog := newProgress(opts, len(inputs))
	seen := map[string]int{}
	var ins []*batch.Input
	batch.Ordered(len(inputs), opts.Jobs, func(i int) *batch.Input {
		return batch.Read(inputs[i], bo)
	}, func(i int, in *batch.Input) {
		prog.clear()
		printNotes(opts, in, seen)
		ins = append(ins, in)
		prog.step()
	})
	prog.clear()
	if n := seen[""]; n > 0 {
		fmt.Fprintf(opts.io.ErrOut, "spbe: (the same level columns in %d more %s)\n", n, plural(n, "file", "files"))
	}
	return finishBatch(opts, r, bo.Scorer, g, ins, len(inputs))
}

// printNotes writes an input's level-column note, warnings and problems
// to stderr, one line each. With seen, a level-column note repeated from
// an earlier input is only counted (in seen[""]).
func printNotes(opts *scoreOptions, in *batch.Input, seen map[string]int) {
	w := opts.io.ErrOut
	if in.LevelNote != "" {
		key := strings.TrimPrefix(in.LevelNote, in.Path)
		if seen == nil || seen[key] == 0 {
			fmt.Fprintf(w, "spbe: %s\n", in.LevelNote)
		} else {
			seen[""]++
		}
		if seen != nil {
			seen[key]++
		}
	}
	for _, s := range in.Warnings {
		fmt.Fprintf(w, "spbe: %s\n", s)
	}
	if seen == nil {
		return // a single input: its error is returned and printed by run
	}
	for _, err := range in.Errs {
		fmt.Fprintf(w, "spbe: %s\n", strings.ReplaceAll(err.Error(), "\n", "\nspbe: "))
	}
}

// finishBatch ranks, renders and checks the evaluations of a batch.
func finishBatch(opts *scoreOptions, r *rubric.Rubric, sc *batch.Scorer, g gates, ins []*batch.Input, nInputs int) error {
	var evals []*batch.Eval
	var errs []batch.InputError
	failed := 0
	for _, in := range ins {
		evals = append(evals, in.Evals...)
		for _, err := range in.Errs {
			errs = append(errs, batch.InputError{Path: in.Path, Err: err})
		}
		if len(in.Errs) > 0 {
			failed++
		}
	}
	if opts.Detail && opts.Format != "json" {
		fmt.Fprintln(opts.io.ErrOut, "spbe: --detail lists the indicators of one evaluation; for several, they are in --format json and in the sheets of -o")
	}
	b := batch.Build(sc, evals, errs, opts.GroupBy == "category", opts.Jobs)
	if opts.Output != "" && len(evals) > 0 {
		full := make([]*render.Evaluation, len(evals))
		for i, e := range evals {
			f, err := e.Full(r)
			if err != nil {
				return err
			}
			full[i] = f
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
	if err := render.BatchFormats[opts.Format](opts.io.Out, b, o); err != nil {
		return err
	}
	switch {
	case len(evals) == 0:
		return fmt.Errorf("no evaluation could be scored (%d %s failed)", nInputs, plural(nInputs, "input", "inputs"))
	case len(errs) > 0 && !opts.KeepGoing:
		return fmt.Errorf("%d %s could not be scored (%d %s); --keep-going exits 0", failed, plural(failed, "input", "inputs"),
			len(errs), plural(len(errs), "problem", "problems"))
	}
	return g.checkBatch(r, evals)
}

// scoreFile reads one long-layout workbook and scores it, printing notes
// on stderr: the single-workbook path that other commands share.
func scoreFile(opts *scoreOptions, r *rubric.Rubric, path string) (*render.Evaluation, error) {
	bo := opts.batchOptions(r)
	bo.Layout = batch.LayoutLong
	in := batch.Read(path, bo)
	printNotes(opts, in, nil)
	if len(in.Errs) > 0 {
		return nil, errors.Join(in.Errs...)
	}
	e, err := in.Evals[0].Full(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return e, nil
}

// batchOptions are the options of the inputs' reader for rubric r, with the
// rubric hint on errors.
func (opts *scoreOptions) batchOptions(r *rubric.Rubric) *batch.Options {
	return &batch.Options{
		Rubric: r, Scorer: batch.NewScorer(r),
		Sheet: opts.Sheet, AllSheets: opts.AllSheets, IDCol: opts.IDCol, LevelCol: opts.LevelCol, Password: opts.Password,
		MaxUnzipSize: int64(opts.MaxUnzipMiB) << 20,
		Hint:         func(path string, err error) error { return withRubricHint(opts, r, path, err) },
	}
}

func readSheet(opts *scoreOptions, r *rubric.Rubric, path string) (*workbook.Sheet, error) {
	return workbook.ReadSheet(path, workbook.Options{
		Sheet: opts.Sheet, IDCol: opts.IDCol, LevelCol: opts.LevelCol, Password: opts.Password,
		MaxUnzipSize: int64(opts.MaxUnzipMiB) << 20,
		Known:        func(id string) bool { return r.Indicator(id) != nil },
	})
}

// withRubricHint adds a suggestion to err when the workbook reads cleanly
// with another embedded rubric: a 5/2018 workbook (35a, 37 rows, levels of
// 0) scored with the 59/2020 rubric, or the other way round.
func withRubricHint(opts *scoreOptions, r *rubric.Rubric, path string, err error) error {
	if !errors.Is(err, workbook.ErrUnknownIndicator) && !errors.Is(err, workbook.ErrMissing) && !errors.Is(err, workbook.ErrBadLevel) {
		return err
	}
	for _, id := range rubric.EmbeddedIDs() {
		other, oerr := rubric.ByID(id)
		if id == r.ID || oerr != nil {
			continue
		}
		if sh, rerr := readSheet(opts, other, path); rerr == nil {
			if _, lerr := sh.Levels(other); lerr == nil {
				return fmt.Errorf("%w\n%s: this looks like a workbook for %s: try --rubric %s", err, path, other.Name, id)
			}
		}
	}
	return err
}

// gates are the CI conditions of --fail-under and --min-predicate.
type gates struct {
	failUnder    *rubric.Decimal
	minPredicate *rubric.Band
}

func parseGates(r *rubric.Rubric, failUnder, minPredicate string) (gates, error) {
	var g gates
	if failUnder != "" {
		d, err := rubric.ParseDecimal(failUnder)
		if err != nil {
			return g, usagef("--fail-under: %v", err)
		}
		g.failUnder = &d
	}
	if minPredicate != "" {
		g.minPredicate = r.BandNamed(minPredicate)
		if g.minPredicate == nil {
			var names []string
			for _, b := range r.Predicates {
				names = append(names, fmt.Sprintf("%q", b.Name))
			}
			return g, usagef("--min-predicate: %q is not a predicate of rubric %s (want %s)", minPredicate, r.ID, strings.Join(names, ", "))
		}
	}
	return g, nil
}

// check returns a gateError naming every evaluation that misses a gate.
func (g gates) check(evals []*render.Evaluation) error {
	var failed []string
	for _, e := range evals {
		res := e.Result
		p := res.Rubric.Precision
		if g.failUnder != nil && res.Published < *g.failUnder {
			failed = append(failed, fmt.Sprintf("%s: index %s is below --fail-under %s", e.Source, res.Published.Fixed(p), g.failUnder.String()))
		}
		if g.minPredicate != nil && res.Predicate.From < g.minPredicate.From {
			failed = append(failed, fmt.Sprintf("%s: predicate %s is below --min-predicate %s", e.Source, res.Predicate.Name, g.minPredicate.Name))
		}
	}
	if len(failed) == 0 {
		return nil
	}
	slices.Sort(failed)
	return &gateError{strings.Join(failed, "\n")}
}

// checkBatch is check for the compact evaluations of a batch.
func (g gates) checkBatch(r *rubric.Rubric, evals []*batch.Eval) error {
	var failed []string
	p := r.Precision
	for _, e := range evals {
		what := e.Source
		if e.Sheet != "" {
			what += ": " + e.Sheet
		}
		what += ": " + e.Instansi
		if g.failUnder != nil && e.Published < *g.failUnder {
			failed = append(failed, fmt.Sprintf("%s: index %s is below --fail-under %s", what, e.Published.Fixed(p), g.failUnder.String()))
		}
		if pred := e.Predicate(r); g.minPredicate != nil && pred != nil && pred.From < g.minPredicate.From {
			failed = append(failed, fmt.Sprintf("%s: predicate %s is below --min-predicate %s", what, pred.Name, g.minPredicate.Name))
		}
	}
	if len(failed) == 0 {
		return nil
	}
	return &gateError{strings.Join(failed, "\n")}
}

// progressMin is the number of inputs from which a progress bar is shown.
const progressMin = 20

// progress draws a bar on stderr while a batch is read: only for many
// inputs and when stderr is a terminal, so that logs and pipes get none.
type progress struct {
	w       io.Writer
	n, done int
	shown   bool
}

func newProgress(opts *scoreOptions, n int) *progress {
	if !opts.progress && (n < progressMin || !stderrTTY(opts.io)) {
		return &progress{}
	}
	return &progress{w: opts.io.ErrOut, n: n}
}

// stderrTTY reports whether the streams' stderr is a terminal.
func stderrTTY(s *streams) bool {
	f, ok := s.ErrOut.(*os.File)
	return ok && isTerminal(f) && os.Getenv("TERM") != "dumb"
}

func (p *progress) step() {
	if p.w == nil {
		return
	}
	p.done++
	const width = 30
	fill := width * p.done / p.n
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", fill), strings.Repeat(".", width-fill), p.done, p.n)
	p.shown = true
}

// clear removes the bar so that a message can be printed on its line.
func (p *progress) clear() {
	if p.w != nil && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
