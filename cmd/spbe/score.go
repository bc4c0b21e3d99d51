package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/render"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/index"
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
	Format   string
	Lang     string
	Detail   bool

	FailUnder    string
	MinPredicate string

	Output string // -o: write an Excel report
	Force  bool   // overwrite an existing report
}

func newScoreCmd(s *streams, runF func(*scoreOptions) error) *cobra.Command {
	opts := &scoreOptions{io: s}
	cmd := &cobra.Command{
		Use:   "score <workbook>",
		Short: "Compute the SPBE index of an evaluation workbook",
		Long: `Reads one instansi's levels from an evaluation workbook (.xlsx or .csv), scores
them against the rubric and prints the SPBE index, its predicate, and every
domain and aspect index.

The table is found by itself: below title rows, beside extra columns, with the
indicator column headed No, Nomor, Kode, ID or Indikator and the level column
headed Tingkat Kematangan, Nilai, Level, Nilai Akhir, Penilaian Mandiri, Nilai
Evaluator or Jawaban. Where several level columns exist the final one is used
(evaluator or final, else the latest year, self-assessment last) and stderr says
which. --sheet, --id-col and --level-col override detection.`,
		Example: `  $ spbe score testdata/perekonomian-2021.xlsx
  $ spbe score kaltim.xlsx --detail --lang en
  $ spbe score kaltim.xlsx --format json | jq '.aspects[] | {id, index}'
  $ spbe score form.csv --rubric permenpanrb-5-2018
  $ spbe score kaltim.xlsx --min-predicate "Sangat Baik"   # exit 1 when below`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runScore(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Rubric, "rubric", "r", rubric.DefaultID, "embedded rubric id or YAML file")
	f.StringVar(&opts.Sheet, "sheet", "", "sheet to read (default: the first with a table of levels)")
	f.StringVar(&opts.IDCol, "id-col", "", "indicator column: header text or letter (default: detected)")
	f.StringVar(&opts.LevelCol, "level-col", "", "level column: header text or letter (default: detected)")
	f.StringVar(&opts.Password, "password", "", "password of an encrypted workbook")
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: "+strings.Join(render.FormatNames(), ", "))
	f.StringVar(&opts.Lang, "lang", "id", "language of labels and decimal separator: id or en")
	f.BoolVar(&opts.Detail, "detail", false, "list every indicator with its level, contribution and points still open")
	f.StringVar(&opts.FailUnder, "fail-under", "", "exit 1 when the published index is below this value")
	f.StringVarP(&opts.Output, "output", "o", "", "also write an Excel report (.xlsx) to this file")
	f.BoolVar(&opts.Force, "force", false, "overwrite the report file if it exists")
	f.StringVar(&opts.MinPredicate, "min-predicate", "", `exit 1 when the predicate is below this one (e.g. "Sangat Baik")`)
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
	r, err := rubric.Load(opts.Rubric)
	if err != nil {
		return err
	}
	g, err := parseGates(r, opts.FailUnder, opts.MinPredicate)
	if err != nil {
		return err
	}
	var evals []*render.Evaluation
	for _, path := range opts.Paths {
		e, err := scoreFile(opts, r, path)
		if err != nil {
			return err
		}
		evals = append(evals, e)
	}
	if opts.Output != "" {
		if err := writeReport(opts, r, evals); err != nil {
			return err
		}
	}
	if err := rend(opts.io.Out, evals, render.Options{Lang: opts.Lang, Detail: opts.Detail, Color: opts.io.colorEnabled()}); err != nil {
		return err
	}
	return g.check(evals)
}

// scoreFile reads one workbook and scores it, printing notes on stderr.
func scoreFile(opts *scoreOptions, r *rubric.Rubric, path string) (*render.Evaluation, error) {
	sh, err := readSheet(opts, r, path)
	if err != nil {
		return nil, withRubricHint(opts, r, path, err)
	}
	if len(sh.OtherLevelColumns) > 0 {
		fmt.Fprintf(opts.io.ErrOut, "spbe: %s: levels from column %s %q (also found: %s)\n",
			path, sh.LevelColumn, sh.LevelHeader, strings.Join(sh.OtherLevelColumns, ", "))
	}
	for _, w := range sh.Warnings {
		fmt.Fprintf(opts.io.ErrOut, "spbe: %s: warning: %s\n", path, w)
	}
	levels, err := sh.Levels(r)
	if err != nil {
		return nil, withRubricHint(opts, r, path, err)
	}
	res, err := index.Compute(r, levels)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cells := make(map[string]string, len(sh.Entries))
	for _, e := range sh.Entries {
		cells[e.ID] = e.Cell
	}
	return &render.Evaluation{Source: path, Sheet: sh.Sheet, Instansi: sh.Instansi, Cells: cells, Result: res}, nil
}

func readSheet(opts *scoreOptions, r *rubric.Rubric, path string) (*workbook.Sheet, error) {
	return workbook.Read(path, workbook.Options{
		Sheet: opts.Sheet, IDCol: opts.IDCol, LevelCol: opts.LevelCol, Password: opts.Password,
		Known: func(id string) bool { return r.Indicator(id) != nil },
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
