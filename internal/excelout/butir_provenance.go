package excelout

import (
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/spbe-id/spbe/internal/result"
	"github.com/spbe-id/spbe/internal/workbook"
	"github.com/spbe-id/spbe/pkg/butir"
	"github.com/spbe-id/spbe/pkg/rubric"
)

// writeButirProvenance records the butir lists of the inputs: a row per
// list (its input, sheet, whether the levels are simulated from it, whether
// it has costs), then a row per butir, so that verify rebuilds the butir
// sheets from the report alone.
func writeButirProvenance(p *result.Provenance, line func(vals ...string)) {
	header := false
	for i, in := range p.Inputs {
		b := in.Butir
		if b == nil {
			continue
		}
		if !header {
			line("record", "butir_list", "input", "sheet", "simulated", "cost")
			line("record", "butir", "input", "code", "indicator", "level", "status", "where", "text", "note", "recommendation", "pj", "file", "cost")
			header = true
		}
		line("butir_list", strconv.Itoa(i+1), b.Sheet, strconv.FormatBool(b.Simulated), strconv.FormatBool(b.HasCost))
		for _, it := range b.Items {
			cost := ""
			if it.Cost != nil {
				cost = it.Cost.String()
			}
			line("butir", strconv.Itoa(i+1), it.Code, it.Indicator, strconv.Itoa(it.Level), it.Status.Name("id"), it.Where,
				it.Text, it.Note, it.Recommendation, it.PJ, it.File, cost)
		}
	}
}

// readButirProvenance reads a row written by writeButirProvenance.
func readButirProvenance(p *result.Provenance, r []string) error {
	get := func(i int) string {
		if i < len(r) {
			return r[i]
		}
		return ""
	}
	k, err := strconv.Atoi(get(1))
	if err != nil || k < 1 || k > len(p.Inputs) {
		return fmt.Errorf("butir of unknown input %q", get(1))
	}
	in := &p.Inputs[k-1]
	if r[0] == "butir_list" {
		in.Butir = &result.ProvenanceButir{Sheet: get(2), Simulated: get(3) == "true", HasCost: get(4) == "true"}
		return nil
	}
	if in.Butir == nil {
		return fmt.Errorf("butir of input %d before its list", k)
	}
	level, err := strconv.Atoi(get(4))
	if err != nil {
		return fmt.Errorf("butir %s: level %q is not a number", get(2), get(4))
	}
	st, err := butir.ParseStatus(get(5))
	if err != nil {
		return fmt.Errorf("butir %s: %v", get(2), err)
	}
	it := &butir.Item{Code: get(2), Indicator: get(3), Level: level, Status: st, Where: get(6),
		Text: get(7), Note: get(8), Recommendation: get(9), PJ: get(10), File: get(11)}
	if c := get(12); c != "" {
		d, err := rubric.ParseDecimal(c)
		if err != nil {
			return fmt.Errorf("butir %s: cost %q: %v", get(2), c, err)
		}
		it.Cost = &d
	}
	in.Butir.Items = append(in.Butir.Items, it)
	return nil
}

// recordedButir rebuilds the butir of a recorded evaluation for the report
// (nil without a list), the values the butir give for a table that stands
// compared again; for a simulated evaluation a level of the record that
// the butir do not give is a difference.
func recordedButir(r *rubric.Rubric, in result.ProvenanceInput, levels map[string]rubric.Level, diffs *[]Diff) (*result.Butir, error) {
	pb := in.Butir
	if pb == nil {
		return nil, nil
	}
	sheet, err := butir.Score(r, pb.Items)
	if err != nil {
		return nil, fmt.Errorf("recorded butir of %s: %w", in.Path, err)
	}
	b := &result.Butir{Source: in.Path, Sheet: pb.Sheet, Scored: sheet, Simulated: pb.Simulated, HasCost: pb.HasCost}
	for _, ind := range r.Indicators() {
		pr := sheet.Of(ind.ID)
		if pr == nil {
			continue
		}
		switch {
		case pb.Simulated && pr.Rounded != levels[ind.ID]:
			*diffs = append(*diffs, Diff{Where: fmt.Sprintf("input %s: indicator %s level from its butir", in.Path, ind.ID),
				Report: levels[ind.ID].String(), Recomputed: pr.Rounded.String()})
		case !pb.Simulated && pr.Rounded != levels[ind.ID]:
			b.Differ = append(b.Differ, result.ButirDiff{Indicator: ind, Table: levels[ind.ID], Butir: pr.Rounded})
		}
	}
	return b, nil
}

// checkButirInput re-reads a butir list recorded in a report and compares
// each butir's status, and the values the butir give, with the record.
func checkButirInput(path string, in result.ProvenanceInput, p *result.Provenance, r *rubric.Rubric) ([]Diff, error) {
	var list *workbook.ButirList
	opts := workbook.Options{Sheet: in.Butir.Sheet, LevelCol: p.LevelCol}
	err := workbook.Read(path, opts, workbook.Visitor{Butir: func(b *workbook.ButirList, err error) error {
		if list == nil {
			list = b
			return err
		}
		return nil
	}})
	if err != nil {
		return nil, err
	}
	if list == nil {
		return []Diff{{Where: "input " + path, Report: "a butir list", Recomputed: "no butir list"}}, nil
	}
	items, err := list.Items(r)
	if err != nil {
		return nil, err
	}
	var diffs []Diff
	base := filepath.Base(path)
	for _, ch := range butir.Diff(in.Butir.Items, items) {
		it := ch.Item()
		old, now := "(none)", "(none)"
		if ch.Old != nil {
			old = ch.Old.Status.Name("en")
		}
		if ch.New != nil {
			now = ch.New.Status.Name("en")
		}
		diffs = append(diffs, Diff{Where: fmt.Sprintf("input %s: butir %s status", base, it.Name()), Report: old, Recomputed: now})
	}
	sheet, err := butir.Score(r, items)
	if err != nil {
		return nil, err
	}
	for _, l := range in.Levels {
		if pr := sheet.Of(l.ID); pr != nil && pr.Rounded != l.Level {
			diffs = append(diffs, Diff{Where: fmt.Sprintf("input %s: indicator %s level from its butir", base, l.ID), Report: l.Level.String(), Recomputed: pr.Rounded.String()})
		}
	}
	return diffs, nil
}
