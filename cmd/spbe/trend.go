package main

import (
	"errors"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/batch"
	"github.com/spbe-id/spbe/internal/excelout"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/internal/trend"
)

type trendOptions struct {
	io *streams
	readFlags

	Paths   []string
	Rubric  string
	Format  string
	Output  string
	Force   bool
	GroupBy string
	Peer    string
	Year    int
}

func newTrendCmd(s *streams, runF func(*trendOptions) error) *cobra.Command {
	opts := &trendOptions{io: s}
	cmd := &cobra.Command{
		Use:   "trend <input>...",
		Short: "One instansi's index year by year, across instruments, and its place among its peers",
		Long: `Shows one instansi's index year by year: each year's instrument (the rubric),
index, predicate under that instrument, and change from the previous year of
the same instrument. Where the instrument changes (PermenPANRB 5/2018 to
59/2020 to 8/2026) the series breaks: the scales, indicators and predicate
bands differ, and the old scores are no reference for the new index, so no
change is computed and the output says so.

The inputs are evaluation workbooks of different years (any layout spbe
reads, each scored with the rubric its indicators choose), tables of
published results (xlsx or CSV with the columns Instansi, Tahun, Indeks and
optionally the domains or aspects by code or name, Kategori, Status,
Instrumen), or the JSON export of the national monitoring application. A
workbook's year comes from a title ("Evaluasi SPBE Tahun 2025") or a Tahun
cell above its table, else from its file name; stderr says which. A year
given only as domain (or aspect) values gets its index computed from them
with the rubric's weights, exactly. --instansi picks one instansi from
tables of many.

With a table of many instansi, the instansi is placed among its kind
(provinsi, kabupaten, kota: from the name, or the column --group-col names)
in the latest year it has there (or --year): its rank, the mean of its kind
per domain, and with --peer the gap to another instansi per domain, and the
index to reach to pass it (spbe plan FILE --target that index).

-o writes an Excel workbook: the table, and a line chart of the index with
the predicate bands of each instrument and the break marked.`,
		Example: `  $ spbe trend kaltim-2023.xlsx kaltim-2024.xlsx
  $ spbe trend hasil-spbe.csv --instansi "Kalimantan Tengah"
  $ spbe trend hasil-spbe.csv --instansi "Kalimantan Timur" --peer "Jawa Barat"
  $ spbe trend ekspor-pemantauan.json --format json
  $ spbe trend kaltim-2023.xlsx kaltim-2024.xlsx -o tren.xlsx --lang en`,
		Args:              usageArgs(minimumNArgs(1)),
		ValidArgsFunction: completeWorkbooks,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runTrend(opts)
		},
	}
	f := cmd.Flags()
	addRubricFlag(cmd, &opts.Rubric, "")
	addReadFlags(cmd, &opts.readFlags)
	addInstansiFlag(cmd, &opts.readFlags)
	addFormatFlag(cmd, &opts.Format, "text", textout.TrendFormats)
	addLangFlag(cmd, &opts.Lang)
	f.StringVarP(&opts.Output, "output", "o", "", "also write the trend as an Excel workbook (.xlsx) with a line chart; - writes it to stdout instead")
	addForceFlag(cmd, &opts.Force)
	f.StringVar(&opts.GroupBy, "group-col", "", "column of a table that gives each instansi's kind for the peers (default: Kategori, else the name)")
	f.StringVar(&opts.Peer, "peer", "", `an instansi to measure the gap to, per domain ("Jawa Barat")`)
	f.IntVar(&opts.Year, "year", 0, "year of the peers (default: the latest year of the instansi in a table of many)")
	for _, n := range []string{"group-col", "peer", "year"} {
		_ = cmd.RegisterFlagCompletionFunc(n, cobra.NoFileCompletions)
	}
	return cmd
}

func runTrend(opts *trendOptions) error {
	rend, err := textout.TrendFormats.Lookup(opts.Format)
	if err != nil {
		return err
	}
	if err := checkInputPaths(opts.Paths...); err != nil {
		return err
	}
	lang := opts.Lang.String()
	save := saveOptions(opts.io, opts.Force, true, opts.Paths)
	if opts.Output != "" {
		if err := checkWorkbookOutput(opts.Output, save, textout.TrendFormats.Names()); err != nil {
			return err
		}
	}
	r, err := givenRubric(opts.io, opts.Rubric)
	if err != nil {
		return err
	}
	bo := opts.batchOptions(opts.io, r)
	if opts.Instansi == "" {
		bo.AllSheets = false
	}
	ti, err := batch.ReadTrend(opts.Paths, bo, opts.GroupBy, msgLang(opts.io).String())
	if ti != nil {
		for _, in := range ti.Inputs {
			printNotes(opts.io, in, nil, false)
		}
	}
	if errors.As(err, new(*batch.NotFoundError)) {
		return &usageError{fmt.Errorf("--instansi: %w", err)}
	}
	if err != nil {
		return err
	}
	for _, n := range ti.Notes {
		fmt.Fprintf(opts.io.ErrOut, "spbe: %s\n", n)
	}
	name, obs, err := ti.Select(opts.Instansi)
	var amb *batch.AmbiguousError
	var nf *batch.NotFoundError
	switch {
	case errors.As(err, &amb):
		return &usageError{err}
	case errors.As(err, &nf):
		return &usageError{fmt.Errorf("--instansi: %w", err)}
	case err != nil:
		return err
	}
	for i := range obs {
		if n := batch.ComputedNote(msgLang(opts.io).String(), &obs[i]); n != "" {
			fmt.Fprintf(opts.io.ErrOut, "spbe: %s\n", n)
		}
	}
	t, notes, err := trend.Series(name, obs)
	for _, n := range notes {
		fmt.Fprintf(opts.io.ErrOut, "spbe: %s\n", msg.Sprintf(msgLang(opts.io), "%s", n))
	}
	if err != nil {
		return err
	}
	if t.Peers, err = trendPeers(opts, ti, obs); err != nil {
		return err
	}
	if opts.Output != "" {
		if err := excelout.WriteTrend(opts.Output, t, lang, save); err != nil {
			return err
		}
		wrote(opts.io, opts.Output, msg.Word("the trend workbook"), msg.Sprintf(msgLang(opts.io), "%d %s, %d %s", len(t.Points), msg.Plural(len(t.Points), "year", "years"), len(t.Breaks), msg.Plural(len(t.Breaks), "break", "breaks")))
	}
	if opts.Output == outfile.Stdout {
		return nil
	}
	return rend(opts.io.Out, t, textout.Options{Lang: lang})
}

// trendPeers places the instansi among its kind in a table of many:
// the year --year gives, else the latest year of the instansi in such a
// table; nil when no table holds several instansi (and no --peer asks).
func trendPeers(opts *trendOptions, ti *batch.TrendInputs, own []trend.Observation) (*result.Peers, error) {
	var rows []trend.Observation
	for _, t := range ti.Tables {
		rows = append(rows, t.Obs...)
	}
	// The instansi's own workbook of a year counts among its peers when
	// the table lacks it.
	for _, o := range ti.Workbooks {
		if !slices.ContainsFunc(rows, func(r trend.Observation) bool { return r.Year == o.Year && r.Key == o.Key }) {
			rows = append(rows, o)
		}
	}
	year := opts.Year
	if year == 0 {
		for _, o := range own {
			if slices.ContainsFunc(rows, func(r trend.Observation) bool { return r.Year == o.Year && r.Key != o.Key }) {
				year = max(year, o.Year)
			}
		}
	}
	if year == 0 {
		if opts.Peer != "" || opts.GroupBy != "" {
			return nil, usagef("--peer and --group-col need a table of many instansi in a year of the instansi")
		}
		return nil, nil
	}
	key, shown := "", ""
	if len(own) > 0 {
		key, shown = own[0].Key, own[0].Instansi
	}
	if opts.Peer != "" && batch.TrendKey(opts.Peer) == key {
		return nil, usagef("--peer %q is %s itself: name another instansi to measure the gap to", opts.Peer, shown)
	}
	p, err := trend.Peers(rows, year, key, batch.TrendKey(opts.Peer), opts.GroupBy)
	var nf *trend.NotFoundError
	if errors.As(err, &nf) {
		name := shown
		if nf.What == "--peer" {
			name = opts.Peer
		}
		if len(nf.Names) == 0 {
			return nil, usagef("--year %d: no table holds an instansi of %d", nf.Year, nf.Year)
		}
		if c := batch.Closest(name, nf.Names, 3); len(c) > 0 {
			return nil, usagef("%s %q is not among the %d instansi of %d (closest: %q)", nf.What, name, len(nf.Names), nf.Year, c)
		}
		return nil, usagef("%s %q is not among the %d instansi of %d", nf.What, name, len(nf.Names), nf.Year)
	}
	return p, err
}
