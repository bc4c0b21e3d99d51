package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/pkg/plan"
)

type whatifOptions struct {
	input  scoreOptions
	Set    []string
	Accept []string
}

func newWhatIfCmd(s *streams, runF func(*whatifOptions) error) *cobra.Command {
	opts := &whatifOptions{input: scoreOptions{io: s}}
	cmd := &cobra.Command{
		Use:   "whatif <workbook> --set <changes>",
		Short: "Show the index after changing some levels, beside the current one",
		Long: `Reads one instansi's levels as spbe score does (--instansi NAME chooses a row
of a wide workbook, or a sheet), applies the changes of --set and shows the
index, the predicate, every domain and every aspect before and after, side by
side, and the indicators whose level changes. Nothing is written: it answers
"what if indicator 21 reached level 3?" before the work is planned (spbe plan
finds the changes that reach a target by itself).

--set takes id=level pairs separated by commas (or semicolons or spaces), and
may be repeated. a..b is every indicator from a to b in rubric order. An
indicator is named by its id, or by its code in a rubric with codes (Indeks
Pemdi: 3.2=2). A level is written with a decimal point (5=2.5): the comma
separates changes, so 5=2,5 is refused. Fractional levels are accepted only on
a scale that is not whole-numbered. --format json writes {"before": {...},
"after": {...}}, each a score result.`,
		Example: `  $ spbe whatif kaltim.xlsx --set 21=3,22=3,29..31=2
  $ spbe whatif kaltim.xlsx --set 44=4 --format json | jq .after.index
  $ spbe whatif pemdi.xlsx --rubric permenpanrb-8-2026 --set 5=2.5 --set 3.2=2
  $ spbe whatif nasional.xlsx --instansi "Kementerian Contoh" --set 21=4`,
		Args:              usageArgs(exactArgs(1)),
		ValidArgsFunction: completeWorkbooks,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.input.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runWhatIf(opts)
		},
	}
	addInputFlags(cmd, &opts.input)
	f := cmd.Flags()
	addFormatFlag(cmd, &opts.input.Format, "text", textout.WhatIfFormats)
	f.StringArrayVar(&opts.Set, "set", nil, "new levels: id=level, ranges in rubric order (21=3,29..31=2); a decimal level with a point (5=2.5); repeatable")
	f.StringArrayVar(&opts.Accept, "accept", nil, "on a butir list: butir to take as accepted, by code (I13-L1-02,I13-L1-03); repeatable")
	_ = cmd.RegisterFlagCompletionFunc("set", cobra.NoFileCompletions)
	_ = cmd.RegisterFlagCompletionFunc("accept", cobra.NoFileCompletions)
	return cmd
}

func runWhatIf(opts *whatifOptions) error {
	in := &opts.input
	rend, err := textout.WhatIfFormats.Lookup(in.Format)
	if err != nil {
		return err
	}
	if len(opts.Set) == 0 && len(opts.Accept) == 0 {
		return usagef("--set is required, e.g. --set 21=3,29..31=2 (or, on a butir list, --accept I13-L1-02)")
	}
	r, e, levels, err := readOne(in)
	if err != nil {
		return err
	}
	if len(opts.Accept) > 0 {
		if levels, err = acceptButir(in, e, levels, opts.Accept); err != nil {
			return err
		}
	}
	// Each --set on its own: a comma never joins two flags' values.
	changes, err := plan.ParseChanges(r, strings.Join(opts.Set, ";"))
	if len(opts.Set) == 0 {
		changes, err = nil, nil
	}
	if err != nil {
		return usagef("--set: %v", err)
	}
	after, err := plan.WhatIf(r, levels, changes)
	if err != nil {
		return err
	}
	return rend(in.io.Out, e, after, textout.Options{Lang: in.Lang.String()})
}
