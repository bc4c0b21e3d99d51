package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/spbe-id/spbe/internal/excelout"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

type planOptions struct {
	input    scoreOptions
	Target   string
	MaxLevel string
	Fixed    string
	Costs    string
	CostCol  string
	Output   string
	Force    bool
}

func newPlanCmd(s *streams, runF func(*planOptions) error) *cobra.Command {
	opts := &planOptions{input: scoreOptions{io: s}}
	cmd := &cobra.Command{
		Use:   "plan <workbook> --target <index|predicate>",
		Short: "Find the fewest level steps (or the least cost) that reach a target index or predicate",
		Long: `Finds the plan with the fewest level steps that reaches the target: a published
index (4.2, 4,74) or a predicate (Memuaskan, "Sangat Baik"), judged the way the
rubric judges predicates. A step is one level on one indicator. With --costs the
plan minimises the total cost instead (exactly, by dynamic programming).

The output shows the index and predicate now, after the plan and at the most
that the constraints allow, then the steps grouped by aspect.

The workbook is read as spbe score reads it; from a wide workbook (a row per
instansi) or one with a sheet per instansi, --instansi NAME chooses the
instansi.`,
		Example: `  $ spbe plan kaltim.xlsx --target Memuaskan
  $ spbe plan kaltim.xlsx --target 4.74 --max-level 4 --fixed 45,46,47
  $ spbe plan kab.xlsx --target Baik --costs costs.yaml --format json
  $ spbe plan nasional.xlsx --instansi "Pemkot Satu" --target Baik`,
		Args:              usageArgs(cobra.ExactArgs(1)),
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
	f.StringVar(&opts.CostCol, "cost-col", "", "column of the workbook with the cost of one level step per indicator: header text or letter")
	f.StringVar(&opts.Costs, "costs", "", `YAML file of the cost of one level step per indicator ("21": 5)`)
	_ = cmd.RegisterFlagCompletionFunc("target", completePredicate)
	_ = cmd.RegisterFlagCompletionFunc("costs", completeYAML)
	for _, name := range []string{"max-level", "fixed", "cost-col"} {
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
	if opts.Target == "" {
		return usagef("--target is required (an index such as 4.2 or a predicate such as Memuaskan)")
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
	t, err := plan.ParseTarget(r, opts.Target)
	if err != nil {
		return usagef("--target: %v", err)
	}
	po := plan.Options{}
	if opts.MaxLevel != "" {
		d, err := rubric.ParseDecimal(opts.MaxLevel)
		if err != nil {
			return usagef("--max-level: %v", err)
		}
		po.MaxLevel = &d
	}
	if opts.Fixed != "" {
		ids, err := plan.ParseIndicators(r, opts.Fixed)
		if err != nil {
			return usagef("--fixed: %v", err)
		}
		po.Fixed = ids
	}
	switch {
	case opts.Costs != "" && opts.CostCol != "":
		return usagef("--costs and --cost-col: give one of them")
	case opts.Costs != "":
		if po.Costs, err = readCosts(r, opts.Costs); err != nil {
			return err
		}
	case opts.CostCol != "":
		if po.Costs, err = costsFromColumn(in, r, e.Sheet, opts.CostCol); err != nil {
			return err
		}
	}
	pl, err := plan.Make(r, levels, t, po)
	if err != nil {
		return err
	}
	if opts.Output != "" {
		if err := excelout.WritePlan(opts.Output, e, pl, in.Lang.String(), po.Costs != nil, save); err != nil {
			return err
		}
		wrote(in.io, opts.Output, "the plan workbook", fmt.Sprintf("%d %s", pl.TotalSteps, plural(pl.TotalSteps, "step", "steps")))
		if opts.Output == outfile.Stdout {
			return nil // stdout holds the workbook
		}
	}
	return rend(in.io.Out, e, pl, textout.Options{Lang: in.Lang.String(), Costs: po.Costs != nil})
}

// costsFromColumn reads the cost of one level step per indicator from a
// column of the workbook's table (on the sheet the levels came from),
// read like the level column. Empty cells cost 1, like indicators missing
// from a --costs file.
func costsFromColumn(in *scoreOptions, r *rubric.Rubric, sheet, col string) (map[string]rubric.Decimal, error) {
	o := *in
	o.LevelCol = col
	if sheet != "" {
		o.Sheet = sheet
	}
	sh, err := readSheet(&o.readFlags, r, in.Paths[0])
	if err != nil {
		return nil, fmt.Errorf("--cost-col: %w", err)
	}
	costs := map[string]rubric.Decimal{}
	var errs []error
	for _, e := range sh.Entries {
		raw := strings.TrimSpace(e.Raw)
		if raw == "" {
			continue
		}
		c, err := rubric.ParseDecimal(strings.ReplaceAll(raw, " ", ""))
		switch {
		case err != nil:
			errs = append(errs, &workbook.Error{File: sh.Source, Sheet: sh.Sheet, Cell: e.Cell, Err: fmt.Errorf("indicator %s: cost %q is not a number", e.ID, raw)})
		case c < 0:
			errs = append(errs, &workbook.Error{File: sh.Source, Sheet: sh.Sheet, Cell: e.Cell, Err: fmt.Errorf("indicator %s: cost %s is negative", e.ID, c)})
		default:
			costs[e.ID] = c
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return costs, nil
}

// readCosts reads a YAML mapping of indicator id to the cost of one step.
func readCosts(r *rubric.Rubric, path string) (map[string]rubric.Decimal, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--costs: %w", err)
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	m := &doc
	if m.Kind == yaml.DocumentNode && len(m.Content) == 1 {
		m = m.Content[0]
	}
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d:%d: want a mapping of indicator id to cost", path, m.Line, m.Column)
	}
	seen := map[string]bool{}
	costs := map[string]rubric.Decimal{}
	var errs []string
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		c, err := rubric.ParseDecimal(v.Value)
		ind, lerr := plan.Lookup(r, k.Value)
		switch {
		case lerr != nil:
			errs = append(errs, fmt.Sprintf("%s:%d:%d: %q is not an indicator of rubric %s", path, k.Line, k.Column, k.Value, r.ID))
		case v.Kind != yaml.ScalarNode || err != nil:
			errs = append(errs, fmt.Sprintf("%s:%d:%d: indicator %s: cost %q is not a number", path, v.Line, v.Column, k.Value, v.Value))
		case c < 0:
			errs = append(errs, fmt.Sprintf("%s:%d:%d: indicator %s: cost %s is negative", path, v.Line, v.Column, k.Value, c))
		case seen[ind.ID]:
			errs = append(errs, fmt.Sprintf("%s:%d:%d: indicator %s has a cost already (by its id or its code)", path, k.Line, k.Column, ind.ID))
		default:
			costs[ind.ID], seen[ind.ID] = c, true
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return costs, nil
}
