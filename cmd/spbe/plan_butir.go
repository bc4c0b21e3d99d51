package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spbe-id/spbe/internal/excelout"
	"github.com/spbe-id/spbe/internal/msg"
	"github.com/spbe-id/spbe/internal/outfile"
	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/textout"
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/index"
	"github.com/spbe-id/spbe/pkg/plan"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// runButirPlan plans by butir: the fewest butir (or the least cost) that
// reach the target, or with --budget the highest index the money buys,
// from an evaluation simulated from a butir list.
func runButirPlan(opts *planOptions, r *rubric.Rubric, e *result.Evaluation, levels index.Levels, save outfile.Options) error {
	in := &opts.input
	rend, err := textout.ButirPlanFormats.Lookup(in.Format)
	if err != nil {
		return err
	}
	sheet := e.Butir.Scored
	var t plan.Target
	if opts.Target != "" {
		if t, err = plan.ParseTarget(r, opts.Target); err != nil {
			return usagef("--target: %v", err)
		}
	}
	o := butir.PlanOptions{}
	if opts.MaxLevel != "" {
		d, err := rubric.ParseDecimal(opts.MaxLevel)
		if err != nil {
			return usagef("--max-level: %v", err)
		}
		o.MaxLevel = &d
	}
	if opts.Fixed != "" {
		if o.Fixed, err = plan.ParseIndicators(r, opts.Fixed); err != nil {
			return usagef("--fixed: %v", err)
		}
	}
	if !opts.IncludeExternal { // as level plans: other agencies score them
		for _, ind := range r.Indicators() {
			if ind.External != nil {
				if o.Fixed == nil {
					o.Fixed = map[string]bool{}
				}
				o.Fixed[ind.ID] = true
			}
		}
	}
	costs := e.Butir.HasCost
	switch {
	case len(opts.CostCols) > 0:
		return usagef("--cost-col: a butir list's costs are its cost column (Biaya, Cost), read by itself, or --costs FILE")
	case opts.Costs != "":
		data, err := os.ReadFile(opts.Costs)
		if err != nil {
			return fmt.Errorf("--costs: %w", err)
		}
		if o.Cost, err = butir.ParseCosts(opts.Costs, data, r, sheet.Items); err != nil {
			return err
		}
		costs = true
	case costs:
		o.Cost = butir.ItemCost
	}
	if opts.Budget != "" {
		b, err := plan.ParseCost(opts.Budget)
		if err != nil {
			return usagef("--budget: %v", err)
		}
		o.Budget = &b
	}
	pl, err := butir.MakePlan(sheet, levels, t, o)
	if err != nil {
		return err
	}
	if opts.Output != "" {
		if err := excelout.WriteButirPlan(opts.Output, e, pl, in.Lang.String(), costs, save); err != nil {
			return err
		}
		wrote(in.io, opts.Output, msg.Word("the plan workbook"), msg.Sprintf(msgLang(in.io), "%d butir", len(pl.Butir)))
		if opts.Output == outfile.Stdout {
			return unreached(msgLang(in.io), &plan.Plan{Target: pl.Target, Reachable: pl.Reachable, Max: pl.Max})
		}
	}
	if err := rend(in.io.Out, e, pl, textout.Options{Lang: in.Lang.String(), Costs: costs}); err != nil {
		return err
	}
	return unreached(msgLang(in.io), &plan.Plan{Target: pl.Target, Reachable: pl.Reachable, Max: pl.Max})
}

// acceptButir returns the levels with the butir of codes accepted
// (whatif --accept): each indicator's value recomputed from its butir. It
// says on stderr which accepted butir still count for nothing.
func acceptButir(in *scoreOptions, e *result.Evaluation, levels index.Levels, accept []string) (index.Levels, error) {
	if !e.Simulated() {
		return nil, usagef("--accept takes butir of a butir list; %s has no butir list read alone (a table of values stands, or there is none)", e.Source)
	}
	var codes []string
	for _, a := range accept {
		codes = append(codes, strings.FieldsFunc(a, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })...)
	}
	sheet := e.Butir.Scored
	// The codes are checked here, in the user's language, before
	// butir.Accept checks them again in English.
	listed, given := map[string]bool{}, map[string]bool{}
	for _, it := range sheet.Items {
		listed[butir.CodeKey(it.Code)] = it.Code != ""
	}
	for _, c := range codes {
		k := butir.CodeKey(c)
		switch {
		case given[k]:
			return nil, usagef("--accept: butir %s is given twice", c)
		case !listed[k]:
			return nil, usagef("--accept: butir %s is not in the list", c)
		}
		given[k] = true
	}
	items, err := butir.Accept(sheet.Items, codes)
	if err != nil {
		return nil, usagef("--accept: %v", err)
	}
	after, err := butir.Score(sheet.Rubric, items)
	if err != nil {
		return nil, err
	}
	out := index.Levels{}
	for k, v := range levels {
		out[k] = v
	}
	for k, v := range after.Levels() {
		out[k] = v
	}
	want := map[string]bool{}
	for _, c := range codes {
		want[butir.CodeKey(c)] = true
	}
	var idle []string
	for _, it := range after.Ignored() {
		if want[butir.CodeKey(it.Code)] {
			idle = append(idle, msg.Sprintf(msgLang(in.io), "%s (indicator %s: level %d is not complete)", it.Code, it.Indicator, after.Of(it.Indicator).Level))
		}
	}
	if len(idle) > 0 {
		fmt.Fprintln(in.io.ErrOut, "spbe: "+msg.Sprintf(msgLang(in.io), "--accept: these butir count for nothing while a level below is incomplete: %s", strings.Join(idle, ", ")))
	}
	return out, nil
}
