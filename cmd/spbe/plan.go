package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/spbe-id/spbe/internal/excelout"
	"github.com/spbe-id/spbe/internal/label"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

type planOptions struct {
	input    scoreOptions
	Target   string
	MaxLevel string
	Fixed    string
	Costs    string
	CostCols []string
	Budget   string
	// IncludeExternal lets the plan raise indicators scored by other
	// agencies (--include-external).
	IncludeExternal bool
	Output          string
	Force           bool
}

func newPlanCmd(s *streams, runF func(*planOptions) error) *cobra.Command {
	opts := &planOptions{input: scoreOptions{io: s}}
	cmd := &cobra.Command{
		Use:   "plan <workbook> --target <index|predicate>",
		Short: "Find the fewest level steps (or the least cost) that reach a target index or predicate",
		Long: `Finds the plan with the fewest level steps that reaches the target: a published
index (4.2, 4,74) or a predicate (Memuaskan, "Sangat Baik"), judged the way the
rubric judges predicates. A step is one level on one indicator. With --costs or
--cost-col the plan minimises the total cost instead (exactly, by dynamic
programming); a cost may be given per indicator ("21": 5) or per level step
("21": [1, 1, 2, 5] for 1→2, 2→3, 3→4, 4→5; or one --cost-col per step).

--budget X instead of --target finds the highest index that X buys, and the
cheapest plan for it, with what is left of the money (without costs, X is a
number of steps).

Indicators scored by another agency (in Indeks Pemdi: 3.1 Tata Kelola Data,
3.2, 3.3 and 6.4) are kept as they are, since the instansi cannot raise them
by its own work; --include-external lets the plan raise them.

The output shows the index and predicate now, after the plan (with the exact
index when the published one rounds it; a target met only by rounding half-up
is said to have no margin) and at the most that the constraints allow, then
the steps grouped by aspect. A target out of reach under the constraints is a
failed gate: the plan to the maximum is printed and spbe exits 1.

On a butir list (evidence items with the assessor's status, see docs/butir.md)
the plan says which butir to get accepted: the fewest (or, with costs per butir
from the list's cost column or --costs, the cheapest) that reach the target,
lower levels first; with --budget, the highest index the budget buys and the
money left. Values from butir are a simulation (simulasi dari butir).

The workbook is read as spbe score reads it; from a wide workbook (a row per
instansi) or one with a sheet per instansi, --instansi NAME chooses the
instansi.`,
		Example: `  $ spbe plan kaltim.xlsx --target Memuaskan
  $ spbe plan kaltim.xlsx --target 3.9 --max-level 4 --fixed 45,46,47
  $ spbe plan kab.xlsx --target Baik --costs costs.yaml --format json
  $ spbe plan kaltim.xlsx --budget 10
  $ spbe plan nasional.xlsx --instansi "Pemkot Satu" --target Baik
  $ spbe plan butir.csv --assume-external --target Baik
  $ spbe plan butir.csv --assume-external --budget 10 --costs biaya.yaml`,
		Args:              usageArgs(exactArgs(1)),
		ValidArgsFunction: completeWorkbooks,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.input.Paths = args
			if runF != nil {
				return runF(opts)
			}
			return runPlan(opts)
		},
	}
	addInputFlags(cmd, &opts.input)
	f := cmd.Flags()
	addFormatFlag(cmd, &opts.input.Format, "text", textout.PlanFormats)
	f.StringVarP(&opts.Target, "target", "t", "", "index (4.2) or predicate (Memuaskan) to reach (required)")
	f.StringVar(&opts.MaxLevel, "max-level", "", "the highest level the plan may assume on any indicator (e.g. 4)")
	f.StringVar(&opts.Fixed, "fixed", "", "indicators that may not change, by id or code: 45,46,47, 29..31 or 3.1..3.3")
	f.StringVarP(&opts.Output, "output", "o", "", "also write the plan as an Excel workbook with a chart of the aspects before and after; - writes it to stdout instead")
	addForceFlag(cmd, &opts.Force)
	f.StringArrayVar(&opts.CostCols, "cost-col", nil, "column of the workbook with the cost of one level step per indicator: header text or letter; repeated, one column per step of the scale (1→2, 2→3, 3→4, 4→5)")
	f.StringVar(&opts.Costs, "costs", "", `YAML file of the cost of one level step per indicator ("21": 5), or of each step ("21": [1, 1, 2, 5])`)
	f.StringVar(&opts.Budget, "budget", "", "instead of --target: the highest index this budget buys (in the unit of the costs; without costs, a number of steps)")
	f.BoolVar(&opts.IncludeExternal, "include-external", false, "let the plan raise indicators scored by other agencies (Pemdi's 3.1 Tata Kelola Data, ...); by default they are kept as they are")
	_ = cmd.RegisterFlagCompletionFunc("target", completePredicate(&opts.input.readFlags))
	_ = cmd.RegisterFlagCompletionFunc("costs", completeYAML)
	for _, name := range []string{"max-level", "fixed", "cost-col", "budget"} {
		_ = cmd.RegisterFlagCompletionFunc(name, cobra.NoFileCompletions)
	}
	return cmd
}

func runPlan(opts *planOptions) error {
	in := &opts.input
	rend, err := textout.PlanFormats.Lookup(in.Format)
	if err != nil {
		return err
	}
	switch {
	case opts.Target == "" && opts.Budget == "":
		return usagef("--target is required (an index such as 4.2 or a predicate such as Memuaskan), or --budget")
	case opts.Target != "" && opts.Budget != "":
		return usagef("--target and --budget: give one of them (--budget finds the highest index the budget buys)")
	}
	inputs := []string{in.Paths[0]}
	if opts.Costs != "" {
		inputs = append(inputs, opts.Costs)
	}
	if src := excelout.RubricSource(in.Rubric); src != excelout.Embedded {
		inputs = append(inputs, src)
	}
	save := saveOptions(in.io, opts.Force, true, inputs)
	if opts.Output != "" {
		if err := checkWorkbookOutput(opts.Output, save, textout.PlanFormats.Names()); err != nil {
			return err // before any work
		}
	}
	r, e, levels, err := readOne(in)
	if err != nil {
		return err
	}
	if e.Simulated() {
		return runButirPlan(opts, r, e, levels, save)
	}
	po, err := planConstraints(opts, r, e.Sheet)
	if err != nil {
		return err
	}
	pl, err := makePlan(opts, r, levels, po)
	if err != nil {
		return err
	}
	costs := opts.Costs != "" || len(opts.CostCols) > 0
	if opts.Output != "" {
		if err := excelout.WritePlan(opts.Output, e, pl, in.Lang.String(), costs, save); err != nil {
			return err
		}
		wrote(in.io, opts.Output, msg.Word("the plan workbook"), msg.Sprintf(msgLang(in.io), "%d %s", pl.TotalSteps, msg.Plural(pl.TotalSteps, "step", "steps")))
		if opts.Output == outfile.Stdout {
			return unreached(msgLang(in.io), pl) // stdout holds the workbook
		}
	}
	if err := rend(in.io.Out, e, pl, textout.Options{Lang: in.Lang.String(), Costs: costs}); err != nil {
		return err
	}
	return unreached(msgLang(in.io), pl)
}

// makePlan is the plan the flags ask for: the cheapest to --target, or
// the most --budget buys.
func makePlan(opts *planOptions, r *rubric.Rubric, levels index.Levels, po plan.Options) (*plan.Plan, error) {
	if opts.Budget != "" {
		budget, err := plan.ParseCost(opts.Budget)
		if err != nil {
			return nil, usagef("--budget: %v", err)
		}
		return plan.Budget(r, levels, budget, po)
	}
	t, err := plan.ParseTarget(r, opts.Target)
	if err != nil {
		return nil, usagef("--target: %v", err)
	}
	return plan.Make(r, levels, t, po)
}

// planConstraints are the plan's options from --include-external,
// --max-level, --fixed and the costs (--costs or --cost-col, read from
// sheet, where the levels came from).
func planConstraints(opts *planOptions, r *rubric.Rubric, sheet string) (plan.Options, error) {
	po := plan.Options{IncludeExternal: opts.IncludeExternal}
	if opts.MaxLevel != "" {
		d, err := rubric.ParseDecimal(opts.MaxLevel)
		if err != nil {
			return po, usagef("--max-level: %v", err)
		}
		po.MaxLevel = &d
	}
	if opts.Fixed != "" {
		ids, err := plan.ParseIndicators(r, opts.Fixed)
		if err != nil {
			return po, usagef("--fixed: %v", err)
		}
		po.Fixed = ids
	}
	switch {
	case opts.Costs != "" && len(opts.CostCols) > 0:
		return po, usagef("--costs and --cost-col: give one of them")
	case opts.Costs != "":
		data, err := os.ReadFile(opts.Costs)
		if err != nil {
			return po, fmt.Errorf("--costs: %w", err)
		}
		c, err := plan.ParseCosts(r, opts.Costs, data)
		if err != nil {
			return po, err
		}
		c.Apply(&po)
	case len(opts.CostCols) > 0:
		c, err := costsFromColumns(&opts.input, r, sheet, opts.CostCols)
		if err != nil {
			return po, err
		}
		c.Apply(&po)
	}
	return po, nil
}

// unreached is the failed gate of a plan whose target is out of reach
// under its constraints: exit 1, as --fail-under, after the plan to the
// maximum has been written. It is in lang, the language of messages.
func unreached(lang label.Lang, pl *plan.Plan) error {
	if pl.Reachable {
		return nil
	}
	p := pl.Max.Rubric.Precision
	return gateFailed([]string{msg.Sprintf(lang, "target %s not reached: the most under these constraints is %s",
		targetWords(pl.Target, p, lang), label.Number(pl.Max.Published, p, lang.String()))})
}

// targetWords writes a target for a message: the band's name, or the index.
func targetWords(t plan.Target, p int, lang label.Lang) string {
	if t.Band != nil {
		return label.PredicateName(t.Band, lang.String())
	}
	return label.Number(t.Index, p, lang.String())
}

// costsFromColumns reads the costs of level steps from columns of the
// workbook's table (on the sheet the levels came from), each read like the
// level column: one column is the cost of every step of an indicator, as
// many columns as the steps of the scale (4 on a scale from 1 to 5) are the
// cost of each step, lowest first. Empty cells cost 1, like indicators
// missing from a --costs file; with several columns, a row's cells are
// all empty or all filled.
func costsFromColumns(in *scoreOptions, r *rubric.Rubric, sheet string, cols []string) (plan.Costs, error) {
	cells := map[string][]plan.CostCell{}
	var ids []string
	var src, sh string
	for _, col := range cols {
		o := *in
		o.LevelCol = col
		if sheet != "" {
			o.Sheet = sheet
		}
		s, err := readSheet(&o.readFlags, r, in.Paths[0])
		if err != nil {
			return plan.Costs{}, fmt.Errorf("--cost-col %s: %w", col, err)
		}
		src, sh = s.Source, s.Sheet
		for _, e := range s.Entries {
			if _, ok := cells[e.ID]; !ok {
				ids = append(ids, e.ID)
			}
			cells[e.ID] = append(cells[e.ID], plan.CostCell{Text: e.Raw, Where: e.Cell})
		}
	}
	c, bad, err := plan.CostsFromColumns(r, len(cols), ids, cells)
	if err != nil {
		return c, usagef("--cost-col: %v", err)
	}
	var errs []error
	for _, b := range bad {
		errs = append(errs, &workbook.Error{File: src, Sheet: sh, Cell: b.Where, Err: b.Err})
	}
	return c, errors.Join(errs...)
}
